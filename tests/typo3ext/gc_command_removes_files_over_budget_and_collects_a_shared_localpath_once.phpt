--TEST--
clusterfile:gc: ClusterFile\gc() with each cache's localMaxBytes/localMaxAgeSeconds as maxBytes/maxAgeSeconds (unset: gc's defaults); a localPath shared by two caches is collected once with the stricter limits; files over the budget and past the age are really removed; exit 1 when gc throws (a relative localPath), 2 for an unknown cache or a cache without localPath
--EXTENSIONS--
clusterfile
igbinary
--SKIPIF--
<?php require __DIR__ . '/inc/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';
require __DIR__ . '/inc/typo3ext.inc';

$meta = new FakeMetaFrontend();
$local = cf_tmpdir('ext-gc');
$other = cf_tmpdir('ext-gc-other') . '/not-yet';
$writer = cf_pod($meta, $local, ['localMaxBytes' => 0, 'compression' => false]);
foreach (range(1, 10) as $i) {
    $writer->set("e$i", str_repeat(chr(64 + $i), 3000));
}
// e1, e2 unused for two days; e3..e10 used within the last hour, e3 the least recently
$now = time();
foreach (range(1, 10) as $i) {
    $t = $i <= 2 ? $now - 2 * 86400 : $now - 3600 + $i;
    touch(cf_payload_path($meta, $local, "e$i"), $t, $t);
}
clearstatcache();
$dirs = count(glob("$local/??", GLOB_ONLYDIR)) * 4096;
echo 'payload files before: ', count(cf_files($local)), "\n";

$ns = ['environment' => 'testing', 'instance' => 'phpt'];
cf_ext_configure([
    'pages' => cf_ext_cache(['localPath' => $local, 'metadataCache' => $meta, 'namespace' => $ns, 'localMaxBytes' => $dirs + 5 * 4096, 'localMaxAgeSeconds' => 86400]),
    'rootline' => cf_ext_cache(['localPath' => $local, 'metadataCache' => $meta, 'namespace' => $ns, 'localMaxBytes' => $dirs + 3 * 4096]),
    'hash' => cf_ext_cache(['localPath' => $other, 'metadataCache' => $meta, 'namespace' => $ns]),
]);

[$code, $out, $err] = cf_ext_run('clusterfile:gc', ['--json' => true, '--cache' => ['pages', 'rootline']]);
$lines = cf_ext_json_lines($out);
echo "pages + rootline: exit $code, lines ", count($lines), ", stderr '", trim($err), "'\n";
$l = $lines[0];
echo 'keys: ', json_encode(array_keys($l)), ', caches ', json_encode($l['caches']), ', ok ', var_export($l['ok'], true), "\n";
echo 'limits are the stricter: ', var_export($l['limits'] === ['maxBytes' => $dirs + 3 * 4096, 'maxAgeSeconds' => 86400], true), "\n";
echo 'report keys: ', json_encode(array_keys($l['report'])), "\n";
printf("expired %d, evicted %d, remaining %d files, bytes within the budget: %s\n", $l['report']['removedExpiredFiles'],
    $l['report']['removedEvictedFiles'], $l['report']['remainingFiles'], var_export($l['report']['remainingBytes'] <= $dirs + 3 * 4096, true));
clearstatcache();
$left = array_values(array_filter(range(1, 10), fn ($i) => is_file(cf_payload_path($meta, $local, "e$i"))));
echo 'left on disk: e', implode(' e', $left), ' (', count(cf_files($local)), " files)\n";

[$code, $out] = cf_ext_run('clusterfile:gc');
echo "every cache, table: exit $code\n";
echo preg_replace('/ +\|/', ' |', $out);
[$code, $out] = cf_ext_run('clusterfile:gc', ['--json' => true, '--cache' => ['hash']]);
$l = cf_ext_json_lines($out)[0];
echo "no limits set: exit $code, limits printed as {}: ", var_export(str_contains($out, '"limits":{}'), true), ", remaining files ", $l['report']['remainingFiles'], "\n";

cf_ext_configure([
    'pages' => cf_ext_cache(['localPath' => 'relative/dir', 'metadataCache' => $meta, 'namespace' => $ns]),
    'nopath' => cf_ext_cache(['metadataCache' => $meta, 'namespace' => $ns]),
]);
[$code, $out, $err] = cf_ext_run('clusterfile:gc', ['--json' => true, '--cache' => ['pages']]);
$l = cf_ext_json_lines($out)[0];
echo "gc throws: exit $code, ok ", var_export($l['ok'], true), ', report ', json_encode($l['report']), ', error ', $l['error'], "\n";
[$code, $out] = cf_ext_run('clusterfile:gc', ['--cache' => ['pages']]);
echo "gc throws, table: exit $code, ", var_export(str_contains($out, 'relative/dir: ValueError'), true), "\n";
[$code, $out, $err] = cf_ext_run('clusterfile:gc', ['--cache' => ['nopath']]);
echo "no localPath: exit $code, ", trim($err), "\n";
[$code, $out, $err] = cf_ext_run('clusterfile:gc', ['--cache' => ['nope']]);
echo "unknown cache: exit $code, ", trim($err), "\n";
?>
--EXPECTF--
payload files before: 10
pages + rootline: exit 0, lines 1, stderr ''
keys: ["localPath","caches","limits","ok","report"], caches ["pages","rootline"], ok true
limits are the stricter: true
report keys: ["scannedShards","scannedFiles","scannedBytes","removedTempFiles","removedExpiredFiles","removedEvictedFiles","removedBytes","remainingFiles","remainingBytes","busyShards","errors"]
expired 2, evicted 5, remaining 3 files, bytes within the budget: true
left on disk: e8 e9 e10 (3 files)
every cache, table: exit 0
+-%s-+-%s-+-%s-+-%s-+-%s-+-%s-+-%s-+-%s-+
| localPath | caches | removed files | removed bytes | remaining files | remaining bytes | busy shards | errors |
+-%s-+-%s-+-%s-+-%s-+-%s-+-%s-+-%s-+-%s-+
| %s/ext-gc-%s | pages, rootline | 0 (temp 0, expired 0, evicted 0) | 0 | 3 | %d | 0 | 0 |
| %s/not-yet | hash | 0 (temp 0, expired 0, evicted 0) | 0 | 0 | 0 | 0 | 0 |
+-%s-+-%s-+-%s-+-%s-+-%s-+-%s-+-%s-+-%s-+
3 caches on 2 localPath(s): a shared localPath was collected once, with the strictest limits of its caches.
no limits set: exit 0, limits printed as {}: true, remaining files 0
gc throws: exit 1, ok false, report null, error %s: ClusterFile\gc(): %s
gc throws, table: exit 1, true
no localPath: exit 2, clusterfile:gc: cache "nopath" has no localPath option
unknown cache: exit 2, clusterfile:gc: no cache "nope" is configured
