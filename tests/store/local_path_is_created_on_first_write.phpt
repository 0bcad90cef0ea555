--TEST--
No directory is created at construction; the first write creates localPath recursively, and reads before it are quiet misses
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$root = cf_tmpdir();
$local = "$root/deep/er/store";
$meta = new FakeMetaFrontend();
$b = cf_pod($meta, $local);
echo 'after construction: ', var_export(file_exists("$root/deep"), true), "\n";
echo 'get: '; var_dump($b->get('e'));
echo 'has: '; var_dump($b->has('e'));
$b->collectGarbage();
echo 'after reads and collectGarbage: ', var_export(file_exists("$root/deep"), true), "\n";
$b->set('e', 'payload');
echo 'after set: ', var_export(is_dir($local), true), ', files ', count(cf_files($local)), "\n";
$b->reset();
echo 'get: '; var_dump($b->get('e'));
?>
--EXPECT--
after construction: false
get: bool(false)
has: bool(false)
after reads and collectGarbage: false
after set: true, files 1
get: string(7) "payload"
