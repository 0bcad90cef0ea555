--TEST--
flushByTags([]) makes no metadata call, counts nothing and keeps every entry
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
$b->set('e', 'v', ['t']);
$meta->backend->calls = [];
$b->flushByTags([]);
echo "calls: ", json_encode($meta->backend->calls), "\n";
echo "flushes: ", json_encode($b->getStatistics()['cache_flush_total']), "\n";
var_dump($b->has('e'));
?>
--EXPECT--
calls: []
flushes: {"full":0,"tag":0}
bool(true)
