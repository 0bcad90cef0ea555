--TEST--
namespace.instance: ^[a-z0-9-]{1,64}$ - 1 and 64 characters accepted, 0 and 65, uppercase, underscore and non-strings rejected
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$try = function (mixed $instance): string {
    $o = ['localPath' => '/tmp/cf-inst', 'metadataCacheIdentifier' => 'm', 'namespace' => ['environment' => 'prod', 'instance' => $instance]];
    $r = cf_catch(function () use ($o, &$b) { $b = new ClusterFileBackend($o); });
    return $r === 'ok' ? 'ok ' . $b->getNamespaceInstance() : str_replace("ClusterFileBackend options invalid:\n", '', $r);
};
foreach (['a', 'site-a-01', str_repeat('x', 64), str_repeat('x', 65), '', 'Site', 'site_a', 'site a', false] as $i) {
    echo json_encode($i), ' => ', $try($i), "\n";
}
?>
--EXPECT--
"a" => ok a
"site-a-01" => ok site-a-01
"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" => ok xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [namespace.instance] Does not match the regex pattern ^[a-z0-9-]{1,64}$
"" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [namespace.instance] Does not match the regex pattern ^[a-z0-9-]{1,64}$
"Site" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [namespace.instance] Does not match the regex pattern ^[a-z0-9-]{1,64}$
"site_a" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [namespace.instance] Does not match the regex pattern ^[a-z0-9-]{1,64}$
"site a" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [namespace.instance] Does not match the regex pattern ^[a-z0-9-]{1,64}$
false => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [namespace.instance] Boolean value found, but a string is required
