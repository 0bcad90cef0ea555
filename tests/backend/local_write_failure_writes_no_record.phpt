--TEST--
When the local write fails (a file where the store directory should be), set() throws 1747500022 with the store error as previous and writes no metadata: the local write comes first, and no metadata call is made at all
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$root = cf_tmpdir();
file_put_contents("$root/blocked", 'not a directory');
$b = cf_pod($meta, "$root/blocked");
try {
    $b->set('e', 'v', ['t']);
} catch (\Throwable $e) {
    echo get_class($e), ' ', $e->getCode(), ': ', $e->getMessage(), "\n";
    $p = $e->getPrevious();
    echo "previous: ", get_class($p), ' ', $p->getCode(), "\n";
}
echo "metadata calls: ", implode(',', $meta->backend->calls) ?: 'none', ", records: ", count($meta->backend->entries), "\n";
echo "blocked file untouched: ", file_get_contents("$root/blocked"), "\n";
var_dump($b->has('e'), $b->get('e'));
?>
--EXPECT--
TYPO3\CMS\Core\Cache\Exception 1747500022: ClusterFileBackend: set("e") of cache "pages" failed: writing the payload file under localPath failed (see previous)
previous: ClusterFile\Exception 1747500060
metadata calls: none, records: 0
blocked file untouched: not a directory
bool(false)
bool(false)
