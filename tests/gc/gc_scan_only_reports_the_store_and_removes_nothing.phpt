--TEST--
ClusterFile\gc($localPath, ['scanOnly' => true]): reports files and disk usage as a collection would and removes and writes nothing - not old payloads, not files over the budget, not a crashed writer's temp file - whatever the other limits say; a non-bool scanOnly is a TypeError
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$local = cf_tmpdir('store');
$b = cf_pod($meta, $local, ['localMaxBytes' => 0, 'compression' => false]);
foreach (range(1, 6) as $i) {
    $b->set("e$i", str_repeat(chr(64 + $i), 3000));
}
$old = time() - 30 * 86400;
foreach (range(1, 6) as $i) {
    touch(cf_payload_path($meta, $local, "e$i"), $old, $old);
}
$shard = dirname(cf_payload_path($meta, $local, 'e1'));
file_put_contents("$shard/.cfb.tmp.crashed", 'half a payload');
touch("$shard/.cfb.tmp.crashed", $old);
clearstatcache();

$scan = ClusterFile\gc($local, ['scanOnly' => true, 'maxBytes' => 4096, 'maxAgeSeconds' => 60, 'tempMaxAgeSeconds' => 60]);
echo 'scan: files ', $scan['scannedFiles'], ', remaining ', $scan['remainingFiles'], ', removed ',
    $scan['removedTempFiles'] + $scan['removedExpiredFiles'] + $scan['removedEvictedFiles'], ', bytes removed ', $scan['removedBytes'], "\n";
clearstatcache();
$left = count(array_filter(range(1, 6), fn ($i) => is_file(cf_payload_path($meta, $local, "e$i"))));
echo 'payload files still there: ', $left, ', temp file still there: ', var_export(is_file("$shard/.cfb.tmp.crashed"), true), "\n";
echo 'bytes as du counts them: ', var_export($scan['remainingBytes'] >= 6 * 4096, true), "\n";
echo 'nothing written (no GC estimate file): ', var_export(!file_exists("$local/.cf-gc-estimate"), true), "\n";

$real = ClusterFile\gc($local, ['scanOnly' => false, 'maxAgeSeconds' => 86400]);
echo 'scanOnly false collects: removed ', $real['removedExpiredFiles'], ' expired, ', $real['removedTempFiles'], " temp\n";
echo cf_catch(fn () => ClusterFile\gc($local, ['scanOnly' => 1])), "\n";
?>
--EXPECT--
scan: files 6, remaining 6, removed 0, bytes removed 0
payload files still there: 6, temp file still there: true
bytes as du counts them: true
nothing written (no GC estimate file): true
scanOnly false collects: removed 6 expired, 1 temp
TypeError(0): ClusterFile\gc(): Argument #2 ($limits) key "scanOnly" must be of type bool, int given
