--TEST--
sharedPayloadMaxBytes: set() keeps encoded payloads up to the limit beside their record (field p, written with it); a pod with an empty localPath gets a hit from it (one extra round trip on the blob miss only, counted in shared_payload_hit_total), verified against the record, and then has the file (the same content address) and hits locally; compressed bytes decode; over the limit nothing is shared (a blob miss as before); a reader with the option off does not look; a flushed record's payload is never served; a later write without sharing drops p; the PhpFrontend require path too
--EXTENSIONS--
clusterfile
igbinary
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/redis.inc';

$srv = cf_redis_server();
$dsn = "redis://127.0.0.1:{$srv->port}?prefix=sp";
$on = ['sharedPayloadMaxBytes' => 65536];
$m = fn (string $id, string $cache = 'pages') => "cf1:{sp/$cache}:m:{$cache}__$id";
$stats = function ($b): string {
    $s = $b->getStatistics();
    return sprintf('hit %d, local %d, shared %d, blob miss %d, no-metadata %d', $s['cache_hit_total'],
        $s['local_payload_hit_total'], $s['shared_payload_hit_total'], $s['blob_miss_total'],
        $s['cache_miss_total']['no-metadata']);
};
$names = fn (string $dir) => array_map('basename', cf_files($dir));

mt_srand(7);
$noise = '';
for ($i = 0; $i < 70000; $i++) {
    $noise .= chr(mt_rand(0, 255));
}
$adir = cf_tmpdir('pod-a');
$a = cf_native_pod($dsn, $adir, $on);
$a->set('small', 'a small rendered page', ['t']);
$a->set('packed', str_repeat('compressible ', 2000), ['t']);
$a->set('big', $noise, ['t']);
$fields = $srv->cli(0, 'HKEYS', $m('small'));
sort($fields);
echo 'record fields: ', implode(',', $fields), "\n";
echo 'packed: p holds ', $srv->cli(0, 'HSTRLEN', $m('packed'), 'p')[0] < 2000 ? 'the compressed file' : 'too much', "\n";
echo 'big (over the limit): p ', $srv->cli(0, 'HEXISTS', $m('big'), 'p')[0], "\n";

// a new pod: empty localPath
ClusterFile\reset();
$bdir = cf_tmpdir('pod-b');
$b = cf_native_pod($dsn, $bdir, $on);
$srv->cli(0, 'CONFIG', 'RESETSTAT');
echo 'B small: ', var_export($b->get('small'), true), "\n";
echo 'B packed: ', var_export($b->get('packed') === str_repeat('compressible ', 2000), true), "\n";
echo 'B big: ', var_export($b->get('big'), true), "\n";
echo 'B: ', $stats($b), "\n";
echo 'B has the files A wrote (by name): ', var_export(array_values(array_intersect($names($bdir), $names($adir))) === $names($bdir) && count($names($bdir)) === 2, true), "\n";
echo 'payload_bytes_written_total is what B wrote: ', var_export($b->getStatistics()['payload_bytes_written_total'] === array_sum(array_map('filesize', cf_files($bdir))), true), "\n";
foreach (cf_files($bdir) as $f) {
    foreach (cf_files($adir) as $g) {
        if (basename($f) === basename($g) && file_get_contents($f) !== file_get_contents($g)) {
            echo "different bytes in ", basename($f), "\n";
        }
    }
}
$calls = fn () => preg_match('/cmdstat_hstrlen:calls=(\d+)/', implode("\n", $srv->cli(0, 'INFO', 'commandstats')), $mm) ? (int) $mm[1] : 0;
echo 'payload look-ups (big: size over the limit, no round trip): ', $calls(), "\n";
ClusterFile\reset();
$srv->cli(0, 'CONFIG', 'RESETSTAT');
echo 'B again: ', var_export($b->get('small'), true), ', ', $stats($b), ', payload look-ups on a local hit: ', $calls(), "\n";

// sharing off on the reader: the old blob miss, no look-up
ClusterFile\reset();
$c = cf_native_pod($dsn, cf_tmpdir('pod-c'));
echo 'C (option off) small: ', var_export($c->get('small'), true), ', ', $stats($c), ', look-ups: ', $calls(), "\n";

// a limit smaller than the file on the reader: not looked up either
ClusterFile\reset();
$c2 = cf_native_pod($dsn, cf_tmpdir('pod-c2'), ['sharedPayloadMaxBytes' => 8]);
echo 'C2 (limit 8) small: ', var_export($c2->get('small'), true), ', ', $stats($c2), ', look-ups: ', $calls(), "\n";

// a flushed record: p is still in Redis but the record is not valid
$a->flushByTag('t');
ClusterFile\reset();
$d = cf_native_pod($dsn, cf_tmpdir('pod-d'), $on);
echo 'D after flushByTag: ', var_export($d->get('small'), true), ', ', $stats($d), "\n";

// a later write of the entry that is not shared replaces p with nothing
$a->set('small', 'another page', ['t']);
echo 'rewritten small: p ', $srv->cli(0, 'HEXISTS', $m('small'), 'p')[0], "\n";
$a->set('small', $noise, ['t']);
echo 'rewritten over the limit: p ', $srv->cli(0, 'HEXISTS', $m('small'), 'p')[0], "\n";
$a2 = cf_native_pod($dsn, cf_tmpdir('pod-a2'));
$a2->set('small', 'written by a pod with the option off', ['t']);
echo 'rewritten with the option off: p ', $srv->cli(0, 'HEXISTS', $m('small'), 'p')[0], "\n";

// PhpFrontend: require/requireOnce of a file the pod lacks
$pa = cf_native_pod($dsn, cf_tmpdir('php-a'), $on, 'code', true);
$pa->set('answer', '<?php return 6 * 7;');
ClusterFile\reset();
$pbdir = cf_tmpdir('php-b');
$pb = cf_native_pod($dsn, $pbdir, $on, 'code', true);
echo 'php B requireOnce: ', var_export($pb->requireOnce('answer'), true), ', files: ', count(cf_files($pbdir)),
    ', shared: ', $pb->getStatistics()['shared_payload_hit_total'], ', require hits: ', $pb->getStatistics()['require_hit_total'], "\n";
ClusterFile\reset();
$pc = cf_native_pod($dsn, cf_tmpdir('php-c'), $on, 'code', true);
echo 'php C get: ', var_export($pc->get('answer'), true), ', shared: ', $pc->getStatistics()['shared_payload_hit_total'], "\n";
?>
--EXPECT--
record fields: g,h,p,q,r
packed: p holds the compressed file
big (over the limit): p 0
B small: 'a small rendered page'
B packed: true
B big: false
B: hit 2, local 0, shared 2, blob miss 1, no-metadata 0
B has the files A wrote (by name): true
payload_bytes_written_total is what B wrote: true
payload look-ups (big: size over the limit, no round trip): 2
B again: 'a small rendered page', hit 3, local 1, shared 2, blob miss 1, no-metadata 0, payload look-ups on a local hit: 0
C (option off) small: false, hit 0, local 0, shared 0, blob miss 1, no-metadata 0, look-ups: 0
C2 (limit 8) small: false, hit 0, local 0, shared 0, blob miss 1, no-metadata 0, look-ups: 0
D after flushByTag: false, hit 0, local 0, shared 0, blob miss 0, no-metadata 1
rewritten small: p 1
rewritten over the limit: p 0
rewritten with the option off: p 0
php B requireOnce: 42, files: 1, shared: 1, require hits: 1
php C get: '<?php return 6 * 7;', shared: 1
