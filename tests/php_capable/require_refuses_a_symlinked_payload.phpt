--TEST--
requireOnce() refuses a payload path that is a symlink (even to identical bytes): false, entry Broken, the link removed (its target kept); a later set() repairs it
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
$fe->set('e', "return 'from the cache';");

$path = cf_payload_path($meta, $dir, 'e', 'code', true);
$copy = "$outside/copy.php";
copy($path, $copy);
unlink($path);
symlink($copy, $path);
echo 'link content verifies: ', var_export(hash('sha256', file_get_contents($path)) === substr(cf_record($meta, 'e', 'code')['checksum'], 7), true), "\n";

echo 'requireOnce: '; var_dump($fe->requireOnce('e'));
echo 'state: ', cf_record($meta, 'e', 'code')['state'], "\n";
echo 'broken misses: ', $b->getStatistics()['cache_miss_total']['broken'], "\n";
echo 'link removed: ', var_export(!is_link($path) && !file_exists($path), true), "\n";
echo 'target kept: ', var_export(is_file($copy) && !is_link($copy), true), "\n";
echo 'has: '; var_dump($fe->has('e'));
echo 'require: '; var_dump($fe->require('e'));

$fe->set('e', "return 'from the cache';");
echo 'state after set: ', cf_record($meta, 'e', 'code')['state'], "\n";
echo 'regular file again: ', var_export(is_file($path) && !is_link($path), true), "\n";
echo 'requireOnce after set: '; var_dump($fe->requireOnce('e'));
?>
--EXPECT--
link content verifies: true
requireOnce: bool(false)
state: broken
broken misses: 1
link removed: true
target kept: true
has: bool(false)
require: bool(false)
state after set: valid
regular file again: true
requireOnce after set: string(14) "from the cache"
