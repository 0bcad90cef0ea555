--TEST--
Two identifiers with identical PHP source share one content-addressed file, so requireOnce() of the second returns true
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir, [], 'code', true);
$fe = new PhpFrontend('code', $b);
$fe->set('first', "return 'shared';");
$fe->set('second', "return 'shared';");

echo 'files: ', count(cf_files($dir)), "\n";
echo 'same hash: ', var_export(cf_record($meta, 'first', 'code')['hash'] === cf_record($meta, 'second', 'code')['hash'], true), "\n";
var_dump($fe->requireOnce('first'));
var_dump($fe->requireOnce('second'));
// require() is not affected by inclusion state
var_dump($fe->require('second'));
?>
--EXPECT--
files: 1
same hash: true
string(6) "shared"
bool(true)
string(6) "shared"
