--TEST--
collectGarbage() removes ".cfb.tmp.*" files older than one hour from the shard directories, keeps fresh temp files, payloads and other files, and runs the metadata cache's collectGarbage()
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
$payload = cf_payload_path($meta, $dir, 'e');
$shard = dirname($payload);
$old = time() - 7200;

@mkdir("$dir/ff", 0750);
$files = [
    'stale temp' => ["$shard/.cfb.tmp.stale1", $old],
    'stale temp in another shard' => ["$dir/ff/.cfb.tmp.stale2", $old],
    'temp just under an hour old' => ["$shard/.cfb.tmp.recent", time() - 3000],
    'fresh temp' => ["$shard/.cfb.tmp.fresh", time()],
    'old payload' => [$payload, $old],
    'old non-temp file' => ["$shard/.cfb.tmpx", $old],
    'old temp at the localPath root' => ["$dir/.cfb.tmp.root", $old],
];
foreach ($files as [$f, $mtime]) {
    if (!is_file($f)) {
        file_put_contents($f, 'x');
    }
    touch($f, $mtime);
}
$meta->backend->calls = [];
$b->collectGarbage();
clearstatcache();
foreach ($files as $label => [$f]) {
    printf("%-31s %s\n", $label, file_exists($f) ? 'kept' : 'removed');
}
echo 'metadata calls: ', implode(',', $meta->backend->calls), "\n";
echo 'entry still served: '; var_dump($b->get('e'));
?>
--EXPECT--
stale temp                      removed
stale temp in another shard     removed
temp just under an hour old     kept
fresh temp                      kept
old payload                     kept
old non-temp file               kept
old temp at the localPath root  kept
metadata calls: collectGarbage
entry still served: string(7) "payload"
