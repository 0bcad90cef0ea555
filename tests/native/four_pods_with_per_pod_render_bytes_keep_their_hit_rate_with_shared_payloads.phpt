--TEST--
The blob-miss ping-pong and sharedPayloadMaxBytes: four pod processes on one redis-server serve a skewed site (bench/shared_payload.php: reset, get, render and set on a miss, an editor's flushByTag every 100 requests); when renders differ per pod (the pod's name in an HTML comment) sharing off loses most hits (each set() re-points the record at the writer's bytes), with sharedPayloadMaxBytes = 65536 the per-pod run holds its hit rate within 5 points of the identical-bytes runs
--SKIPIF--
<?php if (getenv('USE_ZEND_ALLOC') === '0') die('skip a measurement of 16 pod processes: not under valgrind (the other shared-payload tests are)'); ?>
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$cmd = cf_php_command(__DIR__ . '/../../bench/shared_payload.php') . ' 1000 100 --json';
exec($cmd . ' 2>&1', $lines, $rc);
$runs = [];
foreach ($lines as $l) {
    $r = json_decode($l, true);
    if (is_array($r)) {
        $runs[$r['bytes'] . '/' . $r['sharedPayloadMaxBytes']] = $r;
    } else {
        echo "unexpected output: $l\n";
    }
}
echo "exit $rc, runs: ", implode(', ', array_keys($runs)), "\n";
foreach ($runs as $k => $r) {
    $sound = $r['gets'] === 4000 && $r['hits'] + $r['renders'] === $r['gets'];
    printf("%s: sound %s, shared hits %s; hit rate %.1f, renders %d, shared %d, blob misses %d\n", $k,
        var_export($sound, true), $r['shared'] > 0 ? 'some' : 'none', $r['hitRate'], $r['renders'], $r['shared'], $r['blobMisses']);
}
$rate = fn (string $k) => $runs[$k]['hitRate'] ?? -100.0;
printf("per-pod bytes without sharing lose over 30 points: %s\n",
    var_export($rate('per-pod/0') < min($rate('identical/0'), $rate('identical/65536')) - 30, true));
printf("per-pod bytes with sharing: within 5 points of identical bytes with sharing, not below identical bytes without it less 5: %s\n",
    var_export(abs($rate('per-pod/65536') - $rate('identical/65536')) <= 5 && $rate('per-pod/65536') >= $rate('identical/0') - 5, true));
?>
--EXPECTF--
exit 0, runs: identical/0, identical/65536, per-pod/0, per-pod/65536
identical/0: sound true, shared hits none; hit rate %f, renders %d, shared 0, blob misses %d
identical/65536: sound true, shared hits some; hit rate %f, renders %d, shared %d, blob misses %d
per-pod/0: sound true, shared hits none; hit rate %f, renders %d, shared 0, blob misses %d
per-pod/65536: sound true, shared hits some; hit rate %f, renders %d, shared %d, blob misses %d
per-pod bytes without sharing lose over 30 points: true
per-pod bytes with sharing: within 5 points of identical bytes with sharing, not below identical bytes without it less 5: true
