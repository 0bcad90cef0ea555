--TEST--
A lifetime (or defaultLifetimeSeconds) so large that now + lifetime overflows is stored as unlimited instead of failing
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
$b->set('max', 'v', [], PHP_INT_MAX);
$d = cf_pod($meta, null, ['defaultLifetimeSeconds' => PHP_INT_MAX]);
$d->set('default-max', 'w');
$b->set('large', 'x', [], PHP_INT_MAX - time() - 1000); // still representable: kept as given
foreach (['max', 'default-max', 'large'] as $id) {
    $r = cf_record($meta, $id);
    printf("%-11s expiresAt %s, metadata lifetime %s, has %s\n", $id, $r['expiresAt'] === 2147483647 ? 'unlimited' : ($r['expiresAt'] > 2147483647 ? 'beyond 2038' : $r['expiresAt']),
        $meta->backend->entries["pages__$id"]['lifetime'] === 0 ? '0' : 'finite', json_encode($b->has($id)));
}
?>
--EXPECT--
max         expiresAt unlimited, metadata lifetime 0, has true
default-max expiresAt unlimited, metadata lifetime 0, has true
large       expiresAt beyond 2038, metadata lifetime finite, has true
