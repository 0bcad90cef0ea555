--TEST--
New directories (a missing localPath recursively, shards) and payload files: the umask decides, unless TYPO3's SYS.folderCreateMask / SYS.fileCreateMask are set, which then apply exactly
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

function modes(string $label, int $mask): void
{
    $root = cf_tmpdir();
    $local = "$root/a/b/store";
    umask($mask);
    $meta = new FakeMetaFrontend();
    $b = cf_pod($meta, $local);
    $b->set('e', 'payload');
    $file = cf_payload_path($meta, $local, 'e');
    clearstatcache();
    printf("%s, umask %04o: localPath %04o, parents %04o, shard %04o, file %04o\n", $label, $mask,
        fileperms($local) & 07777, fileperms("$root/a") & 07777, fileperms(dirname($file)) & 07777,
        fileperms($file) & 07777);
    umask(022);
}

foreach ([0022, 0077, 0002, 0000] as $mask) {
    modes('no TYPO3 masks', $mask);
}
// A CLI user and a web user in one group: TYPO3's masks as strings (how TYPO3 ships them) or ints.
$GLOBALS['TYPO3_CONF_VARS']['SYS']['folderCreateMask'] = '2770';
$GLOBALS['TYPO3_CONF_VARS']['SYS']['fileCreateMask'] = '0660';
modes('masks 2770/0660', 0077);
modes('masks 2770/0660', 0000);
$GLOBALS['TYPO3_CONF_VARS']['SYS']['folderCreateMask'] = 775;
$GLOBALS['TYPO3_CONF_VARS']['SYS']['fileCreateMask'] = 664;
modes('masks int 775/664', 0077);
// Values TYPO3 would not produce fall back to the umask, one mask at a time.
$GLOBALS['TYPO3_CONF_VARS']['SYS']['folderCreateMask'] = 'rwxr-x---';
$GLOBALS['TYPO3_CONF_VARS']['SYS']['fileCreateMask'] = '0640';
modes('masks bad/0640', 0022);
$GLOBALS['TYPO3_CONF_VARS']['SYS']['folderCreateMask'] = '0750';
$GLOBALS['TYPO3_CONF_VARS']['SYS']['fileCreateMask'] = '06640';
modes('masks 0750/bad', 0002);
// whitespace around, a leading zero more: still the mode
$GLOBALS['TYPO3_CONF_VARS']['SYS']['folderCreateMask'] = " 02775\n";
$GLOBALS['TYPO3_CONF_VARS']['SYS']['fileCreateMask'] = '00664 ';
modes('masks " 02775"/"00664 "', 0077);
// modes the store's own processes could not use fall back to the umask
$GLOBALS['TYPO3_CONF_VARS']['SYS']['folderCreateMask'] = '0555';
$GLOBALS['TYPO3_CONF_VARS']['SYS']['fileCreateMask'] = '000';
modes('masks 0555/000', 0022);
// an int written as a PHP octal literal (0775 = 509): not digits TYPO3 would read as a mode
$GLOBALS['TYPO3_CONF_VARS']['SYS']['folderCreateMask'] = 0775;
$GLOBALS['TYPO3_CONF_VARS']['SYS']['fileCreateMask'] = '+664';
modes('masks 509/+664', 0022);
$GLOBALS['TYPO3_CONF_VARS']['SYS'] = ['folderCreateMask' => null, 'fileCreateMask' => 0.5];
modes('masks null/float', 0022);
$GLOBALS['TYPO3_CONF_VARS'] = 'not an array';
modes('TYPO3_CONF_VARS a string', 0022);
?>
--EXPECT--
no TYPO3 masks, umask 0022: localPath 0755, parents 0755, shard 0755, file 0644
no TYPO3 masks, umask 0077: localPath 0700, parents 0700, shard 0700, file 0600
no TYPO3 masks, umask 0002: localPath 0775, parents 0775, shard 0775, file 0664
no TYPO3 masks, umask 0000: localPath 0777, parents 0777, shard 0777, file 0666
masks 2770/0660, umask 0077: localPath 2770, parents 2770, shard 2770, file 0660
masks 2770/0660, umask 0000: localPath 2770, parents 2770, shard 2770, file 0660
masks int 775/664, umask 0077: localPath 0775, parents 0775, shard 0775, file 0664
masks bad/0640, umask 0022: localPath 0755, parents 0755, shard 0755, file 0640
masks 0750/bad, umask 0002: localPath 0750, parents 0750, shard 0750, file 0664
masks " 02775"/"00664 ", umask 0077: localPath 2775, parents 2775, shard 2775, file 0664
masks 0555/000, umask 0022: localPath 0755, parents 0755, shard 0755, file 0644
masks 509/+664, umask 0022: localPath 0755, parents 0755, shard 0755, file 0644
masks null/float, umask 0022: localPath 0755, parents 0755, shard 0755, file 0644
TYPO3_CONF_VARS a string, umask 0022: localPath 0755, parents 0755, shard 0755, file 0644
