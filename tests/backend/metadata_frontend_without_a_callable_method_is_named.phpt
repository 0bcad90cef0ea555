--TEST--
A metadata cache without a callable remove() or flushByTag() (private, or missing) makes remove()/flush() throw 1747500061 whose previous InvalidCacheException 1747500054 names the frontend's class and the method
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

final class MetaWithoutRemoveOrFlush
{
    public array $data = [];
    public function getIdentifier() { return 'cluster_meta'; }
    public function get($id) { return $this->data[$id] ?? false; }
    public function set($id, $d, $t = [], $l = null) { $this->data[$id] = $d; }
    private function remove($id) { return true; }
}

function chain(callable $fn): void
{
    try {
        $fn();
        echo "no exception\n";
    } catch (\Throwable $e) {
        for (; $e; $e = $e->getPrevious()) {
            echo get_class($e), '(', $e->getCode(), '): ', $e->getMessage(), "\n";
        }
    }
}

$b = new ClusterFileBackend(['localPath' => cf_tmpdir(), 'metadataCache' => new MetaWithoutRemoveOrFlush(), 'namespace' => ['environment' => 'testing', 'instance' => 'phpt']]);
new VariableFrontend('pages', $b);
$b->set('e', 'v');
var_dump($b->get('e'));
chain(fn () => $b->remove('e'));
chain(fn () => $b->flush());
?>
--EXPECTF--
string(1) "v"
TYPO3\CMS\Core\Cache\Exception(1747500061): ClusterFileBackend: remove("e") of cache "pages" was not carried out: the metadata store failed (see previous); the entry may still be served
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500054): ClusterFileBackend: the metadata cache (MetaWithoutRemoveOrFlush) has no callable method remove()
TYPO3\CMS\Core\Cache\Exception(1747500061): ClusterFileBackend: flush() of cache "pages" was not carried out: the metadata store failed (see previous); its entries may still be served
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500054): ClusterFileBackend: the metadata cache (MetaWithoutRemoveOrFlush) has no callable method flushByTag()
