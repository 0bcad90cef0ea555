--TEST--
Overwriting an entry yields the new value, on the writing pod and on a fresh pod, and replaces the record
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$a = cf_pod($meta, $dir);
$a->set('e', 'first', ['t1']);
$h1 = cf_record($meta, 'e')['hash'];
$a->set('e', 'second', ['t2']);
$r = cf_record($meta, 'e');
var_dump($a->get('e'), cf_pod($meta, $dir)->get('e'));
echo "hash changed: ", json_encode($h1 !== $r['hash']), ", tags: ", json_encode($r['tags']), "\n";
echo "records: ", count($meta->backend->entries), ", writes: ", $a->getStatistics()['cache_write_total'], "\n";
?>
--EXPECT--
string(6) "second"
string(6) "second"
hash changed: true, tags: ["t2"]
records: 1, writes: 2
