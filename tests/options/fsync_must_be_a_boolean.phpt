--TEST--
fsync: true and false accepted (default false), other types rejected; a backend with fsync on still round-trips
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

foreach ([true, false, 1, 'yes', null] as $v) {
    $o = ['fsync' => $v, 'localPath' => '/tmp/cf-fsync', 'metadataCacheIdentifier' => 'm', 'namespace' => ['environment' => 'prod', 'instance' => 'i']];
    $r = cf_catch(function () use ($o, &$b) { $b = new ClusterFileBackend($o); });
    echo json_encode($v), ' => ', $r === 'ok' ? 'ok ' . json_encode($b->getOptions()['fsync']) : str_replace("ClusterFileBackend options invalid:\n", '', $r), "\n";
}
$meta = new FakeMetaFrontend();
$b = cf_pod($meta, null, ['fsync' => true]);
$b->set('e', 'durable');
var_dump(cf_pod($meta, $b->getLocalPath())->get('e'));
?>
--EXPECT--
true => ok true
false => ok false
1 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [fsync] Integer value found, but a boolean is required
"yes" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [fsync] String value found, but a boolean is required
null => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [fsync] NULL value found, but a boolean is required
string(7) "durable"
