--TEST--
Lifetime null or negative uses defaultLifetimeSeconds (record span and metadata TTL)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta, null, ['defaultLifetimeSeconds' => 777]);
$b->set('null', 'v', [], null);
$b->set('omitted', 'v');
$b->set('minus-one', 'v', [], -1);
$b->set('int-min', 'v', [], PHP_INT_MIN);
foreach (['null', 'omitted', 'minus-one', 'int-min'] as $id) {
    $r = cf_record($meta, $id);
    printf("%-9s span %d, metadata lifetime %d\n", $id, $r['expiresAt'] - $r['createdAt'], $meta->backend->entries["pages__$id"]['lifetime']);
}
$b2 = cf_pod($meta);
$b2->set('default', 'v');
$r = cf_record($meta, 'default');
echo "built-in default span: ", $r['expiresAt'] - $r['createdAt'], "\n";
?>
--EXPECT--
null      span 777, metadata lifetime 777
omitted   span 777, metadata lifetime 777
minus-one span 777, metadata lifetime 777
int-min   span 777, metadata lifetime 777
built-in default span: 3600
