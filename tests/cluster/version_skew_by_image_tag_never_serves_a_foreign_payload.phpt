--TEST--
Pods built with different IMAGE_TAG values (read at construction) compute different hashes: B never serves A's payload (blob miss), and after B writes, A blob-misses
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
putenv('IMAGE_TAG=v1');
$a = cf_pod($meta, null, ['payloadL1MaxEntries' => 0]);
putenv('IMAGE_TAG=v2');
$b = cf_pod($meta, null, ['payloadL1MaxEntries' => 0]);
putenv('IMAGE_TAG');
$c = cf_pod($meta, null, ['payloadL1MaxEntries' => 0]);
putenv('IMAGE_TAG=v3'); // after construction: no effect on the pods above

$v1 = max(1, crc32('2:v1'));
$v2 = max(1, crc32('2:v2'));
echo 'A version is max(1, crc32("2:v1")): ', var_export($a->getStatistics()['backendVersion'] === $v1, true), "\n";
echo 'B version is max(1, crc32("2:v2")): ', var_export($b->getStatistics()['backendVersion'] === $v2, true), "\n";
echo 'C version without IMAGE_TAG: ', $c->getStatistics()['backendVersion'], "\n";

$payload = 'same rendered bytes';
$a->set('e', $payload);
$recA = cf_record($meta, 'e');
echo 'record from A: version ', var_export($recA['backendVersion'] === $v1, true), ', hash ', var_export($recA['hash'] === 'sha256:' . cf_expected_hash($payload, 'zstd', $v1), true), "\n";

// B has a file of the same payload under its own hash: still not served for A's record
$b->set('other', $payload);
echo 'B get: '; var_dump($b->get('e'));
echo 'B blob_miss_total: ', $b->getStatistics()['blob_miss_total'], "\n";

$b->set('e', $payload);
$recB = cf_record($meta, 'e');
echo 'B wrote a new hash: ', var_export($recB['hash'] !== $recA['hash'] && $recB['hash'] === 'sha256:' . cf_expected_hash($payload, 'zstd', $v2), true), "\n";
echo 'B took the normal write path: repair ', $b->getStatistics()['repair_success_total'], "\n";
echo 'A get: '; var_dump($a->get('e'));
echo 'A blob_miss_total: ', $a->getStatistics()['blob_miss_total'], "\n";
echo 'B get: '; var_dump($b->get('e'));
echo 'C get: '; var_dump($c->get('e'));
putenv('IMAGE_TAG');
?>
--EXPECT--
A version is max(1, crc32("2:v1")): true
B version is max(1, crc32("2:v2")): true
C version without IMAGE_TAG: 2
record from A: version true, hash true
B get: bool(false)
B blob_miss_total: 1
B wrote a new hash: true
B took the normal write path: repair 0
A get: bool(false)
A blob_miss_total: 1
B get: string(19) "same rendered bytes"
C get: bool(false)
