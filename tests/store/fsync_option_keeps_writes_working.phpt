--TEST--
With fsync enabled, writes, overwrites and reads work as without it (fsync itself is not observable from PHP)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, "$dir/new/store", ['fsync' => true, 'payloadL1MaxEntries' => 0]);
echo 'fsync option: '; var_dump($b->getOptions()['fsync']);
$b->set('a', 'first');
$b->set('a', 'second');
$b->set('b', str_repeat('z', 5000));
var_dump($b->get('a'), strlen($b->get('b')));
echo 'files: ', count(cf_files("$dir/new/store")), "\n";
$php = cf_pod($meta, "$dir/new/store", ['fsync' => true], 'code', true);
$php->set('p', "<?php\nreturn 'fsynced';\n#");
var_dump($php->requireOnce('p'));
echo 'temp files: ', count(array_filter(cf_files("$dir/new/store"), fn ($f) => str_contains($f, '.cfb.tmp.'))), "\n";
?>
--EXPECT--
fsync option: bool(true)
string(6) "second"
int(5000)
files: 3
string(7) "fsynced"
temp files: 0
