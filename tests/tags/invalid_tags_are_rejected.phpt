--TEST--
Invalid tags (space, 251 characters, empty, non-ASCII, an array element) throw InvalidArgumentException with the code TYPO3's frontend uses for the call (set 1233058269, PhpFrontend set 1264023825, flushByTag 1233057359, flushByTags 1233057360), before any metadata call; findIdentifiersByTag finds nothing
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir);
$p = cf_pod($meta, cf_tmpdir('php'), [], 'code', true);
foreach (['a b', str_repeat('t', 251), '', "caf\xc3\xa9", 'a/b'] as $tag) {
    $label = strlen($tag) > 20 ? strlen($tag) . ' chars' : json_encode($tag);
    echo "$label\n";
    echo "  set:                  ", cf_catch(fn () => $b->set('e', 'v', ['ok', $tag])), "\n";
    echo "  flushByTag:           ", cf_catch(fn () => $b->flushByTag($tag)), "\n";
    echo "  flushByTags:          ", cf_catch(fn () => $b->flushByTags(['ok', $tag])), "\n";
    echo "  php set:              ", cf_catch(fn () => $p->set('e', 'return 1;', ['ok', $tag])), "\n";
    echo "  findIdentifiersByTag: ", json_encode($b->findIdentifiersByTag($tag)), "\n";
}
echo "array element: ", cf_catch(fn () => $b->set('e', 'v', [['nested']])), "\n";
echo "array element in flushByTags: ", cf_catch(fn () => $b->flushByTags(['ok', ['nested']])), "\n";
echo "null element: ", cf_catch(fn () => $b->set('e', 'v', [null])), "\n";
echo "metadata calls: ", count($meta->backend->calls), ", files: ", count(cf_files($dir)), "\n";
?>
--EXPECT--
"a b"
  set:                  InvalidArgumentException(1233058269): "a b" is not a valid tag for a cache entry.
  flushByTag:           InvalidArgumentException(1233057359): "a b" is not a valid tag for a cache entry.
  flushByTags:          InvalidArgumentException(1233057360): "a b" is not a valid tag for a cache entry.
  php set:              InvalidArgumentException(1264023825): "a b" is not a valid tag for a cache entry.
  findIdentifiersByTag: []
251 chars
  set:                  InvalidArgumentException(1233058269): "tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt..." is not a valid tag for a cache entry.
  flushByTag:           InvalidArgumentException(1233057359): "tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt..." is not a valid tag for a cache entry.
  flushByTags:          InvalidArgumentException(1233057360): "tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt..." is not a valid tag for a cache entry.
  php set:              InvalidArgumentException(1264023825): "tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt..." is not a valid tag for a cache entry.
  findIdentifiersByTag: []
""
  set:                  InvalidArgumentException(1233058269): "" is not a valid tag for a cache entry.
  flushByTag:           InvalidArgumentException(1233057359): "" is not a valid tag for a cache entry.
  flushByTags:          InvalidArgumentException(1233057360): "" is not a valid tag for a cache entry.
  php set:              InvalidArgumentException(1264023825): "" is not a valid tag for a cache entry.
  findIdentifiersByTag: []
"caf\u00e9"
  set:                  InvalidArgumentException(1233058269): "caf??" is not a valid tag for a cache entry.
  flushByTag:           InvalidArgumentException(1233057359): "caf??" is not a valid tag for a cache entry.
  flushByTags:          InvalidArgumentException(1233057360): "caf??" is not a valid tag for a cache entry.
  php set:              InvalidArgumentException(1264023825): "caf??" is not a valid tag for a cache entry.
  findIdentifiersByTag: []
"a\/b"
  set:                  InvalidArgumentException(1233058269): "a/b" is not a valid tag for a cache entry.
  flushByTag:           InvalidArgumentException(1233057359): "a/b" is not a valid tag for a cache entry.
  flushByTags:          InvalidArgumentException(1233057360): "a/b" is not a valid tag for a cache entry.
  php set:              InvalidArgumentException(1264023825): "a/b" is not a valid tag for a cache entry.
  findIdentifiersByTag: []
array element: InvalidArgumentException(1233058269): A tag of type array is not a valid tag for a cache entry.
array element in flushByTags: InvalidArgumentException(1233057360): A tag of type array is not a valid tag for a cache entry.
null element: InvalidArgumentException(1233058269): A tag of type null is not a valid tag for a cache entry.
metadata calls: 0, files: 0
