--TEST--
setCache() empties the payload L1 and the metadata L1
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

$meta = new FakeMetaFrontend();
$b = cf_pod($meta, null, ['l1MaxAgeSeconds' => 0]); // request scope: a slow run (valgrind) must not age it out
$b->set('e', 'v');
$b->has('e');
echo "entries before: ", $b->getStatistics()['payload_l1_entries'], "\n";
new VariableFrontend('pages', $b); // re-bound (same name)
echo "entries after: ", $b->getStatistics()['payload_l1_entries'], "\n";
$meta->backend->calls = [];
var_dump($b->get('e'), $b->has('e'));
echo "calls: ", implode(',', $meta->backend->calls), "\n";
?>
--EXPECT--
entries before: 1
entries after: 0
string(1) "v"
bool(true)
calls: get
