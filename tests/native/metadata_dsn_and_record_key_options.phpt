--TEST--
metadataDsn / recordKey options: exactly one metadata store, DSN errors named without ever echoing the password, recordKey only with metadataDsn and 16..4096 bytes, SYS.encryptionKey as the default key, a build without hiredis, a Cluster DSN with a db and a missing key refused at construction, Sentinel and Cluster DSNs accepted (connected lazily), getOptions() and php --ri without the password
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/redis.inc';
use ClusterFile\Typo3\ClusterFileBackend;

$base = ['localPath' => '/tmp/cf-dsn-opts', 'namespace' => ['environment' => 'testing', 'instance' => 'phpt']];
$try = function (array $o) use ($base): string {
    $r = cf_catch(fn () => new ClusterFileBackend($o + $base));
    return str_replace("ClusterFileBackend options invalid:\n", '', $r);
};
foreach ([
    ['metadataDsn' => 'redis://h', 'metadataCacheIdentifier' => 'm'],
    ['metadataDsn' => 'redis://h', 'metadataCache' => new FakeMetaFrontend()],
    ['metadataDsn' => 'redis://user:Pa55w0rd-zz@h:99999'],
    ['metadataDsn' => 'redis://user:Pa55w0rd-zz@h/1?bogus=1'],
    ['metadataDsn' => 'mysql://user:Pa55w0rd-zz@h'],
    ['metadataDsn' => 'redis://h?prefix=a{b}'],
    ['metadataDsn' => 42],
    ['metadataCacheIdentifier' => 'm', 'recordKey' => str_repeat('k', 16)],
    ['metadataDsn' => 'redis://h', 'recordKey' => 'short'],
    ['metadataDsn' => 'redis://h', 'recordKey' => str_repeat('k', 4097)],
    ['metadataDsn' => 'redis://h', 'recordKey' => str_repeat('k', 16)],
    ['metadataDsn' => 'valkey://h', 'recordKey' => str_repeat('k', 4096)],
] as $o) {
    echo $try($o), "\n";
}

// the key: recordKey, else SYS.encryptionKey, else a clear error at first use
$srv = cf_redis_server();
$dsn = "redis://127.0.0.1:{$srv->port}";
echo 'no key: ', $try(['metadataDsn' => $dsn]), "\n";
$GLOBALS['TYPO3_CONF_VARS']['SYS']['encryptionKey'] = str_repeat('e', 96);
$b2 = new ClusterFileBackend(['metadataDsn' => $dsn] + $base);
new TYPO3\CMS\Core\Cache\Frontend\VariableFrontend('pages', $b2);
$b2->set('e', 'v');
ClusterFile\reset();
echo 'with SYS.encryptionKey: ', var_export($b2->get('e'), true), "\n";

foreach (['redis-sentinel://:Pa55w0rd-zz@h1:26379,h2/mymaster/2', 'redis-cluster://h1:7000,h2:7001',
    'redis-cluster://:Pa55w0rd-zz@h1:7000,h2:7001/2', 'redis-cluster://h1:7000?db=2'] as $d) {
    echo $try(['metadataDsn' => $d, 'recordKey' => str_repeat('k', 16)]), "\n";
}

$p = new ClusterFileBackend(['metadataDsn' => 'redis://admin:Pa55w0rd-zz@127.0.0.1:1/3?timeout=0.2', 'recordKey' => str_repeat('k', 16)] + $base);
new TYPO3\CMS\Core\Cache\Frontend\VariableFrontend('pages', $p);
$o = $p->getOptions();
echo 'getOptions: ', $o['metadataDsn'], ', recordKey: ', var_export($o['recordKey'], true), "\n";
$e = null;
try { $p->set('e', 'v'); } catch (Throwable $e) {}
$all = '';
for ($x = $e; $x; $x = $x->getPrevious()) {
    $all .= $x->getMessage() . "\n";
}
echo 'a failing connect names the store without the password: ', var_export(str_contains($all, 'redis://admin:***@127.0.0.1:1/3') && !str_contains($all, 'Pa55w0rd'), true), "\n";
ob_start();
$m = new ReflectionExtension('clusterfile');
$m->info();
$info = ob_get_clean();
echo 'php --ri: ', var_export(str_contains($info, 'hiredis') && !str_contains($info, 'Pa55w0rd'), true), "\n";
?>
--EXPECTF--
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [metadataDsn] Conflicts with metadataCacheIdentifier (give exactly one metadata store)
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [metadataDsn] Conflicts with metadataCache (give exactly one metadata store)
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [metadataDsn] %s
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [metadataDsn] %s
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [metadataDsn] %s
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [metadataDsn] %s
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [metadataDsn] Integer value found, but a string is required
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [recordKey] Only applies with metadataDsn
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [recordKey] Must be 16 to 4096 bytes without a NUL byte
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [recordKey] Must be 16 to 4096 bytes without a NUL byte
ok
ok
no key: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [recordKey] Required with metadataDsn when $GLOBALS['TYPO3_CONF_VARS']['SYS']['encryptionKey'] is not set
with SYS.encryptionKey: 'v'
ok
ok
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [metadataDsn] redis-cluster:// takes no /db (a cluster has database 0 only)
TYPO3\CMS\Core\Cache\Exception\InvalidCacheException(1747500003): [metadataDsn] %s
getOptions: redis://admin:***@127.0.0.1:1/3?timeout=0.2, recordKey: true
a failing connect names the store without the password: true
php --ri: true
