--TEST--
A real file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored) makes set() throw the cache exception; no record points at a partial or missing file, no temp file is left, the old value stays served, and small writes keep working
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$dir = cf_tmpdir();
$child = cf_tmpdir('child') . '/child.php';
// The limit is set for a child process only: it would also stop run-tests writing its own files.
file_put_contents($child, '<?php
require ' . var_export(__DIR__ . '/../inc/bootstrap.inc', true) . ';
$meta = new FakeMetaFrontend();
$dir = $argv[1];
$b = cf_pod($meta, $dir, ["payloadL1MaxEntries" => 0, "minCompressedBytes" => 1]);
$b->set("e", "old value", ["t"]);
$before = cf_record($meta, "e");
mt_srand(7);
$big = "";
for ($i = 0; $i < 200000; $i++) {
    $big .= chr(mt_rand(0, 255)); // incompressible: the encoded file stays far above 64 KiB
}
foreach (["e" => "overwrite", "new" => "new entry"] as $id => $what) {
    try {
        $b->set($id, $big, ["t"]);
        echo "$what: no exception\n";
    } catch (\Throwable $ex) {
        $p = $ex->getPrevious();
        echo "$what: ", get_class($ex), " ", $ex->getCode(), "; previous: ", $p ? get_class($p) . " " . $p->getCode() . " " . $p->getMessage() : "none", "\n";
    }
}
echo "record of e unchanged: ", var_export(cf_record($meta, "e") === $before, true), "\n";
echo "record of new: ", var_export(cf_record($meta, "new"), true), "\n";
echo "get e: ", var_export($b->get("e"), true), "\n";
echo "get new: ", var_export($b->get("new"), true), "\n";
// Every file under localPath is the payload of a record and verifies; no temp file.
$files = cf_files($dir);
echo "files: ", count($files), "\n";
foreach ($files as $f) {
    echo "  ", basename($f) === substr(cf_record($meta, "e")["hash"], 7) ? "payload of e" : "unexpected " . basename($f), ", ", filesize($f), " bytes\n";
}
$b->set("small", str_repeat("s", 20000), ["t"]);
echo "small write after the failures: ", var_export($b->get("small") === str_repeat("s", 20000), true), "\n";
');
// The shell sets the limit (128 blocks: 64 or 128 KiB depending on the shell's block unit) and
// ignores SIGXFSZ, which PHP inherits through exec: a write past the limit then fails with EFBIG.
$p = proc_open("trap '' XFSZ; ulimit -f 128 && exec " . cf_php_command($child) . " " . escapeshellarg($dir), [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$out = stream_get_contents($pipes[1]);
$err = stream_get_contents($pipes[2]);
fclose($pipes[1]);
fclose($pipes[2]);
$rc = proc_close($p);
echo $out;
echo "exit: $rc, stderr: ", var_export($err, true), "\n";
?>
--EXPECTF--
overwrite: TYPO3\CMS\Core\Cache\Exception 1747500022; previous: ClusterFile\Exception 1747500060 write under localPath "%s" failed: write failed (errno 27: File too large)
new entry: TYPO3\CMS\Core\Cache\Exception 1747500022; previous: ClusterFile\Exception 1747500060 write under localPath "%s" failed: write failed (errno 27: File too large)
record of e unchanged: true
record of new: false
get e: 'old value'
get new: false
files: 1
  payload of e, %d bytes
small write after the failures: true
exit: 0, stderr: ''
