--TEST--
payloadL1MaxBytes is a byte budget: adding an entry evicts least recently used entries until the total fits
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta, null, ['payloadL1MaxBytes' => 100]);
$b->set('a', str_repeat('a', 40));
$b->set('b', str_repeat('b', 40));
$s = $b->getStatistics();
echo "two entries: ", $s['payload_l1_entries'], " / ", $s['payload_l1_bytes'], " bytes\n";
$b->set('c', str_repeat('c', 40)); // 120 > 100: a goes
$s = $b->getStatistics();
echo "after c: ", $s['payload_l1_entries'], " / ", $s['payload_l1_bytes'], " bytes\n";
$b->set('d', str_repeat('d', 100)); // exactly the budget: everything else goes
$s = $b->getStatistics();
echo "after d: ", $s['payload_l1_entries'], " / ", $s['payload_l1_bytes'], " bytes\n";
foreach (['d', 'a', 'b'] as $id) { // d first: later misses refill the L1
    $meta->backend->calls = [];
    $b->get($id);
    echo "$id: ", $meta->backend->calls ? 'store' : 'L1', "\n";
}
?>
--EXPECT--
two entries: 2 / 80 bytes
after c: 2 / 80 bytes
after d: 1 / 100 bytes
d: L1
a: store
b: store
