--TEST--
Without TYPO3's backend interfaces, ClusterFile\Typo3\ClusterFileBackend is not declared (and NativeBackend still works)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
var_dump(class_exists('ClusterFile\Typo3\ClusterFileBackend'));
var_dump(class_exists('ClusterFile\NativeBackend'));
try {
    new ClusterFile\Typo3\ClusterFileBackend([]);
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$b = new ClusterFile\NativeBackend(['localPath' => '/tmp/cf-native', 'metadataCacheIdentifier' => 'm', 'namespace' => ['environment' => 'prod', 'instance' => 'i']]);
echo $b->getLocalPath(), "\n";
// declaring the interfaces later makes the class loadable on demand
require __DIR__ . '/../inc/typo3_interfaces.inc';
var_dump(class_exists('ClusterFile\Typo3\ClusterFileBackend'));
?>
--EXPECT--
bool(false)
bool(true)
Error: Class "ClusterFile\Typo3\ClusterFileBackend" not found
/tmp/cf-native
bool(true)
