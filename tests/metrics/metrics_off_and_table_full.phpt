--TEST--
ClusterFile\metrics(): more label sets than clusterfile.metrics_slots go to the overflow series
--EXTENSIONS--
clusterfile
--INI--
; PCRE's JIT code reads past the subject under valgrind (a false positive in its pattern matcher)
pcre.jit=0
clusterfile.metrics_slots=2
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
foreach (['c1', 'c2', 'c3', 'c4'] as $c) {
    cf_pod($meta, null, [], $c)->set('k', 'v');
}
$text = ClusterFile\metrics();
preg_match_all('/^clusterfile_cache_write_total\{(.*)\} (\d+)$/m', $text, $m, PREG_SET_ORDER);
foreach ($m as $s) {
    echo $s[1], ' ', $s[2], "\n";
}
echo ini_get('clusterfile.metrics_slots'), "\n";
?>
--EXPECTF--
cache="c%d",namespace="testing:phpt" 1
cache="c%d",namespace="testing:phpt" 1
overflow="true" 2
2
