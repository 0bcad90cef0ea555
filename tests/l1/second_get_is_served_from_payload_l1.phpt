--TEST--
A second get() in the same request is served from the payload L1: cache_l1_hit_total counts it and the metadata store is not asked
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
cf_pod($meta, $dir)->set('e', 'payload');
$b = cf_pod($meta, $dir);
$meta->backend->calls = [];
var_dump($b->get('e'));
echo "calls after first get: ", json_encode($meta->backend->calls), "\n";
var_dump($b->get('e'), $b->get('e'));
echo "calls after three: ", json_encode($meta->backend->calls), "\n";
$s = $b->getStatistics();
echo "disk hits ", $s['cache_hit_total'], ", l1 hits ", $s['cache_l1_hit_total'], ", l1 entries ", $s['payload_l1_entries'], ", l1 bytes ", $s['payload_l1_bytes'], "\n";
?>
--EXPECT--
string(7) "payload"
calls after first get: ["get"]
string(7) "payload"
string(7) "payload"
calls after three: ["get"]
disk hits 1, l1 hits 2, l1 entries 1, l1 bytes 7
