--TEST--
A metadata frontend's own exception with the metadata-cycle code 1747500051 (even TYPO3's InvalidCacheException, even one copying ours) is a quiet miss for get() and has() like any other userland exception; clusterfile's own cycle exception still travels, also when userland rethrows it
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Exception\InvalidCacheException;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

function show(string $what, callable $fn): void
{
    try {
        $r = $fn();
        echo $what, ': returned ', json_encode($r), "\n";
    } catch (\Throwable $e) {
        echo $what, ': ', get_class($e), ' ', $e->getCode(), ' ', $e->getMessage(), "\n";
    }
}

/** A metadata frontend whose get() runs $onGet (when set) before reading. */
final class ThrowingMeta
{
    public ?\Closure $onGet = null;
    public function __construct(private FakeMetaFrontend $in) {}
    public function getIdentifier() { return 'cluster_meta'; }
    public function get($id) { if ($this->onGet) { ($this->onGet)(); } return $this->in->get($id); }
    public function set($id, $d, $t = [], $l = null) { $this->in->set($id, $d, $t, $l); }
    public function remove($id) { return $this->in->remove($id); }
    public function flushByTag($t) { $this->in->flushByTag($t); }
    public function flushByTags($t) { $this->in->flushByTags($t); }
    public function collectGarbage() { $this->in->collectGarbage(); }
    public function getBackend() { return $this->in->getBackend(); }
}

$meta = new ThrowingMeta(new FakeMetaFrontend());
$b = new ClusterFileBackend(['localPath' => cf_tmpdir(), 'metadataCache' => $meta, 'namespace' => ['environment' => 'testing', 'instance' => 'phpt']]);
new VariableFrontend('pages', $b);
$b->set('e', 'v');
show('no exception, get', fn () => $b->get('e'));

$throwers = [
    'RuntimeException code 1' => fn () => throw new \RuntimeException('store down', 1),
    'RuntimeException code 1747500051' => fn () => throw new \RuntimeException('store down', 1747500051),
    'InvalidCacheException code 1747500051' => fn () => throw new InvalidCacheException('store down', 1747500051),
];
foreach ($throwers as $label => $thrower) {
    $meta->onGet = $thrower;
    $b->reset();
    show("$label, get", fn () => $b->get('e'));
    show("$label, has", fn () => $b->has('e'));
}
echo json_encode($b->getStatistics()['cache_miss_total']['metadata-error']), "\n";

// clusterfile's own cycle exception, caught by the metadata frontend: rethrown it travels, copied it is a miss
$holder = new stdClass();
$proxy = new class($holder) {
    public ?string $mode = null;
    public function __construct(private $h) {}
    public function getIdentifier() { return 'meta_self'; }
    public function get($id) {
        try {
            return $this->h->cache->get($id);
        } catch (InvalidCacheException $e) {
            if ($this->mode === 'copy' && $e->getCode() === 1747500051) {
                throw new InvalidCacheException($e->getMessage(), $e->getCode());
            }
            throw $e;
        }
    }
    public function set($id, $d, $t = [], $l = null) {}
    public function remove($id) { return false; }
    public function flushByTag($t) {}
    public function flushByTags($t) {}
    public function collectGarbage() {}
    public function getBackend() { return null; }
};
$c = new ClusterFileBackend(['localPath' => cf_tmpdir(), 'metadataCache' => $proxy, 'namespace' => ['environment' => 'testing', 'instance' => 'phpt']]);
$holder->cache = new VariableFrontend('cyclic', $c);
$proxy->mode = 'rethrow';
show('own cycle exception rethrown, get', fn () => $c->get('e'));
$proxy->mode = 'copy';
show('own cycle exception copied by userland, get', fn () => $c->get('e'));
?>
--EXPECTF--
no exception, get: returned "v"
RuntimeException code 1, get: returned false
RuntimeException code 1, has: returned false
RuntimeException code 1747500051, get: returned false
RuntimeException code 1747500051, has: returned false
InvalidCacheException code 1747500051, get: returned false
InvalidCacheException code 1747500051, has: returned false
6
own cycle exception rethrown, get: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException 1747500051 ClusterFileBackend: metadata calls nest 8 deep (%s::get()): the metadata cache leads back into this cache; it must use another backend
own cycle exception copied by userland, get: returned false
