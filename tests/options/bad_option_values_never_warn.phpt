--TEST--
Hostile option values (objects, closures, NAN/INF, invalid UTF-8, NUL-filled strings, odd keys, references, resources) yield only the exception, never a warning
--EXTENSIONS--
clusterfile
igbinary
--INI--
error_reporting=-1
display_errors=1
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$o = [
    'localPath' => "/\xff\xfe",
    'metadataCacheIdentifier' => "\xff\xfe",
    'namespace' => ['environment' => ['prod'], 'instance' => new stdClass(), "\xc3" => 1, -5 => 2],
    'compression' => fn () => 'zstd',
    'serializer' => 1.5,
    'maxPayloadBytes' => NAN,
    'minCompressedBytes' => INF,
    'backendVersionEnvVar' => str_repeat("\0", 100000),
    str_repeat('k', 200) => 1,
];
$ref = 5;
$o['payloadL1MaxEntries'] = &$ref; // a reference to a valid value is fine
echo cf_catch(fn () => new ClusterFileBackend($o)), "\n";

$r = fopen('php://memory', 'r');
$o = ['localPath' => $r, 'metadataCache' => $r, 'fsync' => $r, 'namespace' => ['environment' => 'prod', 'instance' => 'i']];
try {
    new ClusterFileBackend($o);
} catch (\Throwable $e) {
    echo "resources: ", get_class($e), ' ', $e->getCode(), ', ', substr_count($e->getMessage(), "\n"), " violations\n";
}
echo "end\n";
?>
--EXPECT--
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): ClusterFileBackend options invalid:
[metadataCacheIdentifier] Does not match the regex pattern ^[a-zA-Z0-9_]{1,64}$
[namespace.environment] Array value found, but a string is required
[namespace.instance] Object value found, but a string is required
[namespace] The property ? is not defined and the definition does not allow additional properties
[namespace] The property -5 is not defined and the definition does not allow additional properties
[compression] Object value found, but a string or a boolean is required
[serializer] Number value found, but a string is required
[maxPayloadBytes] Number value found, but an integer is required
[minCompressedBytes] Number value found, but an integer is required
[backendVersionEnvVar] Does not match the regex pattern ^[A-Z_][A-Z0-9_]{0,63}$
[] The property kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk... is not defined and the definition does not allow additional properties
resources: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException 1747500003, 4 violations
end
