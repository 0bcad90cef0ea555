<?php
/*
 * One benchmark process (started by bench/suite.php; prints one JSON document on stdout).
 *   worker.php main <contender|floor> <scale>         the single-process matrix of one contender
 *   worker.php conc <contender|floor> <k> <dir> <ms>  one of the concurrent processes (windows)
 *   worker.php rt <contender>                         metadata round trips per operation
 *   worker.php cg <contender> <op> <calls>            a loop for callgrind (no output)
 * <scale> multiplies the time budget of each cell (1 = the full run, 0.1 = a smoke run).
 */
declare(strict_types=1);

require __DIR__ . '/lib.php';

$GLOBALS['TYPO3_CONF_VARS']['SYS']['encryptionKey'] = 'bench-encryption-key-0123456789abcdef';
mt_srand(42);

$mode = $argv[1] ?? '';
$kind = $argv[2] ?? '';
$root = cfb_env('CFB_LOCAL_DIR', sys_get_temp_dir() . '/cfb-local') . '/' . $kind . '-' . getmypid();
@mkdir($root, 0700, true);
register_shutdown_function(static fn () => cfb_rmtree($root));
$scope = preg_replace('/[^a-z0-9]/', '', $kind) . getmypid();
$rows = [];

/**
 * Times $op($i) until $budget seconds (untimed $prep($i) included) or $max samples, at least $min.
 * Returns the sorted samples (ns).
 */
function cfb_sample(float $budget, int $max, ?callable $prep, callable $op, int $min = 15): array
{
    $s = [];
    $end = microtime(true) + $budget;
    for ($i = 0; $i < $max && ($i < $min || microtime(true) < $end); $i++) {
        if ($prep) {
            $prep($i);
        }
        $t = hrtime(true);
        $op($i);
        $s[] = hrtime(true) - $t;
    }
    sort($s);
    return $s;
}

function cfb_row(array $samples, array $k): array
{
    $n = count($samples);
    $sum = array_sum($samples);
    return $k + [
        'samples' => $n,
        'median_ns' => cfb_pct($samples, 50),
        'p99_ns' => cfb_pct($samples, 99),
        'mean_ns' => $n ? $sum / $n : NAN,
        'ops_s' => $sum > 0 ? $n / ($sum / 1e9) : NAN,
    ];
}

/** The file a backend wrote for an entry (content addressed: the only file in a fresh localPath). */
function cfb_only_file(string $dir): ?string
{
    foreach (glob($dir . '/[0-9a-f][0-9a-f]/*') ?: [] as $f) {
        if (is_file($f) && !str_contains(basename($f), '.tmp')) {
            return $f;
        }
    }
    return null;
}

/** Decodes a clusterfile payload file as plain PHP can (marker 0x00 none, 0x02 raw DEFLATE). */
function cfb_plain_decode(string $bytes): string|false
{
    return match ($bytes[0]) {
        "\x00" => substr($bytes, 1),
        "\x02" => gzinflate(substr($bytes, 1)),
        default => false,
    };
}

$payloads = [];
foreach (CFB_PAYLOADS as $label => [$size, $pk]) {
    $payloads[$label] = cfb_payload($size, $pk);
}
$p8 = $payloads['8KiB-html'];

