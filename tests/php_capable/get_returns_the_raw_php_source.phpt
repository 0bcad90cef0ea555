--TEST--
get() of a PhpFrontend cache returns the stored source as the frontend passed it, read from disk each time (no payload L1)
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
$fe->set('src', "return 'x';");

var_dump($fe->get('src'));
var_dump($fe->get('src') === "<?php\nreturn 'x';\n#");
$s = $b->getStatistics();
echo 'cache_hit_total: ', $s['cache_hit_total'], "\n";
echo 'cache_l1_hit_total: ', $s['cache_l1_hit_total'], "\n";
echo 'payload_l1_entries: ', $s['payload_l1_entries'], "\n";
echo 'unknown: '; var_dump($fe->get('unknown'));
?>
--EXPECT--
string(19) "<?php
return 'x';
#"
bool(true)
cache_hit_total: 2
cache_l1_hit_total: 0
payload_l1_entries: 0
unknown: bool(false)
