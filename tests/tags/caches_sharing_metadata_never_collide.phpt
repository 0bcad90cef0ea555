--TEST--
Two caches sharing one metadata frontend and the same identifier keep separate records (the reference collided): each reads its own value, remove in one leaves the other
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir(); // even with a shared localPath
$pages = cf_pod($meta, $dir, [], 'pages');
$rootline = cf_pod($meta, $dir, [], 'rootline');
$pages->set('x', 'from pages', ['t']);
$rootline->set('x', 'from rootline', ['t']);
echo "keys: ", json_encode(array_keys($meta->backend->entries)), "\n";
// fresh pods: no L1 involved
$p2 = cf_pod($meta, $dir, [], 'pages');
$r2 = cf_pod($meta, $dir, [], 'rootline');
var_dump($p2->get('x'), $r2->get('x'));
var_dump($p2->remove('x'), $r2->has('x'), $r2->get('x'));
$r2->flushByTag('t');
var_dump(cf_pod($meta, $dir, [], 'rootline')->has('x'));
?>
--EXPECT--
keys: ["pages__x","rootline__x"]
string(10) "from pages"
string(13) "from rootline"
bool(true)
bool(true)
string(13) "from rootline"
bool(false)
