--TEST--
ClusterFile\check() run as root refuses a localPath another user owns or may write to (it, or the nearest existing directory above a missing one): the directories and files it would make there would be root's and PHP-FPM workers of another user could not write them; nothing is created there; a store only root writes to is checked as usual
--EXTENSIONS--
clusterfile
--SKIPIF--
<?php
// run-tests starts PHP with -n: no posix; root is uid 0 in /proc/self/status
if (!preg_match('/^Uid:\s+0\s/m', (string) @file_get_contents('/proc/self/status'))) die('skip only a check run as root refuses (CI runs as root)');
?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$base = cf_tmpdir('check-root');
function line(string $label, array $r, string $base): void
{
    echo $label, ': ', $r['ok'] ? 'ok' : 'failed ' . json_encode($r['failed']), "\n";
    if (!$r['checks']['localPath']['ok']) {
        echo '  ', str_replace($base, 'BASE', $r['checks']['localPath']['message']), "\n";
    }
}

mkdir("$base/workers", 0755);
chown("$base/workers", 65534); // the pool's user (nobody here)
line("another user's store", ClusterFile\check(cf_options("$base/workers", $meta), 'pages'), $base);
echo '  nothing made in it: ', var_export(scandir("$base/workers") === ['.', '..'], true), "\n";
line("a missing store under another user's directory", ClusterFile\check(cf_options("$base/workers/pages", $meta), 'pages'), $base);
echo '  not made: ', var_export(!file_exists("$base/workers/pages"), true), "\n";

mkdir("$base/shared", 0777);
chmod("$base/shared", 0777); // an emptyDir: root's, everyone may write
line('a store everyone may write to', ClusterFile\check(cf_options("$base/shared", $meta), 'pages'), $base);
mkdir("$base/group", 0770);
chmod("$base/group", 0770);
chgrp("$base/group", 33);
line("a store a group other than root's may write to", ClusterFile\check(cf_options("$base/group", $meta), 'pages'), $base);

mkdir("$base/root-only", 0755);
line("root's own store", ClusterFile\check(cf_options("$base/root-only", $meta), 'pages'), $base);
mkdir("$base/root-group", 0770);
chmod("$base/root-group", 0770);
line("root's store, root's group", ClusterFile\check(cf_options("$base/root-group", $meta), 'pages'), $base);
?>
--EXPECT--
another user's store: failed ["localPath","roundTrip"]
  checked as root, but BASE/workers is another user's (owner uid 65534, mode 0755): what the check would create there would be root's, and PHP-FPM workers of another user could not write it; run the check as the workers' user (e.g. runuser -u www-data --)
  nothing made in it: true
a missing store under another user's directory: failed ["localPath","roundTrip"]
  checked as root, but BASE/workers is another user's (owner uid 65534, mode 0755): what the check would create there would be root's, and PHP-FPM workers of another user could not write it; run the check as the workers' user (e.g. runuser -u www-data --)
  not made: true
a store everyone may write to: failed ["localPath","roundTrip"]
  checked as root, but BASE/shared is writable by others (owner uid 0, mode 0777): what the check would create there would be root's, and PHP-FPM workers of another user could not write it; run the check as the workers' user (e.g. runuser -u www-data --)
a store a group other than root's may write to: failed ["localPath","roundTrip"]
  checked as root, but BASE/group is writable by others (owner uid 0, mode 0770): what the check would create there would be root's, and PHP-FPM workers of another user could not write it; run the check as the workers' user (e.g. runuser -u www-data --)
root's own store: ok
root's store, root's group: ok
