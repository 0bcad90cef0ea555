--TEST--
ClusterFile\metrics(): clusterfile_cache_remove_total counts the remove() calls that removed an entry (not those that found none, not failed ones), and the gauge clusterfile_local_max_bytes shows each label set's configured localMaxBytes (0 = unlimited) beside clusterfile_local_store_bytes
--EXTENSIONS--
clusterfile
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

function sample(string $text, string $name, string $cache): ?string
{
    $re = '/^' . preg_quote($name, '/') . '\{cache="' . preg_quote($cache, '/') . '",namespace="testing:phpt"\} (\d+)$/m';
    return preg_match($re, $text, $m) ? $m[1] : null;
}

$meta = new FakeMetaFrontend();
$pages = cf_pod($meta, null, ['localMaxBytes' => 64 * 1024 * 1024], 'rm_pages');
$menu = cf_pod($meta, null, ['localMaxBytes' => 0], 'rm_menu');
$pages->set('a', 'x');
$pages->set('b', 'y');
$menu->set('m', 'z');
var_dump($pages->remove('a'), $pages->remove('a'), $pages->remove('never'));
$meta->backend->offline = true;
echo cf_catch(fn () => $pages->remove('b')) === 'ok' ? "failed remove did not throw\n" : "failed remove threw\n";
$meta->backend->offline = false;

$t = ClusterFile\metrics();
echo 'rm_pages removes: ', sample($t, 'clusterfile_cache_remove_total', 'rm_pages'), "\n";
echo 'rm_pages remove errors: ', preg_match('/^clusterfile_cache_flush_error_total\{cache="rm_pages",namespace="testing:phpt",operation="remove"\} (\d+)$/m', $t, $m) ? $m[1] : 'none', "\n";
echo 'rm_menu removes: ', sample($t, 'clusterfile_cache_remove_total', 'rm_menu'), "\n";
echo 'rm_pages budget: ', sample($t, 'clusterfile_local_max_bytes', 'rm_pages'), "\n";
echo 'rm_menu budget: ', sample($t, 'clusterfile_local_max_bytes', 'rm_menu'), "\n";
echo 'gauge: ', preg_match('/^# TYPE clusterfile_local_max_bytes gauge$/m', $t) ? 'yes' : 'no', "\n";
?>
--EXPECT--
bool(true)
bool(false)
bool(false)
failed remove threw
rm_pages removes: 1
rm_pages remove errors: 1
rm_menu removes: 0
rm_pages budget: 67108864
rm_menu budget: 0
gauge: yes
