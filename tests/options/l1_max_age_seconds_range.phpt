--TEST--
l1MaxAgeSeconds: integer range 0..86400 - both bounds accepted, 0-1 and 86400+1 rejected with the schema's message
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$try = function (mixed $v): string {
    $o = ['l1MaxAgeSeconds' => $v, 'localPath' => '/tmp/cf-int', 'metadataCacheIdentifier' => 'm', 'namespace' => ['environment' => 'prod', 'instance' => 'i']];
    $r = cf_catch(function () use ($o, &$b) { $b = new ClusterFileBackend($o); });
    return $r === 'ok' ? 'ok ' . $b->getOptions()['l1MaxAgeSeconds'] : str_replace("ClusterFileBackend options invalid:\n", '', $r);
};
foreach ([0 - 1, 0, 86400, 86400 + 1] as $v) {
    echo $v, ' => ', $try($v), "\n";
}
?>
--EXPECT--
-1 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [l1MaxAgeSeconds] Must have a minimum value of 0
0 => ok 0
86400 => ok 86400
86401 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [l1MaxAgeSeconds] Must have a maximum value of 86400
