--TEST--
payloadL1MaxEntries = 0 disables the payload L1: every get() (also right after set()) reads the disk; the record comes from the metadata store once, then from the metadata L1
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta, null, ['payloadL1MaxEntries' => 0]);
$b->set('e', 'payload');
$meta->backend->calls = [];
var_dump($b->get('e'), $b->get('e'));
echo "calls: ", json_encode($meta->backend->calls), "\n";
$s = $b->getStatistics();
echo "disk hits ", $s['cache_hit_total'], ", l1 hits ", $s['cache_l1_hit_total'], ", l1 entries ", $s['payload_l1_entries'], "\n";
?>
--EXPECT--
string(7) "payload"
string(7) "payload"
calls: ["get"]
disk hits 2, l1 hits 0, l1 entries 0
