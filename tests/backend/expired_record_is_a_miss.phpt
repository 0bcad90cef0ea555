--TEST--
A record whose expiresAt has passed is a miss for get() (counted as expired), has() and a fresh pod, even with the file on disk
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$a = cf_pod($meta, $dir);
$a->set('e', 'v', [], 60);
$now = time();
$meta->backend->entries['pages__e']['data']['createdAt'] = $now - 120;
$meta->backend->entries['pages__e']['data']['expiresAt'] = $now - 60;
$b = cf_pod($meta, $dir);
var_dump($b->get('e'), $b->has('e'));
echo json_encode($b->getStatistics()['cache_miss_total']), "\n";
// expiry is "now >= expiresAt": a record expiring this very second is already expired
$meta->backend->entries['pages__e']['data']['expiresAt'] = $now;
var_dump(cf_pod($meta, $dir)->get('e'));
echo "file still there: ", count(cf_files($dir)), "\n";
?>
--EXPECT--
bool(false)
bool(false)
{"metadata-error":0,"no-metadata":0,"broken":0,"corrupt":0,"expired":1}
bool(false)
file still there: 1
