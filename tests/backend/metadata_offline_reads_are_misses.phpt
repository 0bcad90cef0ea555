--TEST--
With the metadata store offline, get() is a miss counted as metadata-error and has() is false (reads stay quiet); remove() throws 1747500061
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
cf_pod($meta, $dir)->set('e', 'v');
$b = cf_pod($meta, $dir);
$meta->backend->offline = true;
var_dump($b->get('e'), $b->has('e'));
echo cf_catch(fn () => $b->remove('e')), "\n";
echo json_encode($b->getStatistics()['cache_miss_total']), "\n";
// the outage is not cached: back online, the same pod reads it
$meta->backend->offline = false;
var_dump($b->has('e'), $b->get('e'));
?>
--EXPECTF--
bool(false)
bool(false)
TYPO3\CMS\Core\Cache\Exception(1747500061): ClusterFileBackend: remove("e") of cache "pages" was not carried out%s
{"metadata-error":2,"no-metadata":0,"broken":0,"corrupt":0,"expired":0}
bool(true)
string(1) "v"
