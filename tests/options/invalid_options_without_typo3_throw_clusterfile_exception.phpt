--TEST--
Without TYPO3's exception classes, option violations throw ClusterFile\Exception\InvalidCacheException with the same code 1747500003
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
// no bootstrap: TYPO3's classes are not declared
var_dump(class_exists('TYPO3\CMS\Core\Cache\Exception\InvalidCacheException'));
try {
    new ClusterFile\NativeBackend(['localPath' => 'relative', 'metadataCacheIdentifier' => 'm', 'namespace' => ['environment' => 'prod', 'instance' => 'i']]);
} catch (Throwable $e) {
    echo get_class($e), ' ', $e->getCode(), "\n", $e->getMessage(), "\n";
    var_dump($e instanceof ClusterFile\Exception, $e instanceof RuntimeException);
}
?>
--EXPECT--
bool(false)
ClusterFile\Exception\InvalidCacheException 1747500003
ClusterFileBackend options invalid:
[localPath] Does not match the regex pattern ^/.*
bool(true)
bool(true)
