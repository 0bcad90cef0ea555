--TEST--
flushByTag() on pod A invalidates exactly the entries carrying the tag on pod B; the others keep hitting
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$a = cf_pod($meta, null, ['payloadL1MaxEntries' => 0]);
$b = cf_pod($meta, null, ['payloadL1MaxEntries' => 0]);
$entries = ['page_42' => ['pageId_42', 'site_1'], 'page_7' => ['pageId_7', 'site_1'], 'menu' => ['pageId_42'], 'untagged' => []];
foreach ($entries as $id => $tags) {
    $a->set($id, "content of $id", $tags);
    $b->set($id, "content of $id", $tags); // repair path: B materialises the same files
}
$a->flushByTag('pageId_42');
$b->reset();
foreach (array_keys($entries) as $id) {
    printf("B %-8s get %s, has %s\n", $id, var_export($b->get($id), true), var_export($b->has($id), true));
}
$a->flushByTags(['site_1', 'unknown_tag']);
$b->reset();
foreach (array_keys($entries) as $id) {
    printf("after site_1: B %-8s %s\n", $id, var_export($b->get($id), true));
}
?>
--EXPECT--
B page_42  get false, has false
B page_7   get 'content of page_7', has true
B menu     get false, has false
B untagged get 'content of untagged', has true
after site_1: B page_42  false
after site_1: B page_7   false
after site_1: B menu     false
after site_1: B untagged 'content of untagged'
