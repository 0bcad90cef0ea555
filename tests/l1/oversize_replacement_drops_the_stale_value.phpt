--TEST--
set('a', small) then set('a', oversize) then get('a') returns the oversize value from disk, not the stale small one (the reference's bug)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta, null, ['payloadL1MaxBytes' => 100]);
$b->set('a', 'small');
var_dump($b->get('a'));
$big = str_repeat('B', 150);
$b->set('a', $big);
$meta->backend->calls = [];
$got = $b->get('a');
echo "get: ", strlen($got), " bytes, is the new value: ", json_encode($got === $big), ", read from store: ", json_encode($meta->backend->calls === ['get']), "\n";
$s = $b->getStatistics();
echo "l1 entries ", $s['payload_l1_entries'], ", bytes ", $s['payload_l1_bytes'], "\n";
?>
--EXPECT--
string(5) "small"
get: 150 bytes, is the new value: true, read from store: true
l1 entries 0, bytes 0
