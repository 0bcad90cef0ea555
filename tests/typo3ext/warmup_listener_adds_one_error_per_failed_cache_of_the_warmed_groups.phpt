--TEST--
The CacheWarmupEvent listener: ClusterFile\check() on every clusterfile cache of the groups warmed up (no groups = TYPO3's default group "all"; a warm-up of "all" covers every cache), one error per failed cache naming it, its failed checks with their messages and the checks not run; a passing cache, or one outside the groups, adds nothing (over the TYPO3 runtime stand-in: metadataCacheIdentifier resolved through CacheManager)
--EXTENSIONS--
clusterfile
igbinary
--SKIPIF--
<?php require __DIR__ . '/inc/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../cluster/harness/typo3_runtime.php';
require __DIR__ . '/../inc/fake_metadata.inc';
require __DIR__ . '/inc/typo3ext.inc';

use ClusterFile\Typo3Extension\EventListener\CheckCachesOnWarmup;
use ClusterFile\Typo3Extension\Service\ClusterFileCaches;
use TYPO3\CMS\Core\Cache\CacheManager;
use TYPO3\CMS\Core\Cache\Event\CacheWarmupEvent;
use TYPO3\CMS\Core\Utility\GeneralUtility;

$dir = sys_get_temp_dir() . '/ext-warmup-' . getmypid() . '-' . bin2hex(random_bytes(4));
mkdir("$dir/pages", 0700, true);
mkdir("$dir/typoscript", 0700, true);
file_put_contents("$dir/a-file", 'x');
register_shutdown_function(static function () use ($dir): void {
    exec('rm -rf ' . escapeshellarg($dir));
});

$GLOBALS['TYPO3_CONF_VARS']['SYS']['encryptionKey'] = str_repeat('k', 96);
$ns = ['environment' => 'testing', 'instance' => 'phpt'];
cf_ext_configure([
    'cluster_meta' => ['backend' => 'TYPO3\\CMS\\Core\\Cache\\Backend\\Typo3DatabaseBackend', 'groups' => ['system']],
    'pages' => cf_ext_cache(['localPath' => "$dir/pages", 'metadataCacheIdentifier' => 'cluster_meta', 'namespace' => $ns], ['pages']),
    'broken' => cf_ext_cache(['localPath' => "$dir/a-file", 'metadataCacheIdentifier' => 'cluster_meta', 'namespace' => $ns], ['pages']),
    // no groups: TYPO3's default, "all"
    'sessions' => cf_ext_cache(['localPath' => "$dir/pages", 'metadataDsn' => 'redis://127.0.0.1:1?timeout=0.2', 'namespace' => $ns]),
    'typoscript' => cf_ext_cache(['localPath' => "$dir/typoscript", 'metadataCacheIdentifier' => 'cluster_meta', 'namespace' => $ns], ['system']),
]);
// the metadata cache as TYPO3 would hold it (an in-memory taggable frontend instead of the database)
GeneralUtility::makeInstance(CacheManager::class)->registerCache(new FakeMetaFrontend('cluster_meta'), ['system']);

$listener = new CheckCachesOnWarmup(new ClusterFileCaches());
foreach ([['pages'], ['system'], ['all'], ['di'], ['system', 'pages']] as $groups) {
    $event = new CacheWarmupEvent($groups);
    $listener($event);
    echo 'warm-up of ', json_encode($groups), ': ', count($event->getErrors()), " error(s)\n";
    foreach ($event->getErrors() as $e) {
        echo "  $e\n";
    }
}

[$code, $out] = cf_ext_run('clusterfile:check', ['--json' => true, '--cache' => ['pages', 'typoscript']]);
echo "check over the CacheManager's metadata cache: exit $code, ", implode(' ', array_map(fn ($l) => $l['cache'] . '=' . ($l['ok'] ? 'ok' : 'FAILED'), cf_ext_json_lines($out))), "\n";
?>
--EXPECTF--
warm-up of ["pages"]: 1 error(s)
  clusterfile cache "broken" failed localPath: %s/a-file is not a directory; not run: roundTrip
warm-up of ["system"]: 0 error(s)
warm-up of ["all"]: 2 error(s)
  clusterfile cache "broken" failed localPath: %s/a-file is not a directory; not run: roundTrip
  clusterfile cache "sessions" failed metadata: ClusterFile\Exception (metadata store redis://127.0.0.1:1?timeout=0.2: %sConnection refused); not run: roundTrip
warm-up of ["di"]: 0 error(s)
warm-up of ["system","pages"]: 1 error(s)
  clusterfile cache "broken" failed localPath: %s/a-file is not a directory; not run: roundTrip
check over the CacheManager's metadata cache: exit 0, pages=ok typoscript=ok
