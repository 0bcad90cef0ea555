--TEST--
A payload is stored at localPath/<first 2 hex>/<64 hex> where the hex is sha256 over "serializer|compression|version|php|" + data, and the record checksum is sha256 of the file
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
// a trailing slash on localPath is not doubled in paths
$b = cf_pod($meta, $dir . '/');
$b->set('e', 'hello');

$hash = cf_expected_hash('hello', 'zstd', 2);
$files = cf_files($dir);
echo 'files: ', count($files), "\n";
echo 'path: ', var_export($files[0] === "$dir/" . substr($hash, 0, 2) . "/$hash", true), "\n";
echo 'file name is 64 lowercase hex: ', preg_match('/^[0-9a-f]{64}$/', basename($files[0])), "\n";
$rec = cf_record($meta, 'e');
echo 'record hash: ', var_export($rec['hash'] === "sha256:$hash", true), "\n";
echo 'bytes: ', bin2hex(file_get_contents($files[0])), "\n";
// the reference's test vector for 0x00 . "hello"
echo 'checksum: ', $rec['checksum'], "\n";

// the serializer label takes part: "php" gives "php:native"
$meta2 = new FakeMetaFrontend();
$dir2 = cf_tmpdir();
$p = cf_pod($meta2, $dir2, ['serializer' => 'php']);
$p->set('e', 'hello');
echo 'php serializer: ', cf_record($meta2, 'e')['serializer'], ', path ',
    var_export(cf_files($dir2)[0] === "$dir2/" . substr($h = cf_expected_hash('hello', 'zstd', 2, 'php:native'), 0, 2) . "/$h", true), "\n";
?>
--EXPECT--
files: 1
path: true
file name is 64 lowercase hex: 1
record hash: true
bytes: 0068656c6c6f
checksum: sha256:8a2a5c9b768827de5a9552c38a044c66959c68f6d2f21b5260af54d2f87db827
php serializer: php:native, path true
