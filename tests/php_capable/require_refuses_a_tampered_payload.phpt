--TEST--
requireOnce() refuses a payload whose bytes were changed: false, a 'corrupt' miss, file removed, the record untouched and valid; another pod keeps requiring its copy; rewriting the entry on this pod repairs it
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir, [], 'code', true);
$fe = new PhpFrontend('code', $b);
$other = cf_pod($meta, null, [], 'code', true);
$otherFe = new PhpFrontend('code', $other);
foreach (['same-size' => "return 'AAAA';", 'other-size' => "return 'BBBB';"] as $id => $code) {
    $fe->set($id, $code);
    $otherFe->set($id, $code);
}
$records = ['same-size' => cf_record($meta, 'same-size', 'code'), 'other-size' => cf_record($meta, 'other-size', 'code')];

// same length, different bytes
$p1 = cf_payload_path($meta, $dir, 'same-size', 'code', true);
file_put_contents($p1, str_replace('AAAA', 'EVIL', file_get_contents($p1)));
// a longer file
$p2 = cf_payload_path($meta, $dir, 'other-size', 'code', true);
file_put_contents($p2, "<?php\nreturn 'EVIL, and longer';\n#");

foreach (['same-size' => $p1, 'other-size' => $p2] as $id => $p) {
    echo "$id requireOnce: "; var_dump($fe->requireOnce($id));
    echo "$id state: ", cf_record($meta, $id, 'code')['state'], ", record untouched: ", var_export(cf_record($meta, $id, 'code') === $records[$id], true), "\n";
    clearstatcache();
    echo "$id file removed: ", var_export(!file_exists($p), true), "\n";
    echo "$id on the other pod: "; var_dump($otherFe->require($id));
}
echo 'misses: ', json_encode($b->getStatistics()['cache_miss_total']), "\n";
echo 'other pod misses: ', json_encode($other->getStatistics()['cache_miss_total']), "\n";

$fe->set('same-size', "return 'AAAA';");
echo 'repair_success_total: ', $b->getStatistics()['repair_success_total'], "\n";
echo 'state after rewrite: ', cf_record($meta, 'same-size', 'code')['state'], "\n";
echo 'requireOnce after rewrite: '; var_dump($fe->requireOnce('same-size'));
?>
--EXPECT--
same-size requireOnce: bool(false)
same-size state: valid, record untouched: true
same-size file removed: true
same-size on the other pod: string(4) "AAAA"
other-size requireOnce: bool(false)
other-size state: valid, record untouched: true
other-size file removed: true
other-size on the other pod: string(4) "BBBB"
misses: {"metadata-error":0,"no-metadata":0,"broken":0,"corrupt":2,"expired":0}
other pod misses: {"metadata-error":0,"no-metadata":0,"broken":0,"corrupt":0,"expired":0}
repair_success_total: 1
state after rewrite: valid
requireOnce after rewrite: string(4) "AAAA"
