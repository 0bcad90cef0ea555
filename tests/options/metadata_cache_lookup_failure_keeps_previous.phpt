--TEST--
A CacheManager::getCache() that throws (NoSuchCacheException) becomes InvalidCacheException 1747500050 with the original as previous; a later call retries
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
eval(<<<'PHP'
namespace TYPO3\CMS\Core\Cache\Exception {
    class NoSuchCacheException extends \TYPO3\CMS\Core\Cache\Exception {}
}
namespace TYPO3\CMS\Core\Cache {
    class CacheManager {
        public static ?\FakeMetaFrontend $meta = null;
        public static int $calls = 0;
        public function getCache(string $identifier): object {
            self::$calls++;
            if (self::$meta === null) {
                throw new Exception\NoSuchCacheException('A cache with identifier "' . $identifier . '" does not exist.', 1203699034);
            }
            return self::$meta;
        }
    }
}
namespace TYPO3\CMS\Core\Utility {
    class GeneralUtility {
        public static function makeInstance(string $className): object { return new $className(); }
    }
}
PHP);

use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\CacheManager;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

$b = new ClusterFileBackend(['localPath' => cf_tmpdir(), 'metadataCacheIdentifier' => 'cluster_meta', 'namespace' => ['environment' => 'prod', 'instance' => 'i']]);
new VariableFrontend('pages', $b);
try {
    $b->get('e');
} catch (\Throwable $e) {
    echo get_class($e), ' ', $e->getCode(), "\n", $e->getMessage(), "\n";
    $p = $e->getPrevious();
    echo 'previous: ', get_class($p), ' ', $p->getCode(), ' ', $p->getMessage(), "\n";
}
CacheManager::$meta = new FakeMetaFrontend();
$b->set('e', 'v');
echo "retry after registering: ", $b->get('e'), ", getCache calls: ", CacheManager::$calls, "\n";
?>
--EXPECT--
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException 1747500050
ClusterFileBackend: configured metadataCacheIdentifier "cluster_meta" is not a registered TYPO3 cache. Register it under $GLOBALS["TYPO3_CONF_VARS"]["SYS"]["caching"]["cacheConfigurations"]["cluster_meta"].
previous: TYPO3\CMS\Core\Cache\Exception\NoSuchCacheException 1203699034 A cache with identifier "cluster_meta" does not exist.
retry after registering: v, getCache calls: 2
