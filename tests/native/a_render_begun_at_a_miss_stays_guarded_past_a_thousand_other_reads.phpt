--TEST--
The guard keeps a render's miss snapshot however many other entries a long unit of work reads: after 1,100 other misses (more than the 1,024 snapshots kept per cache) and a re-read of the entry, a late write computed before an acknowledged flush is still refused and the fresh entry stays
--EXTENSIONS--
clusterfile
igbinary
--INI--
; PCRE's JIT code reads uninitialised stack under valgrind (a false positive in its pattern matcher)
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/redis.inc';
$srv = cf_redis_server();
$dsn = "redis://127.0.0.1:{$srv->port}?prefix=g";
$a = cf_native_pod($dsn, null, ['l1MaxAgeSeconds' => 1]); // an editor's pod
$b = cf_native_pod($dsn, null, ['l1MaxAgeSeconds' => 1]); // a worker: one long unit of work
$a->set('warm', 'x', ['t']);
echo 'B misses page (renders from the old source): ', var_export($b->get('page'), true), "\n";
$a->flushByTag('t');
$a->set('page', 'NEW', ['t']);
for ($i = 0; $i < 1100; $i++) {
    $b->get("other_$i");
}
usleep(1100000); // B's L1 ages out
echo 'B looks again: ', var_export($b->get('page'), true), "\n";
$b->set('page', 'OLD', ['t']);
echo 'B\'s late write refused: ', var_export($b->getStatistics()['metadata_write_rejected_total'] === 1, true), "\n";
ClusterFile\reset();
echo 'A serves: ', var_export($a->get('page'), true), "\n";
?>
--EXPECT--
B misses page (renders from the old source): false
B looks again: false
B's late write refused: true
A serves: 'NEW'
