--TEST--
The TYPO3 runtime stand-ins of the cluster harness (tests/cluster/harness/typo3_runtime.php) pass their self-test on an SQLite metadata store: CacheManager, VariableFrontend, PhpFrontend and Typo3DatabaseBackend behave as TYPO3 14.3.6 does where the extension can tell (/work/shared/typo3-facts.md), and the extension is right under them
--DESCRIPTION--
Runs tests/cluster/harness/runtime_selftest.php sqlite in a child PHP with the running test's
arguments; the cluster suite (tests/cluster/run.sh) runs the same self-test on MariaDB and Redis.
Only failing checks and the closing line are printed.
The test PHP runs with extension_dir set to the build's modules/, so pdo and pdo_sqlite are
loaded into the child by absolute path from PHP_EXTENSION_DIR unless they are built in.
--EXTENSIONS--
clusterfile
igbinary
--SKIPIF--
<?php
foreach (['pdo', 'pdo_sqlite'] as $ext) {
    if (!extension_loaded($ext) && !is_readable(PHP_EXTENSION_DIR . "/$ext.so")) {
        die("skip $ext is neither loaded nor in " . PHP_EXTENSION_DIR);
    }
}
?>
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$load = '';
foreach (['pdo', 'pdo_sqlite'] as $ext) {
    if (!extension_loaded($ext)) {
        $load .= ' -d ' . escapeshellarg('extension=' . PHP_EXTENSION_DIR . "/$ext.so");
    }
}
$p = proc_open(cf_php_command(__DIR__ . '/../cluster/harness/runtime_selftest.php', $load) . ' sqlite', [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$out = stream_get_contents($pipes[1]);
$err = stream_get_contents($pipes[2]);
fclose($pipes[1]);
fclose($pipes[2]);
$rc = proc_close($p);
foreach (explode("\n", $out) as $line) {
    if (str_starts_with($line, 'FAIL') || str_starts_with($line, 'selftest:')) {
        echo $line, "\n";
    }
}
echo "exit $rc, stderr: ", json_encode($err), "\n";
?>
--EXPECTF--
selftest: %d passed, 0 failed
exit 0, stderr: ""