if ($mode === 'main') {
    $scale = (float)($argv[3] ?? 1);
    $B = static fn (float $s): float => $s * $scale;
    $levels = [1000, 10000, 100000];
    $live = 1000;
    if (in_array($kind, CFB_CONTENDERS, true)) {
        $b = cfb_contender($kind, "$root/pod", $scope);
        $tFill = microtime(true);
        for ($i = 0; $i < $live; $i++) {
            $b->set("live_$i", $p8, ['pageId_' . ($i % 100), 'live']);
        }
        $fillLive = microtime(true) - $tFill;
        $fillBulk = 0.0;
        $have = $live;
        foreach ($levels as $n) {
            $fillBulk += cfb_fill($kind, $b, $scope, "fill{$n}_", $n - $have, static fn (int $i): array => ['pageId_' . ($i % 1000), 'fill']);
            $have = $n;
            $k = ['contender' => $kind, 'payload' => '8KiB-html', 'n' => $n, 'c' => 1];
            $rid = static fn (): string => 'live_' . mt_rand(0, $live - 1);
            $h0 = $b->getStatistics()['cache_hit_total'];
            $row = cfb_row(cfb_sample($B(0.6), 3000, static fn () => ClusterFile\reset(), static fn () => $b->get($rid())), $k + ['op' => 'get_cold']);
            $rows[] = $row + ['misses' => $row['samples'] - ($b->getStatistics()['cache_hit_total'] - $h0)];
            $b->get('live_1');
            $rows[] = cfb_row(cfb_sample($B(0.3), 20000, null, static fn () => $b->get('live_1')), $k + ['op' => 'get_hot']);
            $rows[] = cfb_row(cfb_sample($B(0.4), 3000, static fn () => ClusterFile\reset(), static fn () => $b->has($rid())), $k + ['op' => 'has_cold']);
            $rows[] = cfb_row(cfb_sample($B(0.3), 20000, null, static fn () => $b->has('live_1')), $k + ['op' => 'has_hot']);
            $rows[] = cfb_row(cfb_sample($B(0.6), 2000, null, static fn (int $i) => $b->set("w{$n}_$i", cfb_variant($p8, $n + $i), ['pageId_' . ($i % 100)])), $k + ['op' => 'set']);
            $rows[] = cfb_row(cfb_sample($B(0.6), 2000, static fn (int $i) => $b->set("r{$n}_$i", $p8, ['pageId_1']), static fn (int $i) => $b->remove("r{$n}_$i")), $k + ['op' => 'remove']);
            // flushByTag: m filler entries plus one real entry carry the tag; each repetition a fresh tag.
            foreach ([10 => 15, 100 => 10, 1000 => 5] as $m => $reps) {
                $s = [];
                $missed = $unset = 0;
                for ($r = 0; $r < max(2, (int)round($reps * min(1, $scale * 2))); $r++) {
                    $tag = "ft{$n}m{$m}r$r";
                    $fillBulk += cfb_fill($kind, $b, $scope, "ft{$n}_{$m}_{$r}_", $m - 1, static fn (int $i): array => [$tag, 'pageId_' . ($i % 1000)]);
                    $b->set("ftreal{$n}_{$m}_$r", 'x', [$tag]);
                    ClusterFile\reset();
                    $unset += $b->has("ftreal{$n}_{$m}_$r") ? 0 : 1;
                    ClusterFile\reset();
                    $t = hrtime(true);
                    $b->flushByTag($tag);
                    $s[] = hrtime(true) - $t;
                    ClusterFile\reset();
                    $missed += $b->has("ftreal{$n}_{$m}_$r") ? 1 : 0;
                }
                sort($s);
                $rows[] = cfb_row($s, $k + ['op' => 'flushByTag', 'm' => $m, 'not_flushed' => $missed, 'setup_failed' => $unset]);
            }
            // flush(): a cache of its own holding n entries (n - 1 fillers and one real one), one call.
            $fs = "f{$n}" . $scope;
            $fb = cfb_contender($kind, "$root/flush$n", $fs);
            $fb->set('freal', 'x', ['t']);
            $fillBulk += cfb_fill($kind, $fb, $fs, 'ff_', $n - 2, static fn (int $i): array => ['pageId_' . ($i % 1000)]);
            ClusterFile\reset();
            $t = hrtime(true);
            $fb->flush();
            $s = [hrtime(true) - $t];
            ClusterFile\reset();
            $rows[] = cfb_row($s, $k + ['op' => 'flush', 'not_flushed' => $fb->has('freal') ? 1 : 0]);
            unset($fb);
            cfb_rmtree("$root/flush$n");
        }
        // payload sweep at n = 10k... the store holds 100k now: say n = 100000 (it is what it holds)
        foreach ($payloads as $label => $payload) {
            $k = ['contender' => $kind, 'payload' => $label, 'n' => $have, 'c' => 1];
            // bytes on disk per entry: a fresh localPath holding one entry
            $db = cfb_contender($kind, "$root/du-$label", $scope);
            $db->set("du_$label", $payload, ['du']);
            $f = cfb_only_file("$root/du-$label");
            clearstatcache();
            $st = $f ? stat($f) : null;
            $rows[] = $k + ['op' => 'disk', 'file_bytes' => $st ? $st['size'] : null, 'disk_bytes' => $st ? $st['blocks'] * 512 : null];
            unset($db);
            cfb_rmtree("$root/du-$label");
            for ($i = 0; $i < 50; $i++) {
                $b->set("pl_{$label}_$i", $payload, ['pl']);
            }
            $h0 = $b->getStatistics()['cache_hit_total'];
            $row = cfb_row(cfb_sample($B(0.5), 3000, static fn () => ClusterFile\reset(), static fn () => $b->get("pl_{$label}_" . mt_rand(0, 49))), $k + ['op' => 'get_cold']);
            $rows[] = $row + ['misses' => $row['samples'] - ($b->getStatistics()['cache_hit_total'] - $h0)];
            $b->get("pl_{$label}_1");
            $rows[] = cfb_row(cfb_sample($B(0.2), 20000, null, static fn () => $b->get("pl_{$label}_1")), $k + ['op' => 'get_hot']);
            $max = max(100, min(2000, intdiv(64 << 20, strlen($payload))));
            $rows[] = cfb_row(cfb_sample($B(0.5), $max, null, static fn (int $i) => $b->set("pw_{$label}_$i", cfb_variant($payload, $i), ['pageId_' . ($i % 100)])), $k + ['op' => 'set']);
        }
        // requireOnce of a PhpFrontend entry (a small class-free file): the check on each call
        $pb = cfb_contender($kind, "$root/code", $scope . 'php', true);
        $pb->set('code_1', "<?php\nreturn ['answer' => 42, 'list' => range(1, 20)];\n#", ['code']);
        ClusterFile\reset();
        $pb->requireOnce('code_1');
        $rows[] = cfb_row(cfb_sample($B(0.4), 3000, static fn () => ClusterFile\reset(), static fn () => $pb->requireOnce('code_1')),
            ['contender' => $kind, 'payload' => 'php-source', 'n' => 1, 'c' => 1, 'op' => 'requireOnce_cold']);
        $rows[] = cfb_row(cfb_sample($B(0.2), 20000, null, static fn () => $pb->requireOnce('code_1')),
            ['contender' => $kind, 'payload' => 'php-source', 'n' => 1, 'c' => 1, 'op' => 'requireOnce_hot']);
        $st = $b->getStatistics();
        $meta = ['write_rejected' => $st['metadata_write_rejected_total'] ?? null, 'fill_live_s' => $fillLive, 'fill_bulk_s' => $fillBulk, 'live_entries' => $live];
    } else {
        // the floors, on the same payload bytes
        $meta = [];
        $k0 = ['contender' => $kind, 'n' => 1000, 'c' => 1];
        foreach ($payloads as $label => $payload) {
            $k = $k0 + ['payload' => $label];
            if ($kind === 'plainphp') {
                // the file the backend writes for this payload with compressionCodec gzip (PHP has no zstd)
                $gb = cfb_contender('inproc', "$root/g-$label", $scope, false, ['compression' => 'gzip']);
                $gb->set('p', $payload);
                $file = cfb_only_file("$root/g-$label");
                $bytes = file_get_contents($file);
                $sum = hash('sha256', $bytes);
                $want = serialize($payload) === '' ? '' : null;
                $rows[] = cfb_row(cfb_sample($B(0.5), 5000, null, static function () use ($file, $sum): void {
                    $b = file_get_contents($file);
                    if (!hash_equals($sum, hash('sha256', $b)) || cfb_plain_decode($b) === false) {
                        throw new RuntimeException('plain read failed');
                    }
                }), $k + ['op' => 'get_cold']);
            } elseif ($kind === 'phpredis') {
                $r = cfb_redis(3);
                $r->set("fl_$label", $payload);
                $rows[] = cfb_row(cfb_sample($B(0.4), 5000, null, static fn () => $r->get("fl_$label")), $k + ['op' => 'get_cold']);
                $rows[] = cfb_row(cfb_sample($B(0.3), 5000, null, static fn (int $i) => $r->set("fw_{$label}_" . ($i % 100), $payload)), $k + ['op' => 'set']);
            } elseif ($kind === 'apcu') {
                apcu_store("fl_$label", $payload);
                $rows[] = cfb_row(cfb_sample($B(0.2), 20000, null, static fn () => apcu_fetch("fl_$label")), $k + ['op' => 'get_hot']);
                $rows[] = cfb_row(cfb_sample($B(0.3), 20000, null, static fn (int $i) => apcu_store("fw_{$label}_" . ($i % 100), $payload)), $k + ['op' => 'set']);
            }
        }
        $k = $k0 + ['payload' => '8KiB-html'];
        if ($kind === 'phpredis') {
            $r->set('ex', 'x');
            $rows[] = cfb_row(cfb_sample($B(0.3), 5000, null, static fn () => $r->exists('ex')), $k + ['op' => 'has_cold']);
            $rows[] = cfb_row(cfb_sample($B(0.3), 5000, static fn (int $i) => $r->set("rm_$i", 'x'), static fn (int $i) => $r->del("rm_$i")), $k + ['op' => 'remove']);
        } elseif ($kind === 'apcu') {
            $rows[] = cfb_row(cfb_sample($B(0.2), 20000, null, static fn () => apcu_exists('fl_8KiB-html')), $k + ['op' => 'has_hot']);
            $rows[] = cfb_row(cfb_sample($B(0.2), 20000, static fn (int $i) => apcu_store("rm_$i", 'x'), static fn (int $i) => apcu_delete("rm_$i")), $k + ['op' => 'remove']);
        }
    }
    echo json_encode(['rows' => $rows, 'peak_rss' => cfb_peak_rss(), 'meta' => $meta]), "\n";
    exit(0);
}

