--TEST--
clusterfile:check: ClusterFile\check() per selected cache; exit 0 when all pass, 1 when one fails (localPath is a file), 2 for an unknown or non-clusterfile --cache or no clusterfile cache at all; --json prints the function's array, one object per line; --cache is repeatable and keeps its order
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

/** A site's own backend class on top of clusterfile's: still a clusterfile cache. */
class SiteClusterBackend extends ClusterFile\Typo3\ClusterFileBackend
{
}

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir('ext-check');
$file = "$dir/a-file";
file_put_contents($file, 'x');
$ns = ['environment' => 'testing', 'instance' => 'phpt'];
// check() wants the localPath to exist (the backend itself would create it on its first write)
foreach (['pages', 'rootline', 'hash', 'custom'] as $d) {
    mkdir("$dir/$d");
}
cf_ext_configure([
    'cluster_meta' => ['frontend' => 'TYPO3\\CMS\\Core\\Cache\\Frontend\\VariableFrontend', 'backend' => 'TYPO3\\CMS\\Core\\Cache\\Backend\\Typo3DatabaseBackend'],
    'pages' => cf_ext_cache(['localPath' => "$dir/pages", 'metadataCache' => $meta, 'namespace' => $ns]),
    'rootline' => cf_ext_cache(['localPath' => "$dir/rootline", 'metadataCache' => $meta, 'namespace' => $ns]),
    // a leading backslash and the internal class count too
    'hash' => ['backend' => '\\ClusterFile\\NativeBackend', 'options' => ['localPath' => "$dir/hash", 'metadataCache' => $meta, 'namespace' => $ns]],
    'broken' => cf_ext_cache(['localPath' => $file, 'metadataCache' => $meta, 'namespace' => $ns]),
    'custom' => ['backend' => SiteClusterBackend::class, 'options' => ['localPath' => "$dir/custom", 'metadataCache' => $meta, 'namespace' => $ns]],
    'missing_class' => ['backend' => 'Site\\NoSuchBackend', 'options' => ['localPath' => "$dir/custom"]],
]);

[$code, $out, $err] = cf_ext_run('clusterfile:check', ['--json' => true, '--cache' => ['rootline', 'pages']]);
$lines = cf_ext_json_lines($out);
echo "two good caches: exit $code, lines ", count($lines), ', order ', implode(' ', array_column($lines, 'cache')), ", stderr '", trim($err), "'\n";
$l = $lines[0];
echo 'shape: ', json_encode(array_keys($l)), ' checks ', json_encode(array_keys($l['checks'])), ' ok ', var_export($l['ok'], true), ' ms float ', var_export(is_float($l['ms']), true), "\n";
echo 'check keys: ', json_encode(array_keys($l['checks']['roundTrip'])), "\n";

[$code, $out] = cf_ext_run('clusterfile:check', ['--json' => true]);
$lines = cf_ext_json_lines($out);
echo "every clusterfile cache: exit $code, ", implode(' ', array_map(fn ($l) => $l['cache'] . '=' . ($l['ok'] ? 'ok' : json_encode($l['failed'])), $lines)), "\n";

[$code, $out] = cf_ext_run('clusterfile:check', ['--cache' => ['broken']]);
echo "table of the broken one: exit $code\n", $out;

[$code, $out, $err] = cf_ext_run('clusterfile:check', ['--cache' => ['pages', 'nope']]);
echo "unknown cache: exit $code, stdout '", $out, "', stderr ", trim($err), "\n";
[$code, $out, $err] = cf_ext_run('clusterfile:check', ['--cache' => ['cluster_meta'], '--json' => true]);
echo "non-clusterfile cache: exit $code, stdout '", $out, "', stderr ", trim($err), "\n";

[$code, $out] = cf_ext_run('clusterfile:check', ['--json' => true, '--cache' => ['custom']]);
echo "a subclass of the backend: exit $code, ", cf_ext_json_lines($out)[0]['cache'], "\n";
[$code, , $err] = cf_ext_run('clusterfile:check', ['--cache' => ['missing_class']]);
echo "a backend class that does not exist: exit $code, ", trim($err), "\n";

cf_ext_configure(['cluster_meta' => ['backend' => 'TYPO3\\CMS\\Core\\Cache\\Backend\\Typo3DatabaseBackend']]);
[$code, $out, $err] = cf_ext_run('clusterfile:check');
echo "no clusterfile cache: exit $code, stderr ", trim($err), "\n";
unset($GLOBALS['TYPO3_CONF_VARS']);
[$code] = cf_ext_run('clusterfile:check');
echo "no TYPO3_CONF_VARS: exit $code\n";

// the command as the console lists it
$app = cf_ext_application();
echo 'registered: ', implode(' ', array_filter(array_keys($app->all()), fn ($n) => str_starts_with($n, 'clusterfile:'))), "\n";
?>
--EXPECTF--
two good caches: exit 0, lines 2, order rootline pages, stderr ''
shape: ["cache","ok","failed","checks","ms"] checks ["options","localPath","metadata","roundTrip"] ok true ms float true
check keys: ["ok","message","ms"]
every clusterfile cache: exit 1, pages=ok rootline=ok hash=ok broken=["localPath","roundTrip"] custom=ok
table of the broken one: exit 1
+--------+--------+---------+-----------+----------+-----------+-----%s
| cache  | result | options | localPath | metadata | roundTrip | ms  %s
+--------+--------+---------+-----------+----------+-----------+-----%s
| broken | FAILED | ok      | FAILED    | ok       | not run   | %f %s
+--------+--------+---------+-----------+----------+-----------+-----%s
broken localPath: %s/a-file is not a directory
unknown cache: exit 2, stdout '', stderr clusterfile:check: no cache "nope" is configured
non-clusterfile cache: exit 2, stdout '', stderr clusterfile:check: cache "cluster_meta" does not use the clusterfile backend
a subclass of the backend: exit 0, custom
a backend class that does not exist: exit 2, clusterfile:check: cache "missing_class" does not use the clusterfile backend
no clusterfile cache: exit 2, stderr clusterfile:check: no cache of $GLOBALS['TYPO3_CONF_VARS']['SYS']['caching']['cacheConfigurations'] uses the clusterfile backend
no TYPO3_CONF_VARS: exit 2
registered: clusterfile:check clusterfile:gc clusterfile:stats
