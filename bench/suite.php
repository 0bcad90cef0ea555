<?php
/*
 * The benchmark suite's driver (scripts/bench.sh starts the servers and calls this):
 *   php suite.php <out dir> [scale]
 * Runs bench/worker.php once per contender and floor (the single-process matrix), then the
 * concurrent windows (1 and 4 processes), the round-trip counts and the callgrind runs, and writes
 * results.csv, results.json, summary.md and the charts (gnuplot) into <out dir>.
 * scale < 1 shortens every timed cell (a smoke run); the full run is scale 1.
 */
declare(strict_types=1);

require __DIR__ . '/lib.php';

$out = $argv[1] ?? '';
$scale = (float)($argv[2] ?? 1);
if ($out === '' || !is_dir($out)) {
    fwrite(STDERR, "usage: suite.php <existing out dir> [scale]\n");
    exit(2);
}
$ext = getenv('CFB_PHP_ARGS') ?: '';
$php = PHP_BINARY . ' ' . $ext;
$worker = __DIR__ . '/worker.php';
$local = cfb_env('CFB_LOCAL_DIR', sys_get_temp_dir() . '/cfb-local');
@mkdir($local, 0700, true);
$t0 = microtime(true);

function say(string $s): void
{
    fwrite(STDERR, sprintf('[%6.1fs] %s', microtime(true) - $GLOBALS['t0'], $s) . "\n");
}

function run_json(string $cmd): array
{
    $o = shell_exec($cmd);
    $j = is_string($o) ? json_decode(trim((string)strrchr("\n" . trim($o), "\n")), true) : null;
    if (!is_array($j)) {
        throw new RuntimeException("worker failed: $cmd\n" . substr((string)$o, -2000));
    }
    return $j;
}

$rows = [];
$rss = [];
$meta = [];
$all = array_merge(CFB_CONTENDERS, CFB_FLOORS);
$only = array_filter(explode(',', cfb_env('CFB_ONLY')));
if ($only) {
    $all = array_values(array_intersect($all, $only));
}

/* ---- 1. one process per contender: the matrix ---- */
foreach ($all as $k) {
    say("main: $k");
    $j = run_json("$php " . escapeshellarg($worker) . " main $k $scale");
    foreach ($j['rows'] as $r) {
        $rows[] = $r;
    }
    $rss[$k] = $j['peak_rss'];
    $meta[$k] = $j['meta'];
}

/* ---- 2. concurrent windows: C processes of one pod, the same operation in the same window ---- */
$winMs = (int)max(200, round(900 * $scale));
foreach ([1, 4] as $c) {
    foreach ($all as $k) {
        say("concurrency $c: $k");
        $dir = "$local/conc-$k-$c";
        cfb_rmtree($dir);
        mkdir($dir, 0700, true);
        $procs = [];
        for ($i = 0; $i < $c; $i++) {
            $procs[$i] = proc_open("$php " . escapeshellarg($worker) . " conc $k $i " . escapeshellarg($dir) . " $winMs",
                [1 => ['pipe', 'w'], 2 => ['file', "$dir/err$i", 'w']], $pipes[$i]);
        }
        $deadline = microtime(true) + 120;
        while (count(glob("$dir/ready*")) < $c && microtime(true) < $deadline) {
            usleep(20000);
        }
        file_put_contents("$dir/go", sprintf('%.6f', microtime(true) + 0.2));
        $res = [];
        for ($i = 0; $i < $c; $i++) {
            $o = stream_get_contents($pipes[$i][1]);
            fclose($pipes[$i][1]);
            proc_close($procs[$i]);
            $j = json_decode(trim($o), true);
            if (!is_array($j)) {
                throw new RuntimeException("concurrent worker $k/$i failed: " . @file_get_contents("$dir/err$i"));
            }
            $res[] = $j;
        }
        foreach ($res[0]['ops'] as $op => $_) {
            $s = [];
            $count = 0;
            foreach ($res as $j) {
                $count += count($j['ops'][$op]['samples']);
                array_push($s, ...$j['ops'][$op]['samples']);
            }
            sort($s);
            $rows[] = ['contender' => $k, 'op' => $op, 'payload' => '8KiB-html', 'n' => 200 * $c, 'c' => $c, 'samples' => $count,
                'median_ns' => cfb_pct($s, 50), 'p99_ns' => cfb_pct($s, 99), 'mean_ns' => array_sum($s) / max(1, $count),
                'ops_s' => $count / ($winMs / 1000), 'window_s' => $winMs / 1000];
        }
        $rss["$k/c$c"] = max(array_column($res, 'peak_rss'));
        cfb_rmtree($dir);
    }
}

