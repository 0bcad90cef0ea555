--TEST--
The same content under two identifiers (or two caches sharing a localPath) is one file named by one hash
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$pages = cf_pod($meta, $dir, ['payloadL1MaxEntries' => 0], 'pages');
$rootline = cf_pod($meta, $dir, ['payloadL1MaxEntries' => 0], 'rootline');
$payload = str_repeat('same bytes ', 300);
$pages->set('one', $payload);
$pages->set('two', $payload);
$rootline->set('three', $payload);

echo 'files: ', count(cf_files($dir)), "\n";
$h = [cf_record($meta, 'one')['hash'], cf_record($meta, 'two')['hash'], cf_record($meta, 'three', 'rootline')['hash']];
echo 'one hash: ', count(array_unique($h)), "\n";
var_dump($pages->get('one') === $payload, $pages->get('two') === $payload, $rootline->get('three') === $payload);
// a different payload is a different file
$pages->set('two', $payload . '!');
echo 'files after a change: ', count(cf_files($dir)), "\n";
?>
--EXPECT--
files: 1
one hash: 1
bool(true)
bool(true)
bool(true)
files after a change: 2
