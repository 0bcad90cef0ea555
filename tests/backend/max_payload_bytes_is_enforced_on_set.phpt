--TEST--
set(): a payload of exactly maxPayloadBytes is stored; one byte more throws InvalidDataException 1747500021 and writes nothing
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir, ['maxPayloadBytes' => 2048]);
$b->set('fits', str_repeat('x', 2048));
echo "2048 bytes: ", strlen($b->get('fits')), " read back\n";
$meta->backend->calls = [];
echo "2049 bytes: ", cf_catch(fn () => $b->set('too-big', str_repeat('x', 2049))), "\n";
echo "records: ", json_encode(array_keys($meta->backend->entries)), ", files: ", count(cf_files($dir)), ", metadata calls: ", count($meta->backend->calls), "\n";
var_dump($b->get('too-big'));
// the check comes first: even an invalid identifier reports the size
echo "bad id too: ", cf_catch(fn () => $b->set('bad id', str_repeat('x', 2049))), "\n";
?>
--EXPECT--
2048 bytes: 2048 read back
2049 bytes: TYPO3\CMS\Core\Cache\Exception\InvalidDataException(1747500021): Payload size 2049 exceeds configured maxPayloadBytes 2048
records: ["pages__fits"], files: 1, metadata calls: 0
bool(false)
bad id too: TYPO3\CMS\Core\Cache\Exception\InvalidDataException(1747500021): Payload size 2049 exceeds configured maxPayloadBytes 2048