if ($mode === 'conc') {
    // One of C processes of one pod (shared localPath $dir, shared metadata store): each writes its
    // own 200 entries, then every process runs the same operation in the same time window.
    [, , , $me, $dir, $winMs] = $argv;
    $winS = (int)$winMs / 1000;
    $ops = ['get_cold', 'get_hot', 'has_cold', 'set'];
    $b = null;
    $r = null;
    if (in_array($kind, CFB_CONTENDERS, true)) {
        $b = cfb_contender($kind, "$dir/pod", 'conc' . preg_replace('/[^a-z0-9]/', '', $kind . basename($dir)));
        for ($i = 0; $i < 200; $i++) {
            $b->set("c{$me}_$i", $p8, ['pageId_' . ($i % 50), "proc$me"]);
        }
    } elseif ($kind === 'phpredis') {
        $r = cfb_redis(3);
        $r->set("c$me", $p8);
    } elseif ($kind === 'apcu') {
        apcu_store("c$me", $p8);
    } else {
        $gb = cfb_contender('inproc', "$root/g", $scope, false, ['compression' => 'gzip']);
        $gb->set('p', $p8);
        $file = cfb_only_file("$root/g");
        $sum = hash('sha256', file_get_contents($file));
    }
    touch("$dir/ready$me");
    while (!is_file("$dir/go")) {
        usleep(2000);
    }
    $start = (float)file_get_contents("$dir/go");
    $out = [];
    foreach ($ops as $w => $op) {
        $from = $start + $w * ($winS + 0.2);
        while (microtime(true) < $from) {
            usleep(500);
        }
        $until = $from + $winS;
        $fn = match (true) {
            $b !== null && $op === 'get_cold' => static function () use ($b, $me): void {
                ClusterFile\reset();
                $t = hrtime(true);
                $b->get("c{$me}_" . mt_rand(0, 199));
                $GLOBALS['cfb_t'] = hrtime(true) - $t;
            },
            $b !== null && $op === 'get_hot' => static fn () => $b->get("c{$me}_1"),
            $b !== null && $op === 'has_cold' => static function () use ($b, $me): void {
                ClusterFile\reset();
                $t = hrtime(true);
                $b->has("c{$me}_" . mt_rand(0, 199));
                $GLOBALS['cfb_t'] = hrtime(true) - $t;
            },
            $b !== null && $op === 'set' => static fn (int $i) => $b->set("cw{$me}_$i", cfb_variant($p8, $me * 1000000 + $i), ['pageId_' . ($i % 50)]),
            $kind === 'phpredis' && in_array($op, ['get_cold', 'get_hot'], true) => static fn () => $r->get("c$me"),
            $kind === 'phpredis' && $op === 'has_cold' => static fn () => $r->exists("c$me"),
            $kind === 'phpredis' && $op === 'set' => static fn (int $i) => $r->set("cw{$me}_" . ($i % 100), $p8),
            $kind === 'apcu' && in_array($op, ['get_cold', 'get_hot'], true) => static fn () => apcu_fetch("c$me"),
            $kind === 'apcu' && $op === 'has_cold' => static fn () => apcu_exists("c$me"),
            $kind === 'apcu' && $op === 'set' => static fn (int $i) => apcu_store("cw{$me}_" . ($i % 100), $p8),
            $kind === 'plainphp' && $op === 'get_cold' => static function () use ($file, $sum): void {
                $x = file_get_contents($file);
                if (!hash_equals($sum, hash('sha256', $x)) || cfb_plain_decode($x) === false) {
                    throw new RuntimeException('plain read failed');
                }
            },
            default => null,
        };
        if ($fn === null) {
            continue;
        }
        $s = [];
        $self = in_array($op, ['get_cold', 'has_cold'], true) && $b !== null;
        for ($i = 0; microtime(true) < $until; $i++) {
            $t = hrtime(true);
            $fn($i);
            $s[] = $self ? $GLOBALS['cfb_t'] : hrtime(true) - $t;
        }
        $out[$op] = ['samples' => $s, 'seconds' => $winS];
    }
    echo json_encode(['ops' => $out, 'peak_rss' => cfb_peak_rss()]), "\n";
    exit(0);
}

