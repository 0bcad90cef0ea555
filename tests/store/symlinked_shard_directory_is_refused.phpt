--TEST--
A shard directory that is a symlink (pointing outside localPath) makes set() throw the cache exception 1747500022 and nothing is written outside
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$outside = cf_tmpdir('outside');
$hash = cf_expected_hash('payload');
symlink($outside, "$dir/" . substr($hash, 0, 2));

$b = cf_pod($meta, $dir);
try {
    $b->set('e', 'payload');
    echo "no exception\n";
} catch (\Throwable $e) {
    echo get_class($e), '(', $e->getCode(), '): ', $e->getMessage(), "\n";
    $p = $e->getPrevious();
    echo 'previous: ', $p ? get_class($p) . '(' . $p->getCode() . '): ' . $p->getMessage() : 'none', "\n";
}
echo 'outside is empty: ', var_export(scandir($outside) === ['.', '..'], true), "\n";
echo 'no metadata written: ', var_export(cf_record($meta, 'e') === false, true), "\n";
echo 'get: '; var_dump($b->get('e'));
echo 'cache_write_error_total: ', $b->getStatistics()['cache_write_error_total'], "\n";
// another payload (another shard) still works
$b->set('other', 'another payload');
$b->reset();
echo 'other: '; var_dump($b->get('other'));
?>
--EXPECTF--
TYPO3\CMS\Core\Cache\Exception(1747500022): ClusterFileBackend: set("e") of cache "pages" failed: writing the payload file under localPath failed (see previous)
previous: ClusterFile\Exception(1747500060): write under localPath "%s" failed: shard directory is a symlink or not a directory%s
outside is empty: true
no metadata written: true
get: bool(false)
cache_write_error_total: 1
other: string(15) "another payload"
