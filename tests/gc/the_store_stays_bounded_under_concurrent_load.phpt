--TEST--
Under concurrent load (three pod processes on one localPath writing, reading and requiring ~4 MB of distinct entries into a 2 MiB budget, half of it the shard directories) the write-time eviction steps alone keep the store near its budget; with a sidecar running ClusterFile\gc() in a loop beside them it ends under budget; no reader ever gets wrong bytes, no entry is marked Broken, no include fails
--DESCRIPTION--
Each worker is a real process with its own backends (VariableFrontend "pages", PhpFrontend "code")
over a FileMetaFrontend shared through a directory. Values are self-describing (writer, sequence,
identifier, 2-3 KiB of random bytes, and the sha1 of all that): a read must return false or an
intact value for its identifier. Evicted files are blob misses. Phase 1 has no collector but the
workers' own write-time steps; phase 2 adds a sidecar process calling ClusterFile\gc() in a loop.
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$work = cf_tmpdir('gcload');
$budget = 2 << 20; // the 256 shard directories take 1 MiB of it
$child = "$work/worker.php";
file_put_contents($child, '<?php
require ' . var_export(__DIR__ . '/../inc/bootstrap.inc', true) . ';
require ' . var_export(__DIR__ . '/../inc/file_metadata.inc', true) . ';
use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

[, $w, $metaDir, $localPath, $budget, $ops] = $argv;
$w = (int) $w;
mt_srand(77 + $w);
$meta = new FileMetaFrontend($metaDir);
$opts = ["localPath" => $localPath, "metadataCache" => $meta, "localMaxBytes" => (int) $budget,
    "namespace" => ["environment" => "testing", "instance" => "phpt"]];
$data = new ClusterFileBackend($opts);
new VariableFrontend("pages", $data);
$code = new ClusterFileBackend($opts);
new PhpFrontend("code", $code);

function value(int $w, int $seq, string $id): string
{
    $body = "writer=$w;seq=$seq;id=$id;" . random_bytes(mt_rand(2048, 3072));
    return $body . ";sha1=" . sha1($body);
}
function valid(mixed $v, string $id): bool
{
    if (!is_string($v) || ($p = strrpos($v, ";sha1=")) === false) {
        return false;
    }
    $body = substr($v, 0, $p);
    return sha1($body) === substr($v, $p + 6) && str_contains($body, ";id=$id;");
}
$c = ["sets" => 0, "hits" => 0, "misses" => 0, "requires" => 0, "violations" => 0, "exceptions" => 0];
for ($seq = 0; $seq < (int) $ops; $seq++) {
    ClusterFile\reset();
    $id = "e" . mt_rand(0, 9999);
    try {
        $r = mt_rand(0, 99);
        if ($r < 60) {
            $data->set($id, value($w, $seq, $id));
            $c["sets"]++;
        } elseif ($r < 90) {
            // mostly recent identifiers: some are still there, some were evicted
            $v = $data->get($id);
            if ($v === false) {
                $c["misses"]++;
            } elseif (valid($v, $id)) {
                $c["hits"]++;
            } else {
                $c["violations"]++;
                fwrite(STDERR, "bad value for $id\n");
            }
        } elseif ($r < 95) {
            $code->set("m" . ($seq % 50), "<?php\nreturn " . var_export(["w" => $w, "seq" => $seq, "pad" => bin2hex(random_bytes(1024))], true) . ";\n#");
        } else {
            $v = $code->require("m" . mt_rand(0, 49));
            $c["requires"]++;
            if ($v !== false && (!is_array($v) || strlen($v["pad"] ?? "") !== 2048)) {
                $c["violations"]++;
                fwrite(STDERR, "bad module\n");
            }
        }
    } catch (\Throwable $e) {
        $c["exceptions"]++;
        fwrite(STDERR, get_class($e) . ": " . $e->getMessage() . "\n");
    }
}
$s = $data->getStatistics();
$k = $code->getStatistics();
$c["broken"] = $s["cache_miss_total"]["broken"] + $k["cache_miss_total"]["broken"];
$c["corrupt"] = $s["cache_miss_total"]["corrupt"] + $k["cache_miss_total"]["corrupt"];
$c["steps"] = $s["local_gc_step_total"] + $k["local_gc_step_total"];
$c["gc_errors"] = $s["local_gc_error_total"] + $k["local_gc_error_total"];
echo json_encode($c), "\n";
');
$sidecar = "$work/sidecar.php";
file_put_contents($sidecar, '<?php
[, $localPath, $budget, $stop] = $argv;
$runs = 0; $removed = 0; $errors = 0;
do {
    $r = ClusterFile\gc($localPath, ["maxBytes" => (int) $budget]);
    $runs++;
    $removed += $r["removedEvictedFiles"];
    $errors += $r["errors"];
    usleep(20000);
} while (!file_exists($stop));
echo json_encode(["runs" => $runs, "removed" => $removed, "errors" => $errors]), "\n";
');

function du(string $dir): int
{
    return cf_du($dir);
}

function phase(string $work, string $child, string $local, int $budget, bool $sidecar): void
{
    $procs = [];
    $pipes = [];
    foreach ([0, 1, 2] as $w) {
        $cmd = cf_php_command($child) . " $w " . escapeshellarg("$work/meta") . ' ' . escapeshellarg($local) . " $budget 700";
        $procs[$w] = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['file', "$work/stderr$w", 'w']], $pipes[$w]);
    }
    if ($sidecar) {
        $cmd = cf_php_command("$work/sidecar.php") . ' ' . escapeshellarg($local) . " $budget " . escapeshellarg("$work/stop");
        $side = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['file', "$work/stderr-sidecar", 'w']], $sidepipes);
    }
    $sets = 0;
    $hits = 0;
    $misses = 0;
    $steps = 0;
    foreach ($procs as $w => $p) {
        $out = stream_get_contents($pipes[$w][1]);
        fclose($pipes[$w][1]);
        $rc = proc_close($p);
        $r = json_decode(trim($out), true);
        if (!is_array($r)) {
            echo "worker $w: exit $rc, unreadable report: $out", file_get_contents("$work/stderr$w"), "\n";
            continue;
        }
        printf("  worker %d: exit %d, violations %d, exceptions %d, broken %d, corrupt %d, gc errors %d\n", $w, $rc,
            $r['violations'], $r['exceptions'], $r['broken'], $r['corrupt'], $r['gc_errors']);
        $err = file_get_contents("$work/stderr$w");
        if ($err !== '') {
            echo "  worker $w stderr: ", substr($err, 0, 1000), "\n";
        }
        $sets += $r['sets'];
        $hits += $r['hits'];
        $misses += $r['misses'];
        $steps += $r['steps'];
    }
    echo '  wrote, hit and missed: ', var_export($sets > 900 && $hits > 0 && $misses > 0, true), "\n";
    if ($sidecar) {
        touch("$work/stop");
        $out = stream_get_contents($sidepipes[1]);
        fclose($sidepipes[1]);
        $rc = proc_close($side);
        $r = json_decode(trim($out), true);
        printf("  sidecar: exit %d, ran and evicted: %s, errors %d %s\n", $rc,
            var_export(($r['runs'] ?? 0) > 1 && ($r['removed'] ?? 0) > 0, true), $r['errors'] ?? -1,
            file_get_contents("$work/stderr-sidecar"));
    }
    clearstatcache();
    $du = du($local);
    file_put_contents(getenv('CF_GC_REPORT') ?: '/dev/null', ($sidecar ? 'sidecar' : 'steps') . " du/budget " . round($du / $budget, 3) . " steps $steps\n", FILE_APPEND);
    printf("  store: %s of the budget (at most 1.5x: %s), write-time steps ran: %s\n",
        $du <= $budget ? 'within' : 'above', var_export($du <= 1.5 * $budget, true), var_export($steps > 0, true));
}

