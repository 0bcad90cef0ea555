--TEST--
The write-after-invalidate guard (native store): pod B misses on page_1, pod A flushByTag('pageId_1')s, then B's set() of what it rendered before lands - refused, counted in metadata_write_rejected_total, no exception, and no pod serves the old content; a write computed after the flush is stored; newest snapshot wins between two writers; remove() refuses older in-flight writes too
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/redis.inc';

$srv = cf_redis_server();
$dsn = "redis://127.0.0.1:{$srv->port}";
$a = cf_native_pod($dsn);
$b = cf_native_pod($dsn);
$c = cf_native_pod($dsn);

$a->set('page_1', 'v1', ['pageId_1']);
ClusterFile\reset();

// B: a miss (no file on this pod), renders from what it read...
echo 'B get: ', var_export($b->get('page_1'), true), "\n";
$rendered = 'old content';
// ... A: the editor's save invalidates the page, acknowledged ...
$a->flushByTag('pageId_1');
// ... B's late write lands.
echo 'B set: ', cf_catch(fn () => $b->set('page_1', $rendered, ['pageId_1'])), "\n";
echo 'rejected: ', $b->getStatistics()['metadata_write_rejected_total'], ', writes: ', $b->getStatistics()['cache_write_total'], "\n";
echo 'B itself: ', var_export($b->get('page_1'), true), "\n";
ClusterFile\reset();
echo 'every pod: ', var_export([$a->get('page_1'), $b->get('page_1'), $c->get('page_1'), $c->has('page_1')], true), "\n";

// the next unit of work renders after the flush: stored
echo 'C get: ', var_export($c->get('page_1'), true), "\n";
$c->set('page_1', 'new content', ['pageId_1']);
ClusterFile\reset();
echo 'after a fresh render: ', var_export([$c->get('page_1'), $a->has('page_1')], true), "\n";

// two writers: the one that read later wins, whatever the order the writes land in
ClusterFile\reset();
$a->remove('x');
ClusterFile\reset();
$a->get('x');             // A snapshots first
$a->flushByTag('other');  // the sequence moves on (another tag)
$b->get('x');             // B snapshots later
$b->set('x', 'from B', ['tx']);
$a->set('x', 'from A', ['tx']);
ClusterFile\reset();
echo 'newest snapshot wins: ', var_export($c->has('x') && $b->get('x'), true), ', A rejected ',
    $a->getStatistics()['metadata_write_rejected_total'], "\n";

// remove() while a render is in flight
ClusterFile\reset();
$b->get('y');
$a->set('y', 'v', ['ty']);
$a->remove('y');
$b->set('y', 'rendered before the remove', ['ty']);
ClusterFile\reset();
echo 'after remove: ', var_export($c->has('y'), true), "\n";

// a set() with no read before it in the unit of work is stamped "now" by its own read of the record
ClusterFile\reset();
$a->flushByTag('pageId_1');
$a->set('page_1', 'written blind', ['pageId_1']);
ClusterFile\reset();
echo 'blind write: ', var_export($c->has('page_1'), true), "\n";
?>
--EXPECT--
B get: false
B set: ok
rejected: 1, writes: 0
B itself: false
every pod: array (
  0 => false,
  1 => false,
  2 => false,
  3 => false,
)
C get: false
after a fresh render: array (
  0 => 'new content',
  1 => true,
)
newest snapshot wins: true, A rejected 1
after remove: false
blind write: true
