--TEST--
A remove() that fails (metadata offline) returns false and still drops the key from both L1s, so the same request cannot serve a stale copy
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
$b->set('e', 'v');
$b->set('keep', 'k');
var_dump($b->has('e'));
$meta->backend->offline = true;
var_dump($b->remove('e'));
$meta->backend->offline = false;
$meta->backend->entries = []; // the record is gone meanwhile (another pod's remove)
$meta->backend->calls = [];
var_dump($b->get('e'), $b->has('e'), $b->get('keep'));
echo "calls: ", implode(',', $meta->backend->calls), "\n";
?>
--EXPECT--
bool(true)
bool(false)
bool(false)
bool(false)
string(1) "k"
calls: get,get
