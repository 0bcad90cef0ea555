--TEST--
defaultLifetime is a synonym of defaultLifetimeSeconds: alone it applies, equal values are fine, different values conflict
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$try = function (array $extra): string {
    $o = $extra + ['localPath' => '/tmp/cf-dl', 'metadataCacheIdentifier' => 'm', 'namespace' => ['environment' => 'prod', 'instance' => 'i']];
    $r = cf_catch(function () use ($o, &$b) { $b = new ClusterFileBackend($o); });
    return $r === 'ok' ? 'ok ' . $b->getOptions()['defaultLifetimeSeconds'] : str_replace("ClusterFileBackend options invalid:\n", '', $r);
};
echo "defaultLifetime 600 => ", $try(['defaultLifetime' => 600]), "\n";
echo "both 600 => ", $try(['defaultLifetime' => 600, 'defaultLifetimeSeconds' => 600]), "\n";
echo "600 vs 700 => ", $try(['defaultLifetime' => 600, 'defaultLifetimeSeconds' => 700]), "\n";
echo "700 vs 600 (other order) => ", $try(['defaultLifetimeSeconds' => 700, 'defaultLifetime' => 600]), "\n";
echo "defaultLifetime 0 => ", $try(['defaultLifetime' => 0]), "\n";

$meta = new FakeMetaFrontend();
$b = cf_pod($meta, null, ['defaultLifetime' => 120]);
$b->set('e', 'v');
$r = cf_record($meta, 'e');
echo "record lifetime: ", $r['expiresAt'] - $r['createdAt'], "\n";
?>
--EXPECT--
defaultLifetime 600 => ok 600
both 600 => ok 600
600 vs 700 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [defaultLifetime] Conflicts with defaultLifetimeSeconds (both given with different values)
700 vs 600 (other order) => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [defaultLifetime] Conflicts with defaultLifetimeSeconds (both given with different values)
defaultLifetime 0 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [defaultLifetime] Must have a minimum value of 1
record lifetime: 120
