<?php
/*
 * The clusterfile demo: three "pods" (real PHP processes, each with its own local payload
 * directory) serve a small site through TYPO3-shaped caches on ClusterFile\Typo3\ClusterFileBackend,
 * sharing one metadata store. Then an editor clears the page caches on pod A, and every pod
 * misses on its next request and refills.
 *
 *   php -d extension=modules/clusterfile.so examples/demo.php [--metadata=sqlite|redis|mariadb|native] [--pods=3] [--requests=60]
 *
 * native is the extension's own metadata path (metadataDsn: Redis from C, no TYPO3 cache backend
 * in between) on the same redis-server as redis. scripts/demo.sh builds the extension, starts the
 * server for redis/mariadb/native and runs this.
 */
declare(strict_types=1);

require __DIR__ . '/../tests/cluster/harness/Cluster.php';
require __DIR__ . '/../tests/cluster/harness/site.php';

$opts = getopt('', ['metadata:', 'pods:', 'requests:', 'store:']);
$metadata = $opts['metadata'] ?? 'sqlite';
$podCount = max(2, min(8, (int)($opts['pods'] ?? 3)));
$requests = max(12, (int)($opts['requests'] ?? 60));
$store = $opts['store'] ?? match ($metadata) {
    'sqlite' => 'sqlite:' . sys_get_temp_dir() . '/clusterfile-demo-' . getmypid() . '.sqlite',
    'redis' => 'redis:127.0.0.1:' . (getenv('CF_REDIS_PORT') ?: '6391') . ':0',
    'mariadb' => 'mariadb:127.0.0.1:' . (getenv('CF_MARIADB_PORT') ?: '3391') . ':clusterfile',
    'native' => 'native:127.0.0.1:' . (getenv('CF_REDIS_PORT') ?: '6391') . ':0:demo',
    default => throw new InvalidArgumentException("--metadata must be sqlite, redis, mariadb or native"),
};
$label = match ($metadata) {
    'sqlite' => "TYPO3's database cache backend on SQLite (embedded, " . substr($store, 7) . ')',
    'redis' => "TYPO3's Redis cache backend on redis-server " . substr($store, 6),
    'mariadb' => "TYPO3's database cache backend on MariaDB " . substr($store, 8),
    'native' => 'the native metadata path (metadataDsn: Redis from C, no metadata cache) on redis-server '
        . implode(':', array_slice(explode(':', $store), 1, 3)) . ', key prefix ' . (explode(':', $store)[4] ?? 'cf'),
};

function line(string $s = ''): void
{
    echo $s, "\n";
}

/** Per-pod figures of one phase: counter deltas of the pages cache plus request timings. */
final class Phase
{
    public array $before = [];
    public array $times = [];

    public function __construct(private Cluster $cluster)
    {
        foreach ($cluster->pods as $p) {
            $this->before[$p->name] = $p->call(['op' => 'stats'])['value'];
            $this->times[$p->name] = ['hit' => [], 'miss' => []];
        }
    }

    public function request(Pod $pod, int $page, int $edition = 1): array
    {
        $r = $pod->call(['op' => 'render', 'page' => $page, 'edition' => $edition]);
        if (!$r['ok'] || !empty($r['warnings'])) {
            throw new RuntimeException("pod {$pod->name}: " . json_encode($r));
        }
        $this->times[$pod->name][$r['value']['hit'] ? 'hit' : 'miss'][] = $r['us'];
        return $r;
    }

    public function table(): void
    {
        $rows = [];
        foreach ($this->cluster->pods as $p) {
            $now = $p->call(['op' => 'stats'])['value'];
            $was = $this->before[$p->name];
            $d = static fn (string $k): int => $now[$k] - $was[$k];
            $miss = static fn (string $r): int => $now['cache_miss_total'][$r] - $was['cache_miss_total'][$r];
            $t = $this->times[$p->name];
            $avg = static fn (array $xs): string => $xs === [] ? '-' : sprintf('%.0f', array_sum($xs) / count($xs));
            $rows[] = [
                $p->name,
                (string)(count($t['hit']) + count($t['miss'])),
                (string)$d('cache_hit_total'),
                (string)$d('cache_l1_hit_total'),
                (string)$miss('no-metadata'),
                (string)$miss('expired'),
                (string)($miss('broken') + $miss('corrupt')),
                (string)$miss('metadata-error'),
                (string)$d('blob_miss_total'),
                (string)$d('cache_write_total'),
                (string)$d('repair_success_total'),
                $avg($t['hit']),
                $avg($t['miss']),
            ];
        }
        $head = ['pod', 'requests', 'disk hits', 'L1 hits', 'miss:no-meta', 'miss:expired', 'miss:broken', 'miss:store-err',
            'blob misses', 'writes', 'repairs', 'µs/req (page hit)', 'µs/req (page miss)'];
        $w = array_map(static fn (int $i): int => max(mb_strlen($head[$i]), ...array_map(static fn (array $r): int => mb_strlen($r[$i]), $rows)), array_keys($head));
        $fmt = static fn (array $cells): string => implode('  ', array_map(static fn (string $c, int $i): string => str_pad($c, $w[$i] + strlen($c) - mb_strlen($c), ' ', $i === 0 ? STR_PAD_RIGHT : STR_PAD_LEFT), $cells, array_keys($cells)));
        line('  ' . $fmt($head));
        foreach ($rows as $r) {
            line('  ' . $fmt($r));
        }
    }
}

