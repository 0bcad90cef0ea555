--TEST--
Two pods writing different values for one identifier: the last writer wins the metadata, the loser's file stays on its pod as an unserved orphan
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dirA = cf_tmpdir('podA');
$dirB = cf_tmpdir('podB');
$a = cf_pod($meta, $dirA, ['payloadL1MaxEntries' => 0]);
$b = cf_pod($meta, $dirB, ['payloadL1MaxEntries' => 0]);
$a->set('e', 'payload_A');
$hashA = substr(cf_record($meta, 'e')['hash'], 7);
$b->set('e', 'payload_B');
$hashB = substr(cf_record($meta, 'e')['hash'], 7);

echo 'record names B: ', var_export($hashB === cf_expected_hash('payload_B'), true), "\n";
echo 'A keeps its file: ', var_export(array_map('basename', cf_files($dirA)) === [$hashA], true), "\n";
echo 'A get: '; var_dump($a->get('e'));
echo 'A blob_miss_total: ', $a->getStatistics()['blob_miss_total'], "\n";
echo 'B get: '; var_dump($b->get('e'));
// A re-renders and writes the current value: A now holds both files, the old one an orphan
$a->set('e', 'payload_B');
echo 'A files: ', count(cf_files($dirA)), "\n";
echo 'A get: '; var_dump($a->get('e'));
?>
--EXPECT--
record names B: true
A keeps its file: true
A get: bool(false)
A blob_miss_total: 1
B get: string(9) "payload_B"
A files: 2
A get: string(9) "payload_B"
