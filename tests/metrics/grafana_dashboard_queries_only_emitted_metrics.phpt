--TEST--
examples/grafana-dashboard.json: valid JSON, unique panel ids, and every metric, label and label value it queries is one the exporter emits (or the scrape in examples/kubernetes.yaml adds); a hit ratio adds all three kinds of hit (get() from the stores, L1, require())
--EXTENSIONS--
clusterfile
--INI--
; PCRE's JIT code reads past the subject under valgrind (a false positive in its pattern matcher)
pcre.jit=0
; one slot: the second cache goes to the overflow series, so its label is emitted too
clusterfile.metrics_slots=1
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$root = dirname(__DIR__, 2);
$dashboardFile = "$root/examples/grafana-dashboard.json";
$manifestFile = "$root/examples/kubernetes.yaml";

// What the exporter emits: families from the # TYPE lines (printed for every family, with or without
// samples), label names and values from the samples of one claimed slot and of the overflow series.
$meta = new FakeMetaFrontend();
cf_pod($meta, null, [], 'c1')->set('k', 'v');
cf_pod($meta, null, [], 'c2')->set('k', 'v');
$families = [];
$labelValues = [];
foreach (explode("\n", ClusterFile\metrics()) as $line) {
    if (preg_match('/^# TYPE (\S+) (\S+)$/', $line, $m)) {
        $families[$m[1]] = $m[2];
    } elseif (preg_match('/^[a-z0-9_]+\{([^}]*)\} \d+$/', $line, $m)) {
        preg_match_all('/([a-zA-Z_][a-zA-Z0-9_]*)="([^"]*)"/', $m[1], $lm, PREG_SET_ORDER);
        foreach ($lm as [, $name, $value]) {
            $labelValues[$name][$value] = true;
        }
    }
}
// Labels Prometheus adds itself, and the target labels the scrape configs in kubernetes.yaml make
// (relabel_configs' target_label, the PodMonitor's targetLabel).
$scrapeLabels = ['instance' => true, 'job' => true];
preg_match_all('/\btarget_?[lL]abel:\s*"?([a-zA-Z_][a-zA-Z0-9_]*)"?/', (string)file_get_contents($manifestFile), $m);
foreach ($m[1] as $l) {
    if (!str_starts_with($l, '__')) {
        $scrapeLabels[$l] = true;
    }
}
echo 'scrape relabels to pod: ', isset($scrapeLabels['pod']) ? 'yes' : 'no', "\n";
// Labels whose values the exporter fixes (the others carry cache names, namespaces, pods).
$fixedValues = array_diff_key($labelValues, ['cache' => 1, 'namespace' => 1]);

$problems = [];
try {
    $dash = json_decode((string)file_get_contents($dashboardFile), true, 512, JSON_THROW_ON_ERROR);
    echo "json: ok\n";
} catch (JsonException $e) {
    echo 'json: ', $e->getMessage(), "\n";
    $dash = [];
}

// Every panel, nested rows included.
$panels = [];
$walkPanels = static function (array $list, string $where) use (&$walkPanels, &$panels): void {
    foreach ($list as $i => $p) {
        $panels[] = [$p, "$where/" . ($p['title'] ?? "#$i")];
        $walkPanels($p['panels'] ?? [], "$where/" . ($p['title'] ?? "#$i"));
    }
};
$walkPanels($dash['panels'] ?? [], '');

$ids = [];
$queries = []; // [promql, where]
foreach ($panels as [$p, $where]) {
    if (!isset($p['id']) || !is_int($p['id'])) {
        $problems[] = "panel without an integer id: $where";
    } elseif (isset($ids[$p['id']])) {
        $problems[] = "panel id {$p['id']} twice: {$ids[$p['id']]} and $where";
    } else {
        $ids[$p['id']] = $where;
    }
    if (($p['type'] ?? '') === 'row') {
        continue;
    }
    if (($p['datasource']['uid'] ?? null) !== '${datasource}') {
        $problems[] = "panel not on \${datasource}: $where";
    }
    if (empty($p['targets'])) {
        $problems[] = "panel without targets: $where";
    }
    foreach ($p['targets'] ?? [] as $t) {
        $w = "$where [" . ($t['refId'] ?? '?') . ']';
        if (($t['datasource']['uid'] ?? null) !== '${datasource}') {
            $problems[] = "target not on \${datasource}: $w";
        }
        if (!is_string($t['expr'] ?? null) || trim($t['expr']) === '') {
            $problems[] = "empty expr: $w";
            continue;
        }
        $queries[] = [$t['expr'], $w];
        preg_match_all('/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/', $t['legendFormat'] ?? '', $lm);
        foreach ($lm[1] as $l) {
            if (!isset($labelValues[$l]) && !isset($scrapeLabels[$l])) {
                $problems[] = "legend names label $l: $w";
            }
        }
    }
}

