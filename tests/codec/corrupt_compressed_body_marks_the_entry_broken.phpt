--TEST--
A checksum-consistent file whose compressed body cannot be decoded (garbage, truncated, trailing bytes, zstd frame without content size) is a miss and marks the entry Broken
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$payload = str_repeat('abcdefgh', 512);
$deflate = gzdeflate($payload, 6);
$meta0 = new FakeMetaFrontend();
$dir0 = cf_tmpdir();
$z = cf_pod($meta0, $dir0, ['compression' => 'zstd']);
$z->set('src', $payload);
$zframe = substr(file_get_contents(cf_payload_path($meta0, $dir0, 'src')), 1);

$cases = [
    'zstd garbage' => "\x01" . random_bytes(200),
    'zstd truncated frame' => "\x01" . substr($zframe, 0, -3),
    'zstd frame + trailing byte' => "\x01" . $zframe . "\x00",
    // magic, descriptor 0x00 (no content size), window descriptor, one raw last block "hello"
    'zstd frame without content size' => "\x01" . "\x28\xb5\x2f\xfd\x00\x00\x29\x00\x00hello",
    'deflate garbage' => "\x02" . "\xff\xff\xff\xff" . random_bytes(100),
    'deflate truncated' => "\x02" . substr($deflate, 0, (int) (strlen($deflate) / 2)),
    'deflate + trailing bytes' => "\x02" . $deflate . 'tail',
];
foreach ($cases as $label => $bytes) {
    $meta = new FakeMetaFrontend();
    $dir = cf_tmpdir();
    $b = cf_pod($meta, $dir, ['payloadL1MaxEntries' => 0]);
    $b->set('e', $payload);
    $path = cf_plant($meta, $dir, 'e', $bytes);
    $got = $b->get('e');
    $s = $b->getStatistics();
    printf("%-32s get %s, state %s, file removed %s, broken %d, decode errors %d\n", $label, var_export($got, true),
        cf_record($meta, 'e')['state'], var_export(!file_exists($path), true), $s['cache_miss_total']['broken'], $s['decode_error_total']);
}
?>
--EXPECT--
zstd garbage                     get false, state broken, file removed true, broken 1, decode errors 0
zstd truncated frame             get false, state broken, file removed true, broken 1, decode errors 0
zstd frame + trailing byte       get false, state broken, file removed true, broken 1, decode errors 0
zstd frame without content size  get false, state broken, file removed true, broken 1, decode errors 0
deflate garbage                  get false, state broken, file removed true, broken 1, decode errors 0
deflate truncated                get false, state broken, file removed true, broken 1, decode errors 0
deflate + trailing bytes         get false, state broken, file removed true, broken 1, decode errors 0
