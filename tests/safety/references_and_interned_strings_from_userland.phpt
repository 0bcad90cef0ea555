--TEST--
A metadata frontend answering by reference (get(), findIdentifiersByTag(), record fields and tags that are references) is read through the references: hits, not misses; identifiers found by tag that are interned literals are copied, never reference-counted in place (Z_ADDREF on an interned string aborts a debug PHP: the ZTS-debug sanitizer run)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

final class RefBackend
{
    public array $literal = ['cfb_unrelated_key_1', 'cfb_unrelated_key_2'];
    public function __construct(private FakeMetaBackend $in) {}
    public function &findIdentifiersByTag(string $tag): array
    {
        $ids = array_merge(array_values($this->in->findIdentifiersByTag($tag)), ['cfb_literal_1', 'cfb_literal_2']);
        $ref = &$ids[0];
        return $ids;
    }
}

final class RefFrontend
{
    private array $store = [];
    public RefBackend $backend;
    public function __construct(private FakeMetaFrontend $in) { $this->backend = new RefBackend($in->backend); }
    public function getIdentifier() { return 'cluster_meta'; }
    public function &get($id)
    {
        $this->store[$id] = $this->in->get($id);
        if (is_array($this->store[$id])) {
            $r1 = &$this->store[$id]['hash'];
            $r2 = &$this->store[$id]['tags'];
            $r3 = &$this->store[$id]['identifier'];
            if ($this->store[$id]['tags']) {
                $r4 = &$this->store[$id]['tags'][0];
            }
        }
        return $this->store[$id];
    }
    public function set($id, $d, $t = [], $l = null) { $this->in->set($id, $d, $t, $l); }
    public function remove($id) { return $this->in->remove($id); }
    public function flushByTag($t) { $this->in->flushByTag($t); }
    public function flushByTags($t) { $this->in->flushByTags($t); }
    public function collectGarbage() { $this->in->collectGarbage(); }
    public function getBackend() { return $this->backend; }
}

$meta = new FakeMetaFrontend();
$fe = new RefFrontend($meta);
$b = new ClusterFileBackend(['localPath' => cf_tmpdir(), 'metadataCache' => $fe, 'namespace' => ['environment' => 'testing', 'instance' => 'phpt'], 'payloadL1MaxEntries' => 0]);
new VariableFrontend('pages', $b);
$b->set('e', 'value', ['t']);
$b->set(str_repeat('long', 62), 'hashed key', ['t']); // a metadata key hashed past 250 chars: the record names the id
var_dump($b->get('e'), $b->has('e'));
$found = $b->findIdentifiersByTag('t');
sort($found);
echo json_encode(array_map(fn ($s) => strlen($s) > 20 ? substr($s, 0, 8) . '...' : $s, $found)), "\n";
// a corrupt file is a local miss, and a Broken re-write reads the tags through their references
$b->flush();
var_dump($b->get('e'));
?>
--EXPECT--
string(5) "value"
bool(true)
["e","longlong..."]
bool(false)
