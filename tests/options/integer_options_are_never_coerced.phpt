--TEST--
Integer options take PHP integers only: numeric strings, floats (even integral), booleans and null are type errors
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$opts = ['defaultLifetimeSeconds', 'defaultLifetime', 'maxPayloadBytes', 'minCompressedBytes', 'payloadL1MaxEntries', 'payloadL1MaxBytes'];
foreach (['2048', 2048.0, true, null] as $v) {
    $o = ['localPath' => '/tmp/cf-int', 'metadataCacheIdentifier' => 'm', 'namespace' => ['environment' => 'prod', 'instance' => 'i']];
    foreach ($opts as $k) {
        $o[$k] = $v;
    }
    echo var_export($v, true), ":\n", cf_catch(fn () => new ClusterFileBackend($o)), "\n";
}
?>
--EXPECT--
'2048':
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[defaultLifetimeSeconds] String value found, but an integer is required
[defaultLifetime] String value found, but an integer is required
[maxPayloadBytes] String value found, but an integer is required
[minCompressedBytes] String value found, but an integer is required
[payloadL1MaxEntries] String value found, but an integer is required
[payloadL1MaxBytes] String value found, but an integer is required
2048.0:
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[defaultLifetimeSeconds] Number value found, but an integer is required
[defaultLifetime] Number value found, but an integer is required
[maxPayloadBytes] Number value found, but an integer is required
[minCompressedBytes] Number value found, but an integer is required
[payloadL1MaxEntries] Number value found, but an integer is required
[payloadL1MaxBytes] Number value found, but an integer is required
true:
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[defaultLifetimeSeconds] Boolean value found, but an integer is required
[defaultLifetime] Boolean value found, but an integer is required
[maxPayloadBytes] Boolean value found, but an integer is required
[minCompressedBytes] Boolean value found, but an integer is required
[payloadL1MaxEntries] Boolean value found, but an integer is required
[payloadL1MaxBytes] Boolean value found, but an integer is required
NULL:
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[defaultLifetimeSeconds] NULL value found, but an integer is required
[defaultLifetime] NULL value found, but an integer is required
[maxPayloadBytes] NULL value found, but an integer is required
[minCompressedBytes] NULL value found, but an integer is required
[payloadL1MaxEntries] NULL value found, but an integer is required
[payloadL1MaxBytes] NULL value found, but an integer is required
