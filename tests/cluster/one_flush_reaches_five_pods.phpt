--TEST--
Five pods all hit an entry; after one flush on one of them all five miss from their next request
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$pods = [];
for ($i = 0; $i < 5; $i++) {
    $pods[$i] = cf_pod($meta);
    $pods[$i]->set('e', 'shared value');
}
$hits = 0;
foreach ($pods as $p) {
    $p->reset();
    $hits += $p->get('e') === 'shared value' ? 1 : 0;
}
echo 'hits before: ', $hits, "\n";
$pods[2]->flush();
$misses = 0;
foreach ($pods as $p) {
    $p->reset();
    $misses += $p->get('e') === false ? 1 : 0;
}
echo 'misses after: ', $misses, "\n";
echo 'files left on the pods: ', array_sum(array_map(fn ($p) => count(cf_files($p->getLocalPath())), $pods)), "\n";
?>
--EXPECT--
hits before: 5
misses after: 5
files left on the pods: 5
