--TEST--
Minimal options (localPath, metadataCacheIdentifier, namespace) get every other option's default
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$b = new ClusterFileBackend([
    'localPath' => '/tmp/cf-defaults',
    'metadataCacheIdentifier' => 'cluster_meta',
    'namespace' => ['environment' => 'prod', 'instance' => 'site-a'],
]);
var_export($b->getOptions());
echo "\n";
?>
--EXPECT--
array (
  'localPath' => '/tmp/cf-defaults',
  'metadataCacheIdentifier' => 'cluster_meta',
  'namespace' => 
  array (
    'environment' => 'prod',
    'instance' => 'site-a',
  ),
  'compression' => 'zstd',
  'compressionCodec' => 'zstd',
  'serializer' => 'igbinary',
  'defaultLifetimeSeconds' => 3600,
  'maxPayloadBytes' => 10485760,
  'minCompressedBytes' => 1024,
  'payloadL1MaxEntries' => 32,
  'payloadL1MaxBytes' => 4194304,
  'l1MaxAgeSeconds' => 2,
  'localMaxBytes' => 1073741824,
  'localMaxAgeSeconds' => 604800,
  'backendVersionEnvVar' => 'IMAGE_TAG',
  'fsync' => false,
  'sharedPayloadMaxBytes' => 0,
  'metadataCache' => false,
)
