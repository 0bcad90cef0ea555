--TEST--
An entry written on pod A is a blob miss on pod B (blob_miss_total, no cache miss); B re-setting the same payload takes the repair path (same hash, valid) and then both pods hit
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dirA = cf_tmpdir('podA');
$dirB = cf_tmpdir('podB');
$a = cf_pod($meta, $dirA);
$b = cf_pod($meta, $dirB);
$payload = str_repeat('rendered page ', 200);

$a->set('page', $payload, ['pageId_1']);
$hash = cf_record($meta, 'page')['hash'];

echo 'B has: '; var_dump($b->has('page'));
echo 'B get: '; var_dump($b->get('page'));
$s = $b->getStatistics();
echo 'B blob_miss_total: ', $s['blob_miss_total'], "\n";
echo 'B cache_miss_total: ', array_sum($s['cache_miss_total']), "\n";
echo 'B files: ', count(cf_files($dirB)), "\n";

$b->set('page', $payload, ['pageId_1']);
$s = $b->getStatistics();
echo 'B repair_success_total: ', $s['repair_success_total'], ', payload_rebuild_total: ', $s['payload_rebuild_total'], ', cache_write_total: ', $s['cache_write_total'], "\n";
$rec = cf_record($meta, 'page');
echo 'same hash: ', var_export($rec['hash'] === $hash, true), ', state: ', $rec['state'], "\n";
echo 'same file name on both pods: ', var_export(array_map('basename', cf_files($dirA)) === array_map('basename', cf_files($dirB)), true), "\n";

$b->reset(); // the next request on B: read from disk
echo 'B get: ', var_export($b->get('page') === $payload, true), ', B disk hits: ', $b->getStatistics()['cache_hit_total'], "\n";
$a->reset();
echo 'A get: ', var_export($a->get('page') === $payload, true), ', A disk hits: ', $a->getStatistics()['cache_hit_total'], "\n";
?>
--EXPECT--
B has: bool(true)
B get: bool(false)
B blob_miss_total: 1
B cache_miss_total: 0
B files: 0
B repair_success_total: 1, payload_rebuild_total: 1, cache_write_total: 0
same hash: true, state: valid
same file name on both pods: true
B get: true, B disk hits: 1
A get: true, A disk hits: 1
