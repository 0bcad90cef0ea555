--TEST--
set()/get() round-trip: binary bytes (NUL, 0xFF), the empty string, a compressible payload - also read by a second pod from disk
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$a = cf_pod($meta, $dir);
$values = [
    'binary' => "\x00\xff\x00abc\xfe\x01\x00",
    'empty' => '',
    'big' => str_repeat("row \x00 \xff ", 2000),
    'all-bytes' => implode('', array_map('chr', range(0, 255))),
];
foreach ($values as $id => $v) {
    $a->set($id, $v);
}
$b = cf_pod($meta, $dir); // same disk, empty L1: reads from the files
foreach ($values as $id => $v) {
    $got = $b->get($id);
    printf("%-9s same pod %s, from disk %s (%d bytes)\n", $id, json_encode($a->get($id) === $v), json_encode($got === $v), strlen($got));
}
echo "disk reads: ", $b->getStatistics()['cache_hit_total'], "\n";
?>
--EXPECT--
binary    same pod true, from disk true (9 bytes)
empty     same pod true, from disk true (0 bytes)
big       same pod true, from disk true (16000 bytes)
all-bytes same pod true, from disk true (256 bytes)
disk reads: 4
