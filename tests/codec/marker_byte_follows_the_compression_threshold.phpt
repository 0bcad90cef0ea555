--TEST--
Payloads shorter than minCompressedBytes are stored with marker 0x00 and raw; at the threshold they get the codec's marker (default 1024: 1023 raw, 1024 zstd)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir);

foreach ([0, 1, 1023, 1024, 5000] as $n) {
    $payload = str_repeat('a', $n);
    $b->set("p$n", $payload);
    $file = file_get_contents(cf_payload_path($meta, $dir, "p$n"));
    printf("%5d bytes: marker %s, raw body %s, record compression %s\n", $n, bin2hex($file[0]),
        var_export(substr($file, 1) === $payload, true), cf_record($meta, "p$n")['compression']);
}

$b = cf_pod($meta, $dir, ['minCompressedBytes' => 100, 'compression' => 'gzip'], 'other');
foreach ([99, 100] as $n) {
    $b->set("p$n", str_repeat('b', $n));
    printf("threshold 100, %d bytes: marker %s\n", $n, bin2hex(file_get_contents(cf_payload_path($meta, $dir, "p$n", 'other'))[0]));
}
?>
--EXPECT--
    0 bytes: marker 00, raw body true, record compression zstd
    1 bytes: marker 00, raw body true, record compression zstd
 1023 bytes: marker 00, raw body true, record compression zstd
 1024 bytes: marker 01, raw body false, record compression zstd
 5000 bytes: marker 01, raw body false, record compression zstd
threshold 100, 99 bytes: marker 00
threshold 100, 100 bytes: marker 02
