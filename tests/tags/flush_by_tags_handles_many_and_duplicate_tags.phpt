--TEST--
flushByTags(): several tags, duplicates, 200 tags in one call - one metadata call with the unique namespaced tags; counter delta = unique count
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
for ($i = 0; $i < 250; $i++) {
    $b->set("e$i", "v$i", ["t$i"]);
}
$b->set('keep', 'k', ['other']);
$meta->backend->calls = [];
$b->flushByTags(['t1', 't2', 't1', 't2', 't3']);
echo "calls: ", implode(',', $meta->backend->calls), ", left: ", count($meta->backend->entries), ", tag flushes: ", $b->getStatistics()['cache_flush_total']['tag'], "\n";

$tags = array_map(fn ($i) => "t$i", range(10, 209)); // 200 tags
$meta->backend->calls = [];
$b->flushByTags(array_merge($tags, $tags));
echo "200 tags: calls ", implode(',', $meta->backend->calls), ", left ", count($meta->backend->entries), ", tag flushes ", $b->getStatistics()['cache_flush_total']['tag'], "\n";
var_dump($b->has('e9'), $b->has('e10'), $b->has('e209'), $b->has('e210'), $b->get('keep'));
?>
--EXPECT--
calls: flushByTags, left: 248, tag flushes: 3
200 tags: calls flushByTags, left 48, tag flushes 203
bool(true)
bool(false)
bool(false)
bool(true)
string(1) "k"
