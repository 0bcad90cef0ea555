--TEST--
A raw DEFLATE body inflating to 64 MiB is a miss (decode_error_total, entry stays valid) and inflation stops at maxPayloadBytes: memory stays bounded
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

// gzdeflate(str_repeat("\0", 64 << 20)) without ever holding 64 MiB: stream it in 1 MiB steps
$ctx = deflate_init(ZLIB_ENCODING_RAW, ['level' => 9]);
$chunk = str_repeat("\0", 1 << 20);
$bomb = '';
for ($i = 0; $i < 64; $i++) {
    $bomb .= deflate_add($ctx, $chunk, ZLIB_NO_FLUSH);
}
$bomb .= deflate_add($ctx, '', ZLIB_FINISH);
unset($chunk, $ctx);
$inf = inflate_init(ZLIB_ENCODING_RAW);
$total = 0;
foreach (str_split($bomb, 64) as $piece) {
    $total += strlen(inflate_add($inf, $piece, ZLIB_SYNC_FLUSH));
}
unset($inf);
echo 'bomb is small: ', var_export(strlen($bomb) < 100000, true), "\n";
echo 'bomb inflates to 64 MiB: ', var_export($total === 64 << 20, true), "\n";

foreach ([1048576, 10485760] as $cap) {
    $meta = new FakeMetaFrontend();
    $dir = cf_tmpdir();
    $b = cf_pod($meta, $dir, ['compression' => 'gzip', 'maxPayloadBytes' => $cap, 'payloadL1MaxEntries' => 0]);
    $b->set('e', 'placeholder');
    $path = cf_plant($meta, $dir, 'e', "\x02" . $bomb);
    memory_reset_peak_usage();
    $before = memory_get_usage();
    $got = $b->get('e');
    $grew = memory_get_peak_usage() - $before;
    $s = $b->getStatistics();
    printf("cap %d: get %s, peak growth under %d MiB %s, decode errors %d, broken %d, state %s, file kept %s\n", $cap,
        var_export($got, true), 2 * $cap / 1048576 + 4, var_export($grew < 2 * $cap + (4 << 20), true),
        $s['decode_error_total'], $s['cache_miss_total']['broken'], cf_record($meta, 'e')['state'], var_export(is_file($path), true));
}
?>
--EXPECT--
bomb is small: true
bomb inflates to 64 MiB: true
cap 1048576: get false, peak growth under 6 MiB true, decode errors 1, broken 0, state valid, file kept true
cap 10485760: get false, peak growth under 24 MiB true, decode errors 1, broken 0, state valid, file kept true
