--TEST--
Payload hash vector: serializer php, zstd, no IMAGE_TAG -> sha256("php:native|zstd|2|<major.minor>|hello"); the file is localPath/<2 hex>/<64 hex>
--EXTENSIONS--
clusterfile
igbinary
--ENV--
IMAGE_TAG=
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir, ['serializer' => 'php', 'compression' => 'zstd']);
$b->set('greeting', 'hello');
$expected = hash('sha256', 'php:native|zstd|2|' . PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION . '|hello');
$r = cf_record($meta, 'greeting');
echo "hash matches: ", json_encode($r['hash'] === "sha256:$expected"), "\n";
$files = cf_files($dir);
echo "files: ", json_encode(array_map(fn ($f) => substr($f, strlen($dir)), $files) === ['/' . substr($expected, 0, 2) . '/' . $expected]), "\n";
echo "content: ", bin2hex(file_get_contents($files[0])), "\n"; // marker 0x00 (5 < minCompressedBytes) + hello
echo "checksum: ", $r['checksum'], "\n";
// with PHP 8.5 (the reference's test vector) the same header yields the reference's hash
echo "8.5 vector: ", hash('sha256', "php:native|zstd|2|8.5|hello"), "\n";
// content addressing: the identifier is not part of the hash
$b->set('other-id', 'hello');
echo "same file for another identifier: ", json_encode(cf_record($meta, 'other-id')['hash'] === $r['hash'] && count(cf_files($dir)) === 1), "\n";
?>
--EXPECT--
hash matches: true
files: true
content: 0068656c6c6f
checksum: sha256:8a2a5c9b768827de5a9552c38a044c66959c68f6d2f21b5260af54d2f87db827
8.5 vector: 5f13ba0cd0aecd27505371226272cd9fda44667791eaba3bbe39ab460b2899ca
same file for another identifier: true
