--TEST--
Metrics across a php-fpm pool: 200 requests over 4 recycled workers sum exactly in one scrape; ClusterFile\check() requests in the pool pass and add nothing to it
--EXTENSIONS--
clusterfile
--SKIPIF--
<?php
require __DIR__ . '/fcgi.inc';
if (!cf_fpm_binary()) die('skip no php-fpm of this PHP build (Debian\'s php-fpm' . PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION . ' serves Debian\'s PHP only; the sanitizer builds have none)');
?>
--CONFLICTS--
fpm
--INI--
; PCRE's JIT code reads past the subject under valgrind (a false positive in its pattern matcher)
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fcgi.inc';
const N = 200;
[$port, $proc, $dir] = cf_fpm_start(4, 15, __DIR__ . '/fpm_pool_counts_add_up.fpm');
$script = __DIR__ . '/fpm_worker.inc';
$pids = [];
for ($done = 0; $done < N; $done += 4) {
    $socks = [];
    for ($j = 0; $j < 4 && $done + $j < N; $j++) {
        $socks[] = cf_fcgi_send($port, $script);
    }
    foreach ($socks as $s) {
        $pid = cf_fcgi_read($s);
        if (!preg_match("/^\d+$/", $pid)) {
            echo "bad answer: $pid\n";
        }
        $pids[$pid] = ($pids[$pid] ?? 0) + 1;
    }
}
$checks = [];
for ($j = 0; $j < 8; $j++) {
    $checks[] = cf_fcgi_read(cf_fcgi_send($port, $script, 'check'));
}
$scrape = cf_fcgi_read(cf_fcgi_send($port, $script, 'scrape'));
file_put_contents(__DIR__ . '/fpm_pool_counts_add_up.scrape', $scrape);
$get = function (string $family, string $extra = '') use ($scrape): string {
    $re = '/^' . preg_quote($family . '{cache="pages",namespace="testing:fpm"' . $extra . '}', '/') . ' (\d+)$/m';
    return preg_match_all($re, $scrape, $m) === 1 ? $m[1][0] : 'not exactly one series';
};
echo "requests: ", array_sum($pids), "\n";
echo "more than one worker: ", count($pids) > 1 ? 'yes' : 'no', "\n";
echo "workers recycled (more pids than max_children): ", count($pids) > 4 ? 'yes' : 'no', "\n";
echo "writes: ", $get('clusterfile_cache_write_total'), "\n";
echo "hits: ", $get('clusterfile_cache_hit_total'), ", local ", $get('clusterfile_local_payload_hit_total'), "\n";
echo "misses no-metadata: ", $get('clusterfile_cache_miss_total', ',reason="no-metadata"'), "\n";
echo "removes: ", $get('clusterfile_cache_remove_total'), "\n";
echo "checks: ", implode(' ', array_unique($checks)), "\n";
echo "round trips at least 4 per request: ", (int)$get('clusterfile_metadata_round_trip_total') >= 4 * N ? 'yes' : 'no', "\n";
cf_fpm_stop($proc, $dir);
?>
--CLEAN--
<?php
require __DIR__ . '/fcgi.inc';
cf_fpm_clean(__DIR__ . '/fpm_pool_counts_add_up.fpm');
@unlink(__DIR__ . '/fpm_pool_counts_add_up.scrape');
?>
--EXPECT--
requests: 200
more than one worker: yes
workers recycled (more pids than max_children): yes
writes: 600
hits: 400, local 400
misses no-metadata: 200
removes: 200
checks: ok
round trips at least 4 per request: yes
