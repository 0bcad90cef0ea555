--TEST--
defaultLifetimeSeconds: minimum 1 (0 and negatives rejected), no maximum (PHP_INT_MAX accepted)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$try = function (mixed $v): string {
    $o = ['defaultLifetimeSeconds' => $v, 'localPath' => '/tmp/cf-int', 'metadataCacheIdentifier' => 'm', 'namespace' => ['environment' => 'prod', 'instance' => 'i']];
    $r = cf_catch(function () use ($o, &$b) { $b = new ClusterFileBackend($o); });
    return $r === 'ok' ? 'ok ' . $b->getOptions()['defaultLifetimeSeconds'] : str_replace("ClusterFileBackend options invalid:\n", '', $r);
};
foreach ([PHP_INT_MIN, -1, 0, 1, 86400, PHP_INT_MAX] as $v) {
    echo $v, ' => ', $try($v), "\n";
}
?>
--EXPECT--
-9223372036854775808 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [defaultLifetimeSeconds] Must have a minimum value of 1
-1 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [defaultLifetimeSeconds] Must have a minimum value of 1
0 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [defaultLifetimeSeconds] Must have a minimum value of 1
1 => ok 1
86400 => ok 86400
9223372036854775807 => ok 9223372036854775807
