--TEST--
minCompressedBytes 0 compresses every payload, even 1 byte and the empty string, and they round-trip
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

foreach (['zstd', 'gzip'] as $codec) {
    $meta = new FakeMetaFrontend();
    $dir = cf_tmpdir();
    $b = cf_pod($meta, $dir, ['compression' => $codec, 'minCompressedBytes' => 0, 'payloadL1MaxEntries' => 0]);
    foreach (['one' => 'x', 'empty' => ''] as $id => $payload) {
        $b->set($id, $payload);
        $file = file_get_contents(cf_payload_path($meta, $dir, $id));
        printf("%s %s: marker %s, round trip %s\n", $codec, $id, bin2hex($file[0]), var_export($b->get($id) === $payload, true));
    }
}
?>
--EXPECT--
zstd one: marker 01, round trip true
zstd empty: marker 01, round trip true
gzip one: marker 02, round trip true
gzip empty: marker 02, round trip true
