--TEST--
Unknown option keys (top level, inside namespace, integer keys, reference-era names) are rejected as additional properties
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$full = [
    'localPath' => '/tmp/cf-unknown',
    'metadataCacheIdentifier' => 'cluster_meta',
    'namespace' => ['environment' => 'prod', 'instance' => 'site'],
];
echo cf_catch(fn () => new ClusterFileBackend($full + ['cacheDirectory' => '/x'])), "\n";
echo cf_catch(fn () => new ClusterFileBackend($full + ['compressionLevel' => 3, 7 => 'x'])), "\n";
$o = $full;
$o['namespace']['region'] = 'eu';
echo cf_catch(fn () => new ClusterFileBackend($o)), "\n";
echo cf_catch(fn () => new ClusterFileBackend($full + ["bad\0key\xff" => 1])), "\n";
?>
--EXPECT--
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[] The property cacheDirectory is not defined and the definition does not allow additional properties
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[] The property compressionLevel is not defined and the definition does not allow additional properties
[] The property 7 is not defined and the definition does not allow additional properties
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[namespace] The property region is not defined and the definition does not allow additional properties
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[] The property bad?key? is not defined and the definition does not allow additional properties
