<?php
/*
 * Shared pieces of the benchmark suite (bench/suite.php drives, bench/worker.php measures):
 * payloads, the contenders (this backend over each metadata store) and the floors, timing.
 * Loaded by worker processes only; the TYPO3 classes are the project's stand-ins
 * (tests/cluster/harness/typo3_runtime.php), never TYPO3 itself.
 */
declare(strict_types=1);

require_once __DIR__ . '/../tests/cluster/harness/typo3_runtime.php';
require_once __DIR__ . '/../tests/inc/fake_metadata.inc';

use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Backend\RedisBackend;
use TYPO3\CMS\Core\Cache\Backend\Typo3DatabaseBackend;
use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

const CFB_RECORD_KEY = 'bench-record-key-0123456789abcdef-clusterfile';
const CFB_NAMESPACE = ['environment' => 'testing', 'instance' => 'suite'];

/** The contenders: this backend with its metadata in each store. */
const CFB_CONTENDERS = ['inproc', 'sqlite', 'mariadb', 'redis', 'native'];
/** The floors: what a user would compare with. */
const CFB_FLOORS = ['plainphp', 'phpredis', 'apcu'];

const CFB_LABELS = [
    'inproc' => 'clusterfile, metadata in-process (fake frontend)',
    'sqlite' => 'clusterfile, metadata on SQLite (Typo3DatabaseBackend stand-in)',
    'mariadb' => 'clusterfile, metadata on MariaDB (Typo3DatabaseBackend stand-in)',
    'redis' => 'clusterfile, metadata on Redis (RedisBackend stand-in)',
    'native' => 'clusterfile, native metadata path (metadataDsn, hiredis)',
    'plainphp' => 'floor: plain PHP read + sha256 + gzinflate of the same file',
    'phpredis' => 'floor: phpredis GET/SET of the same payload',
    'apcu' => 'ceiling: APCu (single node)',
];

/** Payload variants: [label => [bytes, kind]]. */
const CFB_PAYLOADS = [
    '512B-html' => [512, 'html'], '512B-rand' => [512, 'rand'],
    '8KiB-html' => [8192, 'html'], '8KiB-rand' => [8192, 'rand'],
    '128KiB-html' => [131072, 'html'], '128KiB-rand' => [131072, 'rand'],
];

/** HTML-like (compressible, about 4:1 with zstd) or incompressible bytes, deterministic. */
function cfb_payload(int $size, string $kind, int $seed = 1): string
{
    if ($kind === 'rand') {
        $out = '';
        for ($i = 0; strlen($out) < $size; $i++) {
            $out .= hash('sha512', "$seed/$i", true);
        }
        return substr($out, 0, $size);
    }
    $out = "<!DOCTYPE html><html><head><title>Page $seed</title></head><body>\n";
    for ($j = 0; strlen($out) < $size; $j++) {
        $out .= '<div class="row r' . ($j % 5) . '"><a href="/page/' . ($seed * 31 + $j) . '">' . substr(md5("$seed-$j"), 0, 12)
            . '</a> <span>' . substr(sha1("$j-$seed"), 0, 10) . "</span> lorem ipsum dolor sit amet</div>\n";
    }
    return substr($out, 0, $size);
}

/** $payload with its last bytes made unique to $i (a re-render that differs): same size, other content. */
function cfb_variant(string $payload, int $i): string
{
    $tag = sprintf('%012x', $i);
    return substr_replace($payload, $tag, -12);
}

/** Environment of the run (written by scripts/bench.sh): ports and directories. */
function cfb_env(string $name, string $default = ''): string
{
    $v = getenv($name);
    return $v === false || $v === '' ? $default : $v;
}

/**
 * This backend with its metadata in $kind's store, bound to a VariableFrontend 'pages' (or a
 * PhpFrontend when $php). $scope separates runs on shared servers (key prefix, database tables).
 * Returns [backend, a description of the store for round-trip counting].
 */
