--TEST--
requireOnce()/require() return false for a never-written, expired, broken or removed entry
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

echo 'never written: '; var_dump($fe->requireOnce('nothing'));

$fe->set('expired', "return 'expired';", [], 60);
cf_patch_record($meta, 'expired', ['createdAt' => time() - 120, 'expiresAt' => time() - 60], 'code');
echo 'expired requireOnce: '; var_dump($fe->requireOnce('expired'));
echo 'expired require: '; var_dump($fe->require('expired'));

$fe->set('broken', "return 'broken';");
cf_patch_record($meta, 'broken', ['state' => 'broken'], 'code');
echo 'broken requireOnce: '; var_dump($fe->requireOnce('broken'));
echo 'broken require: '; var_dump($fe->require('broken'));

$fe->set('removed', "return 'removed';");
var_dump($fe->remove('removed'));
echo 'removed requireOnce: '; var_dump($fe->requireOnce('removed'));

$s = $b->getStatistics();
echo 'files still on disk: ', count(cf_files($dir)), "\n";
echo 'misses: ', json_encode($s['cache_miss_total']), "\n";
echo 'require_hit_total: ', $s['require_hit_total'], "\n";
?>
--EXPECT--
never written: bool(false)
expired requireOnce: bool(false)
expired require: bool(false)
broken requireOnce: bool(false)
broken require: bool(false)
bool(true)
removed requireOnce: bool(false)
files still on disk: 3
misses: {"metadata-error":0,"no-metadata":2,"broken":2,"corrupt":0,"expired":2}
require_hit_total: 0
