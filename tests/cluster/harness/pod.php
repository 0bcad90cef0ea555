<?php
/*
 * One "pod": a PHP process with its own localPath (and IMAGE_TAG), sharing the metadata store
 * with every other pod. It builds TYPO3-shaped caches through CacheManager exactly as a TYPO3
 * request does, then serves commands read as JSON lines on stdin, one reply line each. Every
 * command is one "request": the backends' request-scoped L1s are reset and EXEC_TIME is set before
 * it, while the objects (CacheManager, backends, store connections) live on as in a worker runtime;
 * the "newRequest" command rebuilds them, as the next PHP-FPM request would.
 *
 * Environment: CF_POD_NAME, CF_POD_DIR (the pod's own directory), CF_STORE (sqlite:<file> |
 * mariadb:<host>:<port>:<db> | redis:<host>:<port>:<db> | native:<host>:<port>:<db>[:<prefix>]),
 * CF_STORE_TIMEOUT_MS (optional), IMAGE_TAG (optional).
 *
 * sqlite, mariadb and redis put the metadata in a TYPO3 cache (metadataCacheIdentifier
 * 'cluster_meta' over Typo3DatabaseBackend or RedisBackend); native is the extension's own path:
 * metadataDsn (redis://<host>:<port>/<db>?prefix=<prefix>, default prefix cf) and recordKey, no
 * metadata cache. A command's "sameUnit": true keeps the previous command's unit of work open
 * (no reset before it): a render that spans an invalidation on another pod.
 */
declare(strict_types=1);

require __DIR__ . '/typo3_runtime.php';
require __DIR__ . '/site.php';

use TYPO3\CMS\Core\Cache\Backend\RedisBackend;
use TYPO3\CMS\Core\Cache\Backend\Typo3DatabaseBackend;
use TYPO3\CMS\Core\Cache\CacheManager;
use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;
use TYPO3\CMS\Core\Utility\GeneralUtility;

$name = getenv('CF_POD_NAME') ?: 'pod';
$dir = getenv('CF_POD_DIR') ?: sys_get_temp_dir() . '/cf-pod-' . getmypid();
$store = getenv('CF_STORE') ?: 'sqlite:' . sys_get_temp_dir() . '/cf-meta.sqlite';
$timeoutMs = (int)(getenv('CF_STORE_TIMEOUT_MS') ?: 2000);

// Warnings and notices are counted and reported: a cache backend must never produce any.
$warnings = [];
set_error_handler(static function (int $no, string $msg, string $file, int $line) use (&$warnings): bool {
    $warnings[] = "$msg at " . basename($file) . ":$line";
    return true;
});

$GLOBALS['TYPO3_CONF_VARS']['SYS']['encryptionKey'] = 'clusterfile-cluster-harness';
[$kind, $rest] = explode(':', $store, 2) + [1 => ''];
$meta = null;
$native = null;
switch ($kind) {
    case 'sqlite':
        $GLOBALS['TYPO3_CONF_VARS']['DB']['Connections']['Default'] = [
            'driver' => 'pdo_sqlite', 'path' => $rest, 'busyTimeoutMs' => $timeoutMs,
            // SQLite's default rollback journal, as TYPO3 (Doctrine) leaves it.
            'journalMode' => 'DELETE',
        ];
        $meta = ['frontend' => VariableFrontend::class, 'backend' => Typo3DatabaseBackend::class];
        break;
    case 'mariadb':
        [$host, $port, $db] = explode(':', $rest);
        $GLOBALS['TYPO3_CONF_VARS']['DB']['Connections']['Default'] = [
            'driver' => 'pdo_mysql', 'host' => $host, 'port' => (int)$port, 'dbname' => $db,
            'user' => 'root', 'password' => '', 'connectTimeout' => max(1, intdiv($timeoutMs, 1000)),
        ];
        $meta = ['frontend' => VariableFrontend::class, 'backend' => Typo3DatabaseBackend::class];
        break;
    case 'redis':
        [$host, $port, $db] = explode(':', $rest);
        $meta = ['frontend' => VariableFrontend::class, 'backend' => RedisBackend::class, 'options' => [
            // TYPO3's RedisBackend takes whole seconds (an int; a float is a TypeError).
            'hostname' => $host, 'port' => (int)$port, 'database' => (int)$db, 'connectionTimeout' => max(1, intdiv($timeoutMs, 1000)),
        ]];
        break;
    case 'native':
        [$host, $port, $db, $prefix] = explode(':', $rest) + [3 => 'cf'];
        $seconds = rtrim(rtrim(sprintf('%.3F', $timeoutMs / 1000), '0'), '.');
        $native = [
            'dsn' => sprintf('redis://%s:%d/%d?prefix=%s&timeout=%s&read_timeout=%s', $host, (int)$port, (int)$db, $prefix, $seconds, $seconds),
            'host' => $host, 'port' => (int)$port, 'db' => (int)$db, 'prefix' => $prefix,
        ];
        break;
    default:
        fwrite(STDERR, "pod: unknown store $store\n");
        exit(2);
}

