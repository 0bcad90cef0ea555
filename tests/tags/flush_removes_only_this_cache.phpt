--TEST--
flush() invalidates only this cache's entries (namespace-tag flush), not another cache sharing the metadata frontend
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$pages = cf_pod($meta, null, [], 'pages');
$rootline = cf_pod($meta, null, [], 'rootline');
$pages->set('a', 'pa', ['t']);
$pages->set('b', 'pb');
$rootline->set('a', 'ra', ['t']);
$meta->backend->calls = [];
$pages->flush();
echo "calls: ", implode(',', $meta->backend->calls), "\n";
echo "left: ", json_encode(array_keys($meta->backend->entries)), "\n";
var_dump($pages->get('a'), $pages->has('b'), $rootline->get('a'));
echo "full flushes: ", $pages->getStatistics()['cache_flush_total']['full'], "\n";
?>
--EXPECT--
calls: flushByTag
left: ["rootline__a"]
bool(false)
bool(false)
string(2) "ra"
full flushes: 1