echo "phase 1: write-time steps only\n";
phase($work, $child, "$work/pod1", $budget, false);
echo "phase 2: with a sidecar\n";
phase($work, $child, "$work/pod2", $budget, true);
$r = ClusterFile\gc("$work/pod2", ['maxBytes' => $budget]);
printf("  a last sidecar run: %d files left, under budget: %s, errors %d\n", $r['remainingFiles'],
    var_export($r['remainingBytes'] <= $budget, true), $r['errors']);
$tmp = array_filter(cf_files("$work/pod1") + cf_files("$work/pod2"), fn ($f) => str_contains($f, '.cfb.tmp.'));
echo 'temp files left: ', count($tmp), "\n";
?>
--EXPECTF--
phase 1: write-time steps only
  worker 0: exit 0, violations 0, exceptions 0, broken 0, corrupt 0, gc errors 0
  worker 1: exit 0, violations 0, exceptions 0, broken 0, corrupt 0, gc errors 0
  worker 2: exit 0, violations 0, exceptions 0, broken 0, corrupt 0, gc errors 0
  wrote, hit and missed: true
  store: %s of the budget (at most 1.5x: true), write-time steps ran: true
phase 2: with a sidecar
  worker 0: exit 0, violations 0, exceptions 0, broken 0, corrupt 0, gc errors 0
  worker 1: exit 0, violations 0, exceptions 0, broken 0, corrupt 0, gc errors 0
  worker 2: exit 0, violations 0, exceptions 0, broken 0, corrupt 0, gc errors 0
  wrote, hit and missed: true
  sidecar: exit 0, ran and evicted: true, errors 0 
  store: %s of the budget (at most 1.5x: true), write-time steps ran: true
  a last sidecar run: %d files left, under budget: true, errors 0
temp files left: 0
