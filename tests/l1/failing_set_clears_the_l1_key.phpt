--TEST--
A failing set() drops the identifier from the L1s: the same request then reads the cluster's current value, not its own older copy
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$a = cf_pod($meta);
$a->set('e', 'v1');                 // a's L1: v1
$b = cf_pod($meta, $a->getLocalPath());
$b->set('e', 'v2');                 // the cluster now says v2
var_dump($a->get('e'));             // still a's L1 copy within the request
$meta->backend->offline = true;
echo cf_catch(fn () => $a->set('e', 'v3')), "\n";
$meta->backend->offline = false;
var_dump($a->get('e'));
echo "l1 entries: ", $a->getStatistics()['payload_l1_entries'], "\n";
?>
--EXPECT--
string(2) "v1"
TYPO3\CMS\Core\Cache\Exception(1747500022): ClusterFileBackend: set("e") of cache "pages" failed: the metadata store failed writing the record (see previous)
string(2) "v2"
l1 entries: 1
