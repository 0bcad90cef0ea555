--TEST--
A 250-character tag works for set, findIdentifiersByTag and flushByTag: its namespaced form would exceed 250 characters, so it is hashed
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
$tag = str_repeat('T', 250);
$b->set('e', 'v', [$tag, 'short']);
$b->set('other', 'v', ['short']);
echo json_encode($meta->backend->entries['pages__e']['tags'] === ['__cfb_ns__pages', '__cfb_ns__pages__%' . hash('sha256', $tag), '__cfb_ns__pages__short']), "\n";
echo "record keeps the tag: ", json_encode(cf_record($meta, 'e')['tags'] === [$tag, 'short']), "\n";
echo "found: ", json_encode($b->findIdentifiersByTag($tag)), "\n";
$b->flushByTag($tag);
var_dump($b->has('e'), $b->has('other'));
// the longest tag whose namespaced form still fits is kept verbatim
$fits = str_repeat('F', 250 - strlen('__cfb_ns__pages__'));
$b->set('f', 'v', [$fits]);
echo "verbatim: ", json_encode(in_array("__cfb_ns__pages__$fits", $meta->backend->entries['pages__f']['tags'], true)), "\n";
?>
--EXPECT--
true
record keeps the tag: true
found: ["e"]
bool(false)
bool(true)
verbatim: true
