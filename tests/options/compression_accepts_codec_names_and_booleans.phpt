--TEST--
compression: "zstd"/"gzip"/"none" as given, true = compressionCodec, false = none, absent = the schema default zstd (whatever compressionCodec says); the choice reaches the record
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$cases = [
    'absent' => [],
    '"zstd"' => ['compression' => 'zstd'],
    '"gzip"' => ['compression' => 'gzip'],
    '"none"' => ['compression' => 'none'],
    'true' => ['compression' => true],
    'false' => ['compression' => false],
    'true + codec gzip' => ['compression' => true, 'compressionCodec' => 'gzip'],
    'absent + codec gzip' => ['compressionCodec' => 'gzip'],
    '"zstd" + codec gzip' => ['compression' => 'zstd', 'compressionCodec' => 'gzip'],
    'false + codec gzip' => ['compression' => false, 'compressionCodec' => 'gzip'],
];
foreach ($cases as $label => $extra) {
    $meta = new FakeMetaFrontend();
    $b = cf_pod($meta, null, $extra);
    $b->set('e', str_repeat('payload ', 300));
    $o = $b->getOptions();
    printf("%-20s options %s/%s, record %s, read back %s\n", $label, $o['compression'], $o['compressionCodec'],
        cf_record($meta, 'e')['compression'], var_export($b->get('e') === str_repeat('payload ', 300), true));
}
?>
--EXPECT--
absent               options zstd/zstd, record zstd, read back true
"zstd"               options zstd/zstd, record zstd, read back true
"gzip"               options gzip/zstd, record gzip, read back true
"none"               options none/zstd, record none, read back true
true                 options zstd/zstd, record zstd, read back true
false                options none/zstd, record none, read back true
true + codec gzip    options gzip/gzip, record gzip, read back true
absent + codec gzip  options zstd/gzip, record zstd, read back true
"zstd" + codec gzip  options zstd/gzip, record zstd, read back true
false + codec gzip   options none/gzip, record none, read back true
