--TEST--
examples/readiness.php: one JSON line (ClusterFile\check()'s report) per clusterfile cache of a TYPO3 settings file, other caches ignored; exit 0 when all pass, 1 when one fails, 2 when the probe cannot run (no file, unknown cache, no clusterfile cache); SYS.encryptionKey reaches the native path's recordKey; a bare cacheConfigurations array works too
--EXTENSIONS--
clusterfile
igbinary
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/redis.inc';

$srv = cf_redis_server();
$dir = cf_tmpdir('probe');
mkdir("$dir/pages");
mkdir("$dir/rootline");
file_put_contents("$dir/a-file", '');
$dsn = "redis://127.0.0.1:{$srv->port}/1?prefix=site-a&timeout=0.5";
$ns = ['environment' => 'prod', 'instance' => 'site-a'];
$caches = [
    'pages' => ['backend' => 'ClusterFile\Typo3\ClusterFileBackend', 'options' => ['localPath' => "$dir/pages", 'metadataDsn' => $dsn, 'namespace' => $ns]],
    'rootline' => ['backend' => '\ClusterFile\Typo3\ClusterFileBackend', 'options' => ['localPath' => "$dir/rootline", 'metadataDsn' => $dsn, 'namespace' => $ns]],
    'broken' => ['backend' => 'ClusterFile\NativeBackend', 'options' => ['localPath' => "$dir/a-file", 'metadataDsn' => $dsn, 'namespace' => $ns]],
    'hash' => ['backend' => 'TYPO3\CMS\Core\Cache\Backend\Typo3DatabaseBackend'],
];
$settings = "$dir/settings.php";
file_put_contents($settings, '<?php return ' . var_export(['SYS' => ['encryptionKey' => str_repeat('k', 96), 'caching' => ['cacheConfigurations' => $caches]]], true) . ';');
$bare = "$dir/bare.php";
unset($caches['broken']);
foreach ($caches as &$c) {
    if (isset($c['options'])) {
        $c['options']['recordKey'] = 'a-record-key-of-enough-bytes';
    }
}
unset($c);
file_put_contents($bare, '<?php return ' . var_export($caches, true) . ';');

function probe(string ...$args): void
{
    $cmd = cf_php_command(__DIR__ . '/../../examples/readiness.php') . ' ' . implode(' ', array_map('escapeshellarg', $args));
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    fclose($pipes[1]);
    fclose($pipes[2]);
    $rc = proc_close($p);
    echo "exit $rc\n";
    foreach (array_filter(explode("\n", $out)) as $line) {
        $r = json_decode($line, true, 16, JSON_THROW_ON_ERROR);
        echo '  ', $r['cache'], ' ok=', var_export($r['ok'], true), ' failed=', json_encode($r['failed']), "\n";
    }
    if ($err !== '') {
        echo '  stderr: ', str_replace($GLOBALS['dir'], 'DIR', trim($err)), "\n";
    }
}
echo "all caches:\n";
probe($settings);
echo "the healthy ones:\n";
probe($settings, 'pages', 'rootline');
echo "a bare cacheConfigurations array:\n";
probe($bare);
echo "not a clusterfile cache:\n";
probe($settings, 'hash');
echo "no such file:\n";
probe("$dir/none.php");
echo "no clusterfile cache:\n";
file_put_contents("$dir/empty.php", '<?php return ["SYS" => ["caching" => ["cacheConfigurations" => []]]];');
probe("$dir/empty.php");
?>
--EXPECT--
all caches:
exit 1
  pages ok=true failed=[]
  rootline ok=true failed=[]
  broken ok=false failed=["localPath","roundTrip"]
the healthy ones:
exit 0
  pages ok=true failed=[]
  rootline ok=true failed=[]
a bare cacheConfigurations array:
exit 0
  pages ok=true failed=[]
  rootline ok=true failed=[]
not a clusterfile cache:
exit 2
  stderr: readiness: "hash" is not a clusterfile cache in DIR/settings.php
no such file:
exit 2
  stderr: readiness: cannot read DIR/none.php
no clusterfile cache:
exit 2
  stderr: readiness: DIR/empty.php configures no clusterfile cache
