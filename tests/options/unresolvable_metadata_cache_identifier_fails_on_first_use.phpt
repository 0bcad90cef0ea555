--TEST--
metadataCacheIdentifier without TYPO3's GeneralUtility: construction succeeds, the first method needing metadata throws InvalidCacheException 1747500050 naming the configuration path
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

$b = new ClusterFileBackend(['localPath' => cf_tmpdir(), 'metadataCacheIdentifier' => 'cluster_meta', 'namespace' => ['environment' => 'prod', 'instance' => 'i']]);
new VariableFrontend('pages', $b);
echo "constructed and bound\n";
echo "has: ", cf_catch(fn () => $b->has('e')), "\n";
echo "get: ", cf_catch(fn () => $b->get('e')), "\n";
echo "set: ", cf_catch(fn () => $b->set('e', 'v')), "\n";
echo "remove: ", cf_catch(fn () => $b->remove('e')), "\n";
echo "flush: ", cf_catch(fn () => $b->flush()), "\n";
echo "files: ", count(cf_files($b->getLocalPath())), "\n";
?>
--EXPECT--
constructed and bound
has: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500050): ClusterFileBackend: configured metadataCacheIdentifier "cluster_meta" is not a registered TYPO3 cache. Register it under $GLOBALS["TYPO3_CONF_VARS"]["SYS"]["caching"]["cacheConfigurations"]["cluster_meta"].
get: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500050): ClusterFileBackend: configured metadataCacheIdentifier "cluster_meta" is not a registered TYPO3 cache. Register it under $GLOBALS["TYPO3_CONF_VARS"]["SYS"]["caching"]["cacheConfigurations"]["cluster_meta"].
set: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500050): ClusterFileBackend: configured metadataCacheIdentifier "cluster_meta" is not a registered TYPO3 cache. Register it under $GLOBALS["TYPO3_CONF_VARS"]["SYS"]["caching"]["cacheConfigurations"]["cluster_meta"].
remove: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500050): ClusterFileBackend: configured metadataCacheIdentifier "cluster_meta" is not a registered TYPO3 cache. Register it under $GLOBALS["TYPO3_CONF_VARS"]["SYS"]["caching"]["cacheConfigurations"]["cluster_meta"].
flush: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500050): ClusterFileBackend: configured metadataCacheIdentifier "cluster_meta" is not a registered TYPO3 cache. Register it under $GLOBALS["TYPO3_CONF_VARS"]["SYS"]["caching"]["cacheConfigurations"]["cluster_meta"].
files: 0
