<?php
/*
 * The cluster scenarios: pods as real processes on one metadata store.
 *   php -d extension=modules/clusterfile.so tests/cluster/harness/scenarios.php sqlite|mariadb|redis|native [filter]
 * The store's server must be running for mariadb/redis/native (tests/cluster/run.sh starts it; the
 * "store dies" scenario stops and restarts it through servers.sh). native is the extension's own
 * metadata path (metadataDsn) over the redis server, each scenario in a namespace (DSN prefix) of
 * its own. Prints one line per check and a closing "cluster[<store>]: N passed, M failed" line;
 * exits 1 on any failure.
 */
declare(strict_types=1);

require __DIR__ . '/Cluster.php';

$kind = $argv[1] ?? 'sqlite';
$filter = $argv[2] ?? '';
$servers = __DIR__ . '/servers.sh';

$passed = 0;
$failed = 0;
function check(bool $ok, string $what, mixed $detail = null): void
{
    global $passed, $failed;
    if ($ok) {
        $passed++;
        echo "ok - $what\n";
    } else {
        $failed++;
        echo "not ok - $what" . ($detail !== null ? ': ' . json_encode($detail, JSON_UNESCAPED_SLASHES | JSON_PARTIAL_OUTPUT_ON_ERROR) : '') . "\n";
    }
}

/** A fresh metadata store for each scenario. */
function store_for(string $kind): string
{
    global $servers;
    return match ($kind) {
        'sqlite' => 'sqlite:' . sys_get_temp_dir() . '/cf-meta-' . getmypid() . '-' . bin2hex(random_bytes(3)) . '.sqlite',
        'mariadb' => 'mariadb:127.0.0.1:' . (getenv('CF_MARIADB_PORT') ?: '3391') . ':clusterfile',
        'redis' => 'redis:127.0.0.1:' . (getenv('CF_REDIS_PORT') ?: '6391') . ':0',
        'native' => 'native:127.0.0.1:' . (getenv('CF_REDIS_PORT') ?: '6391') . ':0:scen-' . getmypid() . '-' . bin2hex(random_bytes(3)),
    };
}

/** Runs one scenario with a fresh cluster; the metadata store is emptied first. */
function scenario(string $name, int $pods, callable $body, array $imageTags = [], int $timeoutMs = 2000): void
{
    global $kind, $filter;
    if ($filter !== '' && !str_contains($name, $filter)) {
        return;
    }
    echo "# $name ($kind)\n";
    $c = new Cluster($pods, store_for($kind), $imageTags, $timeoutMs);
    try {
        $r = $c->pods[0]->call(['op' => 'flushAll']);
        check($r['ok'], "$name: metadata store emptied", $r);
        $body($c);
        $warnings = [];
        foreach ($c->pods as $p) {
            $s = $p->stderr();
            if (trim($s) !== '') {
                $warnings[$p->name] = $s;
            }
        }
        check($warnings === [], "$name: no pod wrote to stderr (no warning, no fatal)", $warnings);
    } catch (Throwable $e) {
        check(false, "$name: harness error", $e->getMessage());
    } finally {
        $c->stop();
        if ($kind === 'sqlite') {
            foreach (glob(sys_get_temp_dir() . '/cf-meta-' . getmypid() . '-*') as $f) {
                @unlink($f);
            }
        }
    }
}

function value(array $reply): mixed
{
    return $reply['ok'] ? ($reply['value'] ?? null) : ['exception' => $reply['exception']];
}

function no_warnings(array $replies): bool
{
    foreach ($replies as $r) {
        if (!empty($r['warnings'])) {
            return false;
        }
    }
    return true;
}

