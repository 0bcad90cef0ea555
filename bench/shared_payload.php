<?php
/*
 * The blob-miss ping-pong, and shared small payloads (sharedPayloadMaxBytes) against it, measured.
 *
 * Four pod processes, each with its own empty localPath, on one redis-server of this script's own
 * (loopback; started and stopped here) serve a site of P pages with a skewed popularity (weight
 * 1/rank^0.8) for R requests each: a request empties the L1s (ClusterFile\reset()), get()s one
 * page and, on a miss, renders it (1 ms) and set()s it tagged pageId_<n>. Pod 0 is also the editor:
 * every 100th of its requests flushes one page's tag. Renders are the same bytes on every pod
 * ("identical"), or differ per pod by the pod's name in an HTML comment ("per-pod", as a nonce or
 * a render timestamp would). Every combination of render bytes and sharedPayloadMaxBytes
 * (0 = off, 65536) runs on its own namespace with empty pods.
 *
 *   php -n -d extension=igbinary.so -d extension=modules/clusterfile.so bench/shared_payload.php \
 *       [requests per pod = 3000] [pages = 200] [--json]
 *
 * The hit rate is hits / get()s over all four pods. The child processes are started with the same
 * PHP binary and either TEST_PHP_EXTRA_ARGS (under run-tests) or -n, igbinary from the extension
 * directory and this checkout's modules/clusterfile.so (CF_EXTENSION overrides the latter).
 */
declare(strict_types=1);

use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

const CF_BENCH_RECORD_KEY = 'bench-record-key-0123456789abcdef';
const CF_BENCH_RENDER_US = 1000;
const CF_BENCH_FLUSH_EVERY = 100;

/** The page's HTML: about 12 KiB that compress to about 6 KiB; $pod's comment when renders differ per pod. */
function cf_bench_render(int $page, ?string $pod): string
{
    $html = "<!DOCTYPE html><html><head><title>Page $page</title></head><body>\n";
    for ($j = 0; $j < 160; $j++) {
        $html .= '<p class="c' . ($j % 7) . '">' . md5("$page-$j") . ' ' . substr(sha1("$j-$page"), 0, 24) . "</p>\n";
    }
    if ($pod !== null) {
        $html .= "<!-- rendered by $pod -->\n";
    }
    return $html . "</body></html>\n";
}

/** Cumulative popularity weights of pages 1..$pages. */
function cf_bench_weights(int $pages): array
{
    $cum = [];
    $sum = 0.0;
    for ($k = 1; $k <= $pages; $k++) {
        $sum += 1 / ($k ** 0.8);
        $cum[] = $sum;
    }
    return $cum;
}

function cf_bench_pick(array $cum): int
{
    $x = mt_rand() / mt_getrandmax() * $cum[count($cum) - 1];
    $lo = 0;
    $hi = count($cum) - 1;
    while ($lo < $hi) {
        $mid = intdiv($lo + $hi, 2);
        if ($cum[$mid] < $x) {
            $lo = $mid + 1;
        } else {
            $hi = $mid;
        }
    }
    return $lo + 1;
}

/* ---- a pod process: --pod <n> <dsn> <dir> <identical|per-pod> <sharedPayloadMaxBytes> <requests> <pages> ---- */
if (($argv[1] ?? '') === '--pod') {
    require __DIR__ . '/../tests/inc/bootstrap.inc';
    [, , $n, $dsn, $dir, $mode, $share, $requests, $pages] = $argv;
    $n = (int) $n;
    mt_srand(1000 + $n);
    $b = new ClusterFileBackend([
        'localPath' => "$dir/pod$n",
        'metadataDsn' => $dsn,
        'recordKey' => CF_BENCH_RECORD_KEY,
        'namespace' => ['environment' => 'testing', 'instance' => 'bench'],
        'sharedPayloadMaxBytes' => (int) $share,
    ]);
    new VariableFrontend('pages', $b);
    $cum = cf_bench_weights((int) $pages);
    touch("$dir/ready$n");
    while (!file_exists("$dir/go")) {
        usleep(1000);
    }
    $c = ['gets' => 0, 'hits' => 0, 'renders' => 0, 'flushes' => 0];
    for ($r = 1; $r <= (int) $requests; $r++) {
        ClusterFile\reset();
        $page = cf_bench_pick($cum);
        $c['gets']++;
        if ($b->get("page_$page") !== false) {
            $c['hits']++;
        } else {
            usleep(CF_BENCH_RENDER_US);
            $b->set("page_$page", cf_bench_render($page, $mode === 'per-pod' ? "pod-$n" : null), ["pageId_$page"]);
            $c['renders']++;
        }
        if ($n === 0 && $r % CF_BENCH_FLUSH_EVERY === 0) {
            $b->flushByTag('pageId_' . cf_bench_pick($cum));
            $c['flushes']++;
        }
    }
    $s = $b->getStatistics();
    $c['shared'] = $s['shared_payload_hit_total'];
    $c['blobMisses'] = $s['blob_miss_total'];
    $c['noMetadata'] = $s['cache_miss_total']['no-metadata'];
    $c['rejected'] = $s['metadata_write_rejected_total'];
    echo json_encode($c), "\n";
    exit(0);
}

