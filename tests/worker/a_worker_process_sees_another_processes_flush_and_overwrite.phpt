--TEST--
A long-running worker process (one PHP request serving many units of work) over a metadata store shared with another process: without ClusterFile\reset() and with l1MaxAgeSeconds=0 it keeps serving the old value and the old PHP code (documented staleness); with reset() per unit it sees the other process's flush and overwrite at its next unit and never requires the flushed .php entry again; with l1MaxAgeSeconds=1 it sees them within a bounded poll
--DESCRIPTION--
Two real processes, two pods: the worker (a child PHP started with the running test's binary and
arguments) has its own localPath, the test is the other pod with another localPath; both use one
FileMetaFrontend (tests/inc/file_metadata.inc), a directory both processes read and write. The
worker writes page "v1" and PHP code "code v1" (the code counts its own executions), then serves
one unit of work per "unit" line on its stdin and answers with one JSON line: get/has of the page
and requireOnce() of the code. Every step is synchronised through the pipes (the test waits for
the worker's answer before it acts), so the only wait is the l1MaxAgeSeconds=1 case, which polls
for at most 10 s and does not assert how long it took.
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';
require __DIR__ . '/../inc/file_metadata.inc';

use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

$work = cf_tmpdir('worker2p');
$child = "$work/worker.php";
file_put_contents($child, '<?php
require ' . var_export(__DIR__ . '/../inc/bootstrap.inc', true) . ';
require ' . var_export(__DIR__ . '/../inc/file_metadata.inc', true) . ';
use ClusterFile\Typo3\ClusterFileBackend;
use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

[, $metaDir, $localPath, $l1MaxAge, $reset] = $argv;
$opts = ["localPath" => $localPath, "metadataCache" => new FileMetaFrontend($metaDir),
    "l1MaxAgeSeconds" => (int) $l1MaxAge, "namespace" => ["environment" => "testing", "instance" => "phpt"]];
$pages = new VariableFrontend("pages", new ClusterFileBackend($opts));
$code = new PhpFrontend("code", new ClusterFileBackend($opts));
$pages->set("page", "v1", ["p"]);
$code->set("code", \'$GLOBALS["code_runs"] = ($GLOBALS["code_runs"] ?? 0) + 1; return "code v1";\');
$GLOBALS["code_runs"] = 0;
echo json_encode(["ready" => getmypid()]), "\n";
while (($line = fgets(STDIN)) !== false && trim($line) === "unit") {
    if ($reset === "reset") {
        ClusterFile\reset(); // the worker loop, between two units of work
    }
    $required = $code->requireOnce("code");
    echo json_encode(["get" => $pages->get("page"), "has" => $pages->has("page"),
        "require" => $required, "runs" => $GLOBALS["code_runs"]]), "\n";
}
');

/** The other pod: this process, its own localPath, the same metadata directory. */
function other_pod(string $metaDir): array
{
    $opts = ['localPath' => cf_tmpdir('other'), 'metadataCache' => new FileMetaFrontend($metaDir),
        'namespace' => ['environment' => 'testing', 'instance' => 'phpt']];
    return [new VariableFrontend('pages', new ClusterFileBackend($opts)), new PhpFrontend('code', new ClusterFileBackend($opts))];
}

final class Worker
{
    private $proc;
    private array $pipes = [];

    public function __construct(string $child, string $metaDir, string $localPath, int $l1MaxAge, bool $reset, public readonly string $stderr)
    {
        $cmd = cf_php_command($child) . ' ' . implode(' ', array_map('escapeshellarg', [$metaDir, $localPath, (string) $l1MaxAge, $reset ? 'reset' : 'no-reset']));
        $this->proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', $stderr, 'a']], $this->pipes);
        $hello = json_decode((string) fgets($this->pipes[1]), true);
        if (!isset($hello['ready'])) {
            throw new RuntimeException('worker did not start: ' . @file_get_contents($stderr));
        }
    }

    /** One unit of work; its answer as "get/has/require(runs)". */
    public function unit(): string
    {
        fwrite($this->pipes[0], "unit\n");
        $r = json_decode((string) fgets($this->pipes[1]), true);
        if (!is_array($r)) {
            throw new RuntimeException('worker died: ' . @file_get_contents($this->stderr));
        }
        return sprintf('%s/%s/%s(%d)', json_encode($r['get']), json_encode($r['has']), json_encode($r['require']), $r['runs']);
    }

    public function stop(): int
    {
        fclose($this->pipes[0]);
        fclose($this->pipes[1]);
        return proc_close($this->proc);
    }
}

function run(string $label, string $child, string $work, int $l1MaxAge, bool $reset): void
{
    $metaDir = cf_tmpdir('meta');
    $stderr = "$work/$label.stderr";
    $w = new Worker($child, $metaDir, cf_tmpdir('worker'), $l1MaxAge, $reset, $stderr);
    [$pages, $code] = other_pod($metaDir);
    $out = [$w->unit(), $w->unit()];
    $pages->flush();   // the other pod invalidates the page ...
    $code->flush();    // ... and the PHP code
    $out[] = '| flush |';
    $out[] = $w->unit();
    $out[] = $w->unit();
    $pages->set('page', 'v2', ['p']);  // the other pod writes new content (its file is not on the worker's pod)
    $code->set('code', 'return "code v2";');
    $out[] = '| overwrite |';
    $out[] = $w->unit();
    printf("%-28s %s\n", $label, implode(' ', $out));
    echo 'worker exit ', $w->stop(), ', stderr: ', json_encode((string) @file_get_contents($stderr)), "\n";
}

run('l1MaxAgeSeconds=0, no reset', $child, $work, 0, false);
run('l1MaxAgeSeconds=0, reset', $child, $work, 0, true);

// l1MaxAgeSeconds=1, no reset(): after each of the other pod's changes the worker is polled until it
// stops serving the old value and code (at most 10 s; the time it took is not asserted).
$metaDir = cf_tmpdir('meta');
$stderr = "$work/l1max1.stderr";
$w = new Worker($child, $metaDir, cf_tmpdir('worker'), 1, false, $stderr);
[$pages, $code] = other_pod($metaDir);
/** Units until one matches $until (at most 10 s); $seen collects every answer on the way. */
$poll = static function (Worker $w, string $until, ?array &$seen = null): string {
    $seen = [];
    $deadline = microtime(true) + 10;
    do {
        $seen[] = $u = $w->unit();
        if (preg_match($until, $u) === 1) {
            return $u;
        }
        usleep(20000);
    } while (microtime(true) < $deadline);
    return "still $u after 10 s";
};
$out = [$w->unit()];
$pages->flush();
$code->flush();
$out[] = '| flush |';
$out[] = $poll($w, '#^false/false/false#');
$pages->set('page', 'v2', ['p']);
$code->set('code', 'return "code v2";');
$out[] = '| overwrite |';
$out[] = $poll($w, '#^false/true/false#', $seen);
printf("%-28s %s\n", 'l1MaxAgeSeconds=1, no reset', implode(' ', $out));
// Once the flush was seen, the old value and code never come back (the overwrite's file is not on
// the worker's pod: a blob miss, has() is the cluster's truth).
echo 'after the flush was seen, v1 or its code served again: ', json_encode(preg_grep('#"v1"|code v1|/true\(#', $seen) !== []), "\n";
echo 'worker exit ', $w->stop(), ', stderr: ', json_encode((string) @file_get_contents($stderr)), "\n";
?>
--EXPECT--
l1MaxAgeSeconds=0, no reset  "v1"/true/"code v1"(1) "v1"/true/true(1) | flush | "v1"/true/true(1) "v1"/true/true(1) | overwrite | "v1"/true/true(1)
worker exit 0, stderr: ""
l1MaxAgeSeconds=0, reset     "v1"/true/"code v1"(1) "v1"/true/true(1) | flush | false/false/false(1) false/false/false(1) | overwrite | false/true/false(1)
worker exit 0, stderr: ""
l1MaxAgeSeconds=1, no reset  "v1"/true/"code v1"(1) | flush | false/false/false(1) | overwrite | false/true/false(1)
after the flush was seen, v1 or its code served again: false
worker exit 0, stderr: ""