// 1. Write on A, read on B: blob miss, B re-renders and sets (repair), then hits; A still hits.
scenario('blob-miss-then-repair', 2, function (Cluster $c): void {
    [$a, $b] = $c->pods;
    $page = str_repeat('<p>page 1</p>', 300);
    check($a->call(['op' => 'set', 'id' => 'page_1', 'data' => $page, 'tags' => ['pageId_1']])['ok'], 'A sets page_1');
    check(value($a->call(['op' => 'get', 'id' => 'page_1'])) === $page, 'A hits its own write');
    check(value($b->call(['op' => 'has', 'id' => 'page_1'])) === true, 'B: has() is cluster truth (true)');
    check(value($b->call(['op' => 'get', 'id' => 'page_1'])) === false, 'B misses: the payload is not on pod B');
    $s = value($b->call(['op' => 'stats']));
    check($s['blob_miss_total'] === 1 && array_sum($s['cache_miss_total']) === 0, 'B counted a blob miss, not a cache miss', $s);
    check($b->call(['op' => 'set', 'id' => 'page_1', 'data' => $page, 'tags' => ['pageId_1']])['ok'], 'B re-renders and sets');
    $s = value($b->call(['op' => 'stats']));
    check($s['repair_success_total'] === 1 && $s['cache_write_total'] === 0, 'B took the repair path (same content hash)', $s);
    check(value($b->call(['op' => 'get', 'id' => 'page_1'])) === $page, 'B hits');
    check(value($a->call(['op' => 'get', 'id' => 'page_1'])) === $page, 'A still hits');
});

// 2. Invalidation on A is seen by every pod on its next read, and nothing invalidated is served again.
foreach (['flush', 'flushByTag', 'flushByTags', 'remove'] as $op) {
    scenario("invalidate-$op", 3, function (Cluster $c) use ($op): void {
        foreach (['page_1' => 'one', 'page_2' => 'two'] as $id => $v) {
            foreach ($c->pods as $p) {
                $p->call(['op' => 'set', 'id' => $id, 'data' => "$v", 'tags' => ["pageId_$id", 'site_1']]);
            }
        }
        $hits = $c->all(['op' => 'get', 'id' => 'page_1']);
        check(array_map('value', $hits) === ['A' => 'one', 'B' => 'one', 'C' => 'one'], "$op: every pod hits before", array_map('value', $hits));
        $cmd = match ($op) {
            'flush' => ['op' => 'flush'],
            'flushByTag' => ['op' => 'flushByTag', 'tag' => 'pageId_page_1'],
            'flushByTags' => ['op' => 'flushByTags', 'tags' => ['pageId_page_1', 'unrelated']],
            'remove' => ['op' => 'remove', 'id' => 'page_1'],
        };
        check($c->pods[0]->call($cmd)['ok'], "$op on A");
        for ($round = 0; $round < 3; $round++) {
            $after = array_map('value', $c->all(['op' => 'get', 'id' => 'page_1']));
            check($after === ['A' => false, 'B' => false, 'C' => false], "$op: round $round, no pod serves page_1", $after);
        }
        $other = array_map('value', $c->all(['op' => 'get', 'id' => 'page_2']));
        $expect = $op === 'flush' ? ['A' => false, 'B' => false, 'C' => false] : ['A' => 'two', 'B' => 'two', 'C' => 'two'];
        check($other === $expect, "$op: page_2 " . ($op === 'flush' ? 'is flushed too' : 'survives'), $other);
        $c->pods[1]->call(['op' => 'set', 'id' => 'page_1', 'data' => 'one-v2', 'tags' => ['pageId_page_1']]);
        check(value($c->pods[1]->call(['op' => 'get', 'id' => 'page_1'])) === 'one-v2', "$op: a new write on B is served on B");
        $a = value($c->pods[0]->call(['op' => 'get', 'id' => 'page_1']));
        check($a === false, "$op: A blob-misses the new content (never the old)", $a);
    });
}

