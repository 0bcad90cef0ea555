--TEST--
A localPath that is a regular file, or lies under one, makes set() throw 1747500022 (previous: a ClusterFile\Exception naming the store failure) without writing metadata; get()/has() never throw
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$root = cf_tmpdir();
file_put_contents("$root/a-file", 'x');
$meta = new FakeMetaFrontend();
// a healthy pod writes the entry the broken pods will look for
$good = cf_pod($meta, "$root/good");
$good->set('shared', 'payload');

foreach (['localPath is a file' => "$root/a-file", 'localPath under a file' => "$root/a-file/sub/store"] as $label => $local) {
    echo "== $label\n";
    $b = cf_pod($meta, $local);
    try {
        $b->set('own', 'payload of its own');
        echo "set: no exception\n";
    } catch (\Throwable $e) {
        echo 'set: ', get_class($e), '(', $e->getCode(), '): ', $e->getMessage(), "\n";
        $p = $e->getPrevious();
        echo 'previous: ', $p ? get_class($p) . '(' . $p->getCode() . '): ' . $p->getMessage() : 'none', "\n";
    }
    echo 'own record: ', var_export(cf_record($meta, 'own'), true), "\n";
    echo 'get own: '; var_dump($b->get('own'));
    echo 'has own: '; var_dump($b->has('own'));
    echo 'get shared: '; var_dump($b->get('shared'));
    echo 'has shared: '; var_dump($b->has('shared'));
    $s = $b->getStatistics();
    echo 'blob misses: ', $s['blob_miss_total'], ', broken misses: ', $s['cache_miss_total']['broken'], "\n";
    echo 'shared state: ', cf_record($meta, 'shared')['state'], "\n";
    $b->collectGarbage();
    echo "collectGarbage: ok\n";
}
echo 'the file is untouched: ', file_get_contents("$root/a-file"), "\n";
?>
--EXPECTF--
== localPath is a file
set: TYPO3\CMS\Core\Cache\Exception(1747500022): ClusterFileBackend: set("own") of cache "pages" failed: writing the payload file under localPath failed (see previous)
previous: ClusterFile\Exception(1747500060): write under localPath "%s" failed: shard directory is a symlink or not a directory (errno 20: %s)
own record: false
get own: bool(false)
has own: bool(false)
get shared: bool(false)
has shared: bool(true)
blob misses: 1, broken misses: 0
shared state: valid
collectGarbage: ok
== localPath under a file
set: TYPO3\CMS\Core\Cache\Exception(1747500022): ClusterFileBackend: set("own") of cache "pages" failed: writing the payload file under localPath failed (see previous)
previous: ClusterFile\Exception(1747500060): write under localPath "%s" failed: shard directory is a symlink or not a directory (errno 20: %s)
own record: false
get own: bool(false)
has own: bool(false)
get shared: bool(false)
has shared: bool(true)
blob misses: 1, broken misses: 0
shared state: valid
collectGarbage: ok
the file is untouched: x
