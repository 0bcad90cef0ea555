--TEST--
Pods configured with different compression codecs or serializer labels name the same payload by different hashes: each blob-misses the other's entry instead of reading a file it did not write
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$payload = str_repeat('rendered ', 500);
$variants = [
    'zstd' => ['compression' => 'zstd'],
    'gzip' => ['compression' => 'gzip'],
    'none' => ['compression' => 'none'],
    'php serializer' => ['compression' => 'zstd', 'serializer' => 'php'],
];
$meta = new FakeMetaFrontend();
$pods = [];
foreach ($variants as $label => $opts) {
    $pods[$label] = cf_pod($meta, null, $opts + ['payloadL1MaxEntries' => 0]);
    // every pod holds a file for the payload (under another identifier), named by its own hash
    $pods[$label]->set("own", $payload);
}
echo 'distinct hashes: ', count(array_unique(array_map(fn ($p) => basename(cf_files($p->getLocalPath())[0]), $pods))), "\n";
foreach ($pods as $writer => $w) {
    $w->set('e', $payload);
    $line = [];
    foreach ($pods as $reader => $r) {
        $r->reset();
        $line[] = $reader . ': ' . ($r->get('e') === $payload ? 'hit' : 'miss');
    }
    echo "written by $writer -> ", implode(', ', $line), "\n";
}
$broken = array_sum(array_map(fn ($p) => $p->getStatistics()['cache_miss_total']['broken'], $pods));
$blob = array_sum(array_map(fn ($p) => $p->getStatistics()['blob_miss_total'], $pods));
echo "blob misses: $blob, broken: $broken\n";
?>
--EXPECT--
distinct hashes: 4
written by zstd -> zstd: hit, gzip: miss, none: miss, php serializer: miss
written by gzip -> zstd: miss, gzip: hit, none: miss, php serializer: miss
written by none -> zstd: miss, gzip: miss, none: hit, php serializer: miss
written by php serializer -> zstd: miss, gzip: miss, none: miss, php serializer: hit
blob misses: 12, broken: 0
