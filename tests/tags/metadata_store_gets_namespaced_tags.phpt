--TEST--
The metadata store receives the cache's namespace tag first, then each user tag namespaced with the cache name, in sorted order
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
$b->set('e', 'v', ['pageId_1', 'a', 'pageId_1']);
echo json_encode($meta->backend->entries['pages__e']['tags']), "\n";
$r = cf_pod($meta, null, [], 'rootline');
$r->set('e', 'v');
echo json_encode($meta->backend->entries['rootline__e']['tags']), "\n";
?>
--EXPECT--
["__cfb_ns__pages","__cfb_ns__pages__a","__cfb_ns__pages__pageId_1"]
["__cfb_ns__rootline"]
