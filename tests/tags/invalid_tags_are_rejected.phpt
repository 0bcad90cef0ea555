--TEST--
Invalid tags (space, 251 characters, empty, non-ASCII, an array element) throw InvalidArgumentException 1233058269 from set, flushByTag, flushByTags and findIdentifiersByTag, before any metadata call
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir);
foreach (['a b', str_repeat('t', 251), '', "caf\xc3\xa9", 'a/b'] as $tag) {
    $label = strlen($tag) > 20 ? strlen($tag) . ' chars' : json_encode($tag);
    echo "$label\n";
    echo "  set:                  ", cf_catch(fn () => $b->set('e', 'v', ['ok', $tag])), "\n";
    echo "  flushByTag:           ", cf_catch(fn () => $b->flushByTag($tag)), "\n";
    echo "  flushByTags:          ", cf_catch(fn () => $b->flushByTags(['ok', $tag])), "\n";
    echo "  findIdentifiersByTag: ", cf_catch(fn () => $b->findIdentifiersByTag($tag)), "\n";
}
echo "array element: ", cf_catch(fn () => $b->set('e', 'v', [['nested']])), "\n";
echo "array element in flushByTags: ", cf_catch(fn () => $b->flushByTags(['ok', ['nested']])), "\n";
echo "null element: ", cf_catch(fn () => $b->set('e', 'v', [null])), "\n";
echo "metadata calls: ", count($meta->backend->calls), ", files: ", count(cf_files($dir)), "\n";
?>
--EXPECT--
"a b"
  set:                  InvalidArgumentException(1233058269): "a b" is not a valid tag for a cache entry.
  flushByTag:           InvalidArgumentException(1233058269): "a b" is not a valid tag for a cache entry.
  flushByTags:          InvalidArgumentException(1233058269): "a b" is not a valid tag for a cache entry.
  findIdentifiersByTag: InvalidArgumentException(1233058269): "a b" is not a valid tag for a cache entry.
251 chars
  set:                  InvalidArgumentException(1233058269): "tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt..." is not a valid tag for a cache entry.
  flushByTag:           InvalidArgumentException(1233058269): "tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt..." is not a valid tag for a cache entry.
  flushByTags:          InvalidArgumentException(1233058269): "tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt..." is not a valid tag for a cache entry.
  findIdentifiersByTag: InvalidArgumentException(1233058269): "tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt..." is not a valid tag for a cache entry.
""
  set:                  InvalidArgumentException(1233058269): "" is not a valid tag for a cache entry.
  flushByTag:           InvalidArgumentException(1233058269): "" is not a valid tag for a cache entry.
  flushByTags:          InvalidArgumentException(1233058269): "" is not a valid tag for a cache entry.
  findIdentifiersByTag: InvalidArgumentException(1233058269): "" is not a valid tag for a cache entry.
"caf\u00e9"
  set:                  InvalidArgumentException(1233058269): "caf??" is not a valid tag for a cache entry.
  flushByTag:           InvalidArgumentException(1233058269): "caf??" is not a valid tag for a cache entry.
  flushByTags:          InvalidArgumentException(1233058269): "caf??" is not a valid tag for a cache entry.
  findIdentifiersByTag: InvalidArgumentException(1233058269): "caf??" is not a valid tag for a cache entry.
"a\/b"
  set:                  InvalidArgumentException(1233058269): "a/b" is not a valid tag for a cache entry.
  flushByTag:           InvalidArgumentException(1233058269): "a/b" is not a valid tag for a cache entry.
  flushByTags:          InvalidArgumentException(1233058269): "a/b" is not a valid tag for a cache entry.
  findIdentifiersByTag: InvalidArgumentException(1233058269): "a/b" is not a valid tag for a cache entry.
array element: InvalidArgumentException(1233058269): A tag of type array is not a valid tag for a cache entry.
array element in flushByTags: InvalidArgumentException(1233058269): A tag of type array is not a valid tag for a cache entry.
null element: InvalidArgumentException(1233058269): A tag of type null is not a valid tag for a cache entry.
metadata calls: 0, files: 0
