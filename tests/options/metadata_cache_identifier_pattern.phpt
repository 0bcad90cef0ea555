--TEST--
metadataCacheIdentifier: ^[a-zA-Z0-9_]{1,64}$, 64 characters accepted, 65 and other characters rejected, strings only
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$try = function (mixed $id): string {
    $o = ['localPath' => '/tmp/cf-mci', 'metadataCacheIdentifier' => $id, 'namespace' => ['environment' => 'prod', 'instance' => 'i']];
    $r = cf_catch(function () use ($o, &$b) { $b = new ClusterFileBackend($o); });
    return $r === 'ok' ? 'ok ' . $b->getMetadataCacheIdentifier() : str_replace("ClusterFileBackend options invalid:\n", '', $r);
};
foreach (['cluster_meta', 'A_z_0_9', str_repeat('m', 64), str_repeat('m', 65), '', 'cluster-meta', 'cluster.meta', "meta\n", 42] as $id) {
    echo json_encode($id), ' => ', $try($id), "\n";
}
?>
--EXPECT--
"cluster_meta" => ok cluster_meta
"A_z_0_9" => ok A_z_0_9
"mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm" => ok mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm
"mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [metadataCacheIdentifier] Does not match the regex pattern ^[a-zA-Z0-9_]{1,64}$
"" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [metadataCacheIdentifier] Does not match the regex pattern ^[a-zA-Z0-9_]{1,64}$
"cluster-meta" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [metadataCacheIdentifier] Does not match the regex pattern ^[a-zA-Z0-9_]{1,64}$
"cluster.meta" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [metadataCacheIdentifier] Does not match the regex pattern ^[a-zA-Z0-9_]{1,64}$
"meta\n" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [metadataCacheIdentifier] Does not match the regex pattern ^[a-zA-Z0-9_]{1,64}$
42 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [metadataCacheIdentifier] Integer value found, but a string is required
