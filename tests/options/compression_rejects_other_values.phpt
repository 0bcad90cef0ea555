--TEST--
compression rejects other strings and non-string, non-bool types; compressionCodec accepts only zstd and gzip
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$try = function (array $extra): string {
    $o = $extra + ['localPath' => '/tmp/cf-comp', 'metadataCacheIdentifier' => 'm', 'namespace' => ['environment' => 'prod', 'instance' => 'i']];
    return str_replace("ClusterFileBackend options invalid:\n", '', cf_catch(fn () => new ClusterFileBackend($o)));
};
foreach (['lz4', 'ZSTD', '', 1, 0, null, ['zstd']] as $v) {
    echo 'compression ', json_encode($v), ' => ', $try(['compression' => $v]), "\n";
}
foreach (['zstd', 'gzip', 'none', 'lz4', true] as $v) {
    echo 'compressionCodec ', json_encode($v), ' => ', $try(['compressionCodec' => $v]), "\n";
}
?>
--EXPECT--
compression "lz4" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [compression] Does not have a value in the enumeration ["zstd","gzip","none"]
compression "ZSTD" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [compression] Does not have a value in the enumeration ["zstd","gzip","none"]
compression "" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [compression] Does not have a value in the enumeration ["zstd","gzip","none"]
compression 1 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [compression] Integer value found, but a string or a boolean is required
compression 0 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [compression] Integer value found, but a string or a boolean is required
compression null => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [compression] NULL value found, but a string or a boolean is required
compression ["zstd"] => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [compression] Array value found, but a string or a boolean is required
compressionCodec "zstd" => ok
compressionCodec "gzip" => ok
compressionCodec "none" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [compressionCodec] Does not have a value in the enumeration ["zstd","gzip"]
compressionCodec "lz4" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [compressionCodec] Does not have a value in the enumeration ["zstd","gzip"]
compressionCodec true => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [compressionCodec] Boolean value found, but a string is required
