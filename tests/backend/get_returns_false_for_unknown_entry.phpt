--TEST--
get() of an entry that was never stored returns false and counts a no-metadata miss
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$b = cf_pod(new FakeMetaFrontend());
var_dump($b->get('unknown'));
echo json_encode($b->getStatistics()['cache_miss_total']), "\n";
?>
--EXPECT--
bool(false)
{"metadata-error":0,"no-metadata":1,"broken":0,"corrupt":0,"expired":0}
