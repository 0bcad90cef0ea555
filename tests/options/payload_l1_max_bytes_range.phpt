--TEST--
payloadL1MaxBytes: integer range 0..67108864 - both bounds accepted, 0-1 and 67108864+1 rejected with the schema's message
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$try = function (mixed $v): string {
    $o = ['payloadL1MaxBytes' => $v, 'localPath' => '/tmp/cf-int', 'metadataCacheIdentifier' => 'm', 'namespace' => ['environment' => 'prod', 'instance' => 'i']];
    $r = cf_catch(function () use ($o, &$b) { $b = new ClusterFileBackend($o); });
    return $r === 'ok' ? 'ok ' . $b->getOptions()['payloadL1MaxBytes'] : str_replace("ClusterFileBackend options invalid:\n", '', $r);
};
foreach ([0 - 1, 0, 67108864, 67108864 + 1] as $v) {
    echo $v, ' => ', $try($v), "\n";
}
?>
--EXPECT--
-1 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [payloadL1MaxBytes] Must have a minimum value of 0
0 => ok 0
67108864 => ok 67108864
67108865 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [payloadL1MaxBytes] Must have a maximum value of 67108864
