--TEST--
Writes (new entries, overwrites, identical rewrites, PhpFrontend entries) leave no ".cfb.tmp.*" file behind
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir);
for ($i = 0; $i < 20; $i++) {
    $b->set("e$i", str_repeat("v$i", 600));
}
for ($i = 0; $i < 20; $i++) {
    $b->set("e$i", str_repeat("w$i", 600)); // overwrite with new content
    $b->set("e$i", str_repeat("w$i", 600)); // identical rewrite (repair path)
}
$php = cf_pod($meta, $dir, [], 'code', true);
$php->set('p', "<?php\nreturn 1;\n#");

$all = cf_files($dir);
$temps = array_filter($all, fn ($f) => str_starts_with(basename($f), '.cfb.tmp.'));
$payloads = array_filter($all, fn ($f) => preg_match('#/[0-9a-f]{2}/[0-9a-f]{64}(\.php)?$#', $f));
echo 'temp files: ', count($temps), "\n";
echo 'payload files: ', count($payloads), "\n";
echo 'other files: ', count($all) - count($payloads), "\n";
?>
--EXPECT--
temp files: 0
payload files: 41
other files: 0
