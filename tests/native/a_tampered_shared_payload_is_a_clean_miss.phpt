--TEST--
sharedPayloadMaxBytes: a shared payload edited in Redis (one byte changed, truncated, another entry's bytes, emptied, padded past the reader's limit) does not match the HMAC'd record's checksum and size: a plain blob miss (blob_miss_total, no shared_payload_hit_total), never served, nothing written locally, no warning; the pod's next set() puts sound bytes back and another pod hits on them
--EXTENSIONS--
clusterfile
igbinary
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/redis.inc';

$srv = cf_redis_server();
$dsn = "redis://127.0.0.1:{$srv->port}?prefix=tp";
$on = ['sharedPayloadMaxBytes' => 4096];
$key = 'cf1:{tp/pages}:m:pages__e1';
$a = cf_native_pod($dsn, cf_tmpdir('pod-a'), $on);
$a->set('e2', 'the other entry', ['t']);

$edits = [
    'one byte changed' => "local p = redis.call('HGET', KEYS[1], 'p'); redis.call('HSET', KEYS[1], 'p', string.sub(p, 1, -2) .. 'X'); return 1",
    'truncated' => "local p = redis.call('HGET', KEYS[1], 'p'); redis.call('HSET', KEYS[1], 'p', string.sub(p, 1, -2)); return 1",
    'another entry\'s bytes' => "redis.call('HSET', KEYS[1], 'p', redis.call('HGET', string.gsub(KEYS[1], 'e1$', 'e2'), 'p')); return 1",
    'emptied' => "redis.call('HSET', KEYS[1], 'p', ''); return 1",
    'padded past the limit' => "local p = redis.call('HGET', KEYS[1], 'p'); redis.call('HSET', KEYS[1], 'p', p .. string.rep('x', 5000)); return 1",
];
foreach ($edits as $what => $lua) {
    $a->set('e1', 'the page as rendered', ['t']);
    $srv->cli(0, 'EVAL', $lua, '1', $key);
    ClusterFile\reset();
    $dir = cf_tmpdir('pod');
    $p = cf_native_pod($dsn, $dir, $on);
    $v = $p->get('e1');
    $s = $p->getStatistics();
    printf("%s: %s, blob miss %d, shared %d, hits %d, files %d\n", $what, var_export($v, true), $s['blob_miss_total'],
        $s['shared_payload_hit_total'], $s['cache_hit_total'], count(cf_files($dir)));
    // the pod re-renders: its set() writes its file and sound bytes beside the record again
    $p->set('e1', 'the page as rendered', ['t']);
    ClusterFile\reset();
    $q = cf_native_pod($dsn, cf_tmpdir('pod'), $on);
    printf("  after the re-render: %s, shared %d\n", var_export($q->get('e1'), true), $q->getStatistics()['shared_payload_hit_total']);
}
?>
--EXPECT--
one byte changed: false, blob miss 1, shared 0, hits 0, files 0
  after the re-render: 'the page as rendered', shared 1
truncated: false, blob miss 1, shared 0, hits 0, files 0
  after the re-render: 'the page as rendered', shared 1
another entry's bytes: false, blob miss 1, shared 0, hits 0, files 0
  after the re-render: 'the page as rendered', shared 1
emptied: false, blob miss 1, shared 0, hits 0, files 0
  after the re-render: 'the page as rendered', shared 1
padded past the limit: false, blob miss 1, shared 0, hits 0, files 0
  after the re-render: 'the page as rendered', shared 1
