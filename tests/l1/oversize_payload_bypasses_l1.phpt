--TEST--
A payload larger than payloadL1MaxBytes bypasses the payload L1 (on set and on get) without evicting the others
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta, null, ['payloadL1MaxBytes' => 100]);
$b->set('small', str_repeat('s', 50));
$b->set('big', str_repeat('B', 101));
$s = $b->getStatistics();
echo "after set: ", $s['payload_l1_entries'], " / ", $s['payload_l1_bytes'], " bytes\n";
$meta->backend->calls = [];
echo strlen($b->get('big')), ' ', strlen($b->get('big')), ' ', strlen($b->get('small')), "\n";
echo "calls: ", json_encode($meta->backend->calls), "\n";
$s = $b->getStatistics();
echo "l1 hits ", $s['cache_l1_hit_total'], ", disk hits ", $s['cache_hit_total'], ", entries ", $s['payload_l1_entries'], "\n";
?>
--EXPECT--
after set: 1 / 50 bytes
101 101 50
calls: ["get"]
l1 hits 1, disk hits 2, entries 1
