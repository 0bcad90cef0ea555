--TEST--
Four real processes (three pods, two of them sharing one localPath) writing, reading, requiring, removing and flushing the same identifiers for about a second over one shared metadata store never read a torn, foreign or corrupt value
--DESCRIPTION--
Each child is a pod worker: its own backends (VariableFrontend cache "pages", PhpFrontend cache
"code") over a FileMetaFrontend shared through a directory (tests/inc/file_metadata.inc), started
with the running test's PHP binary and arguments. Values are self-describing: writer, sequence,
identifier, padding of varying size and compressibility, and the sha1 of all that. A read must
return false or a value written for that identifier with an intact sha1. Every loop iteration is a
new request (reset()). No integrity failure (Broken marking) may happen: the store is
content-addressed and files are replaced atomically, so no reader can see a partial file.
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$work = cf_tmpdir('concurrency');
$child = "$work/worker.php";
file_put_contents($child, '<?php
require ' . var_export(__DIR__ . '/../inc/bootstrap.inc', true) . ';
require ' . var_export(__DIR__ . '/../inc/file_metadata.inc', true) . ';
use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

[, $w, $metaDir, $localPath, $seconds] = $argv;
$w = (int) $w;
mt_srand(1000 + $w);
$meta = new FileMetaFrontend($metaDir);
$opts = ["localPath" => $localPath, "metadataCache" => $meta, "minCompressedBytes" => 512,
    "namespace" => ["environment" => "testing", "instance" => "phpt"]];
$data = new ClusterFileBackend($opts);
new VariableFrontend("pages", $data);
$code = new ClusterFileBackend($opts);
$php = new PhpFrontend("code", $code);

function padding(int $seq): string
{
    $n = mt_rand(0, 4000);
    return mt_rand(0, 3) === 0 ? ($n ? random_bytes($n) : "") : str_repeat(chr(97 + $seq % 26), $n);
}
function value(int $w, int $seq, string $id): string
{
    $body = "writer=$w;seq=$seq;id=$id;" . padding($seq);
    return $body . ";sha1=" . sha1($body);
}
function valid_value(mixed $v, string $id): bool
{
    if (!is_string($v) || ($p = strrpos($v, ";sha1=")) === false) {
        return false;
    }
    $body = substr($v, 0, $p);
    return sha1($body) === substr($v, $p + 6) && preg_match("/^writer=[0-3];seq=\\d+;id=" . $id . ";/", $body) === 1;
}
function source(int $w, int $seq, string $id): string
{
    $pad = bin2hex(padding($seq));
    return "return " . var_export(["w" => $w, "seq" => $seq, "id" => $id, "pad" => $pad, "sum" => sha1("$w;$seq;$id;$pad")], true) . ";";
}
function valid_module(mixed $v, string $id): bool
{
    return is_array($v) && ($v["id"] ?? null) === $id && sha1("{$v["w"]};{$v["seq"]};{$v["id"]};{$v["pad"]}") === ($v["sum"] ?? null);
}

$ids = ["a", "b", "c", "d", "e", "f"];
$c = ["ops" => 0, "sets" => 0, "reads" => 0, "hits" => 0, "requires" => 0, "require_hits" => 0, "flushes" => 0, "violations" => 0, "exceptions" => 0];
$deadline = hrtime(true) + (int) ($seconds * 1e9);
for ($seq = 0; hrtime(true) < $deadline || $seq < 300; $seq++) {
    $data->reset();
    $code->reset();
    $id = $ids[mt_rand(0, count($ids) - 1)];
    $r = mt_rand(0, 99);
    $c["ops"]++;
    try {
        if ($r < 35) {
            $data->set($id, value($w, $seq, $id), ["t_$id", "all"], 0);
            $c["sets"]++;
        } elseif ($r < 75) {
            $v = $data->get($id);
            $c["reads"]++;
            if ($v !== false) {
                if (valid_value($v, $id)) {
                    $c["hits"]++;
                } else {
                    $c["violations"]++;
                    fwrite(STDERR, "bad value for $id: " . substr(bin2hex((string) $v), 0, 80) . "\n");
                }
            }
        } elseif ($r < 80) {
            $data->has($id);
        } elseif ($r < 82) {
            $data->flush();
            $c["flushes"]++;
        } elseif ($r < 85) {
            $data->flushByTag("t_$id");
            $c["flushes"]++;
        } elseif ($r < 87) {
            $data->remove($id);
        } elseif ($r < 92) {
            $php->set($id, source($w, $seq, $id));
        } elseif ($r < 99) {
            $v = $php->require($id);
            $c["requires"]++;
            if ($v !== false) {
                if (valid_module($v, $id)) {
                    $c["require_hits"]++;
                } else {
                    $c["violations"]++;
                    fwrite(STDERR, "bad module for $id: " . json_encode($v) . "\n");
                }
            }
        } else {
            $data->collectGarbage();
        }
    } catch (\Throwable $e) {
        $c["exceptions"]++;
        fwrite(STDERR, get_class($e) . ": " . $e->getMessage() . ($e->getPrevious() ? " / " . $e->getPrevious()->getMessage() : "") . "\n");
    }
}
$c["broken"] = $data->getStatistics()["cache_miss_total"]["broken"] + $code->getStatistics()["cache_miss_total"]["broken"];
$c["decode_errors"] = $data->getStatistics()["decode_error_total"];
echo json_encode($c), "\n";
');

$workers = [0 => 'pod0', 1 => 'pod1', 2 => 'pod2', 3 => 'pod2'];
$procs = [];
foreach ($workers as $w => $pod) {
    $cmd = cf_php_command($child) . " $w " . escapeshellarg("$work/meta") . ' ' . escapeshellarg("$work/$pod") . ' 1';
    $procs[$w] = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['file', "$work/stderr$w", 'w']], $pipes[$w]);
}
$totals = ['sets' => 0, 'hits' => 0, 'require_hits' => 0, 'flushes' => 0];
foreach ($procs as $w => $p) {
    $out = stream_get_contents($pipes[$w][1]);
    fclose($pipes[$w][1]);
    $rc = proc_close($p);
    $r = json_decode(trim($out), true);
    if (!is_array($r)) {
        echo "worker $w: exit $rc, unreadable report: $out", file_get_contents("$work/stderr$w"), "\n";
        continue;
    }
    printf("worker %d (%s): exit %d, violations %d, exceptions %d, broken %d, decode errors %d, checked reads %s\n", $w, $workers[$w], $rc,
        $r['violations'], $r['exceptions'], $r['broken'], $r['decode_errors'], var_export($r['reads'] > 0 && $r['requires'] > 0, true));
    foreach ($totals as $k => $_) {
        $totals[$k] += $r[$k];
    }
    $err = file_get_contents("$work/stderr$w");
    if ($err !== '') {
        echo "worker $w stderr:\n", substr($err, 0, 2000), "\n";
    }
}
echo 'the workers wrote, hit, required and flushed: ', var_export(min($totals) > 0, true), "\n";