// 3. A corrupt or deleted file on one pod: that pod misses, the others keep hitting.
scenario('corrupt-or-delete-on-one-pod', 3, function (Cluster $c): void {
    [$a, $b, $cc] = $c->pods;
    $page = str_repeat('<p>corruptible</p>', 200);
    foreach ($c->pods as $p) {
        $p->call(['op' => 'set', 'id' => 'page_7', 'data' => $page, 'tags' => ['pageId_7']]);
    }
    check(value($b->call(['op' => 'corrupt', 'id' => 'page_7'])) === true, 'B: one byte of its file flipped');
    check(value($b->call(['op' => 'get', 'id' => 'page_7'])) === false, 'B misses the corrupt file');
    $s = value($b->call(['op' => 'stats']));
    check($s['cache_miss_total']['corrupt'] === 1 && $s['cache_miss_total']['broken'] === 0, 'B counted a local corrupt miss (the entry is not Broken)', $s);
    check(value($b->call(['op' => 'file', 'id' => 'page_7'])) !== null && !is_file((string)value($b->call(['op' => 'file', 'id' => 'page_7']))), 'B deleted the corrupt file');
    check(value($a->call(['op' => 'get', 'id' => 'page_7'])) === $page, 'A keeps hitting');
    check(value($cc->call(['op' => 'get', 'id' => 'page_7'])) === $page, 'C keeps hitting');
    check(value($cc->call(['op' => 'deleteFile', 'id' => 'page_7'])) === true, 'C: its file deleted');
    check(value($cc->call(['op' => 'get', 'id' => 'page_7'])) === false, 'C misses (blob miss)');
    check(value($a->call(['op' => 'get', 'id' => 'page_7'])) === $page, 'A still hits');
    foreach ([$b, $cc] as $p) {
        $p->call(['op' => 'set', 'id' => 'page_7', 'data' => $page, 'tags' => ['pageId_7']]);
        check(value($p->call(['op' => 'get', 'id' => 'page_7'])) === $page, "{$p->name} re-renders and hits again");
    }
});

// 4. Rolling deploy: two IMAGE_TAGs side by side never serve each other's payloads; then all new: converges.
scenario('rolling-deploy', 4, function (Cluster $c): void {
    [$a, $b, $cc, $d] = $c->pods; // A, B on v1; C, D on v2
    $served = [];
    $render = static fn (Pod $p): string => 'page rendered by ' . (in_array($p->name, ['A', 'B'], true) ? 'v1' : 'v2');
    for ($round = 0; $round < 4; $round++) {
        foreach ($c->pods as $p) {
            $v = value($p->call(['op' => 'get', 'id' => 'page_3']));
            if ($v === false) {
                $p->call(['op' => 'set', 'id' => 'page_3', 'data' => $render($p), 'tags' => ['pageId_3']]);
            } else {
                $served[] = [$p->name, $v];
            }
        }
    }
    $foreign = array_filter($served, static fn (array $s): bool => $s[1] !== 'page rendered by ' . (in_array($s[0], ['A', 'B'], true) ? 'v1' : 'v2'));
    check($foreign === [], 'mixed versions: no pod ever served a payload rendered by the other version', array_values($foreign));
    // All on the new version: A and B replaced by pods on v2.
    $a->stop();
    $b->stop();
    array_splice($c->pods, 0, 2);
    for ($round = 0; $round < 3; $round++) {
        foreach ($c->pods as $p) {
            $v = value($p->call(['op' => 'get', 'id' => 'page_3']));
            if ($v === false) {
                $p->call(['op' => 'set', 'id' => 'page_3', 'data' => 'page rendered by v2', 'tags' => ['pageId_3']]);
            }
        }
    }
    $final = array_map('value', $c->all(['op' => 'get', 'id' => 'page_3']));
    check($final === ['C' => 'page rendered by v2', 'D' => 'page rendered by v2'], 'after the rollout every pod hits the v2 payload', $final);
}, ['v1', 'v1', 'v2', 'v2']);

// 5. Concurrency: 4 pods writing, reading and flushing the same identifiers: whole values or misses only.
scenario('concurrent-writers-and-readers', 4, function (Cluster $c): void {
    $seconds = (float)(getenv('CF_STRESS_SECONDS') ?: 3);
    $replies = $c->all(['op' => 'stress', 'ids' => ['s1', 's2', 's3', 's4', 's5'], 'seconds' => $seconds]);
    $total = ['writes' => 0, 'reads' => 0, 'hits' => 0, 'violations' => 0, 'errors' => 0];
    foreach ($replies as $name => $r) {
        check($r['ok'] && empty($r['warnings']), "stress: pod $name finished cleanly", $r);
        foreach ($total as $k => $_) {
            $total[$k] += $r['value'][$k] ?? 0;
        }
    }
    echo "#   stress totals: " . json_encode($total) . "\n";
    check($total['violations'] === 0, 'stress: no torn, mixed or foreign value was ever read', $total);
    check($total['hits'] > 0 && $total['writes'] > 0, 'stress: the run did hit and write', $total);
});

