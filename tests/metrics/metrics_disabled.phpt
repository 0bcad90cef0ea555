--TEST--
ClusterFile\metrics(): clusterfile.metrics=0 maps no segment; the function answers a comment, counting still works per object
--EXTENSIONS--
clusterfile
--INI--
clusterfile.metrics=0
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';
$b = cf_pod(new FakeMetaFrontend());
$b->set('k', 'v');
echo ClusterFile\metrics();
echo $b->getStatistics()['cache_write_total'], "\n";
?>
--EXPECT--
# clusterfile metrics are off (clusterfile.metrics=0 or no segment)
1
