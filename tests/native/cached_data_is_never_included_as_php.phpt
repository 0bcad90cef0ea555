--TEST--
Cached data never becomes code: with sharedPayloadMaxBytes, a PhpFrontend pod whose cache name a VariableFrontend pod also uses (a frontend change rolled out pod by pod) does not take the variable pod's payload bytes as PHP source (the content address it computes is not the record's); require()/requireOnce() of a backend bound to a VariableFrontend return false instead of including its payload file
--EXTENSIONS--
clusterfile
igbinary
--INI--
; PCRE's JIT code reads uninitialised stack under valgrind (a false positive in its pattern matcher)
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/redis.inc';
use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;

$srv = cf_redis_server();
$dsn = "redis://127.0.0.1:{$srv->port}?prefix=x";
$opts = ['sharedPayloadMaxBytes' => 65536];
$v = new ClusterFile\Typo3\ClusterFileBackend(cf_native_options($dsn, null, $opts));
$vfe = new VariableFrontend('code', $v);
$p = new ClusterFile\Typo3\ClusterFileBackend(cf_native_options($dsn, null, $opts));
$pfe = new PhpFrontend('code', $p);
// a value holding text a visitor could have typed
$vfe->set('e', ['title' => 'hello <?php echo "PWNED\n"; return 42; ?>']);
ClusterFile\reset();
ob_start();
$r = $pfe->require('e');
$out = ob_get_clean();
echo 'php pod require(): ', var_export($r, true), ', output ', json_encode($out), ', shared hits ',
    $p->getStatistics()['shared_payload_hit_total'], ', .php files: ', count(glob($p->getLocalPath() . '/*/*.php')), "\n";
ob_start();
$r = $pfe->requireOnce('e');
$g = $pfe->get('e');
$out = ob_get_clean();
echo 'requireOnce(): ', var_export($r, true), ', get(): ', var_export($g, true), ', output ', json_encode($out), "\n";

// a backend bound to a VariableFrontend: require() is not for it
ob_start();
$r1 = $v->require('e');
$r2 = $v->requireOnce('e');
$out = ob_get_clean();
echo 'require() of a variable cache: ', var_export([$r1, $r2], true), ', output ', json_encode($out), "\n";
echo 'the variable pod still reads its value: ', json_encode($vfe->get('e')), "\n";
?>
--EXPECT--
php pod require(): false, output "", shared hits 0, .php files: 0
requireOnce(): false, get(): false, output ""
require() of a variable cache: array (
  0 => false,
  1 => false,
), output ""
the variable pod still reads its value: {"title":"hello <?php echo \"PWNED\\n\"; return 42; ?>"}
