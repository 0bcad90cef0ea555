--TEST--
The record's tags are the user tags de-duplicated and sorted bytewise, un-namespaced
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
$b->set('e', 'v', ['b', 'a', 'B', 'b', '_z', 'a', '10', '9', '%x']);
echo json_encode(cf_record($meta, 'e')['tags']), "\n";
$b->set('none', 'v');
echo json_encode(cf_record($meta, 'none')['tags']), "\n";
?>
--EXPECT--
["%x","10","9","B","_z","a","b"]
[]
