--TEST--
A directory tree planted at a payload path is a local 'corrupt' miss on that pod only, is removed (links inside unlinked, their targets untouched), and the next set() repairs the entry
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dirA = cf_tmpdir('podA');
$dirB = cf_tmpdir('podB');
$outside = cf_tmpdir('outside');
file_put_contents("$outside/keep", 'precious');

$a = cf_pod($meta, $dirA, ['payloadL1MaxEntries' => 0]);
$a->set('page', 'content', ['t']);

// Pod B: a populated directory tree where the payload file would go.
$path = cf_payload_path($meta, $dirB, 'page');
mkdir("$path/sub/deeper", 0750, true);
file_put_contents("$path/sub/deeper/f", 'x');
symlink($outside, "$path/sub/to_outside_dir");
symlink("$outside/keep", "$path/to_outside_file");

$b = cf_pod($meta, $dirB, ['payloadL1MaxEntries' => 0]);
echo 'B get: '; var_dump($b->get('page'));
$stats = $b->getStatistics();
echo 'B corrupt misses: ', $stats['cache_miss_total']['corrupt'], "\n";
clearstatcache(true);
echo 'directory gone: ', var_export(!file_exists($path) && !is_link($path), true), "\n";
echo 'A still hits: '; var_dump($a->get('page'));
echo 'record untouched: ', cf_record($meta, 'page')['state'] ?? 'no state field', "\n";

// The repair: B writes the entry again and serves it from its own disk.
$b->set('page', 'content', ['t']);
clearstatcache(true);
echo 'regular file now: ', var_export(is_file($path) && !is_link($path), true), "\n";
echo 'B get: '; var_dump($b->get('page'));

// A directory squatting on the path when set() runs (no read before): set clears it too.
$path2 = cf_payload_path($meta, $dirB, 'page');
$b->remove('page');
@unlink($path2);
mkdir("$path2/x", 0750, true);
$b->set('page', 'content', ['t']);
clearstatcache(true);
echo 'set over a directory: ', var_export(is_file($path2), true), "\n";
echo 'B get: '; var_dump($b->get('page'));

echo 'outside untouched: ', file_get_contents("$outside/keep"), ' ', count(scandir($outside)) - 2, " entry\n";
?>
--EXPECTF--
B get: bool(false)
B corrupt misses: 1
directory gone: true
A still hits: string(7) "content"
record untouched: valid
regular file now: true
B get: string(7) "content"
set over a directory: true
B get: string(7) "content"
outside untouched: precious 1 entry
