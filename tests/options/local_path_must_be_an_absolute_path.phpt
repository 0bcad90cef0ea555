--TEST--
localPath: a string matching ^/.* of at most 4000 bytes without NUL; "/" and ".." segments are accepted
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$try = function (mixed $path): string {
    $o = ['localPath' => $path, 'metadataCacheIdentifier' => 'm', 'namespace' => ['environment' => 'prod', 'instance' => 'i']];
    $r = cf_catch(function () use ($o, &$b) { $b = new ClusterFileBackend($o); });
    return $r === 'ok' ? 'ok ' . $b->getLocalPath() : str_replace("ClusterFileBackend options invalid:\n", '', $r);
};
foreach (['/', '/var/cache/../cluster', 'relative', '', './x', "/a\0b", 17, null, ['/x']] as $p) {
    echo json_encode($p), ' => ', $try($p), "\n";
}
echo "4000 bytes => ", substr($try('/' . str_repeat('a', 3999)), 0, 2), "\n";
echo "4001 bytes => ", $try('/' . str_repeat('a', 4000)), "\n";
?>
--EXPECT--
"\/" => ok /
"\/var\/cache\/..\/cluster" => ok /var/cache/../cluster
"relative" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [localPath] Does not match the regex pattern ^/.*
"" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [localPath] Does not match the regex pattern ^/.*
".\/x" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [localPath] Does not match the regex pattern ^/.*
"\/a\u0000b" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [localPath] Must not contain a NUL byte
17 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [localPath] Integer value found, but a string is required
null => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [localPath] NULL value found, but a string is required
["\/x"] => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [localPath] Array value found, but a string is required
4000 bytes => ok
4001 bytes => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [localPath] Must be at most 4000 characters long