line("clusterfile demo: $podCount pods, each its own local payload directory, one metadata store:");
line("  $label");
line('  (typo3/cms-core is not installable from this machine\'s Composer registry: the TYPO3 classes taking part');
line($metadata === 'native'
    ? '   - CacheManager, VariableFrontend, PhpFrontend (this path has no TYPO3 cache backend) - are the project\'s own'
    : '   - CacheManager, VariableFrontend, PhpFrontend, the database and Redis backends - are the project\'s own');
line('   declarations of TYPO3 14.3\'s behaviour, tests/cluster/harness/typo3_runtime.php)');
line();

$cluster = new Cluster($podCount, $store);
try {
    $cluster->pods[0]->call(['op' => 'flushAll']);
    mt_srand(42);

    line("1. Traffic: $requests requests per pod over " . DemoSite::PAGES . ' pages (every page is rendered once per pod, then served from the local file)');
    $phase = new Phase($cluster);
    for ($i = 0; $i < $requests; $i++) {
        foreach ($cluster->pods as $p) {
            $phase->request($p, mt_rand(1, DemoSite::PAGES));
        }
    }
    $phase->table();
    line('   A page first rendered on another pod is a blob miss here: the cluster knows it (valid metadata), this pod');
    line('   has no file yet; it renders, and its set() takes the repair path (same content, same hash).');
    line();

    line('2. An editor saves page 1 on pod A (its content edition goes from 1 to 2), and TYPO3 clears the page caches');
    line('   (CacheManager::flushCachesInGroup(\'pages\')) - on pod A only');
    $r = $cluster->pods[0]->call(['op' => 'clearPageCaches']);
    line('   done in ' . $r['us'] . ' µs: only metadata was touched, no pod\'s files were deleted');
    $phase = new Phase($cluster);
    foreach ($cluster->pods as $p) {
        $before = $p->call(['op' => 'stats'])['value'];
        $r = $phase->request($p, 1, 2);
        $after = $p->call(['op' => 'stats'])['value'];
        $why = $after['blob_miss_total'] > $before['blob_miss_total'] ? 'blob miss: the cluster has the new page, this pod not yet'
            : ($after['cache_miss_total']['no-metadata'] > $before['cache_miss_total']['no-metadata'] ? 'no metadata: flushed' : 'hit');
        line(sprintf('   pod %s, next request for page 1: %s (%s), served edition %d, %d µs', $p->name,
            $r['value']['hit'] ? 'HIT' : 'miss, re-rendered and stored', $why, $r['value']['edition'], $r['us']));
    }
    foreach ($cluster->pods as $p) {
        $r = $phase->request($p, 1, 2);
        line(sprintf('   pod %s, the request after: %s, served edition %d, %d µs', $p->name, $r['value']['hit'] ? 'hit' : 'miss', $r['value']['edition'], $r['us']));
    }
    $others = [];
    foreach ($cluster->pods as $p) {
        $r = $phase->request($p, 2, 1);
        $others[] = $p->name . ': ' . ($r['value']['hit'] ? 'hit' : 'miss');
    }
    line('   page 2 (not edited; its entry was flushed too): ' . implode(', ', $others));
    line('   (the first pod re-renders page 2 to the same bytes - the same content address - so pods that still');
    line('    have that file serve it again without rendering: a hit that no stale content can cause)');
    line();

    line("3. Traffic again: $requests requests per pod (the caches refill)");
    $phase = new Phase($cluster);
    for ($i = 0; $i < $requests; $i++) {
        foreach ($cluster->pods as $p) {
            $page = mt_rand(1, DemoSite::PAGES);
            $phase->request($p, $page, $page === 1 ? 2 : 1);
        }
    }
    $phase->table();
    line();
    line('µs/req is a whole request as the pod measures it (page + 3 uses of the menu); a page miss includes rendering.');
} finally {
    $cluster->stop();
    if ($metadata === 'sqlite' && !isset($opts['store'])) {
        @unlink(substr($store, 7));
    }
}
