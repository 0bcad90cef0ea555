--TEST--
A PhpFrontend payload is stored as a bare .php file beginning with "<?php": no marker byte, never compressed, record compression "none"
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
// zstd from the first byte on: a VariableFrontend payload of this size would be compressed
$b = cf_pod($meta, $dir, ['compression' => 'zstd', 'minCompressedBytes' => 0], 'code', true);
$fe = new PhpFrontend('code', $b);

$source = "return '" . str_repeat('x', 20000) . "';";
$fe->set('big', $source);

$files = cf_files($dir);
$rec = cf_record($meta, 'big', 'code');
$bytes = file_get_contents($files[0]);
echo 'files: ', count($files), "\n";
echo 'suffix: ', substr($files[0], -4), "\n";
echo 'path is the record hash: ', var_export($files[0] === cf_payload_path($meta, $dir, 'big', 'code', true), true), "\n";
echo 'starts with <?php: ', var_export(str_starts_with($bytes, '<?php'), true), "\n";
echo 'file is exactly what the frontend passed: ', var_export($bytes === "<?php\n" . $source . "\n#", true), "\n";
echo 'size: ', strlen($bytes), ' payloadSize: ', $rec['payloadSize'], "\n";
echo 'checksum of the file: ', var_export($rec['checksum'] === 'sha256:' . hash('sha256', $bytes), true), "\n";
echo 'hash with compression none: ', var_export($rec['hash'] === 'sha256:' . cf_expected_hash($bytes, 'none'), true), "\n";
echo 'record compression: ', $rec['compression'], "\n";
echo 'statistics compression: ', $b->getStatistics()['compression'], "\n";
echo 'value: ', strlen($fe->requireOnce('big')), "\n";

// a tiny entry, too: still no marker in front of "<?php"
$fe->set('tiny', 'return 1;');
echo 'tiny first byte: ', bin2hex(file_get_contents(cf_payload_path($meta, $dir, 'tiny', 'code', true))[0]), "\n";
?>
--EXPECT--
files: 1
suffix: .php
path is the record hash: true
starts with <?php: true
file is exactly what the frontend passed: true
size: 20018 payloadSize: 20018
checksum of the file: true
hash with compression none: true
record compression: none
statistics compression: none
value: 20000
tiny first byte: 3c
