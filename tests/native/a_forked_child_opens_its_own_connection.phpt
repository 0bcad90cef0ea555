--TEST--
After fork() (pcntl_fork, a forking worker manager) a child never uses the connection its parent opened: it opens its own, so no process reads another's replies (before: about half of both processes' reads got the other's answers)
--EXTENSIONS--
clusterfile
igbinary
pcntl
--INI--
; PCRE's JIT code reads uninitialised stack under valgrind (a false positive in its pattern matcher)
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/redis.inc';
$srv = cf_redis_server();
$dsn = "redis://127.0.0.1:{$srv->port}?prefix=fork";
$local = cf_tmpdir('pod');
$a = cf_native_pod($dsn, $local);
$a->set('a', 'value-a', ['ta']);
$a->set('b', 'value-b', ['tb']);
ClusterFile\reset();
echo 'parent before the fork: ', $a->get('a'), "\n"; // the connection is open now
$n = getenv('USE_ZEND_ALLOC') === '0' ? 200 : 1500;
$report = $local . '/child.json';
$pid = pcntl_fork();
$id = $pid === 0 ? 'b' : 'a';
$bad = 0;
for ($i = 0; $i < $n; $i++) {
    ClusterFile\reset();
    try {
        if ($a->get($id) !== "value-$id") {
            $bad++;
        }
        if ($i % 7 === 0) {
            $a->set($id, "value-$id", ["t$id"]);
        }
    } catch (Throwable $e) {
        $bad++;
    }
}
if ($pid === 0) {
    file_put_contents($report, json_encode($bad));
    // leave at once: the parent's objects and shutdown functions are not the child's to run
    pcntl_exec('/bin/true');
}
pcntl_waitpid($pid, $status);
echo "parent: $bad wrong, child: ", file_get_contents($report), " wrong (of $n reads each)\n";
$clients = array_filter($srv->cli(0, 'CLIENT', 'LIST'), fn ($l) => str_contains($l, 'cmd=evalsha') || str_contains($l, 'cmd=eval'));
echo 'server connections of the parent (the child closed its own): ', count($clients), "\n";
?>
--EXPECTF--
parent before the fork: value-a
parent: 0 wrong, child: 0 wrong (of %d reads each)
server connections of the parent (the child closed its own): 1
