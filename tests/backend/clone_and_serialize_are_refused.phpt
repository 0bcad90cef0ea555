--TEST--
A backend cannot be cloned (Error) nor serialized (Exception)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$b = cf_pod(new FakeMetaFrontend());
echo cf_catch(fn () => clone $b), "\n";
echo cf_catch(fn () => serialize($b)), "\n";
echo cf_catch(fn () => igbinary_serialize($b)), "\n";
$n = new ClusterFile\NativeBackend(cf_options(cf_tmpdir(), new FakeMetaFrontend()));
echo cf_catch(fn () => clone $n), "\n";
echo cf_catch(fn () => serialize($n)), "\n";
?>
--EXPECT--
Error(0): Trying to clone an uncloneable object of class ClusterFile\Typo3\ClusterFileBackend
Exception(0): Serialization of 'ClusterFile\Typo3\ClusterFileBackend' is not allowed
Exception(0): Serialization of 'ClusterFile\Typo3\ClusterFileBackend' is not allowed
Error(0): Trying to clone an uncloneable object of class ClusterFile\NativeBackend
Exception(0): Serialization of 'ClusterFile\NativeBackend' is not allowed
