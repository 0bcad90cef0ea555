--TEST--
A corrupt file on pod B makes B miss and marks the entry Broken for every pod (A misses too); A's rewrite heals it, B (whose corrupt file was deleted) blob-misses, re-sets and hits
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dirA = cf_tmpdir('podA');
$dirB = cf_tmpdir('podB');
$a = cf_pod($meta, $dirA, ['payloadL1MaxEntries' => 0]);
$b = cf_pod($meta, $dirB, ['payloadL1MaxEntries' => 0]);
$payload = str_repeat('good bytes ', 300);
$a->set('e', $payload);
$b->set('e', $payload);

$fileB = cf_payload_path($meta, $dirB, 'e');
$bytes = file_get_contents($fileB);
$bytes[10] = chr(ord($bytes[10]) ^ 0xff);
file_put_contents($fileB, $bytes);

echo 'B get: '; var_dump($b->get('e'));
echo 'B broken misses: ', $b->getStatistics()['cache_miss_total']['broken'], "\n";
echo 'state: ', cf_record($meta, 'e')['state'], "\n";
echo 'B corrupt file deleted: ', var_export(!file_exists($fileB), true), "\n";
echo 'A file untouched: ', count(cf_files($dirA)), "\n";
$a->reset();
echo 'A get: '; var_dump($a->get('e'));
echo 'A has: '; var_dump($a->has('e'));
echo 'A broken misses: ', $a->getStatistics()['cache_miss_total']['broken'], "\n";

$a->set('e', $payload); // the caller re-renders: same bytes, same hash
echo 'A repair_success_total: ', $a->getStatistics()['repair_success_total'], "\n";
echo 'state after A rewrite: ', cf_record($meta, 'e')['state'], "\n";
$a->reset();
echo 'A get: ', var_export($a->get('e') === $payload, true), "\n";
$b->reset();
echo 'B get: '; var_dump($b->get('e'));
echo 'B blob_miss_total: ', $b->getStatistics()['blob_miss_total'], "\n";
$b->set('e', $payload);
$b->reset();
echo 'B get after its own set: ', var_export($b->get('e') === $payload, true), "\n";
?>
--EXPECT--
B get: bool(false)
B broken misses: 1
state: broken
B corrupt file deleted: true
A file untouched: 1
A get: bool(false)
A has: bool(false)
A broken misses: 1
A repair_success_total: 1
state after A rewrite: valid
A get: true
B get: bool(false)
B blob_miss_total: 1
B get after its own set: true
