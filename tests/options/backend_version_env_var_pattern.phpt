--TEST--
backendVersionEnvVar: ^[A-Z_][A-Z0-9_]{0,63}$ - 1 and 64 characters accepted; lowercase, leading digit, 65 characters and non-strings rejected
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$try = function (mixed $v): string {
    $o = ['backendVersionEnvVar' => $v, 'localPath' => '/tmp/cf-env', 'metadataCacheIdentifier' => 'm', 'namespace' => ['environment' => 'prod', 'instance' => 'i']];
    $r = cf_catch(function () use ($o, &$b) { $b = new ClusterFileBackend($o); });
    return $r === 'ok' ? 'ok ' . $b->getOptions()['backendVersionEnvVar'] : str_replace("ClusterFileBackend options invalid:\n", '', $r);
};
foreach (['X', '_', 'DEPLOY_ID_2', '_' . str_repeat('A', 63), 'A' . str_repeat('B', 64), '', 'image_tag', '2TAG', 'IMAGE-TAG', 5] as $v) {
    echo is_string($v) && strlen($v) > 20 ? strlen($v) . ' chars' : json_encode($v), ' => ', $try($v), "\n";
}
?>
--EXPECT--
"X" => ok X
"_" => ok _
"DEPLOY_ID_2" => ok DEPLOY_ID_2
64 chars => ok _AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
65 chars => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [backendVersionEnvVar] Does not match the regex pattern ^[A-Z_][A-Z0-9_]{0,63}$
"" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [backendVersionEnvVar] Does not match the regex pattern ^[A-Z_][A-Z0-9_]{0,63}$
"image_tag" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [backendVersionEnvVar] Does not match the regex pattern ^[A-Z_][A-Z0-9_]{0,63}$
"2TAG" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [backendVersionEnvVar] Does not match the regex pattern ^[A-Z_][A-Z0-9_]{0,63}$
"IMAGE-TAG" => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [backendVersionEnvVar] Does not match the regex pattern ^[A-Z_][A-Z0-9_]{0,63}$
5 => TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [backendVersionEnvVar] Integer value found, but a string is required
