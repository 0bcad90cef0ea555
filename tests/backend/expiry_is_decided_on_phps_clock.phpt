--TEST--
Expiry is decided on PHP's own clock: a record whose expiresAt is the caller's time() is expired at once, also in the first milliseconds of a second (glibc's time() reads a coarse clock that lags gettimeofday, which PHP's time() uses)
--EXTENSIONS--
clusterfile
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$a = cf_pod($meta, $dir);
$a->set('e', 'v', [], 3600);
$served = 0;
for ($i = 0; $i < 5; $i++) {
    // right after a second boundary, as PHP's time() sees it
    $t = time();
    while (time() === $t) {
        usleep(100);
    }
    $now = time();
    $meta->backend->entries['pages__e']['data']['createdAt'] = $now - 10;
    $meta->backend->entries['pages__e']['data']['expiresAt'] = $now;
    $b = cf_pod($meta, $dir);
    if ($b->get('e') !== false || $b->has('e')) {
        $served++;
    }
}
echo "served at their expiry second: $served of 5\n";
?>
--EXPECT--
served at their expiry second: 0 of 5
