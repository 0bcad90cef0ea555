--TEST--
A payload file longer or shorter than the record's payloadSize (and not another encoding of the payload) is a local integrity failure: a 'corrupt' miss, the file removed, the record untouched and valid; another pod keeps hitting, a re-set repairs
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir, ['payloadL1MaxEntries' => 0]);
$other = cf_pod($meta, null, ['payloadL1MaxEntries' => 0]);
foreach (['longer' => 'payload one', 'shorter' => 'payload two'] as $id => $v) {
    $b->set($id, $v);
    $other->set($id, $v);
}
$records = ['longer' => cf_record($meta, 'longer'), 'shorter' => cf_record($meta, 'shorter')];
$p1 = cf_payload_path($meta, $dir, 'longer');
file_put_contents($p1, 'X', FILE_APPEND);
$p2 = cf_payload_path($meta, $dir, 'shorter');
file_put_contents($p2, substr(file_get_contents($p2), 0, -1));

foreach (['longer' => $p1, 'shorter' => $p2] as $id => $p) {
    echo "$id get: "; var_dump($b->get($id));
    clearstatcache();
    echo "$id state: ", cf_record($meta, $id)['state'], ", record untouched: ", var_export(cf_record($meta, $id) === $records[$id], true),
        ", file removed: ", var_export(!file_exists($p), true), "\n";
    $other->reset();
    echo "$id on the other pod: "; var_dump($other->get($id));
}
$s = $b->getStatistics();
echo 'misses: ', json_encode($s['cache_miss_total']), ', blob misses: ', $s['blob_miss_total'], "\n";
echo 'other pod misses: ', json_encode($other->getStatistics()['cache_miss_total']), "\n";

$b->reset();
echo 'longer again: '; var_dump($b->get('longer'));
echo 'blob misses: ', $b->getStatistics()['blob_miss_total'], "\n";
$b->set('longer', 'payload one');
echo 'repair_success_total: ', $b->getStatistics()['repair_success_total'], "\n";
$b->reset();
echo 'after the re-set: '; var_dump($b->get('longer'));
?>
--EXPECT--
longer get: bool(false)
longer state: valid, record untouched: true, file removed: true
longer on the other pod: string(11) "payload one"
shorter get: bool(false)
shorter state: valid, record untouched: true, file removed: true
shorter on the other pod: string(11) "payload two"
misses: {"metadata-error":0,"no-metadata":0,"broken":0,"corrupt":2,"expired":0}, blob misses: 0
other pod misses: {"metadata-error":0,"no-metadata":0,"broken":0,"corrupt":0,"expired":0}
longer again: bool(false)
blob misses: 1
repair_success_total: 1
after the re-set: string(11) "payload one"
