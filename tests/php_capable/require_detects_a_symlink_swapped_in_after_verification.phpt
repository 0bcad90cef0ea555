--TEST--
A payload replaced by a symlink after it was verified in this request is not included: the next require() blob-misses, the one after removes the link as a 'corrupt' miss; the record stays valid and another pod keeps requiring its own copy
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$outside = cf_tmpdir('outside');
$b = cf_pod($meta, $dir, [], 'code', true);
$fe = new PhpFrontend('code', $b);
$other = cf_pod($meta, null, [], 'code', true);
$otherFe = new PhpFrontend('code', $other);
$fe->set('e', "return 'genuine';");
$otherFe->set('e', "return 'genuine';");
$record = cf_record($meta, 'e', 'code');
echo 'first require: '; var_dump($fe->require('e'));

$path = cf_payload_path($meta, $dir, 'e', 'code', true);
file_put_contents("$outside/evil.php", "<?php\nreturn 'EVIL';\n#");
unlink($path);
symlink("$outside/evil.php", $path);

echo 'after the swap: '; var_dump($fe->require('e'));
echo 'again: '; var_dump($fe->require('e'));
$s = $b->getStatistics();
echo 'blob misses: ', $s['blob_miss_total'], ', misses: ', json_encode($s['cache_miss_total']), "\n";
echo 'state: ', cf_record($meta, 'e', 'code')['state'], ', record untouched: ', var_export(cf_record($meta, 'e', 'code') === $record, true), "\n";
clearstatcache();
echo 'link removed: ', var_export(!is_link($path) && !file_exists($path), true), "\n";
echo 'target kept: ', var_export(is_file("$outside/evil.php"), true), "\n";
echo 'other pod: '; var_dump($otherFe->require('e'));
?>
--EXPECT--
first require: string(7) "genuine"
after the swap: bool(false)
again: bool(false)
blob misses: 1, misses: {"metadata-error":0,"no-metadata":0,"broken":0,"corrupt":1,"expired":0}
state: valid, record untouched: true
link removed: true
target kept: true
other pod: string(7) "genuine"
