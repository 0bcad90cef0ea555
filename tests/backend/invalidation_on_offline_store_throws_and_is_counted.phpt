--TEST--
flush(), flushByTag(), flushByTags() and remove() on an offline metadata store throw TYPO3's Cache\Exception 1747500061 (the store's error as previous), count cache_flush_error_total{op} and still clear the L1
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$ops = [
    'flush' => fn ($b) => $b->flush(),
    'flushByTag' => fn ($b) => $b->flushByTag('t'),
    'flushByTags' => fn ($b) => $b->flushByTags(['t', 'u']),
    'remove' => fn ($b) => $b->remove('e'),
];
foreach ($ops as $name => $op) {
    $meta = new FakeMetaFrontend();
    $b = cf_pod($meta);
    $b->set('e', 'v', ['t']);
    $meta->backend->offline = true;
    try {
        $op($b);
        $r = 'returned';
    } catch (\Throwable $e) {
        $r = get_class($e) . ' ' . $e->getCode() . ' (previous: ' . get_class($e->getPrevious()) . ')';
        echo $e->getMessage(), "\n";
    }
    $meta->backend->offline = false;
    $s = $b->getStatistics();
    // the record survived the failed flush; drop it behind the backend's back: only an L1 could still answer
    $meta->backend->entries = [];
    printf("%-11s %s\n  errors %s, flushes %s, get after %s\n", $name, $r, json_encode($s['cache_flush_error_total']),
        json_encode($s['cache_flush_total']), json_encode($b->get('e')));
}
?>
--EXPECT--
ClusterFileBackend: flush() of cache "pages" was not carried out: the metadata store failed (see previous); its entries may still be served
flush       TYPO3\CMS\Core\Cache\Exception 1747500061 (previous: RuntimeException)
  errors {"flush":1,"flushByTag":0,"flushByTags":0,"remove":0}, flushes {"full":0,"tag":0}, get after false
ClusterFileBackend: flushByTag("t") of cache "pages" was not carried out: the metadata store failed (see previous); entries with that tag may still be served
flushByTag  TYPO3\CMS\Core\Cache\Exception 1747500061 (previous: RuntimeException)
  errors {"flush":0,"flushByTag":1,"flushByTags":0,"remove":0}, flushes {"full":0,"tag":0}, get after false
ClusterFileBackend: flushByTags() of cache "pages" (2 tags) was not carried out: the metadata store failed (see previous); entries with those tags may still be served
flushByTags TYPO3\CMS\Core\Cache\Exception 1747500061 (previous: RuntimeException)
  errors {"flush":0,"flushByTag":0,"flushByTags":1,"remove":0}, flushes {"full":0,"tag":0}, get after false
ClusterFileBackend: remove("e") of cache "pages" was not carried out: the metadata store failed (see previous); the entry may still be served
remove      TYPO3\CMS\Core\Cache\Exception 1747500061 (previous: RuntimeException)
  errors {"flush":0,"flushByTag":0,"flushByTags":0,"remove":1}, flushes {"full":0,"tag":0}, get after false
