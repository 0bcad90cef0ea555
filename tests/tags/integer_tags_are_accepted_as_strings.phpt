--TEST--
Integer tags (PHP turns numeric string keys into ints) are accepted as their decimal strings for set and flushByTags
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
$b->set('e', 'v', [42, '42', 7, -1]);
echo json_encode(cf_record($meta, 'e')['tags']), "\n";
echo json_encode($meta->backend->entries['pages__e']['tags']), "\n";
echo json_encode($b->findIdentifiersByTag('42')), "\n";
$b->flushByTags([7]);
var_dump($b->has('e'));
?>
--EXPECT--
["-1","42","7"]
["__cfb_ns__pages","__cfb_ns__pages__-1","__cfb_ns__pages__42","__cfb_ns__pages__7"]
["e"]
bool(false)
