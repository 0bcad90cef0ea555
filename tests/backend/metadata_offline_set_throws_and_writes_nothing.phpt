--TEST--
set() with the metadata store offline throws TYPO3's Cache\Exception 1747500022 with a cause-free message and the store's exception as previous; the write is one metadata call (no read first): the payload file written before it stays as an orphan that no record names (the local GC removes it)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir);
$meta->backend->offline = true;
try {
    $b->set('e', 'v', ['t']);
} catch (\Throwable $e) {
    echo get_class($e), ' ', $e->getCode(), "\n", $e->getMessage(), "\n";
    $p = $e->getPrevious();
    echo "previous: ", get_class($p), ': ', $p->getMessage(), "\n";
    var_dump($e instanceof \TYPO3\CMS\Core\Cache\Exception\InvalidDataException);
}
echo "metadata calls: ", implode(',', $meta->backend->calls), "\n";
echo "entries under localPath: ", count(scandir($dir)) - 2, "\n";
echo "write errors: ", $b->getStatistics()['cache_write_error_total'], "\n";
?>
--EXPECT--
TYPO3\CMS\Core\Cache\Exception 1747500022
ClusterFileBackend: set("e") of cache "pages" failed: the metadata store failed writing the record (see previous)
previous: RuntimeException: metadata cache offline during set
bool(false)
metadata calls: set
entries under localPath: 1
write errors: 1
