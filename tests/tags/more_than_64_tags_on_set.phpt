--TEST--
set() accepts more than 64 tags (the reference refused 65); each tag can flush the entry
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
$tags = array_map(fn ($i) => "tag_$i", range(1, 300));
$b->set('e', 'v', $tags);
echo "record tags: ", count(cf_record($meta, 'e')['tags']), ", metadata tags: ", count($meta->backend->entries['pages__e']['tags']), "\n";
echo "found by tag_300: ", json_encode($b->findIdentifiersByTag('tag_300')), "\n";
$b->flushByTag('tag_65');
var_dump($b->has('e'));
?>
--EXPECT--
record tags: 300, metadata tags: 301
found by tag_300: ["e"]
bool(false)
