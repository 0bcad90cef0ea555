--TEST--
Wrong permissions (run without CAP_DAC_OVERRIDE when root): an unreadable payload file or shard directory is a blob miss, not corruption; set() repairs an unreadable file, and throws the cache exception where it cannot write; no warning
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$dir = cf_tmpdir();
$child = cf_tmpdir('child') . '/child.php';
file_put_contents($child, '<?php
require ' . var_export(__DIR__ . '/../inc/bootstrap.inc', true) . ';
$dir = $argv[1];
$meta = new FakeMetaFrontend();
$opts = ["payloadL1MaxEntries" => 0];
$a = cf_pod($meta, $dir, $opts);
$a->set("e", "payload", ["t"]);
$file = cf_payload_path($meta, $dir, "e");
$shard = dirname($file);
$b = cf_pod($meta, $dir, $opts);
$stat = function ($pod) {
    $s = $pod->getStatistics();
    return "hits " . $s["cache_hit_total"] . ", blob misses " . $s["blob_miss_total"] . ", corrupt " . $s["cache_miss_total"]["corrupt"];
};
$try = function (callable $fn) {
    try {
        $fn();
        return "ok";
    } catch (\Throwable $e) {
        $p = $e->getPrevious();
        return get_class($e) . " " . $e->getCode() . ($p ? " (previous " . $p->getCode() . ": " . str_replace($GLOBALS["dir"], "DIR", $p->getMessage()) . ")" : "");
    }
};

chmod($file, 0);
echo "payload file 0000\n";
echo "  readable at all: ", var_export(@file_get_contents($file) !== false, true), "\n";
echo "  get: ", var_export($b->get("e"), true), ", has: ", var_export($b->has("e"), true), "; ", $stat($b), "\n";
clearstatcache();
echo "  file kept (not corruption): ", var_export(is_file($file), true), "\n";
echo "  set: ", $try(fn () => $b->set("e", "payload", ["t"])), "\n";
clearstatcache();
echo "  mode after set: ", decoct(fileperms($file) & 0777), ", get: ", var_export($b->get("e"), true), "; ", $stat($b), "\n";

chmod($shard, 0);
echo "shard directory 0000\n";
echo "  get: ", var_export($b->get("e"), true), "; ", $stat($b), "\n";
echo "  set: ", $try(fn () => $b->set("e", "payload", ["t"])), "\n";
chmod($shard, 0750);
echo "  after chmod back, get: ", var_export($b->get("e"), true), "\n";

chmod($dir, 0555);
echo "localPath 0555\n";
echo "  set of a new entry: ", $try(fn () => $b->set("new", "other payload", ["t"])), "\n";
echo "  record of new: ", var_export(cf_record($meta, "new"), true), ", get new: ", var_export($b->get("new"), true), "\n";
echo "  old entry still served: ", var_export($b->get("e"), true), "\n";
chmod($dir, 0750);
');
// root reads and writes through any file mode: the child runs without the two capabilities
// that allow it (a non-root user needs nothing).
$asRoot = trim((string) shell_exec('id -u')) === '0';
$cmd = ($asRoot ? 'setpriv --bounding-set=-dac_override,-dac_read_search ' : '') . cf_php_command($child) . ' ' . escapeshellarg($dir);
$p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$out = stream_get_contents($pipes[1]);
$err = stream_get_contents($pipes[2]);
fclose($pipes[1]);
fclose($pipes[2]);
echo $out, 'exit: ', proc_close($p), ', stderr: ', var_export($err, true), "\n";
?>
--EXPECT--
payload file 0000
  readable at all: false
  get: false, has: true; hits 0, blob misses 1, corrupt 0
  file kept (not corruption): true
  set: ok
  mode after set: 644, get: 'payload'; hits 1, blob misses 1, corrupt 0
shard directory 0000
  get: false; hits 1, blob misses 2, corrupt 0
  set: TYPO3\CMS\Core\Cache\Exception 1747500022 (previous 1747500060: write under localPath "DIR" failed: cannot create or open the shard directory (errno 13: Permission denied))
  after chmod back, get: 'payload'
localPath 0555
  set of a new entry: TYPO3\CMS\Core\Cache\Exception 1747500022 (previous 1747500060: write under localPath "DIR" failed: cannot create or open the shard directory (errno 13: Permission denied))
  record of new: false, get new: false
  old entry still served: 'payload'
exit: 0, stderr: ''
