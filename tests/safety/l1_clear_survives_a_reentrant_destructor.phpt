--TEST--
Emptying the metadata L1 (reset, flush, setCache) while a record holds an object whose __destruct re-enters the backend (has() of the same and of new ids, set()) reads no freed bucket and resizes no table mid-clean
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

final class Reenter
{
    public static int $runs = 0;
    public function __construct(private object $b, private array $ids) {}
    public function __destruct()
    {
        self::$runs++;
        foreach ($this->ids as $id) {
            $this->b->has($id); // the entry being destroyed, its neighbours, and new ids (inserts)
        }
        for ($i = 0; $i < 40; $i++) {
            $this->b->has("fresh_$i");
        }
        $this->b->set('written_from_destructor', 'w');
    }
}

foreach (['reset' => fn ($b) => $b->reset(), 'flush' => fn ($b) => $b->flush(), 'setCache' => fn ($b) => new TYPO3\CMS\Core\Cache\Frontend\VariableFrontend('pages', $b)] as $name => $empty) {
    $meta = new FakeMetaFrontend();
    $b = cf_pod($meta);
    $ids = ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7'];
    foreach ($ids as $id) {
        $b->set($id, "v$id");
    }
    // an extra field holding an object: tolerated by the record parser, kept in the metadata L1
    foreach ($meta->backend->entries as $k => &$e) {
        $e['data']['x'] = new Reenter($b, $ids);
    }
    unset($e);
    foreach ($ids as $id) {
        $b->has($id); // fills the metadata L1 with the arrays holding the objects
    }
    $meta->backend->entries = array_map(function ($e) { unset($e['data']['x']); return $e; }, $meta->backend->entries);
    Reenter::$runs = 0;
    $empty($b);
    printf("%-8s destructors %d, has(e3) %s, get(written_from_destructor) %s\n", $name, Reenter::$runs,
        json_encode($b->has('e3')), json_encode($b->get('written_from_destructor')));
}
?>
--EXPECT--
reset    destructors 8, has(e3) true, get(written_from_destructor) "w"
flush    destructors 8, has(e3) false, get(written_from_destructor) false
setCache destructors 8, has(e3) true, get(written_from_destructor) "w"
