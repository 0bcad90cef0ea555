--TEST--
flush() on pod A is seen by pod B from its next request (B's request-scoped L1 still holds its copy until then)
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$a = cf_pod($meta);
$b = cf_pod($meta);
$a->set('one', 'v1');
$b->set('two', 'v2');
echo 'B reads one: '; var_dump($b->get('one') === false ? 'blob miss' : 'hit');
$b->set('one', 'v1');
echo 'B get one (this request): '; var_dump($b->get('one'));

$a->flush();
echo 'B get one, same request: '; var_dump($b->get('one'));
$b->reset();
echo 'B get one, next request: '; var_dump($b->get('one'));
echo 'B get two, next request: '; var_dump($b->get('two'));
echo 'B has one: '; var_dump($b->has('one'));
echo 'A get one: '; var_dump($a->get('one'));
echo 'B no-metadata misses: ', $b->getStatistics()['cache_miss_total']['no-metadata'], "\n";
echo 'records left: ', count($meta->backend->entries), "\n";
?>
--EXPECT--
B reads one: string(9) "blob miss"
B get one (this request): string(2) "v1"
B get one, same request: string(2) "v1"
B get one, next request: bool(false)
B get two, next request: bool(false)
B has one: bool(false)
A get one: bool(false)
B no-metadata misses: 2
records left: 0
