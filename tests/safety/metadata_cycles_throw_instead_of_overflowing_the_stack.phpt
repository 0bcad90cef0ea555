--TEST--
Metadata cycles - cache A's metadata in cache B and B's in A, or a getBackend() that answers null at resolution and the backend itself later - throw InvalidCacheException 1747500051 naming the cycle instead of recursing until the C stack overflows; a finite re-entry stays a normal call
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

use ClusterFile\Typo3\ClusterFileBackend;
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

// 1. A <-> B: each cluster cache is the other's metadata cache.
$opts = fn ($meta) => ['localPath' => cf_tmpdir(), 'metadataCache' => $meta, 'namespace' => ['environment' => 'testing', 'instance' => 'phpt']];
$holder = new stdClass();
$proxyA = new class($holder, 'a') { public function __construct(private $h, private $k) {} public function __call($m, $a) { return $this->h->{$this->k}->$m(...$a); } public function getIdentifier() { return 'meta_a'; } public function get($id) { return $this->h->{$this->k}->get($id); } public function set($id, $d, $t = [], $l = null) { $this->h->{$this->k}->set($id, $d, $t, $l); } public function remove($id) { return $this->h->{$this->k}->remove($id); } public function flushByTag($t) { $this->h->{$this->k}->flushByTag($t); } public function flushByTags($t) { $this->h->{$this->k}->flushByTags($t); } public function collectGarbage() { $this->h->{$this->k}->collectGarbage(); } public function getBackend() { return $this->h->{$this->k}->getBackend(); } };
$proxyB = new class($holder, 'b') { public function __construct(private $h, private $k) {} public function getIdentifier() { return 'meta_b'; } public function get($id) { return $this->h->{$this->k}->get($id); } public function set($id, $d, $t = [], $l = null) { $this->h->{$this->k}->set($id, $d, $t, $l); } public function remove($id) { return $this->h->{$this->k}->remove($id); } public function flushByTag($t) { $this->h->{$this->k}->flushByTag($t); } public function flushByTags($t) { $this->h->{$this->k}->flushByTags($t); } public function collectGarbage() { $this->h->{$this->k}->collectGarbage(); } public function getBackend() { return $this->h->{$this->k}->getBackend(); } };
$a = new ClusterFileBackend($opts($proxyB)); // A's metadata lives in cache B
$b = new ClusterFileBackend($opts($proxyA)); // B's metadata lives in cache A
$holder->a = new VariableFrontend('cache_a', $a);
$holder->b = new VariableFrontend('cache_b', $b);
show('A<->B get', fn () => $a->get('e'));
show('A<->B has', fn () => $a->has('e'));
show('A<->B set', fn () => $a->set('e', 'v'));
show('A<->B flush', fn () => $a->flush());
show('A<->B findIdentifiersByTag', fn () => $a->findIdentifiersByTag('t'));

// 2. getBackend() answers null while the backend resolves its metadata cache, the backend itself later.
$meta = new FakeMetaFrontend();
$self = new class($meta) {
    public ?object $answer = null;
    public function __construct(private FakeMetaFrontend $in) {}
    public function getIdentifier() { return 'cluster_meta'; }
    public function get($id) { return $this->in->get($id); }
    public function set($id, $d, $t = [], $l = null) { $this->in->set($id, $d, $t, $l); }
    public function remove($id) { return $this->in->remove($id); }
    public function flushByTag($t) { $this->in->flushByTag($t); }
    public function flushByTags($t) { $this->in->flushByTags($t); }
    public function collectGarbage() { $this->in->collectGarbage(); }
    public function getBackend() { return $this->answer; }
};
$c = new ClusterFileBackend($opts($self));
new VariableFrontend('pages', $c);
$c->set('e', 'v', ['t']);
$self->answer = $c;
show('getBackend is the backend itself, findIdentifiersByTag', fn () => $c->findIdentifiersByTag('t'));

// 3. A finite re-entry: the metadata frontend asks the same backend about another entry once.
$meta = new FakeMetaFrontend();
$once = new class($meta) {
    public ?object $b = null;
    private int $depth = 0;
    public function __construct(private FakeMetaFrontend $in) {}
    public function getIdentifier() { return 'cluster_meta'; }
    public function get($id) { if ($this->b && $this->depth++ === 0) { $this->b->has('other'); $this->b->reset(); } $r = $this->in->get($id); $this->depth = 0; return $r; }
    public function set($id, $d, $t = [], $l = null) { $this->in->set($id, $d, $t, $l); }
    public function remove($id) { return $this->in->remove($id); }
    public function flushByTag($t) { $this->in->flushByTag($t); }
    public function flushByTags($t) { $this->in->flushByTags($t); }
    public function collectGarbage() { $this->in->collectGarbage(); }
    public function getBackend() { return $this->in->getBackend(); }
};
$d = new ClusterFileBackend($opts($once));
new VariableFrontend('pages', $d);
$d->set('e', 'v');
$once->b = $d;
show('finite re-entry get', fn () => $d->get('e'));
show('finite re-entry has', fn () => $d->has('e'));
?>
--EXPECTF--
A<->B get: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException 1747500051 ClusterFileBackend: metadata calls nest 8 deep (%s::get()): the metadata cache leads back into this cache; it must use another backend
A<->B has: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException 1747500051 ClusterFileBackend: metadata calls nest 8 deep (%s::get()): the metadata cache leads back into this cache; it must use another backend
A<->B set: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException 1747500051 ClusterFileBackend: metadata calls nest 8 deep (%s::set()): the metadata cache leads back into this cache; it must use another backend
A<->B flush: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException 1747500051 ClusterFileBackend: metadata calls nest 8 deep (%s::flushByTag()): the metadata cache leads back into this cache; it must use another backend
A<->B findIdentifiersByTag: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException 1747500051 ClusterFileBackend: metadata calls nest 8 deep (%s::%s()): the metadata cache leads back into this cache; it must use another backend
getBackend is the backend itself, findIdentifiersByTag: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException 1747500051 ClusterFileBackend: metadata calls nest 8 deep (%s::findIdentifiersByTag()): the metadata cache leads back into this cache; it must use another backend
finite re-entry get: returned "v"
finite re-entry has: returned true
