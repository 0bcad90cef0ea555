--TEST--
setCache() declares what it accepts: any object (TYPO3's, Flow's or Neos' frontends, a host's own) with getIdentifier(), not TYPO3's FrontendInterface only (a debug PHP aborted on the arginfo/zpp mismatch for a Neos frontend)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

echo (new ReflectionMethod(ClusterFile\NativeBackend::class, 'setCache'))->getParameters()[0]->getType(), "\n";
final class NeosLikeFrontend
{
    public function __construct(private string $id) {}
    public function getIdentifier(): string { return $this->id; }
}
$meta = new FakeMetaFrontend();
$b = new ClusterFile\Typo3\ClusterFileBackend(cf_options(cf_tmpdir(), $meta));
$b->setCache(new NeosLikeFrontend('neos_fusion'));
$b->set('e', 'v');
var_dump($b->get('e'), $b->getStatistics()['cacheName']);
try {
    $b->setCache(new stdClass());
} catch (\Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
object
string(1) "v"
string(11) "neos_fusion"
TypeError: ClusterFile\NativeBackend::setCache(): Argument #1 ($cache) must be a cache frontend with a getIdentifier() method, stdClass given
