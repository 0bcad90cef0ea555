--TEST--
flushByTag() invalidates exactly the entries carrying the tag, on every pod; other entries survive
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$a = cf_pod($meta, $dir);
$a->set('page_42', 'p42', ['pageId_42', 'site_1']);
$a->set('page_7', 'p7', ['pageId_7', 'site_1']);
$a->set('untagged', 'u');
$b = cf_pod($meta, $dir);
$b->flushByTag('pageId_42');
foreach (['page_42', 'page_7', 'untagged'] as $id) {
    // a fresh pod on the same disk (no L1) and the flushing pod
    printf("%-8s fresh get %s, b has %s\n", $id, json_encode(cf_pod($meta, $dir)->get($id)), json_encode($b->has($id)));
}
echo "flushes: ", json_encode($b->getStatistics()['cache_flush_total']), "\n";
$b->flushByTag('site_1');
echo "after site_1: ", json_encode(array_keys($meta->backend->entries)), "\n";
?>
--EXPECT--
page_42  fresh get false, b has false
page_7   fresh get "p7", b has true
untagged fresh get "u", b has true
flushes: {"full":0,"tag":1}
after site_1: ["pages__untagged"]
