--TEST--
maxPayloadBytes: integer range 1024..67108864 - both bounds accepted, 1024-1 and 67108864+1 rejected with the schema's message
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$try = function (mixed $v): string {
    $o = ['maxPayloadBytes' => $v, 'localPath' => '/tmp/cf-int', 'metadataCacheIdentifier' => 'm', 'namespace' => ['environment' => 'prod', 'instance' => 'i']];
    $r = cf_catch(function () use ($o, &$b) { $b = new ClusterFileBackend($o); });
    return $r === 'ok' ? 'ok ' . $b->getOptions()['maxPayloadBytes'] : str_replace("ClusterFileBackend options invalid:\n", '', $r);
};
foreach ([1024 - 1, 1024, 67108864, 67108864 + 1] as $v) {
    echo $v, ' => ', $try($v), "\n";
}
?>
--EXPECT--
1023 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [maxPayloadBytes] Must have a minimum value of 1024
1024 => ok 1024
67108864 => ok 67108864
67108865 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [maxPayloadBytes] Must have a maximum value of 67108864
