--TEST--
A payload replaced by a symlink after it was verified in this request is not included: the next require() misses, the one after marks the entry Broken
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$outside = cf_tmpdir('outside');
$b = cf_pod($meta, $dir, [], 'code', true);
$fe = new PhpFrontend('code', $b);
$fe->set('e', "return 'genuine';");
echo 'first require: '; var_dump($fe->require('e'));

$path = cf_payload_path($meta, $dir, 'e', 'code', true);
file_put_contents("$outside/evil.php", "<?php\nreturn 'EVIL';\n#");
unlink($path);
symlink("$outside/evil.php", $path);

echo 'after the swap: '; var_dump($fe->require('e'));
echo 'again: '; var_dump($fe->require('e'));
echo 'state: ', cf_record($meta, 'e', 'code')['state'], "\n";
echo 'link removed: ', var_export(!is_link($path), true), "\n";
echo 'target kept: ', var_export(is_file("$outside/evil.php"), true), "\n";
?>
--EXPECT--
first require: string(7) "genuine"
after the swap: bool(false)
again: bool(false)
state: broken
link removed: true
target kept: true
