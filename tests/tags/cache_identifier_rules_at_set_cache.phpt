--TEST--
setCache() accepts TYPO3 cache identifiers matching ^[a-zA-Z0-9_%&-]{1,64}$ without "__" and not ending in "_"; others throw InvalidArgumentException 1747500052
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

$meta = new FakeMetaFrontend();
foreach (['fluid_template', 'pages', 'extbase-reflection', 'a%b&c', str_repeat('c', 64), 'a__b', 'bad_', 'has.dot', str_repeat('c', 65), '__x', 'sp ace', "nul\0"] as $name) {
    $b = new ClusterFile\Typo3\ClusterFileBackend(cf_options(cf_tmpdir(), $meta));
    $r = cf_catch(fn () => new VariableFrontend($name, $b));
    echo json_encode(strlen($name) > 20 ? strlen($name) . ' chars' : $name), ' => ', $r === 'ok' ? 'ok ' . $b->getStatistics()['cacheName'] : $r, "\n";
}
?>
--EXPECT--
"fluid_template" => ok fluid_template
"pages" => ok pages
"extbase-reflection" => ok extbase-reflection
"a%b&c" => ok a%b&c
"64 chars" => ok cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc
"a__b" => InvalidArgumentException(1747500052): ClusterFileBackend cannot serve the cache "a__b": a cache identifier must match ^[a-zA-Z0-9_%&-]{1,64}$, contain no "__" and not end in "_"
"bad_" => InvalidArgumentException(1747500052): ClusterFileBackend cannot serve the cache "bad_": a cache identifier must match ^[a-zA-Z0-9_%&-]{1,64}$, contain no "__" and not end in "_"
"has.dot" => InvalidArgumentException(1747500052): ClusterFileBackend cannot serve the cache "has.dot": a cache identifier must match ^[a-zA-Z0-9_%&-]{1,64}$, contain no "__" and not end in "_"
"65 chars" => InvalidArgumentException(1747500052): ClusterFileBackend cannot serve the cache "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc...": a cache identifier must match ^[a-zA-Z0-9_%&-]{1,64}$, contain no "__" and not end in "_"
"__x" => InvalidArgumentException(1747500052): ClusterFileBackend cannot serve the cache "__x": a cache identifier must match ^[a-zA-Z0-9_%&-]{1,64}$, contain no "__" and not end in "_"
"sp ace" => InvalidArgumentException(1747500052): ClusterFileBackend cannot serve the cache "sp ace": a cache identifier must match ^[a-zA-Z0-9_%&-]{1,64}$, contain no "__" and not end in "_"
"nul\u0000" => InvalidArgumentException(1747500052): ClusterFileBackend cannot serve the cache "nul?": a cache identifier must match ^[a-zA-Z0-9_%&-]{1,64}$, contain no "__" and not end in "_"
