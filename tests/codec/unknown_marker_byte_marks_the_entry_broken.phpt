--TEST--
A file whose checksum matches the record but whose marker byte is unknown (0xFF) is a miss: the entry is marked Broken and the file removed
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir, ['payloadL1MaxEntries' => 0]);
$b->set('e', 'payload');
$path = cf_plant($meta, $dir, 'e', "\xFF" . 'payload');

echo 'has before (fills the metadata L1): '; var_dump($b->has('e'));
echo 'get: '; var_dump($b->get('e'));
$s = $b->getStatistics();
echo 'state: ', cf_record($meta, 'e')['state'], "\n";
echo 'file removed: ', var_export(!file_exists($path), true), "\n";
echo 'broken misses: ', $s['cache_miss_total']['broken'], "\n";
echo 'decode errors: ', $s['decode_error_total'], "\n";
echo 'blob misses: ', $s['blob_miss_total'], "\n";
echo 'has: '; var_dump($b->has('e'));
// the rewrite heals it
$b->set('e', 'payload');
echo 'after rewrite: '; var_dump($b->get('e'));
?>
--EXPECT--
has before (fills the metadata L1): bool(true)
get: bool(false)
state: broken
file removed: true
broken misses: 1
decode errors: 0
blob misses: 0
has: bool(false)
after rewrite: string(7) "payload"
