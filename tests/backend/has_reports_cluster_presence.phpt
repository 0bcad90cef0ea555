--TEST--
has() is false for an unknown entry, true after set() - also on another pod without the local file (cluster truth) - and false for a broken record
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$a = cf_pod($meta);
var_dump($a->has('e'));
$a->set('e', 'v');
var_dump($a->has('e'));
$b = cf_pod($meta); // another pod: no local file
var_dump($b->has('e'), $b->get('e'));
echo "blob misses on b: ", $b->getStatistics()['blob_miss_total'], "\n";
$meta->backend->entries['pages__e']['data']['state'] = 'broken';
var_dump(cf_pod($meta)->has('e'));
?>
--EXPECT--
bool(false)
bool(true)
bool(true)
bool(false)
blob misses on b: 1
bool(false)
