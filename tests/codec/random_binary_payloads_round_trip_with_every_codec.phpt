--TEST--
Random binary payloads from 0 bytes to 200 KB round-trip through disk with every codec (none, gzip, zstd), compressible ones too
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$sizes = [0, 1, 2, 255, 1023, 1024, 1025, 4096, 65535, 65536, 65537, 131072, 200 * 1024];
foreach (['none', 'gzip', 'zstd'] as $codec) {
    $meta = new FakeMetaFrontend();
    $dir = cf_tmpdir();
    // no payload L1: every get() reads and decodes the file
    $b = cf_pod($meta, $dir, ['compression' => $codec, 'payloadL1MaxEntries' => 0]);
    $ok = 0;
    $markers = [];
    foreach ($sizes as $i => $n) {
        foreach (['random' => $n ? random_bytes($n) : '', 'compressible' => substr(str_repeat("\0\xff" . chr($i) . 'abc', $n), 0, $n)] as $kind => $payload) {
            $id = "$kind-$n";
            $b->set($id, $payload);
            $markers[bin2hex(file_get_contents(cf_payload_path($meta, $dir, $id))[0])] = true;
            if ($b->get($id) === $payload) {
                $ok++;
            } else {
                echo "MISMATCH $codec $id\n";
            }
        }
    }
    ksort($markers);
    $s = $b->getStatistics();
    printf("%s: %d/%d round trips, markers %s, disk hits %d, l1 hits %d, decode errors %d\n", $codec, $ok, 2 * count($sizes),
        implode(',', array_keys($markers)), $s['cache_hit_total'], $s['cache_l1_hit_total'], $s['decode_error_total']);
}
?>
--EXPECT--
none: 26/26 round trips, markers 00, disk hits 26, l1 hits 0, decode errors 0
gzip: 26/26 round trips, markers 00,02, disk hits 26, l1 hits 0, decode errors 0
zstd: 26/26 round trips, markers 00,01, disk hits 26, l1 hits 0, decode errors 0
