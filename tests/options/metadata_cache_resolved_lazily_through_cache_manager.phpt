--TEST--
metadataCacheIdentifier is resolved through GeneralUtility::makeInstance(CacheManager::class)->getCache() on first use, once, not in the constructor
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

// constructed and bound before TYPO3's GeneralUtility/CacheManager exist
$b = new ClusterFileBackend(['localPath' => cf_tmpdir(), 'metadataCacheIdentifier' => 'cluster_meta', 'namespace' => ['environment' => 'prod', 'instance' => 'i']]);
new VariableFrontend('pages', $b);
echo "constructed: GeneralUtility exists=", json_encode(class_exists('TYPO3\CMS\Core\Utility\GeneralUtility', false)), "\n";

eval(<<<'PHP'
namespace TYPO3\CMS\Core\Cache {
    class CacheManager {
        public static array $log = [];
        public static array $caches = [];
        public function getCache(string $identifier): \TYPO3\CMS\Core\Cache\Frontend\FrontendInterface {
            self::$log[] = "getCache($identifier)";
            return self::$caches[$identifier];
        }
    }
}
namespace TYPO3\CMS\Core\Utility {
    class GeneralUtility {
        public static function makeInstance(string $className, mixed ...$args): object {
            \TYPO3\CMS\Core\Cache\CacheManager::$log[] = "makeInstance($className)";
            return new $className(...$args);
        }
    }
}
PHP);
$meta = new FakeMetaFrontend('cluster_meta');
TYPO3\CMS\Core\Cache\CacheManager::$caches['cluster_meta'] = $meta;
echo "before first use: ", json_encode(TYPO3\CMS\Core\Cache\CacheManager::$log), "\n";
$b->set('e', 'v');
var_dump($b->has('e'), $b->get('e'));
$b->remove('e');
echo "after: ", json_encode(TYPO3\CMS\Core\Cache\CacheManager::$log), "\n";
echo "metadata calls: ", implode(',', $meta->backend->calls), "\n";
?>
--EXPECT--
constructed: GeneralUtility exists=false
before first use: []
bool(true)
string(1) "v"
after: ["makeInstance(TYPO3\\CMS\\Core\\Cache\\CacheManager)","getCache(cluster_meta)"]
metadata calls: set,get,remove
