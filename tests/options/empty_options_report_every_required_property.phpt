--TEST--
An empty options array (or none at all) is rejected with one "required" line per required property
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

echo "[]:\n", cf_catch(fn () => new ClusterFileBackend([])), "\n";
echo "no argument:\n", cf_catch(fn () => new ClusterFileBackend()), "\n";
?>
--EXPECT--
[]:
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[] The property localPath is required
[] The property metadataCacheIdentifier is required
[] The property namespace is required
no argument:
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[] The property localPath is required
[] The property metadataCacheIdentifier is required
[] The property namespace is required
