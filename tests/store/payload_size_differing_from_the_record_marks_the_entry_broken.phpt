--TEST--
A payload file longer or shorter than the record's payloadSize is an integrity failure: a miss, the entry marked Broken, the file removed
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir, ['payloadL1MaxEntries' => 0]);
$b->set('longer', 'payload one');
$b->set('shorter', 'payload two');
$p1 = cf_payload_path($meta, $dir, 'longer');
file_put_contents($p1, 'X', FILE_APPEND);
$p2 = cf_payload_path($meta, $dir, 'shorter');
file_put_contents($p2, substr(file_get_contents($p2), 0, -1));

foreach (['longer' => $p1, 'shorter' => $p2] as $id => $p) {
    echo "$id get: "; var_dump($b->get($id));
    clearstatcache();
    echo "$id state: ", cf_record($meta, $id)['state'], ", file removed: ", var_export(!file_exists($p), true), "\n";
}
$s = $b->getStatistics();
echo 'broken misses: ', $s['cache_miss_total']['broken'], ', blob misses: ', $s['blob_miss_total'], "\n";
?>
--EXPECT--
longer get: bool(false)
longer state: broken, file removed: true
shorter get: bool(false)
shorter state: broken, file removed: true
broken misses: 2, blob misses: 0
