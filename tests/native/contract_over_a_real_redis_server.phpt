--TEST--
metadataDsn (native store over hiredis): the backend contract across two pods on one redis-server - set/get/has/remove, flush() of one cache leaves another cache's entries, flushByTag(s), findIdentifiersByTag, expiry, blob miss and repair, PhpFrontend require; unix:// and a db index; no password anywhere
--EXTENSIONS--
clusterfile
igbinary
--INI--
; PCRE's JIT code reads uninitialised stack under valgrind (a false positive in its pattern matcher)
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/redis.inc';

$srv = cf_redis_server();
$dsn = "redis://127.0.0.1:{$srv->port}/2?prefix=site-a&timeout=0.5";
$a = cf_native_pod($dsn);
$b = cf_native_pod($dsn);
$other = cf_native_pod($dsn, null, [], 'rootline');

$a->set('e1', 'v1', ['t1', 't2']);
$a->set('e2', 'v2', ['t2']);
$a->set('e3', 'v3', ['t3'], 60); // it only has to outlive the remove() below, however slow the run
$other->set('e1', 'rootline v1', ['t1']);
ClusterFile\reset();
echo 'B sees A: ', var_export([$b->has('e1'), $b->get('e1'), $b->get('e2')], true), "\n";
echo 'blob miss then repair on B: ';
$s = $b->getStatistics();
echo $s['blob_miss_total'], ' ';
$b->set('e1', 'v1', ['t1', 't2']);
echo $b->getStatistics()['repair_success_total'], ', B now: ', var_export($b->get('e1'), true), "\n";
echo 'findIdentifiersByTag(t2): ', cf_found($a, 't2'), "\n";

$a->flushByTag('t1');
ClusterFile\reset();
echo 'after flushByTag(t1): ', var_export([$b->get('e1'), $b->has('e2'), $other->get('e1')], true), "\n";
echo 'findIdentifiersByTag(t1): ', cf_found($a, 't1'), "\n";
$a->flushByTags(['t2', 'nothing']);
ClusterFile\reset();
echo 'after flushByTags(t2): ', var_export($b->has('e2'), true), "\n";

echo 'remove: ', var_export([$a->remove('e3'), $a->remove('e3'), $b->has('e3')], true), "\n";
$a->set('e4', 'v4', [], 1);
sleep(2);
ClusterFile\reset();
echo 'expired: ', var_export([$a->get('e4'), $b->has('e4')], true), "\n";

$a->set('e5', 'v5');
$a->flush();
ClusterFile\reset();
echo 'flush() of pages: ', var_export([$b->get('e5'), $other->get('e1')], true), "\n";
$other->flush();
ClusterFile\reset();
echo 'flush() of rootline: ', var_export($other->get('e1'), true), "\n";
$a->set('e5', 'after the flush');
ClusterFile\reset();
echo 'written again: ', var_export($b->get('e5') === false && $b->has('e5'), true), "\n";

// PhpFrontend over the native store
$code = cf_native_pod($dsn, null, [], 'code', true);
$code->set('mod', "<?php\nreturn ['from' => 'redis'];\n#");
ClusterFile\reset();
echo 'require: ', json_encode($code->require('mod')), "\n";

// unix socket, another db: its own keyspace
$u = cf_native_pod("unix://{$srv->dir}/redis.sock?db=5&prefix=site-a");
echo 'unix socket, db 5: ', var_export([$u->get('e5'), $u->has('e5')], true), "\n";
$u->set('e5', 'in db 5');
ClusterFile\reset();
echo '  then: ', var_export($u->get('e5'), true), ", db 2 untouched: ", var_export($b->get('e5') === false && $b->has('e5'), true), "\n";
$keys = $srv->cli(2, '--scan');
echo 'db 2: ', count($keys) > 0 ? 'keys' : 'none', ', all of the layout and namespace: ',
    var_export($keys === array_filter($keys, fn ($k) => preg_match('/^cf1:\{site-a\/(pages|rootline|code)\}:(seq|tag:|m:|ix:)/', $k)), true), "\n";
echo 'db 0: ', json_encode($srv->cli(0, '--scan')), "\n";

// the password never shows
$secret = cf_native_pod("redis://:hunter2hunter2@127.0.0.1:{$srv->port}");
echo 'getOptions: ', $secret->getOptions()['metadataDsn'], "\n";
echo cf_catch(fn () => $secret->get('x')) === 'ok' ? 'no AUTH needed: ' : '', 'get: ', var_export($secret->get('x'), true), "\n";
$srv->command('CONFIG', 'SET', 'requirepass', 'hunter2hunter2');
$bad = cf_native_pod("redis://:wrongwrong@127.0.0.1:{$srv->port}");
$r = cf_catch(fn () => $bad->set('x', 'y'));
echo 'wrong password: ', str_contains($r, 'wrongwrong') ? 'LEAKED' : preg_replace('/port \d+|:\d+/', ':PORT', $r), "\n";
echo 'right password: ', cf_catch(fn () => $secret->set('x', 'y')), "\n";
?>
--EXPECTF--
B sees A: array (
  0 => true,
  1 => false,
  2 => false,
)
blob miss then repair on B: 2 1, B now: 'v1'
findIdentifiersByTag(t2): ["e1","e2"]
after flushByTag(t1): array (
  0 => false,
  1 => true,
  2 => 'rootline v1',
)
findIdentifiersByTag(t1): []
after flushByTags(t2): false
remove: array (
  0 => true,
  1 => false,
  2 => false,
)
expired: array (
  0 => false,
  1 => false,
)
flush() of pages: array (
  0 => false,
  1 => 'rootline v1',
)
flush() of rootline: false
written again: true
require: {"from":"redis"}
unix socket, db 5: array (
  0 => false,
  1 => false,
)
  then: 'in db 5', db 2 untouched: true
db 2: keys, all of the layout and namespace: true
db 0: []
getOptions: redis://:***@127.0.0.1:%d
no AUTH needed: get: false
wrong password: TYPO3\CMS\Core\Cache\Exception(1747500022): %s
right password: ok
