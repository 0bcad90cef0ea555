--TEST--
requireOnce() reports a blob miss (false, blob_miss_total) when the payload file is gone, keeps the entry valid, and a set() repairs it
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
$fe->set('e', "return 'value';");
unlink(cf_payload_path($meta, $dir, 'e', 'code', true));

echo 'requireOnce: '; var_dump($fe->requireOnce('e'));
echo 'require: '; var_dump($fe->require('e'));
$s = $b->getStatistics();
echo 'blob_miss_total: ', $s['blob_miss_total'], "\n";
echo 'broken misses: ', $s['cache_miss_total']['broken'], "\n";
echo 'state: ', cf_record($meta, 'e', 'code')['state'], "\n";
echo 'has: '; var_dump($fe->has('e'));

$fe->set('e', "return 'value';");
echo 'repair_success_total: ', $b->getStatistics()['repair_success_total'], "\n";
echo 'requireOnce after repair: '; var_dump($fe->requireOnce('e'));
?>
--EXPECT--
requireOnce: bool(false)
require: bool(false)
blob_miss_total: 2
broken misses: 0
state: valid
has: bool(true)
repair_success_total: 1
requireOnce after repair: string(5) "value"
