--TEST--
The backend contract (tests/inc/contract.inc) on the native metadata path: metadataDsn over a real redis-server - the same lines as on a userland metadata cache
--EXTENSIONS--
clusterfile
igbinary
--INI--
; PCRE's JIT code reads uninitialised stack under valgrind (a false positive in its pattern matcher)
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/contract.inc';
require __DIR__ . '/../inc/redis.inc';

$srv = cf_redis_server();
$dsn = "redis://127.0.0.1:{$srv->port}/3?prefix=contract";
cf_contract(fn (string $dir, array $extra = [], string $cache = 'pages', bool $php = false) => cf_native_pod($dsn, $dir, $extra, $cache, $php));
?>
--EXPECT--
A get, has: ["v1",true,false,false]
second worker: ["v1","v2"]
B has, get: [true,false]
B blob misses: 1
B repaired: [1,"v1"]
same file on both machines: true
overwrite seen by the other worker: v2 new
the old payload is not served to B: false
findIdentifiersByTag(t2): ["e1","e2"]
findIdentifiersByTag(none): []
after B flushByTag(t1), A: [false,true,"v3"]
findIdentifiersByTag(t1): []
after flushByTags([t2]), A: [false,"v3"]
remove: [true,false]
removed on every pod: [false,false]
after B flush() of pages: [false,"rootline v1"]
written again after the flush: v4 again
after 2 s: [false,false,"f",false]
expired misses: 0
A2 reads: first
A2 in the same unit of work: first
A2 after its reset(): second
B corrupt file: [false,false,1]
A still hits: 800
B after its re-set: 800
require on A, requireOnce on B: [{"from":"contract"},{"from":"contract"}]
php files on A: 1
after flushByTag(code): [false,false]
bad identifier "": set InvalidArgumentException(1298114280), get InvalidArgumentException(1233058294), has InvalidArgumentException(1233058486)
bad identifier "a\/b": set InvalidArgumentException(1282073032), get InvalidArgumentException(1282073033), has InvalidArgumentException(1282073034)
bad identifier "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx": set InvalidArgumentException(1233058264), get InvalidArgumentException(1233058294), has InvalidArgumentException(1233058486)
bad identifier "nul\u0000": set InvalidArgumentException(1233058264), get InvalidArgumentException(1233058294), has InvalidArgumentException(1233058486)
bad tag: InvalidArgumentException(1233058269)
statistics keys: backendVersion blob_miss_total cacheName cache_flush_error_total cache_flush_total cache_hit_total cache_l1_hit_total cache_miss_total cache_write_error_total cache_write_total compression decode_error_total local_gc_error_total local_gc_removed_bytes_total local_gc_removed_files_total local_gc_run_total local_gc_step_total local_payload_hit_total metadata_write_rejected_total namespace payload_bytes_read_total payload_bytes_written_total payload_l1_bytes payload_l1_entries payload_rebuild_total repair_success_total require_hit_total require_verify_total serializer shared_payload_hit_total
