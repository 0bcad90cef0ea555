--TEST--
findIdentifiersByTag() returns a list of plain identifiers of this cache only (no key prefix), including a hashed 250-character identifier
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$pages = cf_pod($meta, null, [], 'pages');
$rootline = cf_pod($meta, null, [], 'rootline');
$long = str_repeat('L', 250);
$pages->set('a', 'v', ['t']);
$pages->set('b', 'v', ['t', 'u']);
$pages->set('c', 'v', ['u']);
$pages->set($long, 'v', ['t']);
$rootline->set('r', 'v', ['t']);
$ids = $pages->findIdentifiersByTag('t');
sort($ids);
echo "list: ", json_encode(array_is_list($ids)), ", count ", count($ids), "\n";
echo json_encode(array_map(fn ($i) => strlen($i) > 20 ? strlen($i) . ' chars' : $i, $ids)), "\n";
echo "long one is the identifier: ", json_encode(in_array($long, $ids, true)), "\n";
echo "its metadata key is hashed: ", json_encode(isset($meta->backend->entries['pages__%' . hash('sha256', $long)])), "\n";
echo "rootline: ", json_encode($rootline->findIdentifiersByTag('t')), ", unknown tag: ", json_encode($pages->findIdentifiersByTag('none')), "\n";
?>
--EXPECT--
list: true, count 3
["250 chars","a","b"]
long one is the identifier: true
its metadata key is hashed: true
rootline: ["r"], unknown tag: []
