--TEST--
With OPcache, an included payload is compiled into OPcache's shared memory under its content-addressed path and later includes are served from there
--DESCRIPTION--
run-tests starts PHP with -n and an extension_dir pointing at the build's modules/, so
"zend_extension=opcache" cannot be given in --INI--. The scenario therefore runs in a child PHP
(same binary and test arguments) with OPcache: built in since PHP 8.5, PHP_EXTENSION_DIR/opcache.so
loaded by -d zend_extension before (cf_opcache_args()).
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

$work = cf_tmpdir('opcache');
$child = $work . '/child.php';
file_put_contents($child, '<?php
require ' . var_export(__DIR__ . '/../inc/bootstrap.inc', true) . ';
use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;

echo "opcache loaded: ", var_export(function_exists("opcache_get_status"), true), "\n";
$meta = new FakeMetaFrontend();
$dir = ' . var_export($work . '/store', true) . ';
$b = cf_pod($meta, $dir, [], "code", true);
$fe = new PhpFrontend("code", $b);
$fe->set("answer", "return [\"answer\" => 42];");
$path = realpath(cf_payload_path($meta, $dir, "answer", "code", true));

echo "requireOnce: ", json_encode($fe->requireOnce("answer")), "\n";
$st = opcache_get_status(true);
echo "opcache enabled: ", var_export($st["opcache_enabled"], true), "\n";
echo "payload cached: ", var_export(isset($st["scripts"][$path]), true), "\n";
$hits = $st["scripts"][$path]["hits"] ?? -1;
for ($i = 0; $i < 3; $i++) {
    $v = $fe->require("answer");
}
echo "require: ", json_encode($v), "\n";
$st = opcache_get_status(true);
echo "served from opcache: ", var_export(($st["scripts"][$path]["hits"] ?? -1) >= $hits + 3, true), "\n";
echo "cached scripts under the store: ", count(array_filter(array_keys($st["scripts"]), fn ($k) => str_starts_with($k, realpath($dir)))), "\n";
');

[$rc, $out, $err] = cf_php_run($child, cf_opcache_args()
    . ' -d opcache.enable=1 -d opcache.enable_cli=1 -d opcache.file_update_protection=0 -d opcache.jit=0');
echo $out, $err, 'exit: ', $rc, "\n";
?>
--EXPECT--
opcache loaded: true
requireOnce: {"answer":42}
opcache enabled: true
payload cached: true
require: {"answer":42}
served from opcache: true
cached scripts under the store: 1
exit: 0
