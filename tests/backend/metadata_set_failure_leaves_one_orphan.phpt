--TEST--
A metadata SET failing after the local write throws 1747500022 and leaves exactly one orphan file and no record; a retry after recovery succeeds
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use TYPO3\CMS\Core\Cache\Backend\BackendInterface;
use TYPO3\CMS\Core\Cache\Frontend\FrontendInterface;

/** Delegates to a FakeMetaFrontend but fails every set() while $failSet is on. */
final class SetFailingMeta implements FrontendInterface
{
    public bool $failSet = true;
    public function __construct(public FakeMetaFrontend $inner) {}
    public function getIdentifier(): string { return 'cluster_meta'; }
    public function getBackend(): BackendInterface { return $this->inner->getBackend(); }
    public function set(string $id, mixed $data, array $tags = [], ?int $lifetime = null): void
    {
        if ($this->failSet) {
            throw new \RuntimeException('SET refused');
        }
        $this->inner->set($id, $data, $tags, $lifetime);
    }
    public function get(string $id): mixed { return $this->inner->get($id); }
    public function has(string $id): bool { return $this->inner->has($id); }
    public function remove(string $id): bool { return $this->inner->remove($id); }
    public function flush(): void { $this->inner->flush(); }
    public function flushByTag(string $tag): void { $this->inner->flushByTag($tag); }
    public function flushByTags(array $tags): void { $this->inner->flushByTags($tags); }
    public function collectGarbage(): void { $this->inner->collectGarbage(); }
    public function isValidEntryIdentifier(string $id): bool { return $this->inner->isValidEntryIdentifier($id); }
    public function isValidTag(string $tag): bool { return $this->inner->isValidTag($tag); }
}

$inner = new FakeMetaFrontend();
$meta = new SetFailingMeta($inner);
$dir = cf_tmpdir();
$b = new ClusterFile\Typo3\ClusterFileBackend(['localPath' => $dir, 'metadataCache' => $meta, 'namespace' => ['environment' => 'prod', 'instance' => 'i']]);
new TYPO3\CMS\Core\Cache\Frontend\VariableFrontend('pages', $b);
echo cf_catch(fn () => $b->set('e', 'payload')), "\n";
echo cf_catch(fn () => $b->set('e', 'payload')), "\n";
echo "files: ", count(cf_files($dir)), ", records: ", count($inner->backend->entries), "\n";
var_dump($b->get('e'));
$meta->failSet = false;
$b->set('e', 'payload');
echo "after recovery: files ", count(cf_files($dir)), ", records ", count($inner->backend->entries), ", get ", $b->get('e'), "\n";
?>
--EXPECT--
TYPO3\CMS\Core\Cache\Exception(1747500022): ClusterFileBackend: set("e") of cache "pages" failed: the metadata store failed writing the record (see previous)
TYPO3\CMS\Core\Cache\Exception(1747500022): ClusterFileBackend: set("e") of cache "pages" failed: the metadata store failed writing the record (see previous)
files: 1, records: 0
bool(false)
after recovery: files 1, records 1, get payload
