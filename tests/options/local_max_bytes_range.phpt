--TEST--
localMaxBytes: integer range 0..1125899906842624 - both bounds accepted, 0-1 and 1125899906842624+1 rejected with the schema's message
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$try = function (mixed $v): string {
    $o = ['localMaxBytes' => $v, 'localPath' => '/tmp/cf-int', 'metadataCacheIdentifier' => 'm', 'namespace' => ['environment' => 'prod', 'instance' => 'i']];
    $r = cf_catch(function () use ($o, &$b) { $b = new ClusterFileBackend($o); });
    return $r === 'ok' ? 'ok ' . $b->getOptions()['localMaxBytes'] : str_replace("ClusterFileBackend options invalid:\n", '', $r);
};
foreach ([0 - 1, 0, 1125899906842624, 1125899906842624 + 1] as $v) {
    echo $v, ' => ', $try($v), "\n";
}
?>
--EXPECT--
-1 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [localMaxBytes] Must have a minimum value of 0
0 => ok 0
1125899906842624 => ok 1125899906842624
1125899906842625 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [localMaxBytes] Must have a maximum value of 1125899906842624
