--TEST--
A metadata cache whose getBackend() is this backend is refused with InvalidCacheException 1747500051 (by identifier and as an object)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
eval(<<<'PHP'
namespace TYPO3\CMS\Core\Cache {
    class CacheManager {
        public static array $caches = [];
        public function getCache(string $identifier): object { return self::$caches[$identifier]; }
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

// by identifier: the cache named "pages" is configured as its own metadata cache
$b = new ClusterFileBackend(['localPath' => cf_tmpdir(), 'metadataCacheIdentifier' => 'pages', 'namespace' => ['environment' => 'prod', 'instance' => 'i']]);
CacheManager::$caches['pages'] = new VariableFrontend('pages', $b);
echo "by identifier, has: ", cf_catch(fn () => $b->has('e')), "\n";
echo "by identifier, set: ", cf_catch(fn () => $b->set('e', 'v')), "\n";

// as an object: a frontend over this very backend
$b2 = new ClusterFileBackend(['localPath' => cf_tmpdir(), 'metadataCacheIdentifier' => 'x', 'namespace' => ['environment' => 'prod', 'instance' => 'i']]);
$self = new VariableFrontend('rootline', $b2);
$b3 = new ClusterFileBackend(['localPath' => cf_tmpdir(), 'metadataCache' => $self, 'namespace' => ['environment' => 'prod', 'instance' => 'i']]);
echo "other backend's frontend is fine: ", cf_catch(fn () => $b3->flushByTags([])), "\n";
$b4 = new ClusterFileBackend(['localPath' => cf_tmpdir(), 'metadataCacheIdentifier' => 'x', 'namespace' => ['environment' => 'prod', 'instance' => 'i']]);
$fe = new VariableFrontend('rootline', $b4);
CacheManager::$caches['x'] = $fe;
echo "as resolved object, get: ", cf_catch(fn () => $b4->get('e')), "\n";
echo "files written: ", count(cf_files($b->getLocalPath())) + count(cf_files($b4->getLocalPath())), "\n";
?>
--EXPECT--
by identifier, has: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500051): ClusterFileBackend: the metadata cache is this cache itself; it must use another backend
by identifier, set: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500051): ClusterFileBackend: the metadata cache is this cache itself; it must use another backend
other backend's frontend is fine: ok
as resolved object, get: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500051): ClusterFileBackend: the metadata cache is this cache itself; it must use another backend
files written: 0
