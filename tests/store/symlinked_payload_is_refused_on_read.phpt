--TEST--
A payload file replaced by a symlink to an identical copy outside localPath is refused on get(): a miss, the entry marked Broken, the link removed and the outside file kept
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$outside = cf_tmpdir('outside');
$b = cf_pod($meta, $dir, ['payloadL1MaxEntries' => 0]);
$b->set('e', 'payload');
$path = cf_payload_path($meta, $dir, 'e');
copy($path, "$outside/copy");
unlink($path);
symlink("$outside/copy", $path);
echo 'checksum of the link target matches: ', var_export('sha256:' . hash_file('sha256', $path) === cf_record($meta, 'e')['checksum'], true), "\n";

echo 'get: '; var_dump($b->get('e'));
clearstatcache();
echo 'state: ', cf_record($meta, 'e')['state'], "\n";
echo 'link removed: ', var_export(!is_link($path) && !file_exists($path), true), "\n";
echo 'outside file kept: ', var_export(is_file("$outside/copy") && filesize("$outside/copy") === 8, true), "\n";
echo 'broken misses: ', $b->getStatistics()['cache_miss_total']['broken'], "\n";
$b->set('e', 'payload');
echo 'after rewrite: '; var_dump($b->get('e'));
?>
--EXPECT--
checksum of the link target matches: true
get: bool(false)
state: broken
link removed: true
outside file kept: true
broken misses: 1
after rewrite: string(7) "payload"
