--TEST--
sharedPayloadMaxBytes option: an integer 0..1048576 (default 0 = off), never coerced, only with metadataDsn - refused at construction beside metadataCacheIdentifier or metadataCache (InvalidCacheException 1747500003, with every other violation); getOptions() reports it
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/redis.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$base = ['localPath' => '/tmp/cf-shared-opts', 'namespace' => ['environment' => 'testing', 'instance' => 'phpt']];
$dsn = ['metadataDsn' => 'redis://127.0.0.1:1', 'recordKey' => str_repeat('k', 16)];
$try = function (array $o) use ($base): string {
    $r = cf_catch(fn () => new ClusterFileBackend($o + $base));
    return str_replace("ClusterFileBackend options invalid:\n", '', $r);
};
foreach ([-1, PHP_INT_MIN, 1048577, '4096', 4096.0, true, null, [4096]] as $v) {
    echo var_export($v, true), ': ', $try($dsn + ['sharedPayloadMaxBytes' => $v]), "\n";
}
foreach ([0, 1, 65536, 1048576] as $v) {
    $b = new ClusterFileBackend($dsn + ['sharedPayloadMaxBytes' => $v] + $base);
    echo "$v: getOptions() ", $b->getOptions()['sharedPayloadMaxBytes'], "\n";
}
echo 'default: ', (new ClusterFileBackend($dsn + $base))->getOptions()['sharedPayloadMaxBytes'], "\n";
echo 'with metadataCacheIdentifier: ', $try(['metadataCacheIdentifier' => 'cluster_meta', 'sharedPayloadMaxBytes' => 65536]), "\n";
echo 'with metadataCacheIdentifier, 0: ', $try(['metadataCacheIdentifier' => 'cluster_meta', 'sharedPayloadMaxBytes' => 0]), "\n";
echo 'with metadataCache: ', $try(['metadataCache' => new FakeMetaFrontend(), 'sharedPayloadMaxBytes' => 65536]), "\n";
echo "with metadataCacheIdentifier, negative:\n", $try(['metadataCacheIdentifier' => 'cluster_meta', 'sharedPayloadMaxBytes' => -1]), "\n";
?>
--EXPECT--
-1: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [sharedPayloadMaxBytes] Must have a minimum value of 0
-9223372036854775807-1: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [sharedPayloadMaxBytes] Must have a minimum value of 0
1048577: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [sharedPayloadMaxBytes] Must have a maximum value of 1048576
'4096': TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [sharedPayloadMaxBytes] String value found, but an integer is required
4096.0: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [sharedPayloadMaxBytes] Number value found, but an integer is required
true: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [sharedPayloadMaxBytes] Boolean value found, but an integer is required
NULL: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [sharedPayloadMaxBytes] NULL value found, but an integer is required
array (
  0 => 4096,
): TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [sharedPayloadMaxBytes] Array value found, but an integer is required
0: getOptions() 0
1: getOptions() 1
65536: getOptions() 65536
1048576: getOptions() 1048576
default: 0
with metadataCacheIdentifier: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [sharedPayloadMaxBytes] Only applies with metadataDsn (payloads are kept beside the record in the native store; not with metadataCacheIdentifier)
with metadataCacheIdentifier, 0: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [sharedPayloadMaxBytes] Only applies with metadataDsn (payloads are kept beside the record in the native store; not with metadataCacheIdentifier)
with metadataCache: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [sharedPayloadMaxBytes] Only applies with metadataDsn (payloads are kept beside the record in the native store; not with metadataCache)
with metadataCacheIdentifier, negative:
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [sharedPayloadMaxBytes] Must have a minimum value of 0
[sharedPayloadMaxBytes] Only applies with metadataDsn (payloads are kept beside the record in the native store; not with metadataCacheIdentifier)
