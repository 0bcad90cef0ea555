--TEST--
The phpt suite's TYPO3 declarations (tests/inc) follow TYPO3 14.3.6 where the extension can tell: Cache\Exception is a direct child of \Exception (so is what the extension throws through it), and PhpFrontend's constructor is typed PhpCapableBackendInterface (a backend that is not PHP-capable is a TypeError)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;

echo 'Cache\Exception parent: ', get_parent_class(TYPO3\CMS\Core\Cache\Exception::class), "\n";

// The extension throws TYPO3's own class when it is loadable.
$meta = new FakeMetaFrontend();
$pod = cf_pod($meta);
$meta->backend->offline = true;
try {
    $pod->set('page', 'v');
} catch (Throwable $e) {
    printf("set() with the store offline: %s(%d), a Core\\Exception: %s, a RuntimeException: %s\n", get_class($e), $e->getCode(),
        json_encode($e instanceof TYPO3\CMS\Core\Exception), json_encode($e instanceof RuntimeException));
}

echo 'PhpFrontend over a taggable, not PHP-capable backend: ', cf_catch(static fn () => new PhpFrontend('code', new FakeMetaBackend())) === 'ok' ? 'accepted' : 'TypeError: ' . json_encode(str_starts_with(cf_catch(static fn () => new PhpFrontend('code', new FakeMetaBackend())), 'TypeError(')), "\n";
echo 'PhpFrontend over ClusterFileBackend: ', cf_catch(static fn () => cf_pod(new FakeMetaFrontend(), null, [], 'code', true)), "\n";
?>
--EXPECT--
Cache\Exception parent: Exception
set() with the store offline: TYPO3\CMS\Core\Cache\Exception(1747500022), a Core\Exception: false, a RuntimeException: false
PhpFrontend over a taggable, not PHP-capable backend: TypeError: true
PhpFrontend over ClusterFileBackend: ok
