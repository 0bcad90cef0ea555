--TEST--
With IMAGE_TAG=v1.2.3 the record's backendVersion is max(1, crc32("2:v1.2.3")) = 1010208598, and the hash changes with it
--EXTENSIONS--
clusterfile
igbinary
--ENV--
IMAGE_TAG=v1.2.3
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
$b->set('e', 'hello');
$r = cf_record($meta, 'e');
echo "backendVersion: ", $r['backendVersion'], " (crc32: ", crc32('2:v1.2.3'), ")\n";
echo "statistics: ", $b->getStatistics()['backendVersion'], "\n";
$header = 'igbinary:3|zstd|1010208598|' . PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION . '|';
echo "hash folds it: ", json_encode($r['hash'] === 'sha256:' . hash('sha256', $header . 'hello')), "\n";
?>
--EXPECT--
backendVersion: 1010208598 (crc32: 1010208598)
statistics: 1010208598
hash folds it: true