/* ---- 3. metadata round trips per operation ---- */
$rt = [];
foreach (array_intersect(CFB_CONTENDERS, $all) as $k) {
    say("round trips: $k");
    $rt[$k] = run_json("$php " . escapeshellarg($worker) . " rt $k")['round_trips'];
}

/* ---- 4. instructions per call (callgrind) of the hot paths, and the cold get's breakdown ---- */
$ir = [];
$breakdown = [];
$fnOf = ['get_cold' => 'get', 'get_hot' => 'get', 'has_cold' => 'has', 'set' => 'set'];
// calls of the toggled method per run: the worker's setup calls count too (50 set(), 1 has())
$calls = ['get_cold' => 300, 'get_hot' => 2000, 'has_cold' => 300, 'set' => 200];
$setup = ['get_cold' => 0, 'get_hot' => 0, 'has_cold' => 1, 'set' => 50];

/** Inclusive Ir of each function in $fns from a callgrind output file. */
function cg_inclusive(string $file, array $fns): array
{
    $txt = (string)shell_exec('callgrind_annotate --inclusive=yes --threshold=100 ' . escapeshellarg($file) . ' 2>/dev/null');
    $res = ['total' => 0];
    if (preg_match('/^\s*([\d,]+)\s.*PROGRAM TOTALS/m', $txt, $m)) {
        $res['total'] = (int)str_replace(',', '', $m[1]);
    }
    foreach ($fns as $f) {
        $res[$f] = 0;
        if (preg_match_all('/^\s*([\d,]+)\s.*:' . preg_quote($f, '/') . '( |$)/m', $txt, $mm)) {
            foreach ($mm[1] as $v) {
                $res[$f] = max($res[$f], (int)str_replace(',', '', $v));
            }
        }
    }
    return $res;
}

$cgRun = static function (string $k, string $op, int $n) use ($php, $worker, $fnOf, $local): array {
    $file = "$local/callgrind.$k.$op.$n.out";
    shell_exec('cd ' . escapeshellarg($local) . ' && valgrind --tool=callgrind -q --callgrind-out-file=' . escapeshellarg($file)
        . ' --toggle-collect=zim_ClusterFile_NativeBackend_' . $fnOf[$op] . " $php " . escapeshellarg($worker) . " cg $k $op $n 2>&1");
    $r = cg_inclusive($file, ['cf_load_record', 'cf_store_read_verified', 'cf_sha256_hex', 'cf_codec_decode']);
    @unlink($file);
    return $r;
};
if (cfb_env('CFB_SKIP_CALLGRIND') === '') {
    foreach (array_intersect(['inproc', 'native'], $all) as $k) {
        foreach ($fnOf as $op => $fn) {
            say("callgrind: $k $op");
            $n = max(20, (int)round($calls[$op] * min(1, $scale * 4)));
            $r = $cgRun($k, $op, $n);
            if ($op === 'get_hot') {
                // the loop's first get() reads the file: take the difference to a one-call run
                $r1 = $cgRun($k, $op, 1);
                $ir[$k][$op] = ($r['total'] - $r1['total']) / ($n - 1);
            } else {
                $ir[$k][$op] = $r['total'] / ($n + $setup[$op]);
            }
            if ($op === 'get_cold') {
                $per = static fn (int $v): float => $v / $n;
                $parts = [
                    'metadata' => $per($r['cf_load_record']),
                    'read' => $per($r['cf_store_read_verified']),
                    'verify' => $per($r['cf_sha256_hex']),
                    'decode' => $per($r['cf_codec_decode']),
                ];
                $parts['other'] = max(0, $per($r['total']) - array_sum($parts));
                $breakdown[$k] = $parts;
            }
        }
    }
}

