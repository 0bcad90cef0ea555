--TEST--
The identity of a native connection is the whole endpoint: with a 600-character ACL user, DSNs for db 1 and db 2 get a connection each (the identity was cut at 511 bytes, so the second cache wrote into the first one's database)
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
$user = str_repeat('u', 600);
$srv->cli(0, 'ACL', 'SETUSER', $user, 'on', '>pw-pw-pw', '~*', '+@all');
$a = cf_native_pod("redis://$user:pw-pw-pw@127.0.0.1:{$srv->port}/1?prefix=a", null, [], 'one');
$b = cf_native_pod("redis://$user:pw-pw-pw@127.0.0.1:{$srv->port}/2?prefix=b", null, [], 'two');
$a->set('e', 'in db 1');
$b->set('e', 'meant for db 2');
$caches = fn (int $db) => array_values(array_unique(array_map(fn ($k) => preg_replace('/^cf1:\{([^}]*)\}.*$/', '$1', $k), $srv->cli($db, '--scan'))));
echo 'db 1: ', json_encode($caches(1)), ', db 2: ', json_encode($caches(2)), "\n";
?>
--EXPECT--
db 1: ["a\/one"], db 2: ["b\/two"]