function cfb_contender(string $kind, string $localPath, string $scope, bool $php = false, array $extra = []): ClusterFileBackend
{
    $opts = $extra + ['localPath' => $localPath, 'namespace' => CFB_NAMESPACE + ['instance' => 'suite-' . $scope]];
    $cacheName = $php ? 'code' : 'pages';
    switch ($kind) {
        case 'inproc':
            $opts['metadataCache'] = $GLOBALS['cfb_meta']['inproc'][$scope] ??= new FakeMetaFrontend();
            break;
        case 'sqlite':
            $GLOBALS['TYPO3_CONF_VARS']['DB']['Connections']['Default'] = [
                'driver' => 'pdo_sqlite', 'path' => cfb_env('CFB_SQLITE', sys_get_temp_dir() . '/cfb.sqlite'),
            ];
            $opts['metadataCache'] = $GLOBALS['cfb_meta'][$kind][$scope] ??= new VariableFrontend('cfmeta_' . $scope, new Typo3DatabaseBackend([]));
            break;
        case 'mariadb':
            $GLOBALS['TYPO3_CONF_VARS']['DB']['Connections']['Default'] = [
                'driver' => 'pdo_mysql', 'host' => '127.0.0.1', 'port' => (int)cfb_env('CFB_MARIADB_PORT', '3395'),
                'dbname' => 'clusterfile', 'user' => 'root', 'password' => '',
            ];
            $opts['metadataCache'] = $GLOBALS['cfb_meta'][$kind][$scope] ??= new VariableFrontend('cfmeta_' . $scope, new Typo3DatabaseBackend([]));
            break;
        case 'redis':
            if (!isset($GLOBALS['cfb_meta']['redis'][$scope])) {
                $rb = new RedisBackend(['hostname' => '127.0.0.1', 'port' => (int)cfb_env('CFB_REDIS_PORT', '6395'),
                    'database' => 2, 'keyPrefix' => 'cfb-' . $scope . ':']);
                $rb->initializeObject();
                $GLOBALS['cfb_meta']['redis'][$scope] = new VariableFrontend('cluster_meta', $rb);
            }
            $opts['metadataCache'] = $GLOBALS['cfb_meta']['redis'][$scope];
            break;
        case 'native':
            $opts['metadataDsn'] = 'redis://127.0.0.1:' . cfb_env('CFB_REDIS_PORT', '6395') . '/1?prefix=cfb-' . $scope;
            $opts['recordKey'] = CFB_RECORD_KEY;
            break;
        default:
            throw new InvalidArgumentException("unknown contender $kind");
    }
    $b = new ClusterFileBackend($opts);
    $php ? new PhpFrontend($cacheName, $b) : new VariableFrontend($cacheName, $b);
    return $b;
}

/** A phpredis connection to the suite's redis-server (database $db). */
function cfb_redis(int $db = 3): Redis
{
    $r = new Redis();
    $r->connect('127.0.0.1', (int)cfb_env('CFB_REDIS_PORT', '6395'), 2.0);
    $r->select($db);
    return $r;
}

/** Commands the redis-server processed: [total_commands_processed, evalsha + eval calls]. */
function cfb_redis_commands(Redis $r): array
{
    $all = (int)$r->info('stats')['total_commands_processed'];
    $scripts = 0;
    foreach ($r->info('commandstats') as $k => $v) {
        if ($k === 'cmdstat_evalsha' || $k === 'cmdstat_eval') {
            $scripts += is_array($v) ? (int)$v['calls'] : (int)preg_replace('/^calls=(\d+).*/', '$1', (string)$v);
        }
    }
    return [$all, $scripts];
}

/** MariaDB's count of statements from clients (Questions), read over a connection of its own. */
function cfb_mariadb_questions(PDO $pdo): int
{
    return (int)$pdo->query("SHOW GLOBAL STATUS LIKE 'Questions'")->fetch(PDO::FETCH_NUM)[1];
}

