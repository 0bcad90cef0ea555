--TEST--
Shard directories are 0750 and payload files 0640 whatever the umask; a missing localPath is created recursively with 0750 minus the umask
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

foreach ([0022, 0077, 0000] as $mask) {
    $root = cf_tmpdir();
    $local = "$root/a/b/store";
    umask($mask);
    $meta = new FakeMetaFrontend();
    $b = cf_pod($meta, $local);
    $b->set('e', 'payload');
    $file = cf_payload_path($meta, $local, 'e');
    clearstatcache();
    printf("umask %04o: localPath %04o, parents %04o, shard %04o, file %04o\n", $mask, fileperms($local) & 0777,
        fileperms("$root/a") & 0777, fileperms(dirname($file)) & 0777, fileperms($file) & 0777);
}
umask(022);
?>
--EXPECT--
umask 0022: localPath 0750, parents 0750, shard 0750, file 0640
umask 0077: localPath 0700, parents 0700, shard 0750, file 0640
umask 0000: localPath 0750, parents 0750, shard 0750, file 0640
