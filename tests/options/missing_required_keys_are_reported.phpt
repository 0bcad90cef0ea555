--TEST--
Each missing required key is reported on its own: localPath, namespace, both metadata options, namespace members
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$full = [
    'localPath' => '/tmp/cf-req',
    'metadataCacheIdentifier' => 'cluster_meta',
    'namespace' => ['environment' => 'prod', 'instance' => 'site'],
];
foreach (['localPath', 'metadataCacheIdentifier', 'namespace'] as $k) {
    $o = $full;
    unset($o[$k]);
    echo "without $k: ", cf_catch(fn () => new ClusterFileBackend($o)), "\n";
}
foreach (['environment', 'instance'] as $k) {
    $o = $full;
    unset($o['namespace'][$k]);
    echo "without namespace.$k: ", cf_catch(fn () => new ClusterFileBackend($o)), "\n";
}
$o = $full;
$o['namespace'] = [];
echo "namespace []: ", cf_catch(fn () => new ClusterFileBackend($o)), "\n";
?>
--EXPECT--
without localPath: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[] The property localPath is required
without metadataCacheIdentifier: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[] The property metadataCacheIdentifier is required
without namespace: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[] The property namespace is required
without namespace.environment: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[namespace] The property environment is required
without namespace.instance: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[namespace] The property instance is required
namespace []: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[namespace] The property environment is required
[namespace] The property instance is required
