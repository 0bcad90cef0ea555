--TEST--
remove() on pod A is seen by pod B from its next request, though B's file stays on disk
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dirB = cf_tmpdir('podB');
$a = cf_pod($meta);
$b = cf_pod($meta, $dirB);
$a->set('e', 'value');
$b->set('e', 'value');
$b->reset();
echo 'B before: '; var_dump($b->get('e'));
echo 'A remove: '; var_dump($a->remove('e'));
echo 'A remove again: '; var_dump($a->remove('e'));
$b->reset();
echo 'B get: '; var_dump($b->get('e'));
echo 'B has: '; var_dump($b->has('e'));
echo 'B file still on disk: ', count(cf_files($dirB)), "\n";
?>
--EXPECT--
B before: string(5) "value"
A remove: bool(true)
A remove again: bool(false)
B get: bool(false)
B has: bool(false)
B file still on disk: 1
