<?php
/*
 * The native metadata path against its baselines, in one run on one redis-server of its own
 * (loopback; started and stopped here):
 *   - a plain phpredis GET of a small key (one round trip: the floor);
 *   - cold get() of an 8 KiB entry (file on disk, metadata in Redis, the request's L1s empty):
 *     metadataDsn (native) and metadataCache over the project's stand-in of TYPO3's RedisBackend
 *     (userland path, tests/cluster/harness/typo3_runtime.php);
 *   - set(), has() after get() of the same entry (round trips counted by the server);
 *   - flushByTag() of a tag carried by m = 10 .. 10,000 entries.
 *   php -d extension=igbinary -d extension=modules/clusterfile.so bench/native.php [iterations]
 * Wall-clock figures are only comparable as ratios within one run.
 */
declare(strict_types=1);

require __DIR__ . '/../tests/cluster/harness/typo3_runtime.php';

use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Backend\RedisBackend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

$n = (int)($argv[1] ?? 3000);
$GLOBALS['TYPO3_CONF_VARS']['SYS']['encryptionKey'] = 'bench-encryption-key-0123456789abcdef';

$dir = sys_get_temp_dir() . '/cf-bench-native-' . getmypid();
@mkdir($dir, 0700, true);
$port = random_int(20000, 40000);
$srv = proc_open(['redis-server', '--port', (string)$port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$redis = new Redis();
for ($i = 0; $i < 100; $i++) {
    try {
        if (@$redis->connect('127.0.0.1', $port, 0.2)) {
            $redis->ping();
            break;
        }
    } catch (RedisException) {
    }
    usleep(20000);
}
register_shutdown_function(static function () use ($srv, $dir): void {
    proc_terminate($srv, 9);
    proc_close($srv);
    exec('rm -rf ' . escapeshellarg($dir));
});

function bench(string $label, int $n, callable $fn): float
{
    $runs = [];
    for ($r = 0; $r < 5; $r++) {
        $t = hrtime(true);
        for ($i = 0; $i < $n; $i++) {
            $fn($i);
        }
        $runs[] = (hrtime(true) - $t) / $n;
    }
    sort($runs);
    printf("%-64s %9.1f us/op\n", $label, $runs[2] / 1000);
    return $runs[2];
}

/** Commands the server ran: [all (scripts' inner calls included), script calls (EVALSHA + EVAL)]. */
function commands(Redis $r): array
{
    $all = (int)$r->info('stats')['total_commands_processed'];
    $scripts = 0;
    foreach ($r->info('commandstats') as $k => $v) {
        if ($k === 'cmdstat_evalsha' || $k === 'cmdstat_eval') {
            $scripts += is_array($v) ? (int)$v['calls'] : (int)preg_replace('/^calls=(\d+).*/', '$1', $v);
        }
    }
    return [$all, $scripts];
}

$payload = str_repeat('<p>clusterfile benchmark page body, 8 KiB.</p>', 200);
$payload = substr($payload . $payload, 0, 8192);
$ns = ['environment' => 'testing', 'instance' => 'bench'];

$native = new ClusterFileBackend(['localPath' => "$dir/native", 'metadataDsn' => "redis://127.0.0.1:$port/1?prefix=bench",
    'namespace' => $ns, 'payloadL1MaxEntries' => 0]);
new VariableFrontend('pages', $native);

$redisBackend = new RedisBackend(['hostname' => '127.0.0.1', 'port' => $port, 'database' => 2]);
$redisBackend->initializeObject();
$meta = new VariableFrontend('cluster_meta', $redisBackend);
$userland = new ClusterFileBackend(['localPath' => "$dir/userland", 'metadataCache' => $meta, 'namespace' => $ns,
    'payloadL1MaxEntries' => 0]);
new VariableFrontend('pages', $userland);

$redis->set('small', 'x');
echo "clusterfile native metadata path vs baselines ($n iterations, median of 5; redis-server on loopback)\n";
$floor = bench('phpredis GET of a small key (one round trip)', $n, static fn () => $redis->get('small'));

$native->set('page', $payload, ['pageId_1', 'all']);
$userland->set('page', $payload, ['pageId_1', 'all']);
ClusterFile\reset();
$cn = bench('cold get(), 8 KiB, native (metadataDsn)', $n, static function () use ($native): void {
    ClusterFile\reset();
    $native->get('page');
});
$cu = bench("cold get(), 8 KiB, userland (TYPO3's RedisBackend stand-in)", $n, static function () use ($userland): void {
    ClusterFile\reset();
    $userland->get('page');
});
printf("  native cold get / phpredis GET: %.2fx; userland / native: %.2fx\n", $cn / $floor, $cu / $cn);

$sn = bench('set(), 8 KiB, native', intdiv($n, 3), static fn (int $i) => $native->set('w' . ($i % 50), $payload, ['pageId_2']));
$su = bench('set(), 8 KiB, userland', intdiv($n, 3), static fn (int $i) => $userland->set('w' . ($i % 50), $payload, ['pageId_2']));
printf("  userland / native: %.2fx\n", $su / $sn);

// Round trips per operation: the native path sends only script calls (EVALSHA/EVAL), so its round
// trips are the script calls; the userland stand-in sends plain commands, one round trip each (the
// INFO calls of this loop are subtracted).
foreach (['native' => $native, 'userland' => $userland] as $label => $b) {
    // the server learns each script at its first use (EVALSHA answers NOSCRIPT, EVAL follows): once
    $b->flushByTag('warm-up');
    $b->remove('warm-up');
    ClusterFile\reset();
    $c = [commands($redis)];
    $b->get('page');
    $c[] = commands($redis);
    $b->has('page');
    $c[] = commands($redis);
    $b->set('page2', 'small', ['t']);
    $c[] = commands($redis);
    $b->flushByTag('t');
    $c[] = commands($redis);
    $rt = [];
    for ($i = 1; $i < count($c); $i++) {
        $rt[] = $label === 'native' ? $c[$i][1] - $c[$i - 1][1] : $c[$i][0] - $c[$i - 1][0] - 2;
    }
    printf("  round trips (%s): get %d, has after get %d, set %d, flushByTag %d\n", $label, ...$rt);
}

echo "flushByTag() of a tag on m entries (one call, ms):\n";
foreach ([10, 100, 1000, 10000] as $m) {
    $line = sprintf('  m = %5d:', $m);
    foreach (['native' => $native, 'userland' => $userland] as $label => $b) {
        for ($i = 0; $i < $m; $i++) {
            $b->set("f{$m}_$i", 'x', ["flush$m"]);
        }
        ClusterFile\reset();
        $t = hrtime(true);
        $b->flushByTag("flush$m");
        $line .= sprintf(' %s %8.2f', $label, (hrtime(true) - $t) / 1e6);
        ClusterFile\reset();
        if ($b->has("f{$m}_0")) {
            $line .= ' (NOT FLUSHED)';
        }
    }
    echo $line, "\n";
}
