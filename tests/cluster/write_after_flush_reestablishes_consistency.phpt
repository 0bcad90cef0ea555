--TEST--
After a flush, pod B writing a new value makes it the cluster's value: pod A blob-misses it, repairs by writing the same value, and both hit
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$a = cf_pod($meta, null, ['payloadL1MaxEntries' => 0]);
$b = cf_pod($meta, null, ['payloadL1MaxEntries' => 0]);
$a->set('e', 'v1');
$b->set('e', 'v1');
$b->flush();
$b->set('e', 'v2');
$a->reset();
echo 'A get: '; var_dump($a->get('e'));
echo 'A blob_miss_total: ', $a->getStatistics()['blob_miss_total'], "\n";
$a->set('e', 'v2');
echo 'A repair_success_total: ', $a->getStatistics()['repair_success_total'], "\n";
$a->reset();
$b->reset();
echo 'A get: '; var_dump($a->get('e'));
echo 'B get: '; var_dump($b->get('e'));
echo 'state: ', cf_record($meta, 'e')['state'], "\n";
?>
--EXPECT--
A get: bool(false)
A blob_miss_total: 1
A repair_success_total: 1
A get: string(2) "v2"
B get: string(2) "v2"
state: valid
