--TEST--
The package files of typo3-extension/ agree with its classes: composer.json (name, type, extension key, PSR-4 to Classes/, honest require without the test-only packages), every class under Classes/ autoloads under its PSR-4 name, Services.yaml tags each command with the name the command gives itself and the listener with CacheWarmupEvent, RequestMiddlewares.php puts the middleware in the frontend stack before the site resolver, ext_emconf.php asks for TYPO3 14.3; the committed composer.lock of the test dependencies is current
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

$pkg = realpath(__DIR__ . '/../../typo3-extension');
$c = json_decode(file_get_contents("$pkg/composer.json"), true, 512, JSON_THROW_ON_ERROR);
echo 'composer: ', $c['name'], ' ', $c['type'], ' key ', $c['extra']['typo3/cms']['extension-key'], ' psr-4 ', json_encode($c['autoload']['psr-4']), "\n";
echo 'require: ', json_encode($c['require']), ', require-dev: ', json_encode($c['require-dev'] ?? null), "\n";
$t = json_decode(file_get_contents("$pkg/tests/composer.json"), true, 512, JSON_THROW_ON_ERROR);
echo 'the tests map the same namespace to the same folder: ', var_export(array_keys($t['autoload']['psr-4']) === array_keys($c['autoload']['psr-4'])
    && realpath("$pkg/tests/" . $t['autoload']['psr-4']['ClusterFile\\Typo3Extension\\']) === realpath("$pkg/Classes"), true), "\n";
// composer's content hash of composer.json (the keys that decide the resolution), as the lock records it
$relevant = array_intersect_key($t, array_flip(['name', 'version', 'require', 'require-dev', 'conflict', 'replace', 'provide', 'minimum-stability', 'prefer-stable', 'repositories', 'extra']));
if (isset($t['config']['platform'])) {
    $relevant['config']['platform'] = $t['config']['platform'];
}
ksort($relevant);
echo 'the committed lock is of this composer.json: ', var_export(json_decode(file_get_contents("$pkg/tests/composer.lock"), true)['content-hash'] === md5(json_encode($relevant)), true), "\n";

$classes = [];
$it = new RecursiveIteratorIterator(new RecursiveDirectoryIterator("$pkg/Classes", FilesystemIterator::SKIP_DOTS));
foreach ($it as $file) {
    $class = 'ClusterFile\\Typo3Extension\\' . str_replace(['/', '.php'], ['\\', ''], substr($file->getPathname(), strlen("$pkg/Classes/")));
    $classes[] = $class . (class_exists($class) || interface_exists($class) ? '' : ' (does not autoload)');
}
sort($classes);
echo "classes:\n  ", implode("\n  ", $classes), "\n";

$yaml = file_get_contents("$pkg/Configuration/Services.yaml");
foreach (['Check', 'Gc', 'Stats'] as $name) {
    $class = "ClusterFile\\Typo3Extension\\Command\\{$name}Command";
    $ok = preg_match('/^  ' . preg_quote($class, '/') . ":\n    tags:\n      - name: console.command\n        command: '([^']+)'/m", $yaml, $m) === 1;
    $command = new $class(new ClusterFile\Typo3Extension\Service\ClusterFileCaches());
    echo "$name: tagged ", $ok ? $m[1] : 'NOT TAGGED', ', names itself ', $command->getName(), ', NAME ', $class::NAME, "\n";
}
echo 'listener: ', preg_match('/CheckCachesOnWarmup:\n    tags:\n      - name: event.listener\n(        .+\n)*?        event: TYPO3\\\\CMS\\\\Core\\\\Cache\\\\Event\\\\CacheWarmupEvent\n/', $yaml) === 1 ? 'tagged for CacheWarmupEvent' : 'NOT TAGGED', "\n";
echo 'autowire, autoconfigure: ', var_export(str_contains($yaml, "    autowire: true\n    autoconfigure: true\n"), true), "\n";

$mw = require "$pkg/Configuration/RequestMiddlewares.php";
$entry = $mw['frontend']['clusterfile/metrics'];
echo 'middleware: ', $entry['target'], ' exists ', var_export(class_exists($entry['target']), true), ', before the site resolver ', var_export(in_array('typo3/cms-frontend/site', $entry['before'], true), true), ', after nothing ', var_export(!isset($entry['after']), true), "\n";

$_EXTKEY = 'clusterfile';
$EM_CONF = [];
require "$pkg/ext_emconf.php";
echo 'ext_emconf: ', $EM_CONF['clusterfile']['title'], ', ', $EM_CONF['clusterfile']['state'], ', typo3 ', $EM_CONF['clusterfile']['constraints']['depends']['typo3'], "\n";
?>
--EXPECT--
composer: clusterfile/typo3-clusterfile typo3-cms-extension key clusterfile psr-4 {"ClusterFile\\Typo3Extension\\":"Classes\/"}
require: {"php":"^8.2","ext-clusterfile":"*","typo3\/cms-core":"^14.3"}, require-dev: null
the tests map the same namespace to the same folder: true
the committed lock is of this composer.json: true
classes:
  ClusterFile\Typo3Extension\Command\CheckCommand
  ClusterFile\Typo3Extension\Command\ClusterFileCommand
  ClusterFile\Typo3Extension\Command\GcCommand
  ClusterFile\Typo3Extension\Command\StatsCommand
  ClusterFile\Typo3Extension\EventListener\CheckCachesOnWarmup
  ClusterFile\Typo3Extension\Middleware\MetricsMiddleware
  ClusterFile\Typo3Extension\Service\ClusterFileCache
  ClusterFile\Typo3Extension\Service\ClusterFileCaches
  ClusterFile\Typo3Extension\Service\UnknownCacheException
Check: tagged clusterfile:check, names itself clusterfile:check, NAME clusterfile:check
Gc: tagged clusterfile:gc, names itself clusterfile:gc, NAME clusterfile:gc
Stats: tagged clusterfile:stats, names itself clusterfile:stats, NAME clusterfile:stats
listener: tagged for CacheWarmupEvent
autowire, autoconfigure: true
middleware: ClusterFile\Typo3Extension\Middleware\MetricsMiddleware exists true, before the site resolver true, after nothing true
ext_emconf: clusterfile, beta, typo3 14.3.0-14.99.99