$metaOptions = $native === null
    ? ['metadataCacheIdentifier' => 'cluster_meta']
    : ['metadataDsn' => $native['dsn'], 'recordKey' => 'clusterfile-cluster-harness-record-key'];
$cluster = static fn (string $cache, array $extra = []): array => [
    'frontend' => VariableFrontend::class,
    'groups' => ['pages'],
    'backend' => \ClusterFile\Typo3\ClusterFileBackend::class,
    'options' => $extra + $metaOptions + [
        'localPath' => "$dir/$cache",
        'namespace' => ['environment' => 'testing', 'instance' => 'cluster-harness'],
        // CacheManager casts this to true (TYPO3 >= 14.3.1): the backend must survive that.
        'compression' => 'zstd',
    ],
];
$configurations = ($meta === null ? [] : ['cluster_meta' => $meta]) + [
    'pages' => $cluster('pages'),
    'rootline' => $cluster('rootline', ['payloadL1MaxEntries' => 0]),
    'typoscript' => ['frontend' => PhpFrontend::class] + $cluster('typoscript'),
];

/**
 * The process's CacheManager with every cache configured, built anew: what the next PHP-FPM request
 * has (new CacheManager, new backends, new store connections).
 */
function cf_pod_manager(array $configurations): CacheManager
{
    GeneralUtility::purgeInstances();
    /** @var CacheManager $manager */
    $manager = GeneralUtility::makeInstance(CacheManager::class);
    $manager->setCacheConfigurations($configurations);
    return $manager;
}

$manager = cf_pod_manager($configurations);

/**
 * The file of $id in $cache on this pod, from the record in the metadata cache (native: the
 * record's hash field read from Redis directly, layout of src/redis_scripts.h; short ids only).
 */
function cf_pod_file(CacheManager $manager, string $dir, string $cache, string $id, ?array $native): ?string
{
    if ($native === null) {
        $record = $manager->getCache('cluster_meta')->get($cache . '__' . $id);
        $hash = is_array($record) ? (string)($record['hash'] ?? '') : '';
    } else {
        $redis = new \Redis();
        $redis->connect($native['host'], $native['port'], 2.0);
        $redis->select($native['db']);
        $r = $redis->hGet("cf1:{{$native['prefix']}/$cache}:m:{$cache}__$id", 'r');
        $redis->close();
        // r: the record's version, identifier, hash, ... one per line
        $hash = is_string($r) ? (explode("\n", $r)[2] ?? '') : '';
    }
    if (!preg_match('/^sha256:([0-9a-f]{64})$/', $hash, $m)) {
        return null;
    }
    return "$dir/$cache/" . substr($m[1], 0, 2) . '/' . $m[1] . ($cache === 'typoscript' ? '.php' : '');
}

function cf_pod_exception(\Throwable $e): array
{
    $out = ['class' => get_class($e), 'code' => $e->getCode(), 'message' => $e->getMessage()];
    if ($e->getPrevious()) {
        $out['previous'] = ['class' => get_class($e->getPrevious()), 'message' => $e->getPrevious()->getMessage()];
    }
    return $out;
}

/**
 * A new unit of work. Native: ClusterFile\reset(), which also forgets the write-after-invalidate
 * guard's snapshots of the last unit (the backends' reset() empties only the L1s). Userland: the
 * backends' reset(), as before.
 */
function cf_pod_new_unit(CacheManager $manager, ?array $native): void
{
    if ($native !== null) {
        \ClusterFile\reset();
        return;
    }
    foreach (['pages', 'rootline', 'typoscript'] as $c) {
        $manager->getCache($c)->getBackend()->reset();
    }
}

$site = new DemoSite();
fwrite(STDOUT, json_encode(['ready' => $name, 'pid' => getmypid()]) . "\n");

