--TEST--
Crash safety: a writer process SIGKILLed at random points while writing large payloads, 1000 times (compression none, then zstd), never lets a reader see a torn or partial payload, leaves nothing but whole payload files and ".cfb.tmp.*" temp files, and collectGarbage() removes the stale temp files
--DESCRIPTION--
One shared localPath and one shared FileMetaFrontend directory (tests/inc/file_metadata.inc). A
child writer process (the running test's PHP binary and arguments) loops forever setting large
self-verifying payloads ("id=<id>;seq=<variant>;" + 64..512 KiB of partly incompressible filler +
";sha1=<sha1 of everything before>") under a few identifiers. The payload of an (identifier,
variant) pair is deterministic and there are 16 variants per identifier, so the content-addressed
store stays bounded (identical rewrites still go through temp file + rename).

Each round: start the writer, wait for its "ready <pid>" line (the backend is constructed, the
write loop starts next, so the kill lands in the write loop, not in PHP's start-up), sleep a
random 0..20 ms, SIGKILL it (proc_terminate($p, 9)), reap it and
check it died of SIGKILL. The writer is started with the array form of proc_open (no shell), so the
signal goes to the PHP process itself; its pid must equal the one it reports. After every kill a
reader backend (reset(), no payload L1) gets every identifier: each value must be false or whole.

Afterwards: the store holds only payload files and temp files; every record names an existing file
whose size and sha256 match the record; every payload file, also the orphans no record names (a
kill between the rename and the metadata write, or an overwritten entry), decodes to a whole value
(read through a probe record forged from a real one). Then the temp files are aged by two hours
and collectGarbage() must remove every one of them and leave every payload intact.

The normal pass does 1000 kills (500 per compression, about 30 s). Under valgrind (run-tests -m,
which sets USE_ZEND_ALLOC=0) the writers run under valgrind too (run-tests passes
--trace-children=yes): a start costs about 1.5 s and the first set() some 0.3..0.6 s, so that pass
does 50 kills after a random 0..800 ms each (a few minutes in all); the full 1000 is the normal pass.
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';
require __DIR__ . '/../inc/file_metadata.inc';

use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

$valgrind = getenv('USE_ZEND_ALLOC') === '0';
$kills = $valgrind ? 50 : 1000;
$maxSleepUs = $valgrind ? 800000 : 20000;
$ids = ['alpha', 'beta', 'gamma', 'delta'];
$work = cf_tmpdir('sigkill');
$store = "$work/store";
$metaDir = "$work/meta";
$writer = "$work/writer.php";
file_put_contents($writer, '<?php
require ' . var_export(__DIR__ . '/../inc/bootstrap.inc', true) . ';
require ' . var_export(__DIR__ . '/../inc/file_metadata.inc', true) . ';
use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

[, $metaDir, $localPath, $compression] = $argv;
$ids = array_slice($argv, 4);
$b = new ClusterFileBackend(["localPath" => $localPath, "metadataCache" => new FileMetaFrontend($metaDir),
    "namespace" => ["environment" => "testing", "instance" => "phpt"], "compression" => $compression,
    "minCompressedBytes" => 0, "payloadL1MaxEntries" => 0]);
new VariableFrontend("pages", $b);

/* Deterministic per (id, variant): 64..512 KiB, about half incompressible (seeded PRNG bytes), half repetitive. */
function payload(string $id, int $v): string
{
    static $memo = [];
    if (isset($memo["$id/$v"])) {
        return $memo["$id/$v"];
    }
    $seed = md5("$id/$v", true);
    $size = 65536 + (crc32("$id/$v") % (448 * 1024));
    $head = "id=$id;seq=$v;";
    $noise = intdiv($size, 2);
    $body = $head . (new Random\Randomizer(new Random\Engine\Xoshiro256StarStar($seed . $seed)))->getBytes($noise);
    $body .= substr(str_repeat(bin2hex($seed) . "|", intdiv($size, 33) + 1), 0, max(0, $size - strlen($body)));
    return $memo["$id/$v"] = $body . ";sha1=" . sha1($body);
}

mt_srand(getmypid() ^ hrtime(true));
echo "ready ", getmypid(), "\n";
flush();
for (;;) {
    $id = $ids[mt_rand(0, count($ids) - 1)];
    $b->set($id, payload($id, mt_rand(0, 15)), ["t_$id"], 0);
}
');

/* The argv of cf_php_command() split by the shell once, so proc_open can take the array form (no shell in between). */
$p = proc_open(['/bin/sh', '-c', 'printf "%s\0" ' . cf_php_command($writer)], [1 => ['pipe', 'w']], $pp);
$argv0 = explode("\0", rtrim(stream_get_contents($pp[1]), "\0"));
fclose($pp[1]);
proc_close($p);

/** false, or a whole value written for $id. */
function cf_whole(mixed $v, string $id): bool
{
    if (!is_string($v) || ($p = strrpos($v, ';sha1=')) === false) {
        return false;
    }
    $body = substr($v, 0, $p);
    return sha1($body) === substr($v, $p + 6) && strlen($body) >= 65536 && strlen($body) <= 65536 + 448 * 1024
        && preg_match('/^id=' . preg_quote($id, '/') . ';seq=(\d|1[0-5]);/', $body) === 1;
}

$meta = new FileMetaFrontend($metaDir);
$opts = ['localPath' => $store, 'metadataCache' => $meta, 'payloadL1MaxEntries' => 0,
    'namespace' => ['environment' => 'testing', 'instance' => 'phpt']];
$reader = new ClusterFileBackend($opts);
new VariableFrontend('pages', $reader);

$c = ['kills' => 0, 'reads' => 0, 'hits' => 0, 'misses' => 0, 'violations' => 0, 'not_killed' => 0, 'pid_mismatch' => 0];
$lived = 0;
$t0 = hrtime(true);
for ($round = 0; $round < $kills; $round++) {
    $compression = $round < $kills / 2 ? 'none' : 'zstd';
    $cmd = array_merge($argv0, [$metaDir, $store, $compression], $ids);
    $proc = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', "$work/writer.err", 'a']], $pipes);
    $line = fgets($pipes[1]);
    $pid = proc_get_status($proc)['pid'];
    if ($line !== "ready $pid\n") {
        $c['pid_mismatch']++;
        echo "round $round: writer said ", var_export($line, true), ", proc_open pid $pid\n";
    }
    usleep(random_int(0, $maxSleepUs));
    proc_terminate($proc, 9);
    while (($st = proc_get_status($proc))['running']) {
        usleep(100);
    }
    fclose($pipes[1]);
    proc_close($proc);
    if ($st['signaled'] && $st['termsig'] === 9) {
        $c['kills']++;
    } else {
        $c['not_killed']++;
        echo "round $round: writer was not killed: ", json_encode($st), "\n";
    }

    $reader->reset();
    foreach ($ids as $id) {
        $v = $reader->get($id);
        $c['reads']++;
        if ($v === false) {
            $c['misses']++;
        } elseif (cf_whole($v, $id)) {
            $c['hits']++;
        } else {
            $c['violations']++;
            echo "round $round: torn value for $id: ", strlen((string) $v), ' bytes, ', substr(bin2hex((string) $v), 0, 60), "\n";
        }
    }
}
$elapsed = (hrtime(true) - $t0) / 1e9;

/** [payload files, temp files, other files] under $store. */
function cf_classify(string $store): array
{
    $payloads = $temps = $other = [];
    foreach (cf_files($store) as $f) {
        $rel = substr($f, strlen($store) + 1);
        if (preg_match('#^[0-9a-f]{2}/([0-9a-f]{64})$#D', $rel, $m) && substr($m[1], 0, 2) === substr($rel, 0, 2)) {
            $payloads[$m[1]] = $f;
        } elseif (preg_match('#^[0-9a-f]{2}/\.cfb\.tmp\.[^/]+$#D', $rel)) {
            $temps[] = $f;
        } else {
            $other[] = $f;
        }
    }
    return [$payloads, $temps, $other];
}

/** Checks every record against its file and every payload file (orphans included) by decoding it. Returns problem count. */
function cf_verify_store(FileMetaFrontend $meta, ClusterFileBackend $reader, array $ids, array $payloads, string $label): int
{
    $bad = 0;
    $template = null;
    foreach ($ids as $id) {
        $rec = $meta->get("pages__$id");
        if ($rec === false) {
            continue;
        }
        $template ??= $rec;
        $hash = substr($rec['hash'], 7);
        $f = $payloads[$hash] ?? null;
        $bytes = $f === null ? false : file_get_contents($f);
        if ($rec['state'] !== 'valid' || $bytes === false || strlen($bytes) !== $rec['payloadSize']
            || 'sha256:' . hash('sha256', $bytes) !== $rec['checksum']) {
            $bad++;
            echo "$label: record of $id does not match its file\n";
        }
    }
    if ($template === null) {
        echo "$label: no record at all\n";
        return $bad + 1;
    }
    // every payload file, referenced or orphaned, must be a whole value: read it through a forged record
    $n = 0;
    foreach ($payloads as $hash => $f) {
        $bytes = file_get_contents($f);
        $probe = 'probe' . $n++;
        $rec = ['identifier' => $probe, 'hash' => "sha256:$hash", 'checksum' => 'sha256:' . hash('sha256', $bytes),
            'payloadSize' => strlen($bytes), 'compression' => ($bytes[0] ?? '') === "\x01" ? 'zstd' : 'none'] + $template;
        $meta->set("pages__$probe", $rec, ['__cfb_ns__pages'], 0);
        $reader->reset();
        $v = $reader->get($probe);
        $meta->remove("pages__$probe");
        $whole = false;
        foreach ($ids as $id) {
            $whole = $whole || cf_whole($v, $id);
        }
        if (!$whole) {
            $bad++;
            echo "$label: payload file $hash (", strlen($bytes), ' bytes, marker ', bin2hex($bytes[0] ?? ''), ") is not a whole value\n";
        }
    }
    return $bad;
}

clearstatcache();
[$payloads, $temps, $other] = cf_classify($store);
$metaTemps = count(glob("$metaDir/.tmp.*"));
$markers = array_count_values(array_map(fn ($f) => bin2hex(file_get_contents($f, false, null, 0, 1)), $payloads));
$before = cf_verify_store($meta, $reader, $ids, $payloads, 'before gc');

foreach ($temps as $f) {
    touch($f, time() - 7200);
}
$reader->collectGarbage();
clearstatcache();
[$payloadsAfter, $tempsAfter, $otherAfter] = cf_classify($store);
$after = cf_verify_store($meta, $reader, $ids, $payloadsAfter, 'after gc');

$s = $reader->getStatistics();
$writerErr = (string) @file_get_contents("$work/writer.err");

printf("kills %d (all rounds: %s), not killed %d, pid mismatches %d\n", $c['kills'], var_export($c['kills'] === $kills, true), $c['not_killed'], $c['pid_mismatch']);
printf("reads %d = hits %d + misses %d + violations %d\n", $c['reads'], $c['hits'], $c['misses'], $c['violations']);
echo 'reads = 4 per kill: ', var_export($c['reads'] === 4 * $kills, true), ', some hits: ', var_export($c['hits'] > 0, true), "\n";
echo 'reader misses: corrupt ', $s['cache_miss_total']['corrupt'], ', broken ', $s['cache_miss_total']['broken'],
    ', metadata-error ', $s['cache_miss_total']['metadata-error'], ', blob ', $s['blob_miss_total'], ', decode errors ', $s['decode_error_total'], "\n";
printf("store before gc: %d payload files (none %d, zstd %d), %d temp files, %d other files\n", count($payloads),
    $markers['00'] ?? 0, $markers['01'] ?? 0, count($temps), count($other));
echo "payload problems before gc: $before\n";
printf("store after gc: %d temp files, %d other files, payload files unchanged: %s\n", count($tempsAfter), count($otherAfter),
    var_export(array_keys($payloadsAfter) === array_keys($payloads), true));
echo "payload problems after gc: $after\n";
echo 'writer stderr: ', $writerErr === '' ? '(empty)' : substr($writerErr, 0, 2000), "\n";
printf("metadata store temp files left by kills: %d; kill loop %.1f s\n", $metaTemps, $elapsed);
?>
--EXPECTF--
kills %d (all rounds: true), not killed 0, pid mismatches 0
reads %d = hits %d + misses %d + violations 0
reads = 4 per kill: true, some hits: true
reader misses: corrupt 0, broken 0, metadata-error 0, blob 0, decode errors 0
store before gc: %d payload files (none %d, zstd %d), %d temp files, 0 other files
payload problems before gc: 0
store after gc: 0 temp files, 0 other files, payload files unchanged: true
payload problems after gc: 0
writer stderr: (empty)
metadata store temp files left by kills: %d; kill loop %f s
