--TEST--
The frontend<->backend cycle, and a cycle running through the metadata frontend, are collected by gc_collect_cycles()
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use TYPO3\CMS\Core\Cache\Backend\BackendInterface;
use TYPO3\CMS\Core\Cache\Frontend\FrontendInterface;

/** A metadata frontend that (indirectly) holds the backend it serves: meta -> holder -> backend -> meta. */
final class HoldingMeta implements FrontendInterface
{
    public ?object $holder = null;
    private FakeMetaFrontend $inner;
    public function __construct() { $this->inner = new FakeMetaFrontend(); }
    public function getIdentifier(): string { return 'cluster_meta'; }
    public function getBackend(): BackendInterface { return $this->inner->getBackend(); }
    public function set(string $id, mixed $data, array $tags = [], ?int $lifetime = null): void { $this->inner->set($id, $data, $tags, $lifetime); }
    public function get(string $id): mixed { return $this->inner->get($id); }
    public function has(string $id): bool { return $this->inner->has($id); }
    public function remove(string $id): bool { return $this->inner->remove($id); }
    public function flush(): void {}
    public function flushByTag(string $tag): void { $this->inner->flushByTag($tag); }
    public function flushByTags(array $tags): void { $this->inner->flushByTags($tags); }
    public function collectGarbage(): void {}
    public function isValidEntryIdentifier(string $id): bool { return true; }
    public function isValidTag(string $tag): bool { return true; }
}

gc_disable(); // only the explicit collection below may free the cycle
$meta = new HoldingMeta();
$b = new ClusterFile\Typo3\ClusterFileBackend(['localPath' => cf_tmpdir(), 'metadataCache' => $meta, 'namespace' => ['environment' => 'prod', 'instance' => 'i']]);
$fe = new TYPO3\CMS\Core\Cache\Frontend\VariableFrontend('pages', $b); // fe -> b
$holder = new stdClass();
$holder->backend = $b;
$holder->frontend = $fe;
$meta->holder = $holder;
$b->set('e', 'v'); // resolves the metadata store: b now references meta
$weak = WeakReference::create($b);
$weakMeta = WeakReference::create($meta);
unset($b, $fe, $holder, $meta);
echo "before gc: ", json_encode($weak->get() !== null), "\n";
echo "collected: ", json_encode(gc_collect_cycles() > 0), "\n";
echo "after gc: backend ", json_encode($weak->get()), ", meta ", json_encode($weakMeta->get()), "\n";
?>
--EXPECT--
before gc: true
collected: true
after gc: backend null, meta null
