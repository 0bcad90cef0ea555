--TEST--
flush(), flushByTag() and flushByTags() empty the payload L1 and the metadata L1 even when the metadata store is offline
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

foreach (['flush' => fn ($b) => $b->flush(), 'flushByTag' => fn ($b) => $b->flushByTag('x'), 'flushByTags' => fn ($b) => $b->flushByTags(['x'])] as $name => $op) {
    $meta = new FakeMetaFrontend();
    $b = cf_pod($meta);
    $b->set('a', 'va');
    $b->set('b', 'vb');
    $b->has('a');
    $b->has('missing'); // negative entry in the metadata L1
    $meta->backend->offline = true;
    cf_catch(fn () => $op($b)); // throws 1747500061 (tests/backend/invalidation_on_offline_store_throws_and_is_counted)
    $entries = $b->getStatistics()['payload_l1_entries'];
    $meta->backend->offline = false;
    $meta->backend->calls = [];
    $b->has('a');
    $b->has('missing');
    $b->get('b');
    printf("%-11s payload L1 entries %d, store calls after: %s\n", $name, $entries, implode(',', $meta->backend->calls));
}
?>
--EXPECT--
flush       payload L1 entries 0, store calls after: get,get,get
flushByTag  payload L1 entries 0, store calls after: get,get,get
flushByTags payload L1 entries 0, store calls after: get,get,get