while (($line = fgets(STDIN)) !== false) {
    $cmd = json_decode($line, true);
    if (!is_array($cmd)) {
        continue;
    }
    // A new request: request-scoped state starts empty and TYPO3's EXEC_TIME is the request's
    // start. The objects themselves live on (as in a worker runtime); the 'newRequest' op builds
    // them anew, as PHP-FPM would.
    $GLOBALS['EXEC_TIME'] = time();
    if (($cmd['op'] ?? '') === 'newRequest') {
        $manager = cf_pod_manager($configurations);
    }
    if (empty($cmd['sameUnit'])) {
        cf_pod_new_unit($manager, $native);
    }
    $warnings = [];
    $reply = ['ok' => true];
    $t0 = hrtime(true);
    try {
        $cache = $cmd['cache'] ?? 'pages';
        $fe = $cache === 'cluster_meta' ? null : $manager->getCache($cache);
        switch ($cmd['op']) {
            case 'set':
                $fe->set($cmd['id'], $cmd['data'], $cmd['tags'] ?? [], $cmd['lifetime'] ?? null);
                break;
            case 'get':
                $reply['value'] = $fe->get($cmd['id']);
                break;
            case 'has':
                $reply['value'] = $fe->has($cmd['id']);
                break;
            case 'remove':
                $reply['value'] = $fe->remove($cmd['id']);
                break;
            case 'flush':
                $fe->flush();
                break;
            case 'flushByTag':
                $fe->flushByTag($cmd['tag']);
                break;
            case 'flushByTags':
                $fe->flushByTags($cmd['tags']);
                break;
            case 'flushAll':
                $manager->flushCaches();
                break;
            case 'clearPageCaches':
                // What an editor's "Flush frontend caches" does in TYPO3's backend.
                $manager->flushCachesInGroup('pages');
                break;
            case 'require':
                $reply['value'] = $fe->requireOnce($cmd['id']);
                break;
            case 'findIdentifiersByTag':
                $reply['value'] = $fe->getBackend()->findIdentifiersByTag($cmd['tag']);
                break;
            case 'collectGarbage':
                $fe->collectGarbage();
                break;
            case 'stats':
                $reply['value'] = $fe->getBackend()->getStatistics();
                break;
            case 'options':
                $reply['value'] = $fe->getBackend()->getOptions();
                break;
            case 'file':
                $reply['value'] = cf_pod_file($manager, $dir, $cache, $cmd['id'], $native);
                break;
            case 'corrupt':
                $f = cf_pod_file($manager, $dir, $cache, $cmd['id'], $native);
                $bytes = ($f !== null && is_file($f)) ? file_get_contents($f) : '';
                $reply['value'] = $bytes !== '' && file_put_contents($f, substr($bytes, 0, -1) . chr(ord($bytes[-1]) ^ 0xff)) !== false;
                break;
            case 'deleteFile':
                $f = cf_pod_file($manager, $dir, $cache, $cmd['id'], $native);
                $reply['value'] = $f !== null && is_file($f) && unlink($f);
                break;
            case 'render':
                $reply['value'] = $site->serve($fe, (int)$cmd['page'], (int)($cmd['edition'] ?? 1));
                break;
            case 'stress':
                $reply['value'] = cf_pod_stress($fe, $name, $cmd, static fn () => cf_pod_new_unit($manager, $native));
                break;
            case 'lostWrite':
                $reply['value'] = cf_pod_lost_write($fe, $name, $cmd, static fn () => cf_pod_new_unit($manager, $native));
                break;
            case 'lostFlush':
                $reply['value'] = cf_pod_lost_flush($fe, $cmd, static fn () => cf_pod_new_unit($manager, $native));
                break;
            case 'lostServed':
                $reply['value'] = cf_pod_lost_served($fe, $cmd['ids'], static fn () => cf_pod_new_unit($manager, $native));
                break;
            case 'newRequest':
                break;
            case 'quit':
                fwrite(STDOUT, json_encode(['ok' => true, 'bye' => $name]) . "\n");
                exit(0);
            default:
                throw new \InvalidArgumentException('unknown op ' . $cmd['op']);
        }
    } catch (\Throwable $e) {
        $reply = ['ok' => false, 'exception' => cf_pod_exception($e)];
    }
    $reply['us'] = intdiv(hrtime(true) - $t0, 1000);
    $reply['warnings'] = $warnings;
    fwrite(STDOUT, json_encode($reply, JSON_INVALID_UTF8_SUBSTITUTE) . "\n");
}

/**
 * Writers and readers on shared identifiers for a bounded time. Every value names its writer and
 * sequence and carries a digest of itself, so a reader can tell a whole value from a torn or mixed
 * one. Returns counts; 'violations' must stay 0.
 */
