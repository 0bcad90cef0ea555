--TEST--
flush(), flushByTag() and flushByTags() swallow a metadata outage, count cache_flush_error_total{op} and still clear the L1
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$ops = [
    'flush' => fn ($b) => $b->flush(),
    'flushByTag' => fn ($b) => $b->flushByTag('t'),
    'flushByTags' => fn ($b) => $b->flushByTags(['t', 'u']),
];
foreach ($ops as $name => $op) {
    $meta = new FakeMetaFrontend();
    $b = cf_pod($meta);
    $b->set('e', 'v', ['t']);
    $meta->backend->offline = true;
    $r = cf_catch(fn () => $op($b));
    $meta->backend->offline = false;
    $s = $b->getStatistics();
    // the record survived the failed flush; drop it behind the backend's back: only an L1 could still answer
    $meta->backend->entries = [];
    printf("%-11s %s, errors %s, flushes %s, get after %s\n", $name, $r, json_encode($s['cache_flush_error_total']),
        json_encode($s['cache_flush_total']), json_encode($b->get('e')));
}
?>
--EXPECT--
flush       ok, errors {"flush":1,"flushByTag":0,"flushByTags":0}, flushes {"full":0,"tag":0}, get after false
flushByTag  ok, errors {"flush":0,"flushByTag":1,"flushByTags":0}, flushes {"full":0,"tag":0}, get after false
flushByTags ok, errors {"flush":0,"flushByTag":0,"flushByTags":1}, flushes {"full":0,"tag":0}, get after false
