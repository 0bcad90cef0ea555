--TEST--
set() puts the raw data into the payload L1: a get() right after needs no metadata call
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
$b->set('e', "raw \0 bytes ");
$meta->backend->calls = [];
echo json_encode(bin2hex($b->get('e'))), "\n";
echo "calls: ", json_encode($meta->backend->calls), ", l1 hits: ", $b->getStatistics()['cache_l1_hit_total'], "\n";
?>
--EXPECT--
"726177200020627974657320"
calls: [], l1 hits: 1