/* ---- 5. results ---- */
$ms = static fn ($ns): string => is_finite((float)$ns) ? sprintf('%.3f', $ns / 1e6) : '';
$us = static fn ($ns): string => is_finite((float)$ns) ? sprintf('%.2f', $ns / 1e3) : '';
foreach ($rows as &$r) {
    $r['label'] = CFB_LABELS[$r['contender']];
    $r['m'] ??= '';
    if (($r['c'] ?? 1) === 1 && isset($ir[$r['contender']][$r['op']]) && $r['payload'] === '8KiB-html' && ($r['n'] ?? 0) === 1000) {
        $r['instr_per_op'] = round($ir[$r['contender']][$r['op']]);
    }
    $rtKey = $r['op'] === 'flushByTag' ? 'flushByTag_m' . $r['m'] : $r['op'];
    if (isset($rt[$r['contender']][$rtKey])) {
        $r['round_trips'] = $rt[$r['contender']][$rtKey];
    }
    $r['peak_rss'] = $rss[$r['contender'] . (($r['c'] ?? 1) > 1 || isset($r['window_s']) ? '/c' . $r['c'] : '')] ?? null;
}
unset($r);
$cols = ['contender', 'label', 'op', 'payload', 'n', 'm', 'c', 'samples', 'median_us', 'p99_us', 'ops_s', 'peak_rss_bytes',
    'instr_per_op', 'round_trips', 'file_bytes', 'disk_bytes', 'not_flushed', 'misses'];
