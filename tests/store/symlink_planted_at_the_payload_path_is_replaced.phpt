--TEST--
A symlink planted at a payload path before the write is replaced by a regular file; the link's target is left untouched
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$outside = cf_tmpdir('outside');
$hash = cf_expected_hash('payload');
$path = "$dir/" . substr($hash, 0, 2) . "/$hash";
mkdir(dirname($path), 0750, true);
file_put_contents("$outside/target", 'precious');
symlink("$outside/target", $path);

$b = cf_pod($meta, $dir, ['payloadL1MaxEntries' => 0]);
$b->set('e', 'payload');
clearstatcache();
echo 'is link: ', var_export(is_link($path), true), "\n";
echo 'is regular file: ', var_export(is_file($path), true), "\n";
echo 'file bytes: ', bin2hex(file_get_contents($path)), "\n";
echo 'target untouched: ', file_get_contents("$outside/target"), "\n";
echo 'get: '; var_dump($b->get('e'));

// a dangling link, too
$hash2 = cf_expected_hash('second');
$path2 = "$dir/" . substr($hash2, 0, 2) . "/$hash2";
@mkdir(dirname($path2), 0750, true);
symlink("$outside/does-not-exist", $path2);
$b->set('f', 'second');
clearstatcache();
echo 'dangling link replaced: ', var_export(!is_link($path2) && is_file($path2), true), "\n";
echo 'nothing created through it: ', var_export(!file_exists("$outside/does-not-exist"), true), "\n";
echo 'get: '; var_dump($b->get('f'));
?>
--EXPECT--
is link: false
is regular file: true
file bytes: 007061796c6f6164
target untouched: precious
get: string(7) "payload"
dangling link replaced: true
nothing created through it: true
get: string(6) "second"
