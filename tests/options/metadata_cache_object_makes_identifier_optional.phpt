--TEST--
metadataCache (a frontend object) makes metadataCacheIdentifier optional and is used directly; it must be an object
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

$meta = new FakeMetaFrontend();
$b = new ClusterFileBackend(['localPath' => cf_tmpdir(), 'metadataCache' => $meta, 'namespace' => ['environment' => 'prod', 'instance' => 'i']]);
new VariableFrontend('pages', $b);
echo "identifier: '", $b->getMetadataCacheIdentifier(), "'\n";
$o = $b->getOptions();
echo "options: metadataCache=", json_encode($o['metadataCache']), ", has metadataCacheIdentifier key=", json_encode(array_key_exists('metadataCacheIdentifier', $o)), "\n";
$b->set('e', 'v');
echo "stored in the object: ", json_encode(array_keys($meta->backend->entries)), "\n";

// both given: the object wins, the identifier is kept for the accessor and never resolved
$meta2 = new FakeMetaFrontend();
$b2 = new ClusterFileBackend(['localPath' => cf_tmpdir(), 'metadataCache' => $meta2, 'metadataCacheIdentifier' => 'nowhere', 'namespace' => ['environment' => 'prod', 'instance' => 'i']]);
new VariableFrontend('pages', $b2);
$b2->set('e', 'v');
echo "both: ", $b2->getMetadataCacheIdentifier(), ' ', count($meta2->backend->entries), "\n";

foreach (['cluster_meta', ['x'], null] as $v) {
    $o = ['metadataCache' => $v, 'localPath' => '/tmp/cf-mc', 'namespace' => ['environment' => 'prod', 'instance' => 'i']];
    echo json_encode($v), ' => ', cf_catch(fn () => new ClusterFileBackend($o)), "\n";
}
?>
--EXPECT--
identifier: ''
options: metadataCache=true, has metadataCacheIdentifier key=false
stored in the object: ["pages__e"]
both: nowhere 1
"cluster_meta" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[metadataCache] String value found, but an object is required
[] The property metadataCacheIdentifier is required
["x"] => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[metadataCache] Array value found, but an object is required
[] The property metadataCacheIdentifier is required
null => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[metadataCache] NULL value found, but an object is required
[] The property metadataCacheIdentifier is required