// 6. The metadata store dies mid-run: misses and cache exceptions, no warning; recovery after restart.
scenario('metadata-store-dies-and-recovers', 2, function (Cluster $c): void {
    global $kind, $servers;
    [$a, $b] = $c->pods;
    foreach ($c->pods as $p) {
        $p->call(['op' => 'set', 'id' => 'page_9', 'data' => 'nine', 'tags' => ['pageId_9']]);
    }
    check(value($b->call(['op' => 'get', 'id' => 'page_9'])) === 'nine', 'before: B hits');
    $lock = null;
    if ($kind === 'sqlite') {
        // An exclusive lock held by another process: every pod's statement times out.
        $store = getenv('CF_SQLITE_FILE_FOR_LOCK');
        $lock = new PDO('sqlite:' . substr($c->store, 7), null, null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION, PDO::ATTR_TIMEOUT => 5]);
        $lock->exec('BEGIN EXCLUSIVE');
    } else {
        exec(escapeshellarg($servers) . " kill $kind 2>&1", $out, $rc);
        check($rc === 0, "$kind killed", $out);
    }
    $reads = $c->all(['op' => 'get', 'id' => 'page_9']);
    check(array_map('value', $reads) === ['A' => false, 'B' => false], 'store down: reads are misses', array_map('value', $reads));
    check(no_warnings($reads), 'store down: reads raise no warning', $reads);
    $write = $a->call(['op' => 'set', 'id' => 'page_9', 'data' => 'nine-v2', 'tags' => ['pageId_9']]);
    check(!$write['ok'] && $write['exception']['class'] === 'TYPO3\CMS\Core\Cache\Exception' && $write['exception']['code'] === 1747500022,
        "store down: set raises TYPO3's Cache\\Exception 1747500022", $write);
    check(no_warnings([$write]), 'store down: the failed write raises no warning', $write);
    $flush = $a->call(['op' => 'flushByTag', 'tag' => 'pageId_9']);
    check(!$flush['ok'] && $flush['exception']['class'] === 'TYPO3\CMS\Core\Cache\Exception' && $flush['exception']['code'] === 1747500061,
        "store down: flushByTag is not acknowledged, it raises TYPO3's Cache\\Exception 1747500061", $flush);
    check(no_warnings([$flush]), 'store down: the failed flushByTag raises no warning', $flush);
    if ($kind === 'sqlite') {
        $lock->exec('COMMIT');
        $lock = null;
    } else {
        exec(escapeshellarg($servers) . " start $kind 2>&1", $out, $rc);
        check($rc === 0, "$kind restarted", $out);
    }
    if ($kind === 'redis') {
        // TYPO3's RedisBackend never reconnects: in a process that lives on (a worker runtime,
        // this pod) every call after the restart is php-redis's "went away". The extension turns
        // that into misses and Cache\Exceptions, as while the server was down.
        $write = $a->call(['op' => 'set', 'id' => 'page_9', 'data' => 'nine-v3', 'tags' => ['pageId_9']]);
        check(!$write['ok'] && $write['exception']['code'] === 1747500022
            && str_contains($write['exception']['previous']['message'] ?? '', 'went away'),
            'after restart, same process: RedisBackend does not reconnect, set raises 1747500022 (went away)', $write);
        $read = $b->call(['op' => 'get', 'id' => 'page_9']);
        check(value($read) === false && no_warnings([$read]), 'after restart, same process: reads are misses, no warning', $read);
        // The next PHP-FPM request builds new objects, and with them a new connection.
        foreach ($c->pods as $p) {
            check($p->call(['op' => 'newRequest'])['ok'], "after restart: pod {$p->name} builds its caches anew (next PHP-FPM request)");
        }
    }
    $ok = false;
    for ($i = 0; $i < 20 && !$ok; $i++) {
        $ok = $a->call(['op' => 'set', 'id' => 'page_9', 'data' => 'nine-v3', 'tags' => ['pageId_9']])['ok'];
        if (!$ok) {
            usleep(250000);
        }
    }
    check($ok, 'after restart: writes succeed again');
    check(value($a->call(['op' => 'get', 'id' => 'page_9'])) === 'nine-v3', 'after restart: A hits the new write');
    $b->call(['op' => 'set', 'id' => 'page_9', 'data' => 'nine-v3', 'tags' => ['pageId_9']]);
    check(value($b->call(['op' => 'get', 'id' => 'page_9'])) === 'nine-v3', 'after restart: B repairs and hits');
}, [], 300);

