--TEST--
set() and remove() update the metadata L1: has() answers from the new state, not a cached one
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
var_dump($b->has('e'));   // cached as absent
$b->set('e', 'v');
var_dump($b->has('e'));   // sees the new record
$b->remove('e');
var_dump($b->has('e'));
$b->set('e', 'v2', [], 60);
$meta->backend->calls = [];
var_dump($b->has('e'), $b->has('e'));
echo "calls: ", implode(',', $meta->backend->calls), "\n";
?>
--EXPECT--
bool(false)
bool(true)
bool(false)
bool(true)
bool(true)
calls: get
