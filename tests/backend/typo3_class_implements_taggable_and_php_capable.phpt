--TEST--
ClusterFile\Typo3\ClusterFileBackend extends NativeBackend and implements TYPO3's Taggable and PhpCapable backend interfaces; NativeBackend implements neither
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use ClusterFile\NativeBackend;
use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Backend\BackendInterface;
use TYPO3\CMS\Core\Cache\Backend\PhpCapableBackendInterface;
use TYPO3\CMS\Core\Cache\Backend\TaggableBackendInterface;

$b = cf_pod(new FakeMetaFrontend());
var_dump($b instanceof NativeBackend, $b instanceof BackendInterface, $b instanceof TaggableBackendInterface, $b instanceof PhpCapableBackendInterface);
$n = new NativeBackend(cf_options(cf_tmpdir(), new FakeMetaFrontend()));
var_dump($n instanceof TaggableBackendInterface, $n instanceof PhpCapableBackendInterface, $n instanceof BackendInterface);
$rc = new ReflectionClass(ClusterFileBackend::class);
echo "parent: ", $rc->getParentClass()->getName(), ", final: ", json_encode($rc->isFinal()), "\n";
$i = $rc->getInterfaceNames();
sort($i);
echo "interfaces: ", implode(', ', $i), "\n";
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
bool(false)
bool(false)
parent: ClusterFile\NativeBackend, final: false
interfaces: TYPO3\CMS\Core\Cache\Backend\BackendInterface, TYPO3\CMS\Core\Cache\Backend\PhpCapableBackendInterface, TYPO3\CMS\Core\Cache\Backend\TaggableBackendInterface
