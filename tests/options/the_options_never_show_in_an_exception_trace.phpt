--TEST--
The constructor's options (a metadataDsn password, a recordKey) never show in an exception's trace arguments, also with zend.exception_ignore_args=0 (the CLI default, and what TYPO3's debug exception handler prints): the parameter is #[\SensitiveParameter]
--EXTENSIONS--
clusterfile
--INI--
zend.exception_ignore_args=0
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
function construct(array $options): void
{
    new ClusterFile\Typo3\ClusterFileBackend($options);
}
try {
    construct(['localPath' => '/tmp/x', 'metadataDsn' => 'redis://:hunter2hunter2@127.0.0.1:1', 'recordKey' => 'short']);
} catch (Throwable $e) {
    $trace = print_r($e->getTrace(), true) . $e->getTraceAsString();
    echo get_class($e), ' ', $e->getCode(), "\n";
    echo 'the constructor\'s argument: ', var_export($e->getTrace()[0]['args'][0] ?? null, true), "\n";
    echo 'the secret anywhere in the constructor\'s frame: ', var_export(str_contains(print_r($e->getTrace()[0], true), 'hunter2'), true), "\n";
}
?>
--EXPECTF--
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException 1747500003
the constructor's argument: \SensitiveParameterValue::__set_state(array(
))
the secret anywhere in the constructor's frame: false
