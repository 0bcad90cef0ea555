--TEST--
An empty payload file (record checksum and size made to match it) is a miss: the entry is marked Broken and the file removed
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir, ['payloadL1MaxEntries' => 0]);
$b->set('e', 'payload');
$path = cf_plant($meta, $dir, 'e', '');
echo 'record: size ', cf_record($meta, 'e')['payloadSize'], ', checksum ', cf_record($meta, 'e')['checksum'], "\n";

echo 'get: '; var_dump($b->get('e'));
echo 'state: ', cf_record($meta, 'e')['state'], "\n";
echo 'file removed: ', var_export(!file_exists($path), true), "\n";
echo 'broken misses: ', $b->getStatistics()['cache_miss_total']['broken'], "\n";
?>
--EXPECT--
record: size 0, checksum sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
get: bool(false)
state: broken
file removed: true
broken misses: 1
