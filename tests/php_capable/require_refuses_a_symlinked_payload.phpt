--TEST--
requireOnce() refuses a payload path that is a symlink (even to identical bytes): false, a 'corrupt' miss, the link removed (its target kept), the record untouched and valid; another pod keeps requiring; this pod then blob-misses until a set() repairs it
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
$fe->set('e', "return 'from the cache';");
$otherFe->set('e', "return 'from the cache';");
$record = cf_record($meta, 'e', 'code');

$path = cf_payload_path($meta, $dir, 'e', 'code', true);
$copy = "$outside/copy.php";
copy($path, $copy);
unlink($path);
symlink($copy, $path);
echo 'link content verifies: ', var_export(hash('sha256', file_get_contents($path)) === substr(cf_record($meta, 'e', 'code')['checksum'], 7), true), "\n";

echo 'requireOnce: '; var_dump($fe->requireOnce('e'));
echo 'state: ', cf_record($meta, 'e', 'code')['state'], ', record untouched: ', var_export(cf_record($meta, 'e', 'code') === $record, true), "\n";
echo 'misses: ', json_encode($b->getStatistics()['cache_miss_total']), "\n";
clearstatcache(true);
echo 'link removed: ', var_export(!is_link($path) && !file_exists($path), true), "\n";
echo 'target kept: ', var_export(is_file($copy) && !is_link($copy), true), "\n";
echo 'has (the record is live): '; var_dump($fe->has('e'));
echo 'require: '; var_dump($fe->require('e'));
echo 'blob misses: ', $b->getStatistics()['blob_miss_total'], "\n";
echo 'other pod requireOnce: '; var_dump($otherFe->requireOnce('e'));

$fe->set('e', "return 'from the cache';");
echo 'repair_success_total: ', $b->getStatistics()['repair_success_total'], "\n";
echo 'state after set: ', cf_record($meta, 'e', 'code')['state'], "\n";
clearstatcache(true);
echo 'regular file again: ', var_export(is_file($path) && !is_link($path), true), "\n";
echo 'requireOnce after set: '; var_dump($fe->requireOnce('e'));
?>
--EXPECT--
link content verifies: true
requireOnce: bool(false)
state: valid, record untouched: true
misses: {"metadata-error":0,"no-metadata":0,"broken":0,"corrupt":1,"expired":0}
link removed: true
target kept: true
has (the record is live): bool(true)
require: bool(false)
blob misses: 1
other pod requireOnce: string(14) "from the cache"
repair_success_total: 1
state after set: valid
regular file again: true
requireOnce after set: string(14) "from the cache"
