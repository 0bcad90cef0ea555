--TEST--
collectGarbage() of five caches sharing one metadata cache runs that cache's GC once per request (unit of work): again after ClusterFile\reset() or the backend's reset(), and once per distinct metadata cache
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$other = new FakeMetaFrontend();
$pods = [];
foreach (['pages', 'rootline', 'hash', 'imagesizes', 'l10n'] as $cache) {
    $pods[] = cf_pod($meta, null, [], $cache);
}
$separate = cf_pod($other, null, [], 'pages');
$gcs = fn (FakeMetaFrontend $m) => count(array_filter($m->backend->calls, fn ($c) => $c === 'collectGarbage'));
foreach ($pods as $p) {
    $p->collectGarbage();
}
$separate->collectGarbage();
echo "five caches, one metadata cache: ", $gcs($meta), " GC; the other metadata cache: ", $gcs($other), "\n";
foreach ($pods as $p) {
    $p->collectGarbage();
}
echo "asked again: ", $gcs($meta), "\n";
ClusterFile\reset();
foreach ($pods as $p) {
    $p->collectGarbage();
}
echo "after ClusterFile\\reset(): ", $gcs($meta), "\n";
$pods[3]->reset();
foreach ($pods as $p) {
    $p->collectGarbage();
}
echo "after a backend's reset(): ", $gcs($meta), "\n";
?>
--EXPECT--
five caches, one metadata cache: 1 GC; the other metadata cache: 1
asked again: 1
after ClusterFile\reset(): 2
after a backend's reset(): 3
