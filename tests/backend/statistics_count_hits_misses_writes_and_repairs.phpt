--TEST--
getStatistics(): disk hits, each miss reason, blob misses, normal writes and repair writes are counted per backend instance
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dirA = cf_tmpdir();
$a = cf_pod($meta, $dirA);
$a->set('hit', 'v1');
$a->set('old', 'v2', [], 60);
$a->set('tampered', 'v3');
$a->set('undecodable', 'v5');
$meta->backend->entries['pages__old']['data']['createdAt'] -= 100;
$meta->backend->entries['pages__old']['data']['expiresAt'] -= 100;
$tamperedPath = cf_payload_path($meta, $dirA, 'tampered');
file_put_contents($tamperedPath, "\0evil");
cf_plant($meta, $dirA, 'undecodable', "\xFFjunk"); // the writer's own bytes (record agrees) do not decode

$b = cf_pod($meta, $dirA, ['payloadL1MaxEntries' => 0]); // same disk, no L1: every get goes to the store
$b->get('hit');
$b->get('hit');
$b->get('nothing');
$b->get('old');
$b->get('tampered');   // this pod's file contradicts the record: a local 'corrupt' miss, the file deleted
$b->get('tampered');   // the file is gone: a blob miss (the record is untouched)
$b->get('undecodable'); // exact bytes that do not decode: marked broken
$b->get('undecodable'); // now the record says broken
$b->reset(); // a new unit of work: the metadata L1 no longer knows 'hit'
$meta->backend->offline = true;
$b->get('hit');
$meta->backend->offline = false;

$c = cf_pod($meta); // another pod: blob miss, then repair with the same bytes
$c->get('hit');
$c->set('hit', 'v1');
$c->set('new', 'v4');

$pick = fn ($s) => array_intersect_key($s, array_flip(['cache_hit_total', 'local_payload_hit_total', 'cache_miss_total', 'blob_miss_total', 'cache_write_total', 'payload_rebuild_total', 'repair_success_total']));
echo "a: ", json_encode($pick($a->getStatistics())), "\n";
echo "b: ", json_encode($pick($b->getStatistics())), "\n";
echo "c: ", json_encode($pick($c->getStatistics())), "\n";
clearstatcache();
echo "tampered state: ", cf_record($meta, 'tampered')['state'], ", file deleted: ", var_export(!file_exists($tamperedPath), true), "\n";
echo "undecodable state: ", cf_record($meta, 'undecodable')['state'], "\n";
?>
--EXPECT--
a: {"cache_hit_total":0,"local_payload_hit_total":0,"cache_miss_total":{"metadata-error":0,"no-metadata":0,"broken":0,"corrupt":0,"expired":0},"blob_miss_total":0,"cache_write_total":4,"payload_rebuild_total":0,"repair_success_total":0}
b: {"cache_hit_total":2,"local_payload_hit_total":2,"cache_miss_total":{"metadata-error":1,"no-metadata":1,"broken":2,"corrupt":1,"expired":1},"blob_miss_total":1,"cache_write_total":0,"payload_rebuild_total":0,"repair_success_total":0}
c: {"cache_hit_total":0,"local_payload_hit_total":0,"cache_miss_total":{"metadata-error":0,"no-metadata":0,"broken":0,"corrupt":0,"expired":0},"blob_miss_total":1,"cache_write_total":1,"payload_rebuild_total":1,"repair_success_total":1}
tampered state: valid, file deleted: true
undecodable state: broken
