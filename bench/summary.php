<?php
/*
 * The markdown summary of one suite run (bench/suite.php): the main table, the ratios within the
 * run, the per-dimension tables, and what was measured how.
 */
declare(strict_types=1);

function cfb_summary(array $rows, array $rss, array $rt, array $ir, array $breakdown, array $env, array $meta, float $scale, int $winMs, array $short): string
{
    $find = static function (array $w) use ($rows): ?array {
        foreach ($rows as $r) {
            foreach ($w as $k => $v) {
                if (($r[$k] ?? null) !== $v) {
                    continue 2;
                }
            }
            return $r;
        }
        return null;
    };
    $med = static function (array $w) use ($find): ?float {
        $r = $find($w + ['c' => 1]);
        return $r && isset($r['median_ns']) && is_finite((float)$r['median_ns']) ? (float)$r['median_ns'] : null;
    };
    $fmt = static function (?float $ns): string {
        if ($ns === null) {
            return '-';
        }
        $us = $ns / 1000;
        return match (true) {
            $us >= 100000 => sprintf('%s ms', number_format($us / 1000, 0)),
            $us >= 1000 => sprintf('%.1f ms', $us / 1000),
            $us >= 10 => sprintf('%.0f µs', $us),
            $us >= 1 => sprintf('%.1f µs', $us),
            default => sprintf('%.2f µs', $us),
        };
    };
    $cell = static function (array $w) use ($find, $fmt): string {
        $r = $find($w + ['c' => 1]);
        if (!$r || !isset($r['median_ns'])) {
            return '-';
        }
        return $fmt((float)$r['median_ns']) . ' / ' . $fmt((float)$r['p99_ns']);
    };
    $ratio = static fn (?float $a, ?float $b): string => ($a !== null && $b !== null && $b > 0) ? sprintf('%.2fx', $a / $b) : 'n/a';
    $present = array_values(array_unique(array_column($rows, 'contender')));
    $contenders = array_values(array_intersect(CFB_CONTENDERS, $present));
    $floors = array_values(array_intersect(CFB_FLOORS, $present));
    $N = 10000;
    $P = '8KiB-html';
    $o = "# clusterfile benchmark\n\n";
    $o .= sprintf("Run of %s on %d CPUs (shared, noisy: compare ratios within this run, not absolute figures across runs), PHP %s, commit %s, scale %s; load average at the end %s. %s; %s; SQLite %s. The suite itself took %.0f s.\n\n",
        $env['date'], $env['host_cpus'], $env['php'], $env['commit'] ?: '?', $scale, implode(' ', array_map(static fn ($v) => sprintf('%.2f', $v), $env['load_average_at_end'])),
        $env['redis'], $env['mariadb'], $env['sqlite'], $env['suite_seconds']);
    $o .= "The SQLite, MariaDB and Redis contenders are this backend over the project's **stand-ins** of TYPO3's Typo3DatabaseBackend and RedisBackend (`tests/cluster/harness/typo3_runtime.php`), not over TYPO3's own classes: no figure here is a measurement of real TYPO3 backends.\n\n";
    $o .= "## Main table\n\n";
    $o .= "8 KiB HTML-like payload, one process, store holding n = 10,000 entries; median / p99 per call. flushByTag and flush at n = 100,000. Round trips: metadata-store requests per call (get / set / flushByTag m=10). Instructions: callgrind, per call of the method (cold get / hot get / has / set).\n\n";
    $o .= "| contender | cold get | hot get | has (cold) | set | remove | flushByTag m=1,000 | flush | cold get ops/s, 1 / 4 procs | round trips | instructions | peak RSS |\n";
    $o .= "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    foreach (array_merge($contenders, $floors) as $k) {
        $w = ['contender' => $k, 'payload' => $P];
        $nw = in_array($k, CFB_FLOORS, true) ? ['n' => 1000] : ['n' => $N];
        $coldOp = $k === 'apcu' ? 'get_hot' : 'get_cold';
        $c1 = $find(['contender' => $k, 'op' => 'get_cold', 'c' => 1, 'n' => 200]);
        $c4 = $find(['contender' => $k, 'op' => 'get_cold', 'c' => 4]);
        $ops = ($c1 ? number_format($c1['ops_s'], 0) : '-') . ' / ' . ($c4 ? number_format($c4['ops_s'], 0) : '-');
        $num = static fn ($v): string => $v === null ? '-' : rtrim(rtrim(sprintf('%.1f', $v), '0'), '.');
        $rtc = !empty($rt[$k]) ? sprintf('%s / %s / %s', $num($rt[$k]['get_cold'] ?? null), $num($rt[$k]['set'] ?? null), $num($rt[$k]['flushByTag_m10'] ?? null)) : ($k === 'sqlite' ? 'n/a' : '-');
        $irc = isset($ir[$k]) ? implode(' / ', array_map(static fn ($op) => isset($ir[$k][$op]) ? number_format($ir[$k][$op] / 1000, 1) . 'k' : '-', ['get_cold', 'get_hot', 'has_cold', 'set'])) : '-';
        $o .= sprintf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $short[$k],
            $k === 'apcu' ? '-' : $cell($w + $nw + ['op' => 'get_cold']),
            in_array($k, ['plainphp', 'phpredis'], true) ? '-' : $cell($w + $nw + ['op' => 'get_hot']),
            $cell($w + $nw + ['op' => $k === 'apcu' ? 'has_hot' : 'has_cold']), $cell($w + $nw + ['op' => 'set']), $cell($w + $nw + ['op' => 'remove']),
            $cell(['contender' => $k, 'op' => 'flushByTag', 'n' => 100000, 'm' => 1000]), $cell(['contender' => $k, 'op' => 'flush', 'n' => 100000]),
            $ops, $rtc, $irc, isset($rss[$k]) ? sprintf('%.0f MiB', $rss[$k] / 1048576) : '-');
    }
    $o .= "\nFloors: `plain PHP` reads the same payload's file (written with `compression => gzip`: PHP has no zstd) and checks its sha256 and inflates it; `phpredis` is GET / EXISTS / SET / DEL of the raw payload (one round trip: what TYPO3's RedisBackend costs at best); `APCu` is apcu_fetch / apcu_exists / apcu_store / apcu_delete in the process's own shared memory (the single-node ceiling: no cluster).\n\n";

    // ratios
    $g = static fn (string $k, string $op = 'get_cold', ?int $n = null, string $p = '8KiB-html') => $med(['contender' => $k, 'op' => $op, 'payload' => $p, 'n' => $n ?? (in_array($k, CFB_FLOORS, true) ? 1000 : 10000)]);
    $o .= "## Ratios (within this run)\n\n";
    $o .= "- cold get, 8 KiB, n = 10,000: Redis stand-in / native = **" . $ratio($g('redis'), $g('native')) . "**; MariaDB stand-in / native = " . $ratio($g('mariadb'), $g('native'))
        . "; SQLite stand-in / native = " . $ratio($g('sqlite'), $g('native')) . "; native / in-process = " . $ratio($g('native'), $g('inproc')) . "\n";
    $o .= "- native cold get / phpredis GET of the same 8 KiB = **" . $ratio($g('native'), $g('phpredis')) . "** (512 B: " . $ratio($g('native', 'get_cold', 100000, '512B-html'), $g('phpredis', 'get_cold', 1000, '512B-html'))
        . ", 128 KiB: " . $ratio($g('native', 'get_cold', 100000, '128KiB-html'), $g('phpredis', 'get_cold', 1000, '128KiB-html')) . ")\n";
    $o .= "- cold get / plain PHP read + sha256 + inflate of 8 KiB: in-process " . $ratio($g('inproc'), $g('plainphp')) . ", native " . $ratio($g('native'), $g('plainphp')) . "; 128 KiB HTML: in-process "
        . $ratio($g('inproc', 'get_cold', 100000, '128KiB-html'), $g('plainphp', 'get_cold', 1000, '128KiB-html')) . "\n";
    $o .= "- hot get (payload L1) / APCu fetch, 8 KiB: native " . $ratio($g('native', 'get_hot'), $g('apcu', 'get_hot')) . ", in-process " . $ratio($g('inproc', 'get_hot'), $g('apcu', 'get_hot')) . "\n";
    $o .= "- set, 8 KiB: Redis stand-in / native = " . $ratio($g('redis', 'set'), $g('native', 'set')) . "; native / phpredis SET = " . $ratio($g('native', 'set'), $g('phpredis', 'set')) . "\n";
    $o .= "- flushByTag flatness (median, m = 1,000 over m = 10 at n = 100,000; and n = 100,000 over n = 1,000 at m = 1,000):";
    foreach ($contenders as $k) {
        $f = static fn (int $n, int $m) => $med(['contender' => $k, 'op' => 'flushByTag', 'n' => $n, 'm' => $m]);
        $o .= sprintf(' %s %s and %s;', $short[$k], $ratio($f(100000, 1000), $f(100000, 10)), $ratio($f(100000, 1000), $f(1000, 1000)));
    }
    $o = rtrim($o, ';') . "\n";
    $o .= "- flushByTag m = 1,000 at n = 100,000: Redis stand-in / native = **" . $ratio($med(['contender' => 'redis', 'op' => 'flushByTag', 'n' => 100000, 'm' => 1000]), $med(['contender' => 'native', 'op' => 'flushByTag', 'n' => 100000, 'm' => 1000])) . "**\n";
    $o .= "- 4 processes / 1 process, aggregate cold get ops/s:";
    foreach (array_merge($contenders, $floors) as $k) {
        $a = $find(['contender' => $k, 'op' => $k === 'apcu' ? 'get_hot' : 'get_cold', 'c' => 4]);
        $b = $find(['contender' => $k, 'op' => $k === 'apcu' ? 'get_hot' : 'get_cold', 'c' => 1, 'n' => 200]);
        $o .= sprintf(' %s %s;', $short[$k], $a && $b ? sprintf('%.2fx', $a['ops_s'] / $b['ops_s']) : 'n/a');
    }
    $o = rtrim($o, ';') . " (2 CPUs: above 2x cannot be expected)\n\n";

    // flushByTag table
    $o .= "## flushByTag: median / p99 of one call\n\n| contender | n | m = 10 | m = 100 | m = 1,000 |\n|---|---|---|---|---|\n";
    foreach ($contenders as $k) {
        foreach ([1000, 10000, 100000] as $n) {
            $o .= sprintf("| %s | %s | %s | %s | %s |\n", $short[$k], number_format($n), $cell(['contender' => $k, 'op' => 'flushByTag', 'n' => $n, 'm' => 10]),
                $cell(['contender' => $k, 'op' => 'flushByTag', 'n' => $n, 'm' => 100]), $cell(['contender' => $k, 'op' => 'flushByTag', 'n' => $n, 'm' => 1000]));
        }
    }
    $o .= "\n![flushByTag against m and n](flushbytag.png)\n\n";
    // working set
    $o .= "## Store size n: cold get, has, set, remove, flush (median / p99)\n\n| contender | n | cold get | has (cold) | set | remove | flush (one call) |\n|---|---|---|---|---|---|---|\n";
    foreach ($contenders as $k) {
        foreach ([1000, 10000, 100000] as $n) {
            $w = ['contender' => $k, 'payload' => $P, 'n' => $n];
            $o .= sprintf("| %s | %s | %s | %s | %s | %s | %s |\n", $short[$k], number_format($n), $cell($w + ['op' => 'get_cold']), $cell($w + ['op' => 'has_cold']),
                $cell($w + ['op' => 'set']), $cell($w + ['op' => 'remove']), $fmt($med(['contender' => $k, 'op' => 'flush', 'n' => $n])));
        }
    }
    // payload sizes
    $o .= "\n## Payload size: cold get / hot get / set (median)\n\n| contender | " . implode(' | ', array_keys(CFB_PAYLOADS)) . " |\n|---|" . str_repeat('---|', count(CFB_PAYLOADS)) . "\n";
    foreach (array_merge($contenders, $floors) as $k) {
        $line = '| ' . $short[$k] . ' |';
        foreach (array_keys(CFB_PAYLOADS) as $p) {
            $n = in_array($k, CFB_FLOORS, true) ? 1000 : 100000;
            $parts = [];
            foreach (['get_cold', 'get_hot', 'set'] as $op) {
                $v = $med(['contender' => $k, 'op' => $op, 'payload' => $p, 'n' => $n]);
                $parts[] = $fmt($v);
            }
            $line .= ' ' . implode(' / ', $parts) . ' |';
        }
        $o .= $line . "\n";
    }
    $o .= "\n![cold get latency against payload size](get_payload.png)\n\n";
    // disk
    $o .= "## Bytes on disk per entry (one payload file; the metadata store's bytes not included)\n\n| payload | file size | allocated (st_blocks) |\n|---|---|---|\n";
    foreach (array_keys(CFB_PAYLOADS) as $p) {
        $r = $find(['contender' => $contenders[0] ?? 'native', 'op' => 'disk', 'payload' => $p]);
        $o .= sprintf("| %s | %s | %s |\n", $p, $r ? number_format($r['file_bytes']) . ' B' : '-', $r ? number_format($r['disk_bytes']) . ' B' : '-');
    }
    $o .= "\nEntries with the same payload share one file (content addressed); payloads under `minCompressedBytes` (1 KiB) are stored uncompressed, zstd otherwise (level 3).\n\n";
    // breakdown
    if ($breakdown) {
        $o .= "## Cost breakdown of one cold get (8 KiB HTML-like, callgrind, thousand instructions per call)\n\n| contender | metadata | read | verify (sha256) | decode (zstd) | other | total |\n|---|---|---|---|---|---|---|\n";
        foreach ($breakdown as $k => $p) {
            $o .= sprintf("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |\n", $short[$k], $p['metadata'] / 1000, $p['read'] / 1000, $p['verify'] / 1000, $p['decode'] / 1000, $p['other'] / 1000, array_sum($p) / 1000);
        }
        $o .= "\nmetadata = `cf_load_record` inclusive (for the in-process contender that includes running the PHP metadata frontend; for native the hiredis round trip's client side and the record's HMAC check), read = `cf_store_read_verified` (the read syscalls' kernel time is not an instruction count), verify = `cf_sha256_hex`, decode = `cf_codec_decode`; other = the rest of `get()` (argument checks, key derivation, L1 bookkeeping). Time spent waiting for the server is not in an instruction count.\n\n![cost breakdown of one cold get](breakdown.png)\n\n";
    }
    // round trips
    $o .= "## Metadata round trips per call\n\n| contender | get (cold) | get (hot) | has (cold) | has after get | set | remove | flushByTag m=10 | m=100 | flush | requireOnce (cold) | counted as |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    $how = ['inproc' => 'calls into the in-process metadata frontend', 'redis' => 'redis INFO total_commands_processed', 'native' => 'redis INFO commandstats evalsha + eval',
        'mariadb' => 'SHOW GLOBAL STATUS Questions', 'sqlite' => 'n/a: the stand-in does not expose its query count (it runs the same statements as on MariaDB)'];
    foreach ($contenders as $k) {
        $v = $rt[$k] ?? [];
        $line = '| ' . $short[$k] . ' |';
        foreach (['get_cold', 'get_hot', 'has_cold', 'has_hot', 'set', 'remove', 'flushByTag_m10', 'flushByTag_m100', 'flush', 'requireOnce_cold'] as $op) {
            $line .= ' ' . (isset($v[$op]) ? rtrim(rtrim(sprintf('%.2f', $v[$op]), '0'), '.') : 'n/a') . ' |';
        }
        $o .= $line . ' ' . $how[$k] . " |\n";
    }
    $o .= "\nRedis stand-in figures are commands (each its own round trip: the stand-in does not pipeline); MariaDB's are statements. The native path runs one server-side script per call.\n\n";
    // requireOnce
    $o .= "## requireOnce (PhpFrontend entry, a small file)\n\n| contender | cold (new unit of work) | hot (same unit of work) |\n|---|---|---|\n";
    foreach ($contenders as $k) {
        $o .= sprintf("| %s | %s | %s |\n", $short[$k], $cell(['contender' => $k, 'op' => 'requireOnce_cold']), $cell(['contender' => $k, 'op' => 'requireOnce_hot']));
    }
    // method
    $o .= "\n## What was measured, with which n\n\n";
    $o .= "- Every contender runs in a process of its own (peak RSS = that process's VmHWM, the in-process contender's includes its in-memory metadata of about 220,000 records). Payload files live on tmpfs (`CFB_LOCAL_DIR`, default /dev/shm: an `emptyDir` with `medium: Memory`) and so do the servers' data directories: the disk of a shared VM would dominate and vary. The servers run on 127.0.0.1, started by scripts/bench.sh.\n";
    $o .= "- **cold** = the request's L1s emptied (`ClusterFile\\reset()`, not timed) before the call, file in the page cache; **hot** = the same entry again in the same unit of work (payload / metadata L1). Each timed call is one `hrtime()` pair (its overhead, about 0.05 µs, is in the figures).\n";
    $o .= "- **n** (1,000 / 10,000 / 100,000) is the size of the store: 1,000 entries written by `set()` through the backend (the timed reads pick one of them at random), the rest cloned at the storage level from one entry the backend wrote (rows, keys, index and tag entries as the backend writes them; never read). A cell stops after its time budget (" . sprintf('%.1f', 0.6 * $scale) . " s for a cold get) or its sample cap: the `samples` column of results.csv says how many calls each median and p99 rest on (p99 of few samples is close to their maximum).\n";
    $o .= "- **flushByTag**: m - 1 cloned entries plus one written by `set()` carry a fresh tag; one call timed per repetition (15 / 10 / 5 repetitions for m = 10 / 100 / 1,000 at scale 1); the written entry must be gone afterwards (`not_flushed` in results.csv). **flush**: one call on a cache of its own holding n entries.\n";
    $o .= "- **set** writes a new content each call (a re-render: a new file); **remove** removes an entry written (untimed) just before.\n";
    $o .= sprintf("- **1 and 4 processes**: C processes of one pod (one localPath, one metadata store; the in-process contender's metadata is per process), 200 entries each, the same operation in the same %.1f s window; ops/s is the sum over the processes, the latencies are pooled.\n", $winMs / 1000);
    $o .= "- **instructions**: `valgrind --tool=callgrind --toggle-collect=zim_ClusterFile_NativeBackend_<method>`, inclusive instructions divided by calls (the hot get as the difference to a run with one call).\n";
    $o .= "- **round trips**: requests the store processed during the call, the counter's own reads subtracted, averaged over 20 calls.\n";
    $miss = array_sum(array_map(static fn ($r) => (int)($r['misses'] ?? 0), $rows));
    $o .= "- every timed cold get must be a hit: misses over all cold get cells of this run: $miss (`misses` in results.csv).\n";
    $wr = array_filter(array_map(static fn ($m) => $m['write_rejected'] ?? null, $meta));
    if ($wr) {
        $o .= '- writes refused by the native guard during the run: ' . json_encode($wr) . "\n";
    }
    return $o;
}
