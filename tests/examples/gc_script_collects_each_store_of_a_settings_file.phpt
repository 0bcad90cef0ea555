--TEST--
examples/gc.php: ClusterFile\gc() on each clusterfile store of a TYPO3 settings file with the caches' own localMaxBytes and localMaxAgeSeconds (defaults when unset; a shared localPath once, with the stricter limits), one JSON line per store; exit 0 done, 2 when it cannot run
--EXTENSIONS--
clusterfile
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$dir = cf_tmpdir('gcscript');
$meta = new FakeMetaFrontend();
// 16 incompressible payloads of 32 KiB in "small"; one entry in the shared store
$small = cf_pod($meta, "$dir/small", ['compression' => false], 'small');
for ($i = 0; $i < 16; $i++) {
    $small->set("e$i", random_bytes(32768));
}
cf_pod($meta, "$dir/shared", [], 'a')->set('k', 'v');
$before = cf_du("$dir/small");

$backend = 'ClusterFile\Typo3\ClusterFileBackend';
$caches = [
    // a and b share one store: the stricter of their limits (0 = unlimited is the weaker one)
    'a' => ['backend' => $backend, 'options' => ['localPath' => "$dir/shared", 'localMaxBytes' => 0]],
    'b' => ['backend' => "\\$backend", 'options' => ['localPath' => "$dir/shared/", 'localMaxBytes' => 5 << 20, 'localMaxAgeSeconds' => 0]],
    'small' => ['backend' => $backend, 'options' => ['localPath' => "$dir/small", 'localMaxBytes' => 256 << 10, 'localMaxAgeSeconds' => 3600]],
    'db' => ['backend' => 'TYPO3\CMS\Core\Cache\Backend\Typo3DatabaseBackend'],
];
file_put_contents("$dir/settings.php", '<?php return ' . var_export(['SYS' => ['caching' => ['cacheConfigurations' => $caches]]], true) . ';');
file_put_contents("$dir/none.php", '<?php return ' . var_export(['SYS' => ['caching' => ['cacheConfigurations' => ['db' => $caches['db']]]]], true) . ';');

function gc_script(string ...$args): array
{
    $cmd = cf_php_command(__DIR__ . '/../../examples/gc.php') . ' ' . implode(' ', array_map('escapeshellarg', $args));
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    fclose($pipes[1]);
    fclose($pipes[2]);
    return [proc_close($p), $out, $err];
}

[$rc, $out, $err] = gc_script("$dir/settings.php");
echo "exit $rc", $err === '' ? '' : ", stderr: $err", "\n";
foreach (explode("\n", trim($out)) as $line) {
    $r = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
    printf("%s: caches %s, maxBytes %d, maxAgeSeconds %d, errors %d\n", basename($r['localPath']), implode('+', $r['caches']),
        $r['maxBytes'], $r['maxAgeSeconds'], $r['errors']);
    if ($r['caches'] === ['small']) {
        echo '  evicted: ', $r['removedEvictedFiles'] > 0 ? 'yes' : 'no', ', under budget: ',
            $r['remainingBytes'] <= $r['maxBytes'] && cf_du("$dir/small") <= $r['maxBytes'] ? 'yes' : 'no',
            ', was over it: ', $before > $r['maxBytes'] ? 'yes' : 'no', "\n";
    } else {
        echo '  kept its entry: ', $r['remainingFiles'] === 1 ? 'yes' : 'no', "\n";
    }
}
// a store that cannot be collected is said and fails the run; the others are still collected
file_put_contents("$dir/a-file", 'x');
$caches['broken'] = ['backend' => $backend, 'options' => ['localPath' => "$dir/a-file"]];
file_put_contents("$dir/broken.php", '<?php return ' . var_export(['SYS' => ['caching' => ['cacheConfigurations' => $caches]]], true) . ';');
[$rc, $out, $err] = gc_script("$dir/broken.php");
$lines = array_map(fn ($l) => json_decode($l, true), explode("\n", trim($out)));
echo "a broken store: exit $rc, ", count($lines), ' lines, ', str_replace($dir, 'DIR', $lines[2]['error'] ?? 'no error'), "\n";
foreach ([["$dir/missing.php"], ["$dir/none.php"], ["$dir/settings.php", 'soon']] as $args) {
    [$rc, $out, $err] = gc_script(...$args);
    echo "exit $rc: ", trim(str_replace($dir, 'DIR', $err)), $out === '' ? '' : " (stdout: $out)", "\n";
}
?>
--EXPECT--
exit 0
shared: caches a+b, maxBytes 5242880, maxAgeSeconds 604800, errors 0
  kept its entry: yes
small: caches small, maxBytes 262144, maxAgeSeconds 3600, errors 0
  evicted: yes, under budget: yes, was over it: yes
a broken store: exit 1, 3 lines, ClusterFile\gc(): localPath "DIR/a-file" cannot be opened as a directory (errno 20: Not a directory)
exit 2: gc: cannot read DIR/missing.php
exit 2: gc: DIR/none.php configures no clusterfile cache
exit 2: usage: php gc.php SETTINGS_FILE [INTERVAL_SECONDS]