if ($mode === 'rt') {
    // Metadata round trips per operation, counted where the store can tell.
    $b = cfb_contender($kind, "$root/pod", $scope);
    $pb = cfb_contender($kind, "$root/code", $scope . 'php', true);
    $pb->set('code_1', "<?php\nreturn 1;\n#");
    $b->set('warm', $p8, ['pageId_1']);
    $b->flushByTag('warm-up');
    $b->remove('warm-up');
    $b->flush();
    $fb = cfb_contender($kind, "$root/fl", $scope . 'fl');
    $fb->flush();
    ClusterFile\reset();
    $counter = match ($kind) {
        // every in-process store of this process (the flush and PhpFrontend caches have their own)
        'inproc' => static fn (): int => array_sum(array_map(static fn ($m): int => count($m->backend->calls), $GLOBALS['cfb_meta']['inproc'])),
        'redis' => (static function (): Closure {
            $r = cfb_redis(3);
            return static fn (): int => cfb_redis_commands($r)[0];
        })(),
        'native' => (static function (): Closure {
            $r = cfb_redis(3);
            return static fn (): int => cfb_redis_commands($r)[1];
        })(),
        'mariadb' => (static function (): Closure {
            $pdo = cfb_mariadb_pdo();
            return static fn (): int => cfb_mariadb_questions($pdo);
        })(),
        default => null,
    };
    $out = [];
    if ($counter !== null) {
        $reps = 20;
        for ($i = 0; $i < $reps; $i++) {
            $b->set("rt_$i", $p8, ['pageId_' . $i, 'rt']);
        }
        ClusterFile\reset();
        $c0 = $counter();
        $c1 = $counter();
        $base = $c1 - $c0; // what reading the counter itself costs
        $measure = static function (string $op, ?callable $prep, callable $fn) use ($counter, $base, $reps, &$out): void {
            $total = 0;
            for ($i = 0; $i < $reps; $i++) {
                if ($prep) {
                    $prep($i);
                }
                $a = $counter();
                $fn($i);
                $total += $counter() - $a - $base;
            }
            $out[$op] = $total / $reps;
        };
        $measure('get_cold', static fn () => ClusterFile\reset(), static fn (int $i) => $b->get("rt_$i"));
        $b->get('rt_1');
        $measure('get_hot', null, static fn () => $b->get('rt_1'));
        $measure('has_cold', static fn () => ClusterFile\reset(), static fn (int $i) => $b->has("rt_$i"));
        $measure('has_hot', static fn (int $i) => $b->get("rt_$i"), static fn (int $i) => $b->has("rt_$i"));
        $measure('set', static fn () => ClusterFile\reset(), static fn (int $i) => $b->set("rt_$i", cfb_variant($p8, $i), ['pageId_' . $i, 'rt']));
        $measure('remove', static fn (int $i) => $b->set("rm_$i", $p8, ['pageId_1']), static fn (int $i) => $b->remove("rm_$i"));
        foreach ([10, 100] as $m) {
            $measure("flushByTag_m$m", static function (int $i) use ($b, $m): void {
                for ($j = 0; $j < $m; $j++) {
                    $b->set("ft{$m}_{$i}_$j", 'x', ["rtf{$m}_$i"]);
                }
            }, static fn (int $i) => $b->flushByTag("rtf{$m}_$i"));
        }
        $measure('flush', static fn () => $fb->set('x', 'y'), static fn () => $fb->flush());
        $measure('requireOnce_cold', static fn () => ClusterFile\reset(), static fn () => $pb->requireOnce('code_1'));
    }
    echo json_encode(['contender' => $kind, 'round_trips' => $out]), "\n";
    exit(0);
}

