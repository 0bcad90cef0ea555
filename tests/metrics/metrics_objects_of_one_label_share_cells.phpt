--TEST--
ClusterFile\metrics(): two backend objects of one cache and namespace add into one series (getStatistics() stays per object)
--EXTENSIONS--
clusterfile
--INI--
; PCRE's JIT code reads past the subject under valgrind (a false positive in its pattern matcher)
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$a = cf_pod($meta, null, [], 'pages');
$b = cf_pod($meta, null, [], 'pages');
$a->set('x', 'one');
$b->set('y', 'two');
$b->set('z', 'three');
preg_match_all('/^clusterfile_cache_write_total\{cache="pages",namespace="testing:phpt"\} (\d+)$/m', ClusterFile\metrics(), $m);
echo count($m[1]), " series, ", $m[1][0], " writes\n";
echo $a->getStatistics()['cache_write_total'], ' ', $b->getStatistics()['cache_write_total'], "\n";
?>
--EXPECT--
1 series, 3 writes
1 2
