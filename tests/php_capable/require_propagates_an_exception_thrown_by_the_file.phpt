--TEST--
An exception thrown by the included payload propagates out of requireOnce()/require(); the entry stays valid
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
$fe->set('thrower', "throw new \\DomainException('thrown by the cached code', 77);");

foreach (['requireOnce', 'require'] as $method) {
    try {
        $fe->$method('thrower');
        echo "$method: no exception\n";
    } catch (\DomainException $e) {
        echo "$method: ", get_class($e), '(', $e->getCode(), '): ', $e->getMessage(), "\n";
    }
}
echo 'state: ', cf_record($meta, 'thrower', 'code')['state'], "\n";
echo 'has: '; var_dump($fe->has('thrower'));
?>
--EXPECT--
requireOnce: DomainException(77): thrown by the cached code
require: DomainException(77): thrown by the cached code
state: valid
has: bool(true)
