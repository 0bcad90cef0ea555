--TEST--
igbinary is optional: without it the module loads (igbinary was a required module dependency and the module refused to load - PHP 8.5 has no igbinary package yet), the backend works, and the serializer label says php:native
--EXTENSIONS--
clusterfile
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$child = cf_tmpdir('child') . '/child.php';
file_put_contents($child, '<?php
require ' . var_export(__DIR__ . '/../inc/bootstrap.inc', true) . ';
echo "clusterfile ", json_encode(extension_loaded("clusterfile")), ", igbinary ", json_encode(extension_loaded("igbinary")), "\n";
$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
$b->set("e", "value", ["t"]);
echo json_encode($b->get("e")), " ", $b->getStatistics()["serializer"], "\n";
');
// the same PHP and the very clusterfile.so this process loaded (from its memory map), nothing else
preg_match('~\s(/\S*clusterfile\.so)$~m', file_get_contents('/proc/self/maps'), $m);
$cmd = escapeshellarg(getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY) . ' -n -d extension=' . escapeshellarg($m[1]) . ' ' . escapeshellarg($child) . ' 2>&1';
exec($cmd, $out, $rc);
echo implode("\n", $out), "\nrc $rc\n";
?>
--EXPECT--
clusterfile true, igbinary false
"value" php:native
rc 0