/* ---- the driver ---- */
$args = array_values(array_filter(array_slice($argv, 1), fn ($a) => $a !== '--json'));
$json = in_array('--json', $argv, true);
$requests = (int) ($args[0] ?? 3000);
$pages = (int) ($args[1] ?? 200);

$work = sys_get_temp_dir() . '/cf-bench-shared-' . getmypid();
@mkdir($work, 0700, true);
$port = random_int(20000, 40000);
$srv = proc_open(['redis-server', '--port', (string) $port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
    '--dir', $work], [0 => ['file', '/dev/null', 'r'], 1 => ['file', "$work/redis.log", 'w'], 2 => ['file', "$work/redis.log", 'a']], $pipes);
register_shutdown_function(static function () use ($srv, $work): void {
    proc_terminate($srv, 9);
    proc_close($srv);
    exec('rm -rf ' . escapeshellarg($work));
});
$up = false;
for ($i = 0; $i < 200 && !$up; $i++) {
    $s = @fsockopen('127.0.0.1', $port, $errno, $errstr, 0.2);
    if ($s) {
        fwrite($s, "PING\r\n");
        $up = str_starts_with((string) fgets($s), '+PONG');
        fclose($s);
    }
    $up || usleep(20000);
}
if (!$up) {
    fwrite(STDERR, "redis-server on port $port did not start\n");
    exit(1);
}

$php = escapeshellarg(getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY);
$extra = getenv('TEST_PHP_EXTRA_ARGS');
if ($extra === false || $extra === '') {
    $extra = '-n -d extension=' . escapeshellarg(ini_get('extension_dir') . '/igbinary.so') . ' -d extension='
        . escapeshellarg(getenv('CF_EXTENSION') ?: __DIR__ . '/../modules/clusterfile.so');
}

if (!$json) {
    printf("4 pods, %d requests each, %d pages, render %d us, a flush every %d requests of pod 0\n", $requests, $pages,
        CF_BENCH_RENDER_US, CF_BENCH_FLUSH_EVERY);
    printf("%-10s %-22s %8s %8s %8s %8s %8s %8s\n", 'renders', 'sharedPayloadMaxBytes', 'hit rate', 'gets', 'renders',
        'shared', 'blobmiss', 'rejected');
}
$run = 0;
foreach (['identical', 'per-pod'] as $mode) {
    foreach ([0, 65536] as $share) {
        $run++;
        $dir = "$work/run$run";
        mkdir($dir, 0700, true);
        $dsn = "redis://127.0.0.1:$port?prefix=run$run";
        $procs = [];
        $out = [];
        for ($n = 0; $n < 4; $n++) {
            $cmd = "$php $extra " . escapeshellarg(__FILE__) . " --pod $n " . escapeshellarg($dsn) . ' '
                . escapeshellarg($dir) . " $mode $share $requests $pages";
            $procs[$n] = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['file', "$dir/stderr$n", 'w']], $out[$n]);
        }
        $deadline = microtime(true) + 60;
        while (count(glob("$dir/ready*")) < 4 && microtime(true) < $deadline) {
            usleep(5000);
        }
        $t = microtime(true);
        touch("$dir/go");
        $sum = ['gets' => 0, 'hits' => 0, 'renders' => 0, 'flushes' => 0, 'shared' => 0, 'blobMisses' => 0,
            'noMetadata' => 0, 'rejected' => 0];
        $perPod = [];
        foreach ($procs as $n => $p) {
            $line = stream_get_contents($out[$n][1]);
            fclose($out[$n][1]);
            $rc = proc_close($p);
            $r = json_decode(trim((string) $line), true);
            if (!is_array($r)) {
                fwrite(STDERR, "pod $n: exit $rc: $line " . @file_get_contents("$dir/stderr$n") . "\n");
                exit(1);
            }
            foreach ($sum as $k => $_) {
                $sum[$k] += $r[$k];
            }
            $perPod[] = round(100 * $r['hits'] / max(1, $r['gets']), 1);
        }
        $rate = 100 * $sum['hits'] / max(1, $sum['gets']);
        if ($json) {
            echo json_encode(['bytes' => $mode, 'sharedPayloadMaxBytes' => $share, 'hitRate' => round($rate, 2),
                'perPod' => $perPod, 'seconds' => round(microtime(true) - $t, 2)] + $sum), "\n";
        } else {
            printf("%-10s %-22d %7.1f%% %8d %8d %8d %8d %8d   per pod %s\n", $mode, $share, $rate, $sum['gets'],
                $sum['renders'], $sum['shared'], $sum['blobMisses'], $sum['rejected'], implode('/', $perPod));
        }
    }
}
