--TEST--
PhpFrontend require: a .php file verified in one request (unit of work) is not read and hashed again in the next ones while its device, inode, size, mtime and ctime are unchanged (require_verify_total); a touched file is verified again, a same-size edit is caught (a 'corrupt' miss, the file removed), a replaced file is verified again
--EXTENSIONS--
clusterfile
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir, [], 'code', true);
$src = "<?php\nreturn 'v1';\n#" . str_repeat('x', 1000);
$b->set('mod', $src);
$path = cf_payload_path($meta, $dir, 'mod', 'code', true);
$verify = fn () => $b->getStatistics()['require_verify_total'];
$unit = function () use ($b) {
    ClusterFile\reset();
    clearstatcache();
    return $b->require('mod');
};

echo 'unit 1: ', var_export($unit(), true), ', verified ', $verify(), "\n";
for ($i = 0; $i < 5; $i++) {
    $r = $unit();
}
echo 'units 2-6: ', var_export($r, true), ', verified ', $verify(), "\n";

// the same bytes written again (mtime and ctime move): verified again, once
usleep(20000);
touch($path, time() + 5);
echo 'touched: ', var_export($unit(), true), ', verified ', $verify(), "\n";
echo 'and then: ', var_export($unit(), true), ', verified ', $verify(), "\n";

// an edit of the same size, with the old mtime put back (ctime cannot be): caught
$st = stat($path);
file_put_contents($path, str_replace('v1', 'XX', $src));
touch($path, $st['mtime'], $st['atime']);
echo 'edited: ', var_export($unit(), true), ', verified ', $verify(), ', corrupt misses ', $b->getStatistics()['cache_miss_total']['corrupt'], ', file removed ', var_export(!file_exists($path), true), "\n";

// written again by set(): a new file (another inode), verified again
$b->set('mod', $src);
echo 'rewritten: ', var_export($unit(), true), ', verified ', $verify(), "\n";
echo 'and then: ', var_export($unit(), true), ', verified ', $verify(), "\n";
?>
--EXPECT--
unit 1: 'v1', verified 1
units 2-6: 'v1', verified 1
touched: 'v1', verified 2
and then: 'v1', verified 2
edited: false, verified 3, corrupt misses 1, file removed true
rewritten: 'v1', verified 4
and then: 'v1', verified 4
