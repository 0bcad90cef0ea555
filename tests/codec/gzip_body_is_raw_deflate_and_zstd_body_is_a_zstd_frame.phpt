--TEST--
The gzip codec's body is raw DEFLATE (gzinflate of the bytes after the marker gives the payload) and the zstd body is a zstd frame (magic 28 b5 2f fd)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$payload = str_repeat("line of text\n", 1000) . random_bytes(64);

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$gz = cf_pod($meta, $dir, ['compression' => 'gzip'], 'gz');
$gz->set('e', $payload);
$file = file_get_contents(cf_payload_path($meta, $dir, 'e', 'gz'));
echo 'gzip marker: ', bin2hex($file[0]), "\n";
echo 'gzinflate(body) === payload: ', var_export(@gzinflate(substr($file, 1)) === $payload, true), "\n";
echo 'not a zlib stream: ', var_export(@gzuncompress(substr($file, 1)) === false, true), "\n";
echo 'not a gzip stream: ', var_export(substr($file, 1, 2) !== "\x1f\x8b", true), "\n";

$zs = cf_pod($meta, $dir, ['compression' => 'zstd'], 'zs');
$zs->set('e', $payload);
$file = file_get_contents(cf_payload_path($meta, $dir, 'e', 'zs'));
echo 'zstd marker: ', bin2hex($file[0]), "\n";
echo 'zstd frame magic: ', bin2hex(substr($file, 1, 4)), "\n";
echo 'smaller than the payload: ', var_export(strlen($file) < strlen($payload), true), "\n";
?>
--EXPECT--
gzip marker: 02
gzinflate(body) === payload: true
not a zlib stream: true
not a gzip stream: true
zstd marker: 01
zstd frame magic: 28b52ffd
smaller than the payload: true