$leftovers = array_filter(array_merge(cf_files("$work/pod0"), cf_files("$work/pod1"), cf_files("$work/pod2")),
    fn ($f) => str_contains($f, '.cfb.tmp.'));
echo 'temp files left: ', count($leftovers), "\n";

// what the cluster holds now is readable and intact from yet another pod
require_once __DIR__ . '/../inc/file_metadata.inc';
$meta = new FileMetaFrontend("$work/meta");
$probe = new ClusterFile\Typo3\ClusterFileBackend(['localPath' => "$work/pod0", 'metadataCache' => $meta, 'minCompressedBytes' => 512,
    'namespace' => ['environment' => 'testing', 'instance' => 'phpt']]);
new TYPO3\CMS\Core\Cache\Frontend\VariableFrontend('pages', $probe);
$bad = 0;
foreach (['a', 'b', 'c', 'd', 'e', 'f'] as $id) {
    $v = $probe->get($id);
    if ($v !== false && !preg_match("/^writer=[0-3];seq=\\d+;id=$id;/", $v)) {
        $bad++;
    }
}
echo 'final reads bad: ', $bad, ', broken: ', $probe->getStatistics()['cache_miss_total']['broken'], "\n";
?>
--EXPECT--
worker 0 (pod0): exit 0, violations 0, exceptions 0, broken 0, decode errors 0, checked reads true
worker 1 (pod1): exit 0, violations 0, exceptions 0, broken 0, decode errors 0, checked reads true
worker 2 (pod2): exit 0, violations 0, exceptions 0, broken 0, decode errors 0, checked reads true
worker 3 (pod2): exit 0, violations 0, exceptions 0, broken 0, decode errors 0, checked reads true
the workers wrote, hit, required and flushed: true
temp files left: 0
final reads bad: 0, broken: 0
