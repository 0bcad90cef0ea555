--TEST--
payloadL1MaxEntries caps the payload L1; the least recently used entry is evicted (a get() hit refreshes an entry)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$w = cf_pod($meta, $dir);
foreach (['a', 'b', 'c', 'd'] as $id) {
    $w->set($id, "value $id");
}
$b = cf_pod($meta, $dir, ['payloadL1MaxEntries' => 3]);
$b->get('a');
$b->get('b');
$b->get('c');
$b->get('a'); // refresh a: b is now the least recently used
$b->get('d'); // evicts b
echo "entries: ", $b->getStatistics()['payload_l1_entries'], "\n";
foreach (['a', 'c', 'd', 'b'] as $id) {
    $before = $b->getStatistics()['local_payload_hit_total'];
    $b->get($id);
    echo "$id: ", $b->getStatistics()['local_payload_hit_total'] > $before ? 'disk' : 'L1', "\n";
}
?>
--EXPECT--
entries: 3
a: L1
c: L1
d: L1
b: disk
