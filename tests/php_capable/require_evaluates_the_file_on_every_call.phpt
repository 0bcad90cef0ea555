--TEST--
require() evaluates the stored PHP on every call (a global counter increments each time)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;

$meta = new FakeMetaFrontend();
$b = cf_pod($meta, null, [], 'code', true);
$fe = new PhpFrontend('code', $b);
$fe->set('counter', '$GLOBALS["cf_counter"] = ($GLOBALS["cf_counter"] ?? 0) + 1; return "run " . $GLOBALS["cf_counter"];');

var_dump($fe->require('counter'));
var_dump($fe->require('counter'));
echo 'counter: ', $GLOBALS['cf_counter'], "\n";
// require_once after two plain requires: the file is already included
var_dump($fe->requireOnce('counter'));
echo 'counter: ', $GLOBALS['cf_counter'], "\n";
?>
--EXPECT--
string(5) "run 1"
string(5) "run 2"
counter: 2
bool(true)
counter: 2
