--TEST--
ClusterFile\gc(): a sidecar's collection of a localPath - temp files of crashed writers, files unused past maxAgeSeconds, then LRU down to maxBytes; what was scanned and removed; foreign files untouched; bad arguments refused
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$local = cf_tmpdir('store');
$b = cf_pod($meta, $local, ['localMaxBytes' => 0, 'compression' => false]);
foreach (range(1, 10) as $i) {
    $b->set("e$i", str_repeat(chr(64 + $i), 3000));
}
$now = time();
// e1..e3 unused for two days, e4..e10 used an hour ago, one by one a second apart (e4 oldest)
foreach (range(1, 10) as $i) {
    $f = cf_payload_path($meta, $local, "e$i");
    $t = $i <= 3 ? $now - 2 * 86400 : $now - 3600 + $i;
    touch($f, $t, $t);
}
$shard = dirname(cf_payload_path($meta, $local, 'e5'));
file_put_contents("$shard/.cfb.tmp.crashed", 'half a payload');
touch("$shard/.cfb.tmp.crashed", $now - 7200);
file_put_contents("$shard/.cfb.tmp.writing", 'a writer at work');
file_put_contents("$shard/notes.txt", 'not ours');
touch("$shard/notes.txt", $now - 9 * 86400);
clearstatcache();

$dirs = count(glob("$local/??", GLOB_ONLYDIR)) * 4096;
$r = ClusterFile\gc($local, ['maxBytes' => $dirs + 5 * 4096, 'maxAgeSeconds' => 86400]);
printf("the shard directories count: %s\n", var_export($r['scannedBytes'] === 10 * 4096 + $dirs && $r['remainingBytes'] === 5 * 4096 + $dirs, true));
print_r($r);
clearstatcache();
$left = [];
foreach (range(1, 10) as $i) {
    if (is_file(cf_payload_path($meta, $local, "e$i"))) {
        $left[] = "e$i";
    }
}
echo 'left: ', implode(' ', $left), "\n";
echo 'temp file of a live writer kept: ', var_export(is_file("$shard/.cfb.tmp.writing"), true), "\n";
echo 'foreign file kept: ', var_export(is_file("$shard/notes.txt"), true), "\n";
$reader = cf_pod($meta, $local); // a fresh process: no payload L1
echo 'evicted entries are clean misses: ', var_export($reader->get('e4'), true), ', kept ones hit: ',
    var_export($reader->get('e10') === str_repeat('J', 3000), true), "\n";

// defaults: the backend's (1 GiB, 7 days, temp files after an hour): nothing more to do
$r = ClusterFile\gc($local);
echo 'defaults: removed ', $r['removedTempFiles'] + $r['removedExpiredFiles'] + $r['removedEvictedFiles'], ', remaining ', $r['remainingFiles'], "\n";
// a localPath that does not exist (yet) is an empty store
echo 'missing: ', json_encode(ClusterFile\gc("$local/not-yet")), "\n";

foreach ([
    ['relative/path', []],
    ["$local\0x", []],
    ['', []],
    [$local, ['maxBytes' => '1']],
    [$local, ['maxBytes' => 1.5]],
    [$local, ['maxBytes' => -1]],
    [$local, ['maxBytes' => (1 << 50) + 1]],
    [$local, ['maxAgeSeconds' => 315360001]],
    [$local, ['tempMaxAgeSeconds' => -1]],
    [$local, ['tempMaxAgeSeconds' => 59]],
    [$local, ['maxbytes' => 1]],
    [$local, [0 => 1]],
    ['/etc/hostname', []],
] as [$path, $limits]) {
    echo cf_catch(fn () => ClusterFile\gc($path, $limits)), "\n";
}
?>
--EXPECTF--
the shard directories count: true
Array
(
    [scannedShards] => %d
    [scannedFiles] => 10
    [scannedBytes] => %d
    [removedTempFiles] => 1
    [removedExpiredFiles] => 3
    [removedEvictedFiles] => 2
    [removedBytes] => %d
    [remainingFiles] => 5
    [remainingBytes] => %d
    [busyShards] => 0
    [errors] => 0
)
left: e6 e7 e8 e9 e10
temp file of a live writer kept: true
foreign file kept: true
evicted entries are clean misses: false, kept ones hit: true
defaults: removed 0, remaining 5
missing: {"scannedShards":0,"scannedFiles":0,"scannedBytes":0,"removedTempFiles":0,"removedExpiredFiles":0,"removedEvictedFiles":0,"removedBytes":0,"remainingFiles":0,"remainingBytes":0,"busyShards":0,"errors":0}
ValueError(0): ClusterFile\gc(): Argument #1 ($localPath) must be an absolute path
ValueError(0): ClusterFile\gc(): Argument #1 ($localPath) must not contain any null bytes
ValueError(0): ClusterFile\gc(): Argument #1 ($localPath) must be an absolute path
TypeError(0): ClusterFile\gc(): Argument #2 ($limits) key "maxBytes" must be of type int, string given
TypeError(0): ClusterFile\gc(): Argument #2 ($limits) key "maxBytes" must be of type int, float given
ValueError(0): ClusterFile\gc(): Argument #2 ($limits) key "maxBytes" must be between 0 and 1125899906842624, -1 given
ValueError(0): ClusterFile\gc(): Argument #2 ($limits) key "maxBytes" must be between 0 and 1125899906842624, 1125899906842625 given
ValueError(0): ClusterFile\gc(): Argument #2 ($limits) key "maxAgeSeconds" must be between 0 and 315360000, 315360001 given
ValueError(0): ClusterFile\gc(): Argument #2 ($limits) key "tempMaxAgeSeconds" must be between 60 and 315360000, -1 given
ValueError(0): ClusterFile\gc(): Argument #2 ($limits) key "tempMaxAgeSeconds" must be between 60 and 315360000, 59 given
ValueError(0): ClusterFile\gc(): Argument #2 ($limits) has an unknown key "maxbytes" (known: maxBytes, maxAgeSeconds, tempMaxAgeSeconds, scanOnly)
ValueError(0): ClusterFile\gc(): Argument #2 ($limits) must have string keys (known: maxBytes, maxAgeSeconds, tempMaxAgeSeconds, scanOnly)
ClusterFile\Exception(%d): ClusterFile\gc(): localPath "/etc/hostname" cannot be opened as a directory (errno 20: Not a directory)