function cfb_mariadb_pdo(): PDO
{
    return new PDO('mysql:host=127.0.0.1;port=' . cfb_env('CFB_MARIADB_PORT', '3395') . ';dbname=clusterfile', 'root', '',
        [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
}

/** Nearest-rank percentile of sorted $s (ns). */
function cfb_pct(array $s, float $p): float
{
    $n = count($s);
    if ($n === 0) {
        return NAN;
    }
    return (float)$s[min($n - 1, max(0, (int)ceil($p / 100 * $n) - 1))];
}

/** Peak resident set size of this process, bytes. */
function cfb_peak_rss(): int
{
    $st = @file_get_contents('/proc/self/status');
    if ($st !== false && preg_match('/^VmHWM:\s+(\d+) kB/m', $st, $m)) {
        return (int)$m[1] * 1024;
    }
    return (int)(getrusage()['ru_maxrss'] ?? 0) * 1024;
}

function cfb_rmtree(string $dir): void
{
    if ($dir !== '' && is_dir($dir)) {
        exec('rm -rf ' . escapeshellarg($dir));
    }
}

/**
 * Bulk filler entries: $count copies of a template entry that $b wrote through the normal path,
 * cloned at the storage level of $kind's store under identifiers "$prefix<i>" (tags: $tags($i),
 * plain tag names). They give the store its size (rows, keys, index and tag entries) without
 * $count timed set() calls; the timed operations never read them (the clone keeps the template's
 * record text, so a get() of a filler would be a clean miss). Returns the seconds it took.
 */
function cfb_fill(string $kind, ClusterFileBackend $b, string $scope, string $prefix, int $count, callable $tags): float
{
    $t0 = microtime(true);
    if ($count <= 0) {
        return 0.0;
    }
    $tpl = 'tpl_' . $prefix;
    // a fresh unit of work whose first read is a miss of the template: its write is not refused
    // by the native path's write-after-invalidate guard (an earlier flush in this process)
    ClusterFile\reset();
    $b->get($tpl);
    $b->set($tpl, 'filler template', ['tplA']);
    ClusterFile\reset();
    if ($b->get($tpl) === false) {
        throw new RuntimeException("filler template $tpl was not stored");
    }
    $ns = static fn (string $t): string => '__cfb_ns__pages__' . $t;
    switch ($kind) {
        case 'inproc':
            $meta = $GLOBALS['cfb_meta']['inproc'][$scope];
            $e = $meta->backend->entries['pages__' . $tpl];
            for ($i = 0; $i < $count; $i++) {
                $id = $prefix . $i;
                $t = $tags($i);
                $c = $e;
                $c['data']['identifier'] = $id;
                $c['data']['tags'] = $t;
                $c['tags'] = array_merge(['__cfb_ns__pages'], array_map($ns, $t));
                $meta->backend->entries['pages__' . $id] = $c;
            }
            break;
        case 'sqlite':
        case 'mariadb':
            [$pdo, $platform] = \ClusterFile\Harness\PdoConnections::get();
            $q = $platform === 'mysql' ? '`' : '"';
            $ct = $q . 'cache_cfmeta_' . $scope . $q;
            $tt = $q . 'cache_cfmeta_' . $scope . '_tags' . $q;
            $row = $pdo->query("SELECT expires, content FROM $ct WHERE identifier = " . $pdo->quote('pages__' . $tpl))->fetch(PDO::FETCH_NUM);
            $pdo->beginTransaction();
            for ($i = 0; $i < $count; $i += 500) {
                $rows = $trows = [];
                $p = $tp = [];
                for ($j = $i; $j < min($count, $i + 500); $j++) {
                    $key = 'pages__' . $prefix . $j;
                    $rows[] = '(?, ?, ?)';
                    array_push($p, $key, (int)$row[0], $row[1]);
                    foreach (array_merge(['__cfb_ns__pages'], array_map($ns, $tags($j))) as $tag) {
                        $trows[] = '(?, ?)';
                        array_push($tp, $key, $tag);
                    }
                }
                $pdo->prepare("INSERT INTO $ct (identifier, expires, content) VALUES " . implode(',', $rows))->execute($p);
                foreach (array_chunk($trows, 500) as $k => $chunk) {
                    $pdo->prepare("INSERT INTO $tt (identifier, tag) VALUES " . implode(',', $chunk))
                        ->execute(array_slice($tp, $k * 1000, count($chunk) * 2));
                }
            }
            $pdo->commit();
            break;
        case 'redis':
            $r = cfb_redis(2);
            $pre = 'cfb-' . $scope . ':';
            $content = $r->get($pre . 'identData:pages__' . $tpl);
            for ($i = 0; $i < $count; $i += 1000) {
                $pipe = $r->pipeline();
                for ($j = $i; $j < min($count, $i + 1000); $j++) {
                    $key = 'pages__' . $prefix . $j;
                    $all = array_merge(['__cfb_ns__pages'], array_map($ns, $tags($j)));
                    $pipe->setex($pre . 'identData:' . $key, 3600, $content);
                    $pipe->sAdd($pre . 'identTags:' . $key, ...$all);
                    foreach ($all as $tag) {
                        $pipe->sAdd($pre . 'tagIdents:' . $tag, $key);
                    }
                }
                $pipe->exec();
            }
            break;
        case 'native':
            $r = cfb_redis(1);
            $base = 'cf1:{cfb-' . $scope . '/pages}:';
            $h = $r->hGetAll($base . 'm:pages__' . $tpl);
            $expires = time() + 3600;
            for ($i = 0; $i < $count; $i += 1000) {
                $pipe = $r->pipeline();
                for ($j = $i; $j < min($count, $i + 1000); $j++) {
                    $key = 'pages__' . $prefix . $j;
                    $all = array_merge(['__cfb_ns__pages'], array_map($ns, $tags($j)));
                    $pipe->hMSet($base . 'm:' . $key, ['r' => $h['r'], 'q' => $h['q'], 'g' => implode(' ', $all), 'h' => $h['h']]);
                    $pipe->expire($base . 'm:' . $key, 3600);
                    foreach ($all as $tag) {
                        $pipe->zAdd($base . 'ix:' . $tag, $expires, $key);
                    }
                }
                $pipe->exec();
            }
            break;
    }
    return microtime(true) - $t0;
}
