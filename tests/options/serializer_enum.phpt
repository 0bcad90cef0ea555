--TEST--
serializer: "igbinary" (default) and "php" are accepted and become the record's label; other values are rejected
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

foreach (['igbinary', 'php'] as $s) {
    $meta = new FakeMetaFrontend();
    $b = cf_pod($meta, null, ['serializer' => $s]);
    $b->set('e', 'v');
    echo "$s => ", $b->getOptions()['serializer'], ', label ', cf_record($meta, 'e')['serializer'], "\n";
}
foreach (['msgpack', 'PHP', true] as $v) {
    $o = ['serializer' => $v, 'localPath' => '/tmp/cf-ser', 'metadataCacheIdentifier' => 'm', 'namespace' => ['environment' => 'prod', 'instance' => 'i']];
    echo json_encode($v), ' => ', str_replace("ClusterFileBackend options invalid:\n", '', cf_catch(fn () => new ClusterFileBackend($o))), "\n";
}
?>
--EXPECT--
igbinary => igbinary, label igbinary:3
php => php, label php:native
"msgpack" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [serializer] Does not have a value in the enumeration ["igbinary","php"]
"PHP" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [serializer] Does not have a value in the enumeration ["igbinary","php"]
true => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [serializer] Boolean value found, but a string is required
