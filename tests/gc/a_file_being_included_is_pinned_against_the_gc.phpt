--TEST--
require()/requireOnce() pin the entry's shard directory while PHP includes it by path: a GC running meanwhile (here from inside the included code, as a sidecar could at any moment) skips that shard instead of removing the file between the check and the include; the pin ends with the include, also after an exception
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$local = cf_tmpdir('store');
$code = cf_pod($meta, $local, ['localMaxBytes' => 0], 'code', true);
$data = cf_pod($meta, $local, ['localMaxBytes' => 0], 'pages');
foreach (range(1, 20) as $i) {
    $data->set("d$i", str_repeat('x', 100 + $i));
}
$lp = var_export($local, true);
$code->set('mod', "<?php\nreturn ['report' => \\ClusterFile\\gc($lp, ['maxBytes' => 1]), 'file' => __FILE__];\n#");
$file = cf_payload_path($meta, $local, 'mod', 'code', true);

$r = $code->require('mod');
clearstatcache();
printf("inside the include: busy shards %d, the included file was kept: %s, every other file went: %s\n",
    $r['report']['busyShards'], var_export(is_file($file), true),
    var_export($r['report']['remainingFiles'] === 0 && $r['report']['removedEvictedFiles'] >= 19, true));
echo 'the file included is the entry: ', var_export($r['file'] === $file, true), "\n";

// after the include the shard is free again
$after = ClusterFile\gc($local, ['maxBytes' => 1]);
clearstatcache();
printf("after: busy shards %d, file removed: %s\n", $after['busyShards'], var_export(!is_file($file), true));

// an exception thrown by the included code releases the pin too
$code->set('boom', "<?php\nthrow new RuntimeException('from the included code');\n#");
$boom = cf_payload_path($meta, $local, 'boom', 'code', true);
$code->reset();
echo cf_catch(fn () => $code->requireOnce('boom')), "\n";
$after = ClusterFile\gc($local, ['maxBytes' => 1]);
clearstatcache();
printf("after the exception: busy shards %d, file removed: %s\n", $after['busyShards'], var_export(!is_file($boom), true));
// and an evicted file is a clean miss, not a failed include
$code->reset();
var_export($code->requireOnce('boom'));
echo "\n";
?>
--EXPECT--
inside the include: busy shards 1, the included file was kept: true, every other file went: true
the file included is the entry: true
after: busy shards 0, file removed: true
RuntimeException(0): from the included code
after the exception: busy shards 0, file removed: true
false
