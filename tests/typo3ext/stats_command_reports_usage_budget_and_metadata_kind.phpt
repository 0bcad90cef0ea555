--TEST--
clusterfile:stats: per cache its localPath, localMaxBytes (1073741824 when unset, 0 = unlimited), where the metadata lives (a named cache, an object) and the local store's files and bytes now (gc scanOnly: what cf_du counts, nothing removed) with the percent of the budget; caches sharing a localPath say so; the note on the shared counters; exit 1 when the scan throws, 2 for an unknown cache
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
$local = cf_tmpdir('ext-stats');
$writer = cf_pod($meta, $local, ['localMaxBytes' => 0, 'compression' => false]);
foreach (range(1, 6) as $i) {
    $writer->set("e$i", str_repeat(chr(64 + $i), 5000));
}
clearstatcache();
$du = cf_du($local);
$ns = ['environment' => 'testing', 'instance' => 'phpt'];
cf_ext_configure([
    'pages' => cf_ext_cache(['localPath' => $local, 'metadataCacheIdentifier' => 'cluster_meta', 'namespace' => $ns, 'localMaxBytes' => 4 * $du]),
    'rootline' => cf_ext_cache(['localPath' => $local, 'metadataCache' => $meta, 'namespace' => $ns]),
    'hash' => cf_ext_cache(['localPath' => "$local-empty", 'metadataCache' => $meta, 'namespace' => $ns, 'localMaxBytes' => 0]),
]);

[$code, $out, $err] = cf_ext_run('clusterfile:stats', ['--json' => true]);
$rows = cf_ext_json_lines($out);
echo "stats --json: exit $code, lines ", count($rows), ", stderr '", trim($err), "'\n";
echo 'keys: ', json_encode(array_keys($rows[0])), "\n";
foreach ($rows as $r) {
    printf("%s: localMaxBytes %s, metadata %s, files %d, bytes = du %s, percent %s, shared with %s, error %s\n", $r['cache'], json_encode($r['localMaxBytes']),
        json_encode($r['metadata']), $r['usage']['files'], var_export($r['usage']['bytes'] === cf_du($r['localPath']), true),
        json_encode($r['usage']['percentOfBudget']), json_encode($r['sharedWith']), json_encode($r['error']));
}
echo 'nothing removed: ', count(cf_files($local)), " files\n";

[$code, $out] = cf_ext_run('clusterfile:stats', ['--cache' => ['hash', 'pages']]);
echo "table: exit $code\n", preg_replace(['/ +\|/', '/-{2,}/'], [' |', '--'], $out);

[$code, $out] = cf_ext_run('clusterfile:stats', ['--json' => true, '--cache' => ['pages']]);
echo 'only pages: shared with ', json_encode(cf_ext_json_lines($out)[0]['sharedWith']), " (the usage is the path's)\n";

cf_ext_configure(['pages' => cf_ext_cache(['localPath' => 'relative/dir', 'metadataCache' => $meta, 'namespace' => $ns])]);
[$code, $out] = cf_ext_run('clusterfile:stats', ['--json' => true]);
$r = cf_ext_json_lines($out)[0];
echo "scan throws: exit $code, usage ", json_encode($r['usage']), ', error ', $r['error'], "\n";
[$code, , $err] = cf_ext_run('clusterfile:stats', ['--cache' => ['rootline']]);
echo "unknown cache: exit $code, ", trim($err), "\n";
?>
--EXPECTF--
stats --json: exit 0, lines 3, stderr ''
keys: ["cache","localPath","localMaxBytes","metadata","usage","sharedWith","error"]
pages: localMaxBytes %d, metadata {"kind":"cache","cache":"cluster_meta"}, files 6, bytes = du true, percent 25, shared with ["rootline"], error null
rootline: localMaxBytes 1073741824, metadata {"kind":"object"}, files 6, bytes = du true, percent %f, shared with ["pages"], error null
hash: localMaxBytes 0, metadata {"kind":"object"}, files 0, bytes = du true, percent null, shared with [], error null
nothing removed: 6 files
table: exit 0
+--+--+--+--+--+--+--+
| cache | localPath | localMaxBytes | metadata | files | bytes | % of budget |
+--+--+--+--+--+--+--+
| hash | %s-empty | 0 (unlimited) | object | 0 | 0 | - |
| pages | %s | %d | cache cluster_meta | 6 | %d | 25.0 |
+--+--+--+--+--+--+--+
pages shares its localPath with rootline: files and bytes are the whole store's.
The hit/miss/write counters are shared per PHP master (the PHP-FPM pool), not by this CLI process: scrape them from the metrics endpoint (CLUSTERFILE_METRICS_PATH, default /-/clusterfile/metrics).
only pages: shared with ["rootline"] (the usage is the path's)
scan throws: exit 1, usage null, error %s: ClusterFile\gc(): %s
unknown cache: exit 2, clusterfile:stats: no cache "rootline" is configured
