--TEST--
The metadata frontend's get() and set() are looked up once per store and called directly; a frontend that reaches them only through __call (a proxy), or whose get() is not public, is still called by name through __call on every call
--EXTENSIONS--
clusterfile
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

// every method through __call
final class CallProxy
{
    public array $calls = [];
    public function __construct(private FakeMetaFrontend $in) {}
    public function getIdentifier(): string { return 'cluster_meta'; }
    public function __call(string $m, array $a): mixed { $this->calls[] = $m; return $this->in->$m(...$a); }
}
// get() protected (not callable from outside): __call answers instead
final class ProtectedGet
{
    public array $calls = [];
    public function __construct(private FakeMetaFrontend $in) {}
    public function getIdentifier(): string { return 'cluster_meta'; }
    protected function get(string $id): mixed { return 'never called'; }
    public function set(string $id, mixed $d, array $t = [], ?int $l = null): void { $this->calls[] = 'set'; $this->in->set($id, $d, $t, $l); }
    public function __call(string $m, array $a): mixed { $this->calls[] = "__call:$m"; return $this->in->$m(...$a); }
}

foreach ([CallProxy::class, ProtectedGet::class] as $class) {
    $meta = new FakeMetaFrontend();
    $front = new $class($meta);
    $b = new ClusterFile\Typo3\ClusterFileBackend(['localPath' => cf_tmpdir(), 'metadataCache' => $front,
        'namespace' => ['environment' => 'testing', 'instance' => 'phpt']]);
    new TYPO3\CMS\Core\Cache\Frontend\VariableFrontend('pages', $b);
    $b->set('e', 'v1');
    ClusterFile\reset();
    $r1 = $b->get('e');
    $b->set('e', 'v2');
    ClusterFile\reset();
    $r2 = $b->get('e');
    echo $class, ': ', var_export([$r1, $r2], true), ' ', implode(',', $front->calls), "\n";
}

// a plain frontend: the same answers, its methods called directly
$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
$b->set('e', 'v1');
ClusterFile\reset();
$meta->backend->calls = [];
echo 'plain: ', var_export([$b->get('e'), $b->has('nothing')], true), ' ', implode(',', $meta->backend->calls), "\n";
?>
--EXPECT--
CallProxy: array (
  0 => 'v1',
  1 => 'v2',
) set,get,set,get
ProtectedGet: array (
  0 => 'v1',
  1 => 'v2',
) set,__call:get,set,__call:get
plain: array (
  0 => 'v1',
  1 => false,
) get,get