if ($mode === 'cg') {
    // Under callgrind (--toggle-collect=zim_ClusterFile_NativeBackend_<method>): $calls calls of one hot path.
    $op = $argv[3];
    $calls = (int)$argv[4];
    $b = cfb_contender($kind, "$root/pod", $scope);
    for ($i = 0; $i < 50; $i++) {
        $b->set("cg_$i", $p8, ['pageId_' . $i, 'cg']);
    }
    ClusterFile\reset();
    $b->has('cg_0');
    ClusterFile\reset();
    match ($op) {
        'get_cold' => (static function () use ($b, $calls): void {
            for ($i = 0; $i < $calls; $i++) {
                ClusterFile\reset();
                $b->get('cg_' . ($i % 50));
            }
        })(),
        'get_hot' => (static function () use ($b, $calls): void {
            for ($i = 0; $i < $calls; $i++) {
                $b->get('cg_1');
            }
        })(),
        'has_cold' => (static function () use ($b, $calls): void {
            for ($i = 0; $i < $calls; $i++) {
                ClusterFile\reset();
                $b->has('cg_' . ($i % 50));
            }
        })(),
        'set' => (static function () use ($b, $calls, $p8): void {
            for ($i = 0; $i < $calls; $i++) {
                $b->set('cw_' . ($i % 50), cfb_variant($p8, $i), ['pageId_' . ($i % 50)]);
            }
        })(),
    };
    exit(0);
}

fwrite(STDERR, "usage: worker.php main|conc|rt|cg ...\n");
exit(2);
