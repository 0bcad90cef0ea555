--TEST--
Several violations at once: one InvalidCacheException 1747500003 whose message lists every "[path] message" line
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

try {
    new ClusterFileBackend([
        'localPath' => 'relative/dir',
        'metadataCacheIdentifier' => 'cluster-meta',
        'namespace' => ['environment' => 'production', 'instance' => 'Site'],
        'compression' => 'lz4',
        'maxPayloadBytes' => 100,
        'payloadL1MaxEntries' => '8',
        'bogus' => true,
    ]);
} catch (\TYPO3\CMS\Core\Cache\Exception\InvalidCacheException $e) {
    echo get_class($e), "\n", $e->getCode(), "\n", $e->getMessage(), "\n";
    var_dump($e->getPrevious());
    var_dump($e instanceof \TYPO3\CMS\Core\Cache\Exception);
}
?>
--EXPECT--
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException
1747500003
ClusterFileBackend options invalid:
[localPath] Does not match the regex pattern ^/.*
[metadataCacheIdentifier] Does not match the regex pattern ^[a-zA-Z0-9_]{1,64}$
[namespace.environment] Does not have a value in the enumeration ["prod","staging","testing","development"]
[namespace.instance] Does not match the regex pattern ^[a-z0-9-]{1,64}$
[compression] Does not have a value in the enumeration ["zstd","gzip","none"]
[maxPayloadBytes] Must have a minimum value of 1024
[payloadL1MaxEntries] String value found, but an integer is required
[] The property bogus is not defined and the definition does not allow additional properties
NULL
bool(true)