// 7. PhpFrontend (code) caches across pods: require on B after a write on A is a miss until B writes.
scenario('php-code-cache-across-pods', 2, function (Cluster $c): void {
    [$a, $b] = $c->pods;
    $code = 'return ["answer" => 42];';
    check($a->call(['op' => 'set', 'cache' => 'typoscript', 'id' => 'ts_1', 'data' => $code])['ok'], 'A stores PHP code');
    check(value($a->call(['op' => 'require', 'cache' => 'typoscript', 'id' => 'ts_1'])) === ['answer' => 42], 'A requires it');
    check(value($b->call(['op' => 'require', 'cache' => 'typoscript', 'id' => 'ts_1'])) === false, 'B misses (not on pod B)');
    $b->call(['op' => 'set', 'cache' => 'typoscript', 'id' => 'ts_1', 'data' => $code]);
    check(value($b->call(['op' => 'require', 'cache' => 'typoscript', 'id' => 'ts_1'])) === ['answer' => 42], 'B requires it after writing');
    $a->call(['op' => 'flush', 'cache' => 'typoscript']);
    $after = array_map('value', $c->all(['op' => 'require', 'cache' => 'typoscript', 'id' => 'ts_1']));
    check($after === ['A' => false, 'B' => false], 'after a flush on A no pod runs the code', $after);
});

