--TEST--
The metadata L1: repeated has() (positive and negative) asks the metadata store once per identifier; a get() after it uses the same record (no metadata read)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
cf_pod($meta, $dir)->set('e', 'v');
$b = cf_pod($meta, $dir, ['payloadL1MaxEntries' => 0]);
$meta->backend->calls = [];
for ($i = 0; $i < 5; $i++) {
    $b->has('e');
    $b->has('absent');
}
echo "10 has(): ", implode(',', $meta->backend->calls), "\n";
var_dump($b->has('e'), $b->has('absent'));
$meta->backend->calls = [];
$b->get('e');
$b->get('e');
echo "2 get(): ", implode(',', $meta->backend->calls), "\n";
?>
--EXPECT--
10 has(): get,get
bool(true)
bool(false)
2 get(): 
