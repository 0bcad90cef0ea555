--TEST--
Lifetime 0 is unlimited: expiresAt 2147483647, metadata lifetime 0, and such a record never expires (even with an ancient createdAt)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir);
$b->set('e', 'forever', [], 0);
$r = cf_record($meta, 'e');
echo "expiresAt: ", $r['expiresAt'], ", createdAt is now: ", json_encode(abs($r['createdAt'] - time()) <= 2), "\n";
echo "metadata lifetime: ", var_export($meta->backend->entries['pages__e']['lifetime'], true), "\n";
$meta->backend->entries['pages__e']['data']['createdAt'] = 1;
$fresh = cf_pod($meta, $dir);
var_dump($fresh->has('e'), $fresh->get('e'));
?>
--EXPECT--
expiresAt: 2147483647, createdAt is now: true
metadata lifetime: 0
bool(true)
string(7) "forever"
