--TEST--
requireOnce() evaluates the stored PHP and returns its value; a second requireOnce() of the same entry returns true
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;

$meta = new FakeMetaFrontend();
$b = cf_pod($meta, null, [], 'code', true);
$fe = new PhpFrontend('code', $b);
$fe->set('answer', "return ['answer' => 42];");

var_dump($fe->requireOnce('answer'));
var_dump($fe->requireOnce('answer'));
echo 'require_hit_total: ', $b->getStatistics()['require_hit_total'], "\n";
?>
--EXPECT--
array(1) {
  ["answer"]=>
  int(42)
}
bool(true)
require_hit_total: 2
