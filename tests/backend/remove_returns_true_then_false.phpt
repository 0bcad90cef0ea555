--TEST--
remove() returns true for a stored entry, then false; afterwards has() and get() are false on every pod, the local file stays
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$a = cf_pod($meta, $dir);
$a->set('e', 'v');
var_dump($a->remove('e'), $a->remove('e'));
var_dump($a->has('e'), $a->get('e'), cf_pod($meta, $dir)->get('e'));
echo "records: ", count($meta->backend->entries), ", files: ", count(cf_files($dir)), "\n";
var_dump($a->remove('never-set'));
?>
--EXPECT--
bool(true)
bool(false)
bool(false)
bool(false)
bool(false)
records: 0, files: 1
bool(false)
