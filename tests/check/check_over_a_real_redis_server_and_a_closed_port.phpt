--TEST--
ClusterFile\check() on the native metadata path: a healthy redis-server passes every step and leaves no probe record behind (the tombstone expires, the tag indexes lose the entry); a closed port fails "metadata" with the connection error and the DSN's password is never in the report
--EXTENSIONS--
clusterfile
igbinary
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/redis.inc';

$srv = cf_redis_server();
$dsn = "redis://127.0.0.1:{$srv->port}/3?prefix=probe&timeout=0.5";
$dir = cf_tmpdir('check-native');

$r = ClusterFile\check(cf_native_options($dsn, $dir), 'pages');
echo 'healthy: ', var_export($r['ok'], true), ' ', json_encode($r['failed']), "\n";
echo 'round trip: ', $r['checks']['roundTrip']['message'], "\n";
// what remove() leaves of the probe entry (the guard's tombstone) expires; nothing is kept for good
$left = array_filter($srv->cli(3, 'keys', '*'), fn ($k) => str_contains($k, 'clusterfile_check-'));
$ttls = array_map(fn ($k) => (int) implode('', $srv->cli(3, 'ttl', $k)), $left);
echo 'keys naming the probe entry left in db 3 without a TTL of at most 300 s: ', count(array_filter($ttls, fn ($t) => $t < 1 || $t > 300)), "\n";
// remove() takes the entry out of its tags' indexes: probes do not pile up in them
$members = 0;
foreach ($srv->cli(3, 'keys', '*:ix:*') as $ix) {
    $members += count(array_filter($srv->cli(3, 'zrange', $ix, '0', '-1'), fn ($m) => str_contains($m, 'clusterfile_check-')));
}
echo 'probe entries left in tag indexes: ', $members, "\n";
$r2 = ClusterFile\check(cf_native_options($dsn, $dir), 'pages');
echo 'again: ', var_export($r2['ok'], true), ', payload files in localPath: ', ClusterFile\gc($dir, ['scanOnly' => true])['remainingFiles'], "\n";

$closed = cf_free_port();
$secret = 's3cr3t-never-shown';
$r = ClusterFile\check(cf_native_options("redis://user:$secret@127.0.0.1:$closed?timeout=0.2", $dir), 'pages');
echo 'closed port: ', var_export($r['ok'], true), ' ', json_encode($r['failed']), "\n";
echo 'metadata: ', $r['checks']['metadata']['message'], "\n";
echo 'password in the report: ', var_export(str_contains(json_encode($r), $secret), true), "\n";
?>
--EXPECTF--
healthy: true []
round trip: set, get, remove and has of clusterfile_check-%s
keys naming the probe entry left in db 3 without a TTL of at most 300 s: 0
probe entries left in tag indexes: 0
again: true, payload files in localPath: 1
closed port: false ["metadata","roundTrip"]
metadata: %s127.0.0.1:%d%s
password in the report: false
