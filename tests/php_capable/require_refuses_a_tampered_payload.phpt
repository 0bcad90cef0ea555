--TEST--
requireOnce() refuses a payload whose bytes were changed: false, entry Broken, file removed; rewriting the entry repairs it
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
$fe->set('same-size', "return 'AAAA';");
$fe->set('other-size', "return 'BBBB';");

// same length, different bytes
$p1 = cf_payload_path($meta, $dir, 'same-size', 'code', true);
file_put_contents($p1, str_replace('AAAA', 'EVIL', file_get_contents($p1)));
// a longer file
$p2 = cf_payload_path($meta, $dir, 'other-size', 'code', true);
file_put_contents($p2, "<?php\nreturn 'EVIL, and longer';\n#");

foreach (['same-size' => $p1, 'other-size' => $p2] as $id => $p) {
    echo "$id requireOnce: "; var_dump($fe->requireOnce($id));
    echo "$id state: ", cf_record($meta, $id, 'code')['state'], "\n";
    echo "$id file removed: ", var_export(!file_exists($p), true), "\n";
}
echo 'broken misses: ', $b->getStatistics()['cache_miss_total']['broken'], "\n";

$fe->set('same-size', "return 'AAAA';");
echo 'state after rewrite: ', cf_record($meta, 'same-size', 'code')['state'], "\n";
echo 'requireOnce after rewrite: '; var_dump($fe->requireOnce('same-size'));
?>
--EXPECT--
same-size requireOnce: bool(false)
same-size state: broken
same-size file removed: true
other-size requireOnce: bool(false)
other-size state: broken
other-size file removed: true
broken misses: 2
state after rewrite: valid
requireOnce after rewrite: string(4) "AAAA"
