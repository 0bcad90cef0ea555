--TEST--
Under OPcache with the tracing JIT, 200 require() calls of a payload (with a loop in it) from a hot loop and a hot function return correct values and do not crash
--DESCRIPTION--
The feasibility study found that executing opcache-cached op_arrays directly from C crashes under
the tracing JIT; clusterfile includes through a userland helper instead. Runs in a child PHP with
OPcache (built in since PHP 8.5, PHP_EXTENSION_DIR/opcache.so before: cf_opcache_args(); run-tests'
-n and extension_dir rule out --INI--). The JIT hot counters are 1 (run-tests' defaults), so
traces are recorded immediately.
--EXTENSIONS--
clusterfile
igbinary
--SKIPIF--
<?php
require __DIR__ . '/../inc/bootstrap.inc';
if (cf_opcache_args() === null) die('skip OPcache is neither built in nor ' . PHP_EXTENSION_DIR . '/opcache.so');
?>
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$work = cf_tmpdir('jit');
$child = $work . '/child.php';
file_put_contents($child, '<?php
require ' . var_export(__DIR__ . '/../inc/bootstrap.inc', true) . ';
use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;

$meta = new FakeMetaFrontend();
$b = cf_pod($meta, ' . var_export($work . '/store', true) . ', [], "code", true);
$fe = new PhpFrontend("code", $b);
$fe->set("loop", "\$s = 0; for (\$i = 0; \$i < 50; \$i++) { \$s += \$i; } return \$s;");
$fe->set("closure", "return static fn (int \$n): int => \$n * 2;");

$st = opcache_get_status(false);
echo "jit on: ", var_export($st["jit"]["enabled"] && $st["jit"]["on"], true), "\n";

$sum = 0;
for ($i = 0; $i < 200; $i++) {
    $sum += $fe->require("loop");
}
echo "loop sum: ", $sum, "\n";

function viaFunction(PhpFrontend $fe, int $n): int
{
    $f = $fe->require("closure");
    return $f($n);
}
$sum = 0;
for ($i = 0; $i < 200; $i++) {
    $sum += viaFunction($fe, $i);
}
echo "closure sum: ", $sum, "\n";
echo "requireOnce after: ", var_export($fe->requireOnce("loop"), true), "\n";
echo "require_hit_total: ", $b->getStatistics()["require_hit_total"], "\n";
');

[$rc, $out, $err] = cf_php_run($child, cf_opcache_args()
    . ' -d opcache.enable=1 -d opcache.enable_cli=1 -d opcache.file_update_protection=0'
    . ' -d opcache.jit=tracing -d opcache.jit_buffer_size=8M');
echo $out, $err, 'exit: ', $rc, "\n";
?>
--EXPECT--
jit on: true
loop sum: 245000
closure sum: 39800
requireOnce after: true
require_hit_total: 401
exit: 0
