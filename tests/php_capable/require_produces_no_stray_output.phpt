--TEST--
Including a payload produces no stray output: nothing before "<?php", and the trailing "#" line echoes nothing
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
$fe->set('silent', "return 42;");
$fe->set('speaks', "echo 'BODY';");

ob_start();
$v = $fe->requireOnce('silent');
$out = ob_get_clean();
echo 'silent value: ', $v, "\n";
echo 'silent output: ', json_encode($out), "\n";

ob_start();
$v = $fe->require('speaks');
$out = ob_get_clean();
echo 'speaks value: ', var_export($v, true), "\n";
echo 'speaks output: ', json_encode($out), "\n";
?>
--EXPECT--
silent value: 42
silent output: ""
speaks value: 1
speaks output: "BODY"
