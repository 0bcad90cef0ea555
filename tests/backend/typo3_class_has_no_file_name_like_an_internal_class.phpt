--TEST--
ReflectionClass::getFileName() of ClusterFile\Typo3\ClusterFileBackend is false, as for an internal class (also through ReflectionObject and a ReflectionClass subclass, with and without OPcache), so file_exists()/filemtime() on it do not warn; other classes keep their file, and an error in the class's declaration still names clusterfile://ClusterFileBackend.php
--DESCRIPTION--
The OPcache part runs in a child PHP (same binary and test arguments) with OPcache (built in since
PHP 8.5, PHP_EXTENSION_DIR/opcache.so before: cf_opcache_args()), as in
tests/php_capable/opcache_caches_the_included_payload.phpt. PHP 8.5 says "the remaining method"
for one method where 8.4 said "methods".
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$work = cf_tmpdir('filename');
$checks = $work . '/checks.php';
file_put_contents($checks, '<?php
require_once ' . var_export(__DIR__ . '/../inc/bootstrap.inc', true) . ';
use ClusterFile\Typo3\ClusterFileBackend;

set_error_handler(function (int $no, string $msg): bool { echo "warning: $msg\n"; return true; });
class CfReflectionSubclass extends ReflectionClass {}
class CfBackendSubclass extends ClusterFileBackend {}

echo "opcache enabled: ", var_export(function_exists("opcache_get_status") && (opcache_get_status(false)["opcache_enabled"] ?? false), true), "\n";
$r = new ReflectionClass(ClusterFileBackend::class);
$file = $r->getFileName();
echo "getFileName: ", var_export($file, true), "\n";
echo "file_exists: ", var_export(file_exists($file), true), "\n";
echo "filemtime: ", var_export(filemtime($file), true), "\n";
$b = new ClusterFileBackend(cf_options(cf_tmpdir(), new FakeMetaFrontend()));
echo "ReflectionObject: ", var_export((new ReflectionObject($b))->getFileName(), true), "\n";
echo "ReflectionClass subclass: ", var_export((new CfReflectionSubclass($b))->getFileName(), true), "\n";
echo "its method: ", var_export($r->getMethod("get")->getFileName(), true), "\n";
echo "__toString works: ", var_export(str_contains((string) $r, "class ClusterFile\\\\Typo3\\\\ClusterFileBackend"), true), "\n";
echo "a subclass keeps its file: ", var_export((new ReflectionClass(CfBackendSubclass::class))->getFileName() === __FILE__, true), "\n";
echo "another class keeps its file: ", basename((new ReflectionClass(FakeMetaFrontend::class))->getFileName()), "\n";
echo "an internal class: ", var_export((new ReflectionClass(ClusterFile\NativeBackend::class))->getFileName(), true), "\n";
restore_error_handler();
');

echo "== without OPcache\n";
require $checks;

echo "== with OPcache\n";
[$rc, $out, $err] = cf_php_run($checks, (cf_opcache_args() ?? '')
    . ' -d opcache.enable=1 -d opcache.enable_cli=1 -d opcache.file_update_protection=0 -d opcache.jit=0');
echo $out, $err, 'exit: ', $rc, "\n";

echo "== an error in the declaration\n";
$broken = $work . '/broken.php';
file_put_contents($broken, '<?php
namespace TYPO3\CMS\Core\Cache\Backend {
    interface TaggableBackendInterface { public function notInNativeBackend(): void; }
    interface PhpCapableBackendInterface {}
}
namespace {
    class_exists("ClusterFile\\\\Typo3\\\\ClusterFileBackend");
}
');
[$rc, $out, $err] = cf_php_run($broken, '-d display_errors=1 -d html_errors=0');
echo trim($out . $err), "\n", 'exit: ', $rc, "\n";
?>
--EXPECTF--
== without OPcache
opcache enabled: false
getFileName: false
file_exists: false
filemtime: false
ReflectionObject: false
ReflectionClass subclass: false
its method: false
__toString works: true
a subclass keeps its file: true
another class keeps its file: fake_metadata.inc
an internal class: false
== with OPcache
opcache enabled: true
getFileName: false
file_exists: false
filemtime: false
ReflectionObject: false
ReflectionClass subclass: false
its method: false
__toString works: true
a subclass keeps its file: true
another class keeps its file: fake_metadata.inc
an internal class: false
exit: 0
== an error in the declaration
%AFatal error: Class ClusterFile\Typo3\ClusterFileBackend contains 1 abstract method and must therefore be declared abstract or implement the remaining method%S (TYPO3\CMS\Core\Cache\Backend\TaggableBackendInterface::notInNativeBackend) in clusterfile://ClusterFileBackend.php on line 2
exit: 255
