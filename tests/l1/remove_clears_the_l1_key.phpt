--TEST--
remove() drops the identifier from the payload L1 and the metadata L1; other keys stay cached
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
$b->remove('e');
$meta->backend->calls = [];
var_dump($b->get('e'), $b->has('e'), $b->get('keep'));
echo "calls: ", json_encode($meta->backend->calls), "\n";
?>
--EXPECT--
bool(true)
bool(false)
bool(false)
string(1) "k"
calls: ["get"]