// 8. Native only: a late write computed before a flush is refused on every pod. Pod D has page_1;
// A, B and C blob-miss on it and start rendering (their units of work stay open: "sameUnit"); D's
// editor flushes pageId_1 (acknowledged); then each of A, B and C set()s what it rendered before.
// The write-after-invalidate guard refuses all three (counted, no exception), and no pod serves
// the old content. On the userland stores these late writes land and every pod then serves the
// pre-flush content (typo3-facts: "write after invalidate"), which is why this runs on native only.
if ($kind === 'native') {
    scenario('native-late-write-before-a-flush-is-refused-on-every-pod', 4, function (Cluster $c): void {
        [$a, $b, $cc, $d] = $c->pods;
        $opts = array_map('value', $c->all(['op' => 'options']));
        check(array_filter($opts, static fn ($o): bool => !is_string($o['metadataDsn'] ?? null) || isset($o['metadataCacheIdentifier'])) === [],
            'every pod is on the native path (metadataDsn, no metadata cache)', $opts);
        $old = str_repeat('<p>page 1, edition 1</p>', 100);
        check($d->call(['op' => 'set', 'id' => 'page_1', 'data' => $old, 'tags' => ['pageId_1', 'site_1']])['ok'], 'D renders and stores page_1');
        $renderers = [$a, $b, $cc];
        $before = [];
        foreach ($renderers as $p) {
            $before[$p->name] = value($p->call(['op' => 'stats']));
            check(value($p->call(['op' => 'get', 'id' => 'page_1'])) === false, "{$p->name} blob-misses page_1 and starts rendering it");
        }
        check($d->call(['op' => 'flushByTag', 'tag' => 'pageId_1'])['ok'], "D's editor saves page 1: flushByTag('pageId_1') acknowledged");
        foreach ($renderers as $p) {
            $r = $p->call(['op' => 'set', 'id' => 'page_1', 'data' => $old, 'tags' => ['pageId_1', 'site_1'], 'sameUnit' => true]);
            check($r['ok'] && empty($r['warnings']), "{$p->name}'s late set() returns without an exception or warning", $r);
            $s = value($p->call(['op' => 'stats']));
            $rejected = $s['metadata_write_rejected_total'] - $before[$p->name]['metadata_write_rejected_total'];
            $stored = ($s['cache_write_total'] - $before[$p->name]['cache_write_total']) + ($s['repair_success_total'] - $before[$p->name]['repair_success_total']);
            check($rejected === 1 && $stored === 0, "{$p->name}'s late write was refused (metadata_write_rejected_total +1, nothing stored)", $s);
        }
        for ($round = 0; $round < 2; $round++) {
            $get = array_map('value', $c->all(['op' => 'get', 'id' => 'page_1']));
            $has = array_map('value', $c->all(['op' => 'has', 'id' => 'page_1']));
            check($get === ['A' => false, 'B' => false, 'C' => false, 'D' => false] && $has === ['A' => false, 'B' => false, 'C' => false, 'D' => false],
                "round $round: no pod serves or has page_1", ['get' => $get, 'has' => $has]);
        }
        // A render that starts after the flush is stored and served.
        $new = str_repeat('<p>page 1, edition 2</p>', 100);
        check(value($b->call(['op' => 'get', 'id' => 'page_1'])) === false, 'B misses page_1 after the flush and renders edition 2');
        check($b->call(['op' => 'set', 'id' => 'page_1', 'data' => $new, 'tags' => ['pageId_1', 'site_1'], 'sameUnit' => true])['ok'], 'B stores edition 2');
        check(value($b->call(['op' => 'get', 'id' => 'page_1'])) === $new, 'B serves edition 2');
        $has = array_map('value', $c->all(['op' => 'has', 'id' => 'page_1']));
        check($has === ['A' => true, 'B' => true, 'C' => true, 'D' => true], 'every pod sees the edition-2 entry', $has);
        // D still has the edition-1 file (content addressed): it must not be served for the new record.
        check(value($d->call(['op' => 'get', 'id' => 'page_1'])) === false, 'D blob-misses edition 2 (never serves its old file)');
    });
}