function cf_pod_stress(\TYPO3\CMS\Core\Cache\Frontend\FrontendInterface $fe, string $name, array $cmd, callable $newUnit): array
{
    $ids = $cmd['ids'];
    $until = microtime(true) + (float)$cmd['seconds'];
    mt_srand((int)($cmd['seed'] ?? crc32($name)));
    $n = ['writes' => 0, 'reads' => 0, 'hits' => 0, 'misses' => 0, 'flushes' => 0, 'violations' => 0, 'errors' => 0];
    $seq = 0;
    while (microtime(true) < $until) {
        $newUnit();
        $id = $ids[mt_rand(0, count($ids) - 1)];
        $r = mt_rand(0, 99);
        try {
            if ($r < 35) {
                $body = "id=$id;writer=$name;seq=" . (++$seq) . ';' . str_repeat(chr(97 + $seq % 26), mt_rand(0, 4000));
                $fe->set($id, $body . '|' . sha1($body), ['stress', "sid_$id"], 60);
                $n['writes']++;
            } elseif ($r < 97) {
                $n['reads']++;
                $v = $fe->get($id);
                if ($v === false) {
                    $n['misses']++;
                } else {
                    $n['hits']++;
                    $pos = is_string($v) ? strrpos($v, '|') : false;
                    if ($pos === false || sha1(substr($v, 0, $pos)) !== substr($v, $pos + 1) || !str_starts_with($v, "id=$id;")) {
                        $n['violations']++;
                    }
                }
            } else {
                $fe->flushByTag("sid_$id");
                $n['flushes']++;
            }
        } catch (\TYPO3\CMS\Core\Cache\Exception $e) {
            $n['errors']++;
        }
    }
    return $n;
}

/*
 * The lost-invalidation measurement (scenario "lost-invalidation"). Times are hrtime(true): the
 * system's CLOCK_MONOTONIC in ns, one clock for every pod process on this machine.
 */

/** The content of a measured entry: derived from its identifier, so a reader can check it. */
function cf_pod_lost_content(string $id): string
{
    return "entry $id " . str_repeat(substr(sha1($id), 0, 8), 64);
}

/**
 * Until the deadline, one unit of work per entry: get() (a miss: each identifier is new) and
 * set($id, content, [tag]) of a fresh identifier. Returns id => the ns the set() returned at (its
 * acknowledgement) for every set() that returned; a set() that threw is not acknowledged.
 */
function cf_pod_lost_write(\TYPO3\CMS\Core\Cache\Frontend\FrontendInterface $fe, string $name, array $cmd, callable $newUnit): array
{
    $until = hrtime(true) + (int)($cmd['seconds'] * 1e9);
    $acks = [];
    $errors = 0;
    $before = $fe->getBackend()->getStatistics();
    for ($i = 0; hrtime(true) < $until; $i++) {
        $newUnit();
        $id = "{$cmd['prefix']}{$name}_$i";
        try {
            if ($fe->get($id) === false) {
                $fe->set($id, cf_pod_lost_content($id), [$cmd['tag']], 600);
                $acks[$id] = hrtime(true);
            }
        } catch (\TYPO3\CMS\Core\Cache\Exception $e) {
            $errors++;
        }
    }
    $after = $fe->getBackend()->getStatistics();
    return ['acks' => $acks, 'errors' => $errors,
        'rejected' => ($after['metadata_write_rejected_total'] ?? 0) - ($before['metadata_write_rejected_total'] ?? 0)];
}

/**
 * flushByTag($tag) over and over until the deadline (at least once), $cmd['pauseMs'] apart.
 * Returns [start ns, ack ns] of every flush that returned (was acknowledged).
 */
function cf_pod_lost_flush(\TYPO3\CMS\Core\Cache\Frontend\FrontendInterface $fe, array $cmd, callable $newUnit): array
{
    $until = hrtime(true) + (int)($cmd['seconds'] * 1e9);
    $flushes = [];
    $errors = 0;
    do {
        $newUnit();
        $start = hrtime(true);
        try {
            $fe->flushByTag($cmd['tag']);
            $flushes[] = [$start, hrtime(true)];
        } catch (\TYPO3\CMS\Core\Cache\Exception $e) {
            $errors++;
        }
        usleep((int)(($cmd['pauseMs'] ?? 0) * 1000));
    } while (hrtime(true) < $until);
    return ['flushes' => $flushes, 'errors' => $errors];
}

/** The identifiers of $ids this pod still serves (get() returns the entry's content), each in a unit of its own. */
function cf_pod_lost_served(\TYPO3\CMS\Core\Cache\Frontend\FrontendInterface $fe, array $ids, callable $newUnit): array
{
    $served = [];
    foreach ($ids as $id) {
        $newUnit();
        if ($fe->get($id) === cf_pod_lost_content($id)) {
            $served[] = $id;
        }
    }
    return $served;
}
