--TEST--
collectGarbage() bounds the pod-local store: 1,000 overwrites of one identifier (1,000 orphaned payload files) shrink to localMaxBytes, least recently used first; the current value survives; counted in getStatistics()
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

function du(string $dir): int
{
    return cf_du($dir); // payload files and the 256 shard directories, as du counts them
}
function files_du(string $dir): int
{
    clearstatcache();
    return array_sum(array_map(fn ($f) => lstat($f)['blocks'] * 512, cf_files($dir)));
}

$meta = new FakeMetaFrontend();
$local = cf_tmpdir('store');
// the writer has no budget: nothing bounds the store at write time
$w = cf_pod($meta, $local, ['localMaxBytes' => 0, 'compression' => false]);
for ($i = 0; $i < 1000; $i++) {
    $w->set('page', random_bytes(3000));
}
$current = random_bytes(3000);
$w->set('page', $current);
clearstatcache();
$before = du($local);
echo 'files before: ', count(cf_files($local)), "\n";

// a GC without limits removes nothing (localMaxBytes 0 = unlimited, localMaxAgeSeconds 0 = no age)
$none = cf_pod($meta, $local, ['localMaxBytes' => 0, 'localMaxAgeSeconds' => 0]);
$none->collectGarbage();
clearstatcache();
echo 'files after an unlimited GC: ', count(cf_files($local)), "\n";
ClusterFile\reset();

$dirs = du($local) - files_du($local);
$budget = $dirs + 100 * 4096;
$gc = cf_pod($meta, $local, ['localMaxBytes' => $budget, 'compression' => false]);
$gc->collectGarbage();
clearstatcache();
$after = du($local);
printf("under budget: %s (%d files left, %d bytes on disk beside the directories, was %d)\n", var_export($after <= $budget, true),
    count(cf_files($local)), $after - $dirs, $before - $dirs);
echo 'current value survives: ', var_export($gc->get('page') === $current, true), "\n";
$s = $gc->getStatistics();
printf("runs %d, removed files %d, removed bytes match %s, errors %d\n", $s['local_gc_run_total'],
    $s['local_gc_removed_files_total'], var_export($s['local_gc_removed_bytes_total'] === $before - $after, true),
    $s['local_gc_error_total']);

// the other backend on the same localPath in the same unit of work does not walk the store again
$gc2 = cf_pod($meta, $local, ['localMaxBytes' => $budget], 'other');
$gc2->collectGarbage();
echo 'second cache, same localPath, same unit of work: runs ', $gc2->getStatistics()['local_gc_run_total'], "\n";
ClusterFile\reset();
$gc2->collectGarbage();
echo 'after reset(): runs ', $gc2->getStatistics()['local_gc_run_total'], "\n";
?>
--EXPECT--
files before: 1001
files after an unlimited GC: 1001
under budget: true (100 files left, 409600 bytes on disk beside the directories, was 4100096)
current value survives: true
runs 1, removed files 901, removed bytes match true, errors 0
second cache, same localPath, same unit of work: runs 0
after reset(): runs 1