$csv = fopen("$out/results.csv", 'w');
fputcsv($csv, $cols);
foreach ($rows as $r) {
    fputcsv($csv, [$r['contender'], $r['label'], $r['op'], $r['payload'], $r['n'], $r['m'], $r['c'], $r['samples'] ?? '',
        isset($r['median_ns']) ? $us($r['median_ns']) : '', isset($r['p99_ns']) ? $us($r['p99_ns']) : '',
        isset($r['ops_s']) && is_finite((float)$r['ops_s']) ? round($r['ops_s']) : '', $r['peak_rss'] ?? '', $r['instr_per_op'] ?? '',
        $r['round_trips'] ?? '', $r['file_bytes'] ?? '', $r['disk_bytes'] ?? '', $r['not_flushed'] ?? '', $r['misses'] ?? '']);
}
fclose($csv);
$wall = microtime(true) - $t0;
$env = [
    'date' => gmdate('c'), 'php' => PHP_VERSION, 'host_cpus' => (int)trim((string)shell_exec('nproc')),
    'load_average_at_end' => sys_getloadavg(), 'scale' => $scale, 'suite_seconds' => round($wall, 1),
    'commit' => trim((string)shell_exec('git -C ' . escapeshellarg(__DIR__) . ' rev-parse --short HEAD 2>/dev/null')),
    'redis' => trim((string)shell_exec('redis-server --version')), 'mariadb' => trim((string)shell_exec('mariadbd --version')),
    'sqlite' => (new PDO('sqlite::memory:'))->query('select sqlite_version()')->fetchColumn(),
];
file_put_contents("$out/results.json", json_encode(['env' => $env, 'labels' => CFB_LABELS, 'rows' => $rows, 'peak_rss' => $rss,
    'round_trips' => $rt, 'instructions_per_call' => $ir, 'cold_get_breakdown_instructions' => $breakdown, 'worker_meta' => $meta],
    JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");

/* ---- 6. charts ---- */
$find = static function (array $w) use ($rows): ?array {
    foreach ($rows as $r) {
        $ok = true;
        foreach ($w as $k => $v) {
            if (($r[$k] ?? null) !== $v) {
                $ok = false;
                break;
            }
        }
        if ($ok) {
            return $r;
        }
    }
    return null;
};
$med = static function (array $w) use ($find): ?float {
    $r = $find($w);
    return $r && isset($r['median_ns']) && is_finite((float)$r['median_ns']) ? (float)$r['median_ns'] : null;
};
$contenders = array_values(array_intersect(CFB_CONTENDERS, $all));
$short = ['inproc' => 'in-process', 'sqlite' => 'SQLite (stand-in)', 'mariadb' => 'MariaDB (stand-in)', 'redis' => 'Redis (stand-in)',
    'native' => 'native (metadataDsn)', 'plainphp' => 'plain PHP read+sha256+inflate', 'phpredis' => 'phpredis GET', 'apcu' => 'APCu fetch'];
$gp = [];
// flushByTag against m, one panel per n
$dat = "# m " . implode(' ', $contenders) . "\n";
foreach ([1000, 10000, 100000] as $n) {
    foreach ([10, 100, 1000] as $m) {
        $line = "$n $m";
        foreach ($contenders as $k) {
            $v = $med(['contender' => $k, 'op' => 'flushByTag', 'n' => $n, 'm' => $m, 'c' => 1]);
            $line .= ' ' . ($v === null ? 'NaN' : sprintf('%.4f', $v / 1e6));
        }
        $dat .= $line . "\n";
    }
    $dat .= "\n\n";
}
file_put_contents("$out/flushbytag.dat", $dat);
$plots = [];
foreach ($contenders as $i => $k) {
    $plots[] = "'flushbytag.dat' index IDX using 2:" . ($i + 3) . " with linespoints lw 2 title '" . $short[$k] . "'";
}
$g = "set terminal pngcairo size 1500,480 font 'sans,10'\nset output 'flushbytag.png'\nset multiplot layout 1,3 title 'flushByTag(): median time of one call against m (entries carrying the tag), per store size n'\n"
    . "set logscale xy\nset xlabel 'm'\nset ylabel 'ms'\nset grid\nset key top left\nset xrange [5:2000]\n";
foreach ([0 => '1,000', 1 => '10,000', 2 => '100,000'] as $idx => $nl) {
    $g .= "set title 'n = $nl entries'\nplot " . str_replace('IDX', (string)$idx, implode(', ', $plots)) . "\n";
}
$gp['flushbytag.gp'] = $g . "unset multiplot\n";
// cold get latency against payload size (html and incompressible)
$kinds = array_merge($contenders, array_values(array_intersect(['plainphp', 'phpredis', 'apcu'], $all)));
$dat = '';
foreach (['html', 'rand'] as $pk) {
    foreach ([512 => '512B', 8192 => '8KiB', 131072 => '128KiB'] as $size => $pl) {
        $line = "$size";
        foreach ($kinds as $k) {
            $op = $k === 'apcu' ? 'get_hot' : 'get_cold';
            $v = $med(['contender' => $k, 'op' => $op, 'payload' => "$pl-$pk", 'c' => 1]);
            $line .= ' ' . ($v === null ? 'NaN' : sprintf('%.3f', $v / 1e3));
        }
        $dat .= $line . "\n";
    }
    $dat .= "\n\n";
}
file_put_contents("$out/get_payload.dat", $dat);
$plots = [];
foreach ($kinds as $i => $k) {
    $dash = in_array($k, CFB_FLOORS, true) ? ' dt 2' : '';
    $plots[] = "'get_payload.dat' index IDX using 1:" . ($i + 2) . " with linespoints lw 2$dash title '" . $short[$k] . "'";
}
$g = "set terminal pngcairo size 1300,500 font 'sans,10'\nset output 'get_payload.png'\nset multiplot layout 1,2 title 'cold get() (L1s empty, file in the page cache): median latency against payload size; floors dashed'\n"
    . "set logscale xy\nset xlabel 'payload bytes'\nset ylabel 'microseconds'\nset grid\nset key top left font 'sans,9'\nset xtics ('512 B' 512, '8 KiB' 8192, '128 KiB' 131072)\nset xrange [400:170000]\n";
foreach ([0 => 'HTML-like (compressible)', 1 => 'incompressible'] as $idx => $t) {
    $g .= "set title '$t'\nplot " . str_replace('IDX', (string)$idx, implode(', ', $plots)) . "\n";
}
$gp['get_payload.gp'] = $g . "unset multiplot\n";
// cold get breakdown (instructions)
if ($breakdown) {
    $dat = "# contender metadata read verify decode other\n";
    foreach ($breakdown as $k => $p) {
        $dat .= '"' . $short[$k] . '" ' . implode(' ', array_map(static fn ($v) => sprintf('%.0f', $v / 1000), $p)) . "\n";
    }
    file_put_contents("$out/breakdown.dat", $dat);
    $gp['breakdown.gp'] = "set terminal pngcairo size 800,450 font 'sans,10'\nset output 'breakdown.png'\n"
        . "set title 'One cold get() of 8 KiB (HTML-like, zstd): thousands of instructions (callgrind)'\nset style data histograms\nset style histogram rowstacked\n"
        . "set style fill solid 0.8 border -1\nset boxwidth 0.5\nset ylabel 'thousand instructions per call'\nset key outside right\nset grid ytics\nset yrange [0:*]\n"
        . "plot 'breakdown.dat' using 2:xtic(1) title 'metadata', '' using 3 title 'read', '' using 4 title 'verify (sha256)', '' using 5 title 'decode', '' using 6 title 'other'\n";
}
foreach ($gp as $f => $g) {
    file_put_contents("$out/$f", $g);
    shell_exec('cd ' . escapeshellarg($out) . ' && gnuplot ' . escapeshellarg($f) . ' 2>&1');
}

/* ---- 7. summary.md ---- */
require __DIR__ . '/summary.php';
file_put_contents("$out/summary.md", cfb_summary($rows, $rss, $rt, $ir, $breakdown, $env, $meta, $scale, $winMs, $short));
say('done: ' . $out);