// 9. Lost invalidations under concurrent set() + flushByTag(). Per round r, with a tag T_r of
// its own: writer pods A, B and C each do, one unit of work per entry, get() and set(id, content,
// [T_r]) of fresh identifiers (each set once) and record the instant each set() returned (its
// acknowledgement); pod D meanwhile (for the first three quarters of the round) calls
// flushByTag(T_r) every 15 ms and records each call's start and acknowledgement; after the
// writers have returned, D flushes T_r once more (quietly). An entry is a lost invalidation when
// its set() was acknowledged before the start of some flushByTag(T_r) and it is still served
// (get() on its writer, which has the file, returns its content) after that flush's
// acknowledgement. Served is checked once, after the round's last flush was acknowledged: an
// entry that escaped one flush and was caught by a later one would not be counted, but neither
// path has such entries (on TYPO3's RedisBackend an escaped entry has left the tag set and no
// later flushByTag finds it; on native a flushed entry never becomes valid again). Instants are
// hrtime() (CLOCK_MONOTONIC, one clock for every process here). The figure is printed for every
// store and must be 0 on native only: the userland stores get what the TYPO3 backend under them
// gives (RedisBackend reads a tag's members and deletes its set in separate steps, so an entry
// added in between leaves the tag set and escapes every later flushByTag, typo3-facts 19).
// CF_LOST_ROUNDS (default 6) and CF_LOST_SECONDS (per round, default 1) size it.
scenario('lost-invalidation', 4, function (Cluster $c): void {
    global $kind;
    $rounds = (int)(getenv('CF_LOST_ROUNDS') ?: 6);
    $seconds = (float)(getenv('CF_LOST_SECONDS') ?: 1);
    $writers = array_slice($c->pods, 0, 3);
    $flusher = $c->pods[3];
    $t = ['sets' => 0, 'covered' => 0, 'uncovered' => 0, 'served_before_final_flush' => 0, 'lost' => 0, 'flushes' => 0,
        'rejected' => 0, 'write_errors' => 0, 'flush_errors' => 0];
    $clean = true;
    for ($r = 1; $r <= $rounds; $r++) {
        $tag = "lost_r$r";
        foreach ($writers as $p) {
            $p->send(['op' => 'lostWrite', 'tag' => $tag, 'prefix' => "r{$r}_", 'seconds' => $seconds]);
        }
        // D stops a quarter before the writers: the entries of that quiet tail are stored and
        // served until the last flush, which must then invalidate them too.
        $flusher->send(['op' => 'lostFlush', 'tag' => $tag, 'seconds' => 0.75 * $seconds, 'pauseMs' => 15]);
        $acks = [];
        foreach ($writers as $p) {
            $w = $p->wait();
            $clean = $clean && $w['ok'] && empty($w['warnings']);
            $acks[$p->name] = $w['value']['acks'] ?? [];
            $t['rejected'] += $w['value']['rejected'] ?? 0;
            $t['write_errors'] += $w['value']['errors'] ?? 0;
        }
        $f = $flusher->wait();
        $clean = $clean && $f['ok'] && empty($f['warnings']);
        $flushes = $f['value']['flushes'] ?? [];
        $t['flush_errors'] += $f['value']['errors'] ?? 0;
        $served = static function () use ($writers, $acks): array {
            foreach ($writers as $p) {
                $p->send(['op' => 'lostServed', 'ids' => array_keys($acks[$p->name])]);
            }
            $out = [];
            foreach ($writers as $p) {
                $out[$p->name] = value($p->wait());
            }
            return $out;
        };
        $servedBefore = $served();
        // The quiet flush: it starts after every writer's last acknowledgement.
        $q = $flusher->call(['op' => 'lostFlush', 'tag' => $tag, 'seconds' => 0]);
        $clean = $clean && $q['ok'];
        $flushes = array_merge($flushes, $q['value']['flushes'] ?? []);
        $servedAfter = $served();
        $lastStart = $flushes === [] ? PHP_INT_MIN : max(array_column($flushes, 0));
        $t['flushes'] += count($flushes);
        foreach ($writers as $p) {
            $t['served_before_final_flush'] += is_array($servedBefore[$p->name]) ? count($servedBefore[$p->name]) : 0;
            $isServed = array_flip(is_array($servedAfter[$p->name]) ? $servedAfter[$p->name] : []);
            $clean = $clean && is_array($servedAfter[$p->name]);
            foreach ($acks[$p->name] as $id => $ack) {
                $t['sets']++;
                // Acknowledged before the start of some flush of T_r (the latest start is enough).
                if ($ack < $lastStart) {
                    $t['covered']++;
                    if (isset($isServed[$id])) {
                        $t['lost']++;
                    }
                } else {
                    $t['uncovered']++;
                }
            }
        }
    }
    $pct = $t['covered'] > 0 ? sprintf('%.1f', 100 * $t['lost'] / $t['covered']) : '-';
    echo "#   lost invalidations [$kind]: {$t['lost']} of {$t['covered']} acknowledged entries ($pct %) in $rounds rounds; " . json_encode($t) . "\n";
    check($clean, 'lost-invalidation: every pod command returned cleanly', $t);
    check($t['flushes'] >= 2 * $rounds && $t['covered'] > 0 && $t['uncovered'] === 0, 'lost-invalidation: the rounds wrote entries and flushed them (every entry before the last flush)', $t);
    if ($kind === 'native') {
        check($t['served_before_final_flush'] > 0, 'native: entries were stored and served before the last flush (the 0 below is not vacuous)', $t);
        check($t['lost'] === 0, 'native: no entry acknowledged before a flushByTag of its tag is served after it (0 lost invalidations)', $t);
    }
});

echo "cluster[$kind]: $passed passed, $failed failed\n";
exit($failed === 0 ? 0 : 1);
