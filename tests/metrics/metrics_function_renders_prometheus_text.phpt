--TEST--
ClusterFile\metrics(): Prometheus text with # HELP/# TYPE per family, _total counters, one series per cache and namespace
--EXTENSIONS--
clusterfile
--INI--
; PCRE's JIT code reads past the subject under valgrind (a false positive in its pattern matcher)
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$pages = cf_pod($meta, null, [], 'pages');
$menu = cf_pod($meta, null, ['namespace' => ['environment' => 'prod', 'instance' => 'site-b']], 'menu');
for ($i = 0; $i < 3; $i++) {
    $pages->set("e$i", "value $i");
}
$pages->get('e0');          // payload L1 hit
$pages->get('missing');     // no-metadata miss
$menu->set('m', 'x');
$menu->get('nope');
$pages->flushByTag('t1');

$text = ClusterFile\metrics();
$lines = explode("\n", rtrim($text, "\n"));
$families = [];
$last = null;
foreach ($lines as $l) {
    if (preg_match('/^# HELP (\S+) \S/', $l, $m)) {
        $families[$m[1]] = ($families[$m[1]] ?? 0) + 1;
        $last = $m[1];
        continue;
    }
    if (preg_match('/^# TYPE (\S+) (counter|gauge)$/', $l, $m)) {
        assert($m[1] === $last);
        $type = $m[2];
        if ($type === 'counter' && !str_ends_with($m[1], '_total')) {
            echo "counter without _total: {$m[1]}\n";
        }
        if ($type === 'gauge' && str_ends_with($m[1], '_total')) {
            echo "gauge with _total: {$m[1]}\n";
        }
        continue;
    }
    if (!preg_match('/^([a-z0-9_]+)\{([^}]*)\} (\d+)$/', $l, $m) || $m[1] !== $last) {
        echo "bad line: $l\n";
    }
}
echo "families each announced once: ", max($families) === 1 ? 'yes' : 'no', "\n";
foreach ([
    'clusterfile_cache_write_total{cache="pages",namespace="testing:phpt"}',
    'clusterfile_cache_l1_hit_total{cache="pages",namespace="testing:phpt"}',
    'clusterfile_cache_miss_total{cache="pages",namespace="testing:phpt",reason="no-metadata"}',
    'clusterfile_cache_write_total{cache="menu",namespace="prod:site-b"}',
    'clusterfile_cache_miss_total{cache="menu",namespace="prod:site-b",reason="no-metadata"}',
    'clusterfile_cache_flush_total{cache="pages",namespace="testing:phpt",kind="tag"}',
    'clusterfile_payload_bytes_written_total{cache="pages",namespace="testing:phpt"}',
] as $series) {
    preg_match('/^' . preg_quote($series, '/') . ' (\d+)$/m', $text, $m);
    echo $series, ' ', $m[1] ?? 'absent', "\n";
}
preg_match('/^clusterfile_metadata_round_trip_total\{cache="pages",namespace="testing:phpt"\} (\d+)$/m', $text, $m);
echo "round trips counted: ", (int)$m[1] > 0 ? 'yes' : 'no', "\n";
// the per-object statistics are unchanged and agree
$s = $pages->getStatistics();
echo "getStatistics: writes {$s['cache_write_total']}, no-metadata {$s['cache_miss_total']['no-metadata']}, keys ", count($s), "\n";
echo "no unbound series: ", str_contains($text, 'cache="unbound"') ? 'no' : 'yes', "\n";
?>
--EXPECT--
families each announced once: yes
clusterfile_cache_write_total{cache="pages",namespace="testing:phpt"} 3
clusterfile_cache_l1_hit_total{cache="pages",namespace="testing:phpt"} 1
clusterfile_cache_miss_total{cache="pages",namespace="testing:phpt",reason="no-metadata"} 1
clusterfile_cache_write_total{cache="menu",namespace="prod:site-b"} 1
clusterfile_cache_miss_total{cache="menu",namespace="prod:site-b",reason="no-metadata"} 1
clusterfile_cache_flush_total{cache="pages",namespace="testing:phpt",kind="tag"} 1
clusterfile_payload_bytes_written_total{cache="pages",namespace="testing:phpt"} 24
round trips counted: yes
getStatistics: writes 3, no-metadata 1, keys 30
no unbound series: yes