// The template variables: the query ones are PromQL (label_values(...)) too.
$variables = [];
foreach ($dash['templating']['list'] ?? [] as $v) {
    $variables[$v['name']] = $v['type'];
    if ($v['type'] !== 'query') {
        continue;
    }
    foreach ([$v['definition'] ?? null, is_array($v['query'] ?? null) ? $v['query']['query'] ?? null : $v['query'] ?? null] as $q) {
        if (!is_string($q) || trim($q) === '') {
            $problems[] = "empty query: variable {$v['name']}";
            continue;
        }
        $queries[] = [$q, "variable {$v['name']}"];
    }
}
ksort($variables);
echo 'variables: ', implode(' ', array_map(fn ($k, $t) => "$k($t)", array_keys($variables), $variables)), "\n";

foreach ($queries as [$q, $where]) {
    // variables: defined ones or Grafana's own ($__rate_interval, $__range, ...)
    preg_match_all('/\$\{?([a-zA-Z_][a-zA-Z0-9_]*)/', $q, $m);
    foreach ($m[1] as $name) {
        if (!isset($variables[$name]) && !str_starts_with($name, '__')) {
            $problems[] = "undefined variable \$$name: $where";
        }
    }
    // label matchers, and the values of the labels whose values the exporter fixes
    preg_match_all('/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\\\]|\\\\.)*)"/', $q, $m, PREG_SET_ORDER);
    $labels = [];
    foreach ($m as [, $label, $op, $value]) {
        $labels[] = $label;
        if ($op === '=' && isset($fixedValues[$label]) && !isset($fixedValues[$label][$value])) {
            $problems[] = "$label=\"$value\" is never emitted: $where";
        }
    }
    // by (...), without (...), on (...), ignoring (...), group_left/right (...)
    preg_match_all('/\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/', $q, $m);
    foreach ($m[1] as $list) {
        foreach (preg_split('/\s*,\s*/', trim($list), -1, PREG_SPLIT_NO_EMPTY) as $l) {
            $labels[] = $l;
        }
    }
    // label_values(<selector>, <label>) and label_values(<label>)
    $n = preg_match_all('/label_values\s*\(\s*(?:[a-zA-Z_:][a-zA-Z0-9_:]*\s*(?:\{[^}]*\})?\s*,\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\s*\)/', $q, $m);
    if ($n !== substr_count($q, 'label_values')) {
        $problems[] = "label_values() not understood: $where";
    }
    $labels = array_merge($labels, $m[1]);
    foreach (array_unique($labels) as $l) {
        if (!isset($labelValues[$l]) && !isset($scrapeLabels[$l])) {
            $problems[] = "label $l is neither emitted nor added by the scrape: $where";
        }
    }
}

// Every clusterfile_* name anywhere in the dashboard (queries, titles, descriptions) is a family of
// the exporter. Counters are queried by their family name (the one ending in _total); _sum, _count
// and _bucket would only exist for histograms and summaries, which the exporter has none of.
$referenced = [];
array_walk_recursive($dash, static function ($value) use (&$referenced): void {
    if (is_string($value) && preg_match_all('/\bclusterfile_[a-zA-Z0-9_]+/', $value, $m)) {
        foreach ($m[0] as $name) {
            $referenced[$name] = true;
        }
    }
});
foreach (array_keys($referenced) as $name) {
    if (isset($families[$name])) {
        continue;
    }
    $base = preg_replace('/_(sum|count|bucket)$/', '', $name);
    if ($base !== $name && in_array($families[$base] ?? '', ['histogram', 'summary'], true)) {
        continue;
    }
    $problems[] = "no such metric: $name";
}

// What the dashboard is for: each of these must be queried.
$wanted = [
    'cache_hit_total', 'cache_miss_total', 'cache_l1_hit_total', 'shared_payload_hit_total',
    'blob_miss_total', 'repair_success_total', 'payload_rebuild_total', 'metadata_write_rejected_total',
    'local_store_bytes', 'local_max_bytes', 'metadata_round_trip_total', 'metadata_error_total',
    'cache_flush_total', 'cache_flush_error_total', 'cache_remove_total', 'local_gc_removed_files_total',
    'payload_bytes_read_total', 'payload_bytes_written_total',
];
$queried = implode("\n", array_column($queries, 0));
foreach ($wanted as $w) {
    if (!preg_match('/\bclusterfile_' . $w . '\b/', $queried)) {
        $problems[] = "not queried: clusterfile_$w";
    }
}

// A hit ratio counts every kind of hit: the exporter counts get() hits from the stores, L1 hits and
// require() hits apart, so a query that divides by hits plus misses must add all three.
foreach ($queries as [$expr, $where]) {
    if (str_contains($expr, 'clusterfile_cache_miss_total') && str_contains($expr, 'clusterfile_cache_hit_total')) {
        foreach (['clusterfile_cache_l1_hit_total', 'clusterfile_require_hit_total'] as $kind) {
            if (!str_contains($expr, $kind)) {
                $problems[] = "a hit ratio without $kind: $where";
            }
        }
    }
}

echo 'panels: ', count($panels) >= 20 ? 'at least 20' : count($panels), ', queries: ', count($queries) >= 30 ? 'at least 30' : count($queries), "\n";
echo $problems ? implode("\n", array_unique($problems)) . "\n" : "problems: none\n";
?>
--EXPECT--
scrape relabels to pod: yes
json: ok
variables: cache(query) datasource(datasource) namespace(query) pod(query)
panels: at least 20, queries: at least 30
problems: none
