--TEST--
The marker byte follows the compression option: none -> 0x00, zstd -> 0x01, gzip -> 0x02, true -> zstd, true + compressionCodec gzip -> 0x02, false -> 0x00
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$payload = str_repeat('compressible ', 400); // 5200 bytes
$cases = [
    'none' => ['compression' => 'none'],
    'zstd' => ['compression' => 'zstd'],
    'gzip' => ['compression' => 'gzip'],
    'true' => ['compression' => true],
    'true+gzip' => ['compression' => true, 'compressionCodec' => 'gzip'],
    'true+zstd' => ['compression' => true, 'compressionCodec' => 'zstd'],
    'false' => ['compression' => false],
    'default' => [],
];
foreach ($cases as $label => $opts) {
    $meta = new FakeMetaFrontend();
    $dir = cf_tmpdir();
    $b = cf_pod($meta, $dir, $opts + ['payloadL1MaxEntries' => 0]);
    $b->set('e', $payload);
    $file = file_get_contents(cf_payload_path($meta, $dir, 'e'));
    $rec = cf_record($meta, 'e');
    printf("%-10s marker %s, record %s, hash over %s: %s, size %s, round trip %s\n", $label, bin2hex($file[0]), $rec['compression'],
        $rec['compression'], var_export($rec['hash'] === 'sha256:' . cf_expected_hash($payload, $rec['compression']), true),
        strlen($file) < strlen($payload) ? 'smaller' : 'raw+1', var_export($b->get('e') === $payload, true));
}
?>
--EXPECT--
none       marker 00, record none, hash over none: true, size raw+1, round trip true
zstd       marker 01, record zstd, hash over zstd: true, size smaller, round trip true
gzip       marker 02, record gzip, hash over gzip: true, size smaller, round trip true
true       marker 01, record zstd, hash over zstd: true, size smaller, round trip true
true+gzip  marker 02, record gzip, hash over gzip: true, size smaller, round trip true
true+zstd  marker 01, record zstd, hash over zstd: true, size smaller, round trip true
false      marker 00, record none, hash over none: true, size raw+1, round trip true
default    marker 01, record zstd, hash over zstd: true, size smaller, round trip true
