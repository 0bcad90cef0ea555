--TEST--
findIdentifiersByTag() returns only identifiers whose record is live and still carries the tag: a stale tag index (TYPO3's Redis and transient backends keep tag sets past the TTL and after a re-tagging write) does not leak expired, Broken, re-tagged or garbage entries
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
foreach (['live', 'expired', 'broken', 'retagged', 'garbage'] as $id) {
    $b->set($id, "v-$id", ['t']);
}
$key = fn (string $id) => array_values(array_filter(array_keys($meta->backend->entries), fn ($k) => str_ends_with($k, '__' . $id)))[0];
$tagIndex = $meta->backend->entries[$key('retagged')]['tags'];
$b->set('retagged', 'v2', ['other']);
$now = $meta->backend->entries[$key('retagged')]['tags'];
$meta->backend->entries[$key('retagged')]['tags'] = array_values(array_unique(array_merge($tagIndex, $now))); // the store's index still lists it under t
$meta->backend->entries[$key('expired')]['data']['expiresAt'] = time() - 10; // the record says expired, the index does not
$meta->backend->entries[$key('broken')]['data']['state'] = 'broken';
$meta->backend->entries[$key('garbage')]['data'] = 'not a record';
$found = $b->findIdentifiersByTag('t');
sort($found);
echo json_encode($found), "\n";
echo json_encode($b->findIdentifiersByTag('other')), "\n";
?>
--EXPECT--
["live"]
["retagged"]
