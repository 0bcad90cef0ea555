--TEST--
With the metadata store offline, get() is a miss counted as metadata-error, has() and remove() are false, none throws
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
var_dump($b->get('e'), $b->has('e'), $b->remove('e'));
echo json_encode($b->getStatistics()['cache_miss_total']), "\n";
// the outage is not cached: back online, the same pod reads it
$meta->backend->offline = false;
var_dump($b->has('e'), $b->get('e'));
?>
--EXPECT--
bool(false)
bool(false)
bool(false)
{"metadata-error":2,"no-metadata":0,"broken":0,"corrupt":0,"expired":0}
bool(true)
string(1) "v"
