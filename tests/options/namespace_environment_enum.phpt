--TEST--
namespace.environment: each of prod, staging, testing, development is accepted; other values and types are rejected; namespace must be an array
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$try = function (mixed $ns): string {
    $o = ['localPath' => '/tmp/cf-env', 'metadataCacheIdentifier' => 'm', 'namespace' => $ns];
    $r = cf_catch(function () use ($o, &$b) { $b = new ClusterFileBackend($o); });
    return $r === 'ok' ? 'ok ' . $b->getNamespaceEnvironment() : str_replace("ClusterFileBackend options invalid:\n", '', $r);
};
foreach (['prod', 'staging', 'testing', 'development', 'production', 'PROD', '', 1] as $env) {
    echo json_encode($env), ' => ', $try(['environment' => $env, 'instance' => 'i']), "\n";
}
echo "namespace string => ", $try('cfb:prod:i'), "\n";
?>
--EXPECT--
"prod" => ok prod
"staging" => ok staging
"testing" => ok testing
"development" => ok development
"production" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [namespace.environment] Does not have a value in the enumeration ["prod","staging","testing","development"]
"PROD" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [namespace.environment] Does not have a value in the enumeration ["prod","staging","testing","development"]
"" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [namespace.environment] Does not have a value in the enumeration ["prod","staging","testing","development"]
1 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [namespace.environment] Integer value found, but a string is required
namespace string => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [namespace] String value found, but an object is required
