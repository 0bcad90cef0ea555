--TEST--
getMetadataCacheIdentifier(), getLocalPath() (as configured, not normalised), getNamespaceEnvironment(), getNamespaceInstance()
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$b = new ClusterFile\Typo3\ClusterFileBackend([
    'localPath' => '/var/cache//cluster/../pages/',
    'metadataCacheIdentifier' => 'cluster_meta',
    'namespace' => ['environment' => 'staging', 'instance' => 'site-7'],
]);
var_dump($b->getMetadataCacheIdentifier(), $b->getLocalPath(), $b->getNamespaceEnvironment(), $b->getNamespaceInstance());
$s = $b->getStatistics();
echo "unbound: ", $s['cacheName'], ' ', $s['namespace'], "\n";
new TYPO3\CMS\Core\Cache\Frontend\VariableFrontend('pages', $b);
$s = $b->getStatistics();
echo "bound: ", $s['cacheName'], ' ', $s['namespace'], "\n";
?>
--EXPECT--
string(12) "cluster_meta"
string(29) "/var/cache//cluster/../pages/"
string(7) "staging"
string(6) "site-7"
unbound: unbound cfb:staging:site-7:unbound
bound: pages cfb:staging:site-7:pages
