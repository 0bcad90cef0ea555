--TEST--
localMaxAgeSeconds: integer range 0..315360000 - both bounds accepted, 0-1 and 315360000+1 rejected with the schema's message
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$try = function (mixed $v): string {
    $o = ['localMaxAgeSeconds' => $v, 'localPath' => '/tmp/cf-int', 'metadataCacheIdentifier' => 'm', 'namespace' => ['environment' => 'prod', 'instance' => 'i']];
    $r = cf_catch(function () use ($o, &$b) { $b = new ClusterFileBackend($o); });
    return $r === 'ok' ? 'ok ' . $b->getOptions()['localMaxAgeSeconds'] : str_replace("ClusterFileBackend options invalid:\n", '', $r);
};
foreach ([0 - 1, 0, 315360000, 315360000 + 1] as $v) {
    echo $v, ' => ', $try($v), "\n";
}
?>
--EXPECT--
-1 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [localMaxAgeSeconds] Must have a minimum value of 0
0 => ok 0
315360000 => ok 315360000
315360001 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [localMaxAgeSeconds] Must have a maximum value of 315360000
