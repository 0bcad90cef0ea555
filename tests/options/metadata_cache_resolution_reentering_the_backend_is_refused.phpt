--TEST--
A CacheManager whose getCache() calls back into the backend being resolved gets InvalidCacheException 1747500051 naming the cycle, unwrapped (no endless recursion)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
eval(<<<'PHP'
namespace TYPO3\CMS\Core\Cache {
    class CacheManager {
        public static $backend;
        public function getCache(string $identifier): object {
            self::$backend->has('probe'); // re-enters the resolution
            return new \FakeMetaFrontend();
        }
    }
}
namespace TYPO3\CMS\Core\Utility {
    class GeneralUtility {
        public static function makeInstance(string $className): object { return new $className(); }
    }
}
PHP);
$b = new ClusterFile\Typo3\ClusterFileBackend(['localPath' => cf_tmpdir(), 'metadataCacheIdentifier' => 'cluster_meta', 'namespace' => ['environment' => 'prod', 'instance' => 'i']]);
TYPO3\CMS\Core\Cache\CacheManager::$backend = $b;
try {
    $b->get('e');
} catch (\Throwable $e) {
    echo get_class($e), ' ', $e->getCode(), "\n";
    echo $e->getMessage(), "\n";
    var_dump($e->getPrevious());
}
?>
--EXPECT--
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException 1747500051
ClusterFileBackend: the metadata cache "cluster_meta" resolves back into this cache; it must use another backend
NULL
