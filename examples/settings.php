<?php
// TYPO3 14 config/system/settings.php (excerpt): cluster caches on clusterfile.
// A settings.php written for moselwal/cluster-file-backend 2.6 works after swapping only the class name.

use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Backend\Typo3DatabaseBackend;
use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

$clusterNamespace = ['environment' => 'prod', 'instance' => 'site-a'];

return [
    'SYS' => [
        // The local stores' modes (unset: the umask decides): a CLI user and the web user in one group.
        'folderCreateMask' => '2770',
        'fileCreateMask' => '0660',
        'caching' => [
            'cacheConfigurations' => [
                // The metadata cache: any taggable TYPO3 cache shared by all pods (database, Redis/Valkey).
                'cluster_meta' => [
                    'frontend' => VariableFrontend::class,
                    'backend' => Typo3DatabaseBackend::class,
                    'groups' => ['system'],
                ],
                'pages' => [
                    'frontend' => VariableFrontend::class,
                    'backend' => ClusterFileBackend::class,
                    'options' => [
                        'localPath' => '/app/var/cache/cluster/pages',
                        'metadataCacheIdentifier' => 'cluster_meta',
                        'namespace' => $clusterNamespace,
                        // TYPO3 >= 14.3.1 casts this to bool; true = compressionCodec (zstd).
                        'compression' => true,
                        'defaultLifetime' => 86400,
                        // Disk budget of this localPath. The three caches share one 2Gi emptyDir
                        // (examples/kubernetes.yaml): their budgets add up to 1.5 GiB, the rest is
                        // headroom (tests/examples/ checks the sum against the sizeLimit).
                        'localMaxBytes' => 1024 * 1024 * 1024,
                    ],
                    'groups' => ['pages'],
                ],
                'rootline' => [
                    'frontend' => VariableFrontend::class,
                    'backend' => ClusterFileBackend::class,
                    'options' => [
                        'localPath' => '/app/var/cache/cluster/rootline',
                        'metadataCacheIdentifier' => 'cluster_meta',
                        'namespace' => $clusterNamespace,
                        'localMaxBytes' => 256 * 1024 * 1024,
                    ],
                    'groups' => ['pages'],
                ],
                // The native metadata path instead (no cluster_meta cache needed): Redis/Valkey from C,
                // one round trip per operation, the write-after-invalidate guard.
                // 'pages' => [
                //     'frontend' => VariableFrontend::class,
                //     'backend' => ClusterFileBackend::class,
                //     'options' => [
                //         'localPath' => '/app/var/cache/cluster/pages',
                //         // user and password percent-encoded (rawurlencode) inside the DSN
                //         'metadataDsn' => 'redis://cache-user:' . rawurlencode((string) getenv('REDIS_PASSWORD')) . '@redis:6379/2?prefix=site-a&timeout=0.5',
                //         // or a Sentinel group:  'redis-sentinel://sentinel-0:26379,sentinel-1:26379/mymaster/2?prefix=site-a'
                //         // or a Redis Cluster:   'redis-cluster://redis-0:6379,redis-1:6379,redis-2:6379?prefix=site-a'
                //         'namespace' => $clusterNamespace,
                //         // records are HMAC'd with SYS.encryptionKey unless 'recordKey' is given
                //         // pages up to 64 KiB (encoded) also kept in Redis: a pod without the file fetches them
                //         'sharedPayloadMaxBytes' => 65536,
                //     ],
                //     'groups' => ['pages'],
                // ],
                'typoscript' => [
                    'frontend' => PhpFrontend::class,
                    'backend' => ClusterFileBackend::class,
                    'options' => [
                        'localPath' => '/app/var/cache/cluster/typoscript',
                        'metadataCacheIdentifier' => 'cluster_meta',
                        'namespace' => $clusterNamespace,
                        'localMaxBytes' => 256 * 1024 * 1024,
                    ],
                    'groups' => ['pages'],
                ],
            ],
        ],
    ],
];
