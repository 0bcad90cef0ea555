--TEST--
Pods with different minCompressedBytes (A 0: zstd, marker 0x01; B 1024: raw, marker 0x00) write different bytes for the same content address; each serves the other's record from its own file, in both directions, without a 'corrupt' or 'broken' miss and without touching the record
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dirA = cf_tmpdir('podA');
$dirB = cf_tmpdir('podB');
$a = cf_pod($meta, $dirA, ['minCompressedBytes' => 0]);
$b = cf_pod($meta, $dirB, ['minCompressedBytes' => 1024]);
$payload = substr(str_repeat('a 500-byte payload, compressible; ', 20), 0, 500);
echo 'payload length: ', strlen($payload), "\n";

$a->set('e', $payload);
$recA = cf_record($meta, 'e');
echo 'B before its own set: '; var_dump($b->get('e'));
echo 'B blob_miss_total: ', $b->getStatistics()['blob_miss_total'], "\n";
$b->set('e', $payload); // same content address: the repair path, the record now names B's bytes
$recB = cf_record($meta, 'e');
echo 'B took the repair path: ', $b->getStatistics()['repair_success_total'], "\n";

$fileA = cf_payload_path($meta, $dirA, 'e');
$fileB = cf_payload_path($meta, $dirB, 'e');
$bytesA = file_get_contents($fileA);
$bytesB = file_get_contents($fileB);
printf("A marker 0x%02x, B marker 0x%02x, B file is marker + raw: %s\n", ord($bytesA[0]), ord($bytesB[0]), var_export($bytesB === "\0" . $payload, true));
echo 'same hash: ', var_export($recA['hash'] === $recB['hash'] && $recB['hash'] === 'sha256:' . cf_expected_hash($payload), true), "\n";
echo 'record names B\'s bytes: ', var_export($recB['checksum'] === 'sha256:' . hash('sha256', $bytesB) && $recB['payloadSize'] === strlen($bytesB)
    && $recB['checksum'] !== $recA['checksum'] && $recB['payloadSize'] !== $recA['payloadSize'], true), "\n";

for ($request = 1; $request <= 2; $request++) {
    $a->reset();
    $b->reset();
    echo "request $request: A ", var_export($a->get('e') === $payload, true), ', B ', var_export($b->get('e') === $payload, true), "\n";
}
echo 'record untouched: ', var_export(cf_record($meta, 'e') === $recB, true), ', state: ', cf_record($meta, 'e')['state'], "\n";

// the other way round: A writes last, B serves A's record from its raw file
$a->set('e', $payload);
$recA2 = cf_record($meta, 'e');
echo 'record names A\'s bytes again: ', var_export($recA2['checksum'] === $recA['checksum'] && $recA2['payloadSize'] === $recA['payloadSize'], true), "\n";
$a->reset();
$b->reset();
echo 'request 3: A ', var_export($a->get('e') === $payload, true), ', B ', var_export($b->get('e') === $payload, true), "\n";
echo 'record untouched: ', var_export(cf_record($meta, 'e') === $recA2, true), ', state: ', cf_record($meta, 'e')['state'], "\n";
clearstatcache();
echo 'files kept: ', var_export(file_get_contents($fileA) === $bytesA && file_get_contents($fileB) === $bytesB, true), "\n";

foreach (['A' => $a, 'B' => $b] as $name => $pod) {
    $s = $pod->getStatistics();
    echo "$name: local hits ", $s['local_payload_hit_total'], ', misses ', json_encode($s['cache_miss_total']), ', blob misses ', $s['blob_miss_total'],
        ', decode errors ', $s['decode_error_total'], "\n";
}
?>
--EXPECT--
payload length: 500
B before its own set: bool(false)
B blob_miss_total: 1
B took the repair path: 1
A marker 0x01, B marker 0x00, B file is marker + raw: true
same hash: true
record names B's bytes: true
request 1: A true, B true
request 2: A true, B true
record untouched: true, state: valid
record names A's bytes again: true
request 3: A true, B true
record untouched: true, state: valid
files kept: true
A: local hits 3, misses {"metadata-error":0,"no-metadata":0,"broken":0,"corrupt":0,"expired":0}, blob misses 0, decode errors 0
B: local hits 3, misses {"metadata-error":0,"no-metadata":0,"broken":0,"corrupt":0,"expired":0}, blob misses 1, decode errors 0
