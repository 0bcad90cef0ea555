--TEST--
metadataDsn redis-sentinel://: the backend contract over a Sentinel group (a master, a replica, two sentinels; the first sentinel of the DSN is down) - set/get/has/remove, flushByTag(s), flush, findIdentifiersByTag across two pods; the DSN's password and db are the data nodes' (sentinels get no AUTH); a wrong master name or no sentinel up is a clear error without the password; php --ri names the resolved master
--EXTENSIONS--
clusterfile
igbinary
--INI--
; PCRE's JIT code reads uninitialised stack under valgrind (a false positive in its pattern matcher)
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/redis.inc';

$pw = 'Sentinel-Data-Pw-77';
$g = new CfSentinelGroup(2, $pw);
$dsn = str_replace('redis-sentinel://', "redis-sentinel://:$pw@", $g->dsn('timeout=0.5&read_timeout=0.5&prefix=sg', true, 3));
$a = cf_native_pod($dsn);
// another sentinel order: its own connection
$b = cf_native_pod(str_replace('redis-sentinel://', "redis-sentinel://:$pw@", $g->dsn('timeout=0.5&prefix=sg', false, 3)));
$other = cf_native_pod($dsn, null, [], 'rootline');

$a->set('e1', 'v1', ['t1', 't2']);
$a->set('e2', 'v2', ['t2']);
$a->set('e3', 'v3', ['t3']);
$other->set('e1', 'rootline v1', ['t1']);
ClusterFile\reset();
echo 'B sees A: ', var_export([$b->has('e1'), $b->has('e2'), $b->has('e3')], true), "\n";
echo 'findIdentifiersByTag(t2): ', cf_found($a, 't2'), "\n";
$a->flushByTag('t1');
ClusterFile\reset();
echo 'after flushByTag(t1): ', var_export([$b->has('e1'), $b->has('e2'), $other->has('e1')], true), "\n";
$b->flushByTags(['t2', 'nothing']);
ClusterFile\reset();
echo 'after flushByTags(t2) on B: ', var_export($a->has('e2'), true), "\n";
echo 'remove: ', var_export([$a->remove('e3'), $a->remove('e3'), $b->has('e3')], true), "\n";
$a->set('e4', 'v4');
$a->flush();
ClusterFile\reset();
echo 'flush(): ', var_export([$b->has('e4'), $other->has('e1')], true), "\n";
$a->set('e5', 'v5', ['t5']);
ClusterFile\reset();
echo 'get after a write: ', var_export($a->get('e5'), true), "\n";

// the records are in db 3 of the master, and replicated
$keys = $g->master->cli(3, '--scan');
echo 'master db 3 holds the layout: ', var_export($keys !== [] && $keys === array_filter($keys, fn ($k) => str_starts_with($k, 'cf1:{sg/')), true), "\n";
echo 'master db 0 empty: ', json_encode($g->master->cli(0, '--scan')), "\n";
echo 'replicated: ', var_export(cf_wait_until(fn () => count($g->replica->cli(3, '--scan')) === count($keys), 5), true), "\n";

ob_start();
(new ReflectionExtension('clusterfile'))->info();
$info = ob_get_clean();
echo 'php --ri: ', var_export(str_contains($info, "sentinel: master mymaster at 127.0.0.1:{$g->master->port}") && !str_contains($info, $pw), true), "\n";
echo 'getOptions: ', var_export(str_starts_with($a->getOptions()['metadataDsn'], 'redis-sentinel://:***@127.0.0.1:') , true), "\n";

// errors: a master no sentinel knows, no sentinel up, a wrong password - each named, no password
$msg = function (ClusterFile\Typo3\ClusterFileBackend $x): string {
    $e = null;
    try {
        $x->set('x', 'y');
    } catch (Throwable $e) {
    }
    $all = '';
    for (; $e; $e = $e->getPrevious()) {
        $all .= get_class($e) . '(' . $e->getCode() . '): ' . $e->getMessage() . "\n";
    }
    return preg_replace('/127\.0\.0\.1:\d+/', 'HOST', $all);
};
$unknown = cf_native_pod(str_replace('/mymaster', '/nosuchmaster', $dsn));
$m = $msg($unknown);
echo 'unknown master: ', var_export(str_contains($m, 'no sentinel named a usable master nosuchmaster (3 asked; last: sentinel HOST does not know master nosuchmaster)') && !str_contains($m, $pw), true), "\n";
$none = cf_native_pod("redis-sentinel://:$pw@127.0.0.1:" . cf_free_port() . '/mymaster?timeout=0.3');
$m = $msg($none);
echo 'no sentinel: ', var_export(str_contains($m, 'no sentinel named a usable master mymaster (1 asked; last: connecting to HOST failed: Connection refused)') && !str_contains($m, $pw), true), "\n";
$wrong = cf_native_pod(str_replace($pw, 'wrong-password-1', $dsn));
$m = $msg($wrong);
echo 'wrong password: ', var_export(str_contains($m, 'AUTH on HOST refused: WRONGPASS') && !str_contains($m, 'wrong-password-1'), true), "\n";
echo 'reads stay quiet misses: ', var_export([$unknown->get('x'), $none->has('x')], true), "\n";
$g->stop();
?>
--EXPECT--
B sees A: array (
  0 => true,
  1 => true,
  2 => true,
)
findIdentifiersByTag(t2): ["e1","e2"]
after flushByTag(t1): array (
  0 => false,
  1 => true,
  2 => true,
)
after flushByTags(t2) on B: false
remove: array (
  0 => true,
  1 => false,
  2 => false,
)
flush(): array (
  0 => false,
  1 => true,
)
get after a write: 'v5'
master db 3 holds the layout: true
master db 0 empty: []
replicated: true
php --ri: true
getOptions: true
unknown master: true
no sentinel: true
wrong password: true
reads stay quiet misses: array (
  0 => false,
  1 => false,
)
