--TEST--
A payload file replaced by a symlink to an identical copy outside localPath is refused on get(): a 'corrupt' miss, the link removed and the outside file kept, the record untouched and valid; another pod keeps hitting; a re-set repairs
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
$other = cf_pod($meta, null, ['payloadL1MaxEntries' => 0]);
$b->set('e', 'payload');
$other->set('e', 'payload');
$record = cf_record($meta, 'e');
$path = cf_payload_path($meta, $dir, 'e');
copy($path, "$outside/copy");
unlink($path);
symlink("$outside/copy", $path);
echo 'checksum of the link target matches: ', var_export('sha256:' . hash_file('sha256', $path) === cf_record($meta, 'e')['checksum'], true), "\n";

echo 'get: '; var_dump($b->get('e'));
clearstatcache(true);
echo 'state: ', cf_record($meta, 'e')['state'], ', record untouched: ', var_export(cf_record($meta, 'e') === $record, true), "\n";
echo 'link removed: ', var_export(!is_link($path) && !file_exists($path), true), "\n";
echo 'outside file kept: ', var_export(is_file("$outside/copy") && filesize("$outside/copy") === 8, true), "\n";
echo 'misses: ', json_encode($b->getStatistics()['cache_miss_total']), "\n";
$other->reset();
echo 'other pod: '; var_dump($other->get('e'));
$b->set('e', 'payload');
echo 'repair_success_total: ', $b->getStatistics()['repair_success_total'], "\n";
echo 'regular file again: ', var_export(is_file($path) && !is_link($path), true), "\n";
$b->reset();
echo 'after rewrite: '; var_dump($b->get('e'));
?>
--EXPECT--
checksum of the link target matches: true
get: bool(false)
state: valid, record untouched: true
link removed: true
outside file kept: true
misses: {"metadata-error":0,"no-metadata":0,"broken":0,"corrupt":1,"expired":0}
other pod: string(7) "payload"
repair_success_total: 1
regular file again: true
after rewrite: string(7) "payload"
