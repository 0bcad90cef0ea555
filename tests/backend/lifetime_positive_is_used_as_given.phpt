--TEST--
A positive lifetime n gives expiresAt = createdAt + n and metadata lifetime n
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
foreach ([1, 60, 86400 * 365 * 50] as $n) {
    $b->set("e$n", 'v', [], $n);
    $r = cf_record($meta, "e$n");
    printf("%d: span %d, metadata lifetime %d\n", $n, $r['expiresAt'] - $r['createdAt'], $meta->backend->entries["pages__e$n"]['lifetime']);
}
?>
--EXPECT--
1: span 1, metadata lifetime 1
60: span 60, metadata lifetime 60
1576800000: span 1576800000, metadata lifetime 1576800000
