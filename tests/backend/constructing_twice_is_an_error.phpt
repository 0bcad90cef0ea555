--TEST--
Calling __construct() on a constructed backend throws Error and leaves the backend as it was
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
$b->set('e', 'v');
$other = cf_tmpdir();
echo cf_catch(fn () => $b->__construct(cf_options($other, new FakeMetaFrontend()))), "\n";
echo cf_catch(fn () => $b->__construct([])), "\n";
echo "localPath unchanged: ", json_encode($b->getLocalPath() !== $other), ", get: ", $b->get('e'), "\n";
?>
--EXPECT--
Error(0): Cannot call constructor twice
Error(0): Cannot call constructor twice
localPath unchanged: true, get: v
