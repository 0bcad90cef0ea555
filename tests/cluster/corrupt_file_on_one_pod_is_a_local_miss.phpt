--TEST--
A corrupt (bit-flipped) or non-regular (socket) file on pod B is a local miss: B misses (counted 'corrupt') and deletes its file, the record is untouched and stays valid, A keeps hitting; B then blob-misses, its re-set takes the repair path and it hits again
--EXTENSIONS--
clusterfile
igbinary
--SKIPIF--
<?php if (strlen(sys_get_temp_dir()) > 20) die('skip the unix socket path would exceed sun_path'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dirA = cf_tmpdir('podA');
$dirB = cf_tmpdir('podB');
$a = cf_pod($meta, $dirA, ['payloadL1MaxEntries' => 0]);
$b = cf_pod($meta, $dirB, ['payloadL1MaxEntries' => 0]);
$payload = str_repeat('good bytes ', 300);
$a->set('e', $payload);
$b->set('e', $payload); // same bytes, same hash (B read nothing before: counted as a write)
$a->set('sock', 'other payload');
$b->set('sock', 'other payload');
$record = cf_record($meta, 'e');
$sockRecord = cf_record($meta, 'sock');

$fileA = cf_payload_path($meta, $dirA, 'e');
$fileB = cf_payload_path($meta, $dirB, 'e');
$bytes = file_get_contents($fileB);
$bytes[10] = chr(ord($bytes[10]) ^ 0xff);
file_put_contents($fileB, $bytes);
$sockB = cf_payload_path($meta, $dirB, 'sock');
unlink($sockB);
$server = stream_socket_server("unix://$sockB"); // a socket where the payload file was: not a regular file
echo 'socket planted: ', var_export($server !== false && filetype($sockB) === 'socket', true), "\n";

echo 'B get: '; var_dump($b->get('e'));
echo 'B get sock: '; var_dump($b->get('sock'));
echo 'B misses: ', json_encode($b->getStatistics()['cache_miss_total']), "\n";
echo 'B blob_miss_total: ', $b->getStatistics()['blob_miss_total'], "\n";
echo 'state: ', cf_record($meta, 'e')['state'], ', sock state: ', cf_record($meta, 'sock')['state'], "\n";
echo 'records untouched: ', var_export(cf_record($meta, 'e') === $record && cf_record($meta, 'sock') === $sockRecord, true), "\n";
clearstatcache();
echo 'B corrupt file deleted: ', var_export(!file_exists($fileB), true), "\n";
echo 'B socket deleted: ', var_export(!file_exists($sockB), true), "\n";
echo 'A files untouched: ', count(cf_files($dirA)), ', A file intact: ', var_export('sha256:' . hash_file('sha256', $fileA) === $record['checksum'], true), "\n";

$a->reset();
echo 'A get: ', var_export($a->get('e') === $payload, true), "\n";
echo 'A get sock: ', var_export($a->get('sock') === 'other payload', true), "\n";
echo 'A has: '; var_dump($a->has('e'));
$sa = $a->getStatistics();
echo 'A misses: ', json_encode($sa['cache_miss_total']), ', A local hits: ', $sa['local_payload_hit_total'], "\n";

$b->reset();
echo 'B get again: '; var_dump($b->get('e'));
$sb = $b->getStatistics();
echo 'B blob_miss_total: ', $sb['blob_miss_total'], ', B corrupt misses: ', $sb['cache_miss_total']['corrupt'], "\n";
$before = $sb['repair_success_total'];
$b->set('e', $payload); // the caller re-renders: same payload, same hash
$b->set('sock', 'other payload'); // its socket was removed as corrupt: a repair too
$sb = $b->getStatistics();
echo 'B repairs by the re-sets: ', $sb['repair_success_total'] - $before, ', B normal writes: ', $sb['cache_write_total'], "\n";
echo 'state after B re-set: ', cf_record($meta, 'e')['state'], "\n";
echo 'same hash and checksum: ', var_export(cf_record($meta, 'e')['hash'] === $record['hash'] && cf_record($meta, 'e')['checksum'] === $record['checksum'], true), "\n";
$b->reset();
echo 'B get after its own set: ', var_export($b->get('e') === $payload, true), "\n";
echo 'B get sock after its own set: ', var_export($b->get('sock') === 'other payload', true), "\n";
$a->reset();
echo 'A get: ', var_export($a->get('e') === $payload, true), "\n";
echo 'broken misses anywhere: ', $a->getStatistics()['cache_miss_total']['broken'] + $b->getStatistics()['cache_miss_total']['broken'], "\n";
?>
--EXPECT--
socket planted: true
B get: bool(false)
B get sock: bool(false)
B misses: {"metadata-error":0,"no-metadata":0,"broken":0,"corrupt":2,"expired":0}
B blob_miss_total: 0
state: valid, sock state: valid
records untouched: true
B corrupt file deleted: true
B socket deleted: true
A files untouched: 2, A file intact: true
A get: true
A get sock: true
A has: bool(true)
A misses: {"metadata-error":0,"no-metadata":0,"broken":0,"corrupt":0,"expired":0}, A local hits: 2
B get again: bool(false)
B blob_miss_total: 1, B corrupt misses: 2
B repairs by the re-sets: 2, B normal writes: 2
state after B re-set: valid
same hash and checksum: true
B get after its own set: true
B get sock after its own set: true
A get: true
broken misses anywhere: 0
