--TEST--
ClusterFile\check(): options, localPath, metadata and a set/get/remove/has round trip, each reported with a message; a failure is reported (later steps "not run"), never thrown; a metadata cache that drops writes fails the round trip; the probe counts nothing into the shared metrics
--EXTENSIONS--
clusterfile
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

use TYPO3\CMS\Core\Cache\Backend\BackendInterface;
use TYPO3\CMS\Core\Cache\Frontend\FrontendInterface;

/** TYPO3's RedisBackend after a failed connect: every call is a silent no-op (typo3-facts 18). */
final class SilentlyDroppingMeta implements FrontendInterface
{
    private FakeMetaFrontend $inner;
    public function __construct() { $this->inner = new FakeMetaFrontend('cluster_meta'); }
    public function getIdentifier(): string { return 'cluster_meta'; }
    public function getBackend(): BackendInterface { return $this->inner->getBackend(); }
    public function set(string $entryIdentifier, mixed $data, array $tags = [], ?int $lifetime = null): void {}
    public function get(string $entryIdentifier): mixed { return false; }
    public function has(string $entryIdentifier): bool { return false; }
    public function remove(string $entryIdentifier): bool { return false; }
    public function flush(): void {}
    public function flushByTag(string $tag): void {}
    public function flushByTags(array $tags): void {}
    public function collectGarbage(): void {}
    public function isValidEntryIdentifier(string $identifier): bool { return true; }
    public function isValidTag(string $tag): bool { return true; }
}

function show(string $label, array $r): void
{
    $keys = array_keys($r);
    $shape = $keys === ['cache', 'ok', 'failed', 'checks', 'ms'] && is_float($r['ms'])
        && array_keys($r['checks']) === ['options', 'localPath', 'metadata', 'roundTrip'];
    foreach ($r['checks'] as $c) {
        $shape = $shape && array_keys($c) === ['ok', 'message', 'ms'] && is_bool($c['ok'])
            && is_string($c['message']) && $c['message'] !== '' && is_float($c['ms']) && $c['ms'] >= 0;
    }
    $failed = array_keys(array_filter($r['checks'], fn ($c) => !$c['ok']));
    printf("%s: cache=%s ok=%s failed=%s shape=%s\n", $label, $r['cache'], var_export($r['ok'], true),
        json_encode($r['failed']), $shape && $failed === $r['failed'] && $r['ok'] === ($failed === []) ? 'ok' : 'BAD');
    foreach ($r['checks'] as $name => $c) {
        if (!$c['ok']) {
            echo "  $name: ", strtok($c['message'], "\n"), "\n";
        }
    }
}

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir('check');
$before = ClusterFile\metrics();

show('healthy', ClusterFile\check(cf_options($dir, $meta), 'pages'));
echo 'probe entry left in the metadata store: ', count($meta->backend->entries), "\n";
show('default cache identifier', ClusterFile\check(cf_options($dir, $meta)));
$r = ClusterFile\check(cf_options("$dir/not/yet", $meta), 'pages');
show('a missing localPath is made as the first write would', $r);
echo '  ', str_replace($dir, 'DIR', $r['checks']['localPath']['message']), ', is a directory now: ', var_export(is_dir("$dir/not/yet"), true), "\n";

$file = "$dir/a-file";
file_put_contents($file, 'x');
show('localPath is a file', ClusterFile\check(cf_options($file, $meta), 'pages'));
show('a file in the way of localPath', ClusterFile\check(cf_options("$file/below", $meta), 'pages'));
show('a localPath that cannot be made', ClusterFile\check(cf_options('/sys/kernel/clusterfile-check', $meta), 'pages'));

// a directory nobody can create files in, even root (the kernel refuses): /sys/kernel
show('localPath refuses new files', ClusterFile\check(cf_options('/sys/kernel', $meta), 'pages'));

$meta->backend->offline = true;
show('metadata offline', ClusterFile\check(cf_options($dir, $meta), 'pages'));
$meta->backend->offline = false;

show('metadata drops writes', ClusterFile\check(['metadataCache' => new SilentlyDroppingMeta()] + cf_options($dir, $meta), 'pages'));
show('unknown option', ClusterFile\check(cf_options($dir, $meta, ['bogus' => 1]), 'pages'));
show('bad cache identifier', ClusterFile\check(cf_options($dir, $meta), 'bad__name'));
show('no TYPO3 to resolve metadataCacheIdentifier', ClusterFile\check([
    'localPath' => $dir, 'metadataCacheIdentifier' => 'cluster_meta',
    'namespace' => ['environment' => 'prod', 'instance' => 'site-a'],
], 'pages'));

echo 'metrics unchanged by the probes: ', var_export(ClusterFile\metrics() === $before, true), "\n";
try {
    ClusterFile\check('not an array');
} catch (TypeError $e) {
    echo 'TypeError: ', $e->getMessage(), "\n";
}
?>
--EXPECTF--
healthy: cache=pages ok=true failed=[] shape=ok
probe entry left in the metadata store: 0
default cache identifier: cache=clusterfile_check ok=true failed=[] shape=ok
a missing localPath is made as the first write would: cache=pages ok=true failed=[] shape=ok
  DIR/not/yet is writable (created), %f MiB free, is a directory now: true
localPath is a file: cache=pages ok=false failed=["localPath","roundTrip"] shape=ok
  localPath: %s/a-file is not a directory
  roundTrip: not run: localPath is not usable
a file in the way of localPath: cache=pages ok=false failed=["localPath","roundTrip"] shape=ok
  localPath: %s/a-file/below cannot be reached (Not a directory)
  roundTrip: not run: localPath is not usable
a localPath that cannot be made: cache=pages ok=false failed=["localPath","roundTrip"] shape=ok
  localPath: /sys/kernel/clusterfile-check is missing and cannot be created (%s)
  roundTrip: not run: localPath is not usable
localPath refuses new files: cache=pages ok=false failed=["localPath","roundTrip"] shape=ok
  localPath: /sys/kernel: cannot create a file in it (%s)
  roundTrip: not run: localPath is not usable
metadata offline: cache=pages ok=false failed=["metadata","roundTrip"] shape=ok
  metadata: %s
  roundTrip: not run: the metadata store did not answer
metadata drops writes: cache=pages ok=false failed=["roundTrip"] shape=ok
  roundTrip: get() after set() did not answer the bytes written: the metadata store did not keep the record %s
unknown option: cache=pages ok=false failed=["options","localPath","metadata","roundTrip"] shape=ok
  options: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException (ClusterFileBackend options invalid:
  localPath: not run: the options are not valid
  metadata: not run: the options are not valid
  roundTrip: not run: the options are not valid
bad cache identifier: cache=bad__name ok=false failed=["options","localPath","metadata","roundTrip"] shape=ok
  options: InvalidArgumentException (ClusterFileBackend cannot serve the cache "bad__name": %s)
  localPath: not run: the options are not valid
  metadata: not run: the options are not valid
  roundTrip: not run: the options are not valid
no TYPO3 to resolve metadataCacheIdentifier: cache=pages ok=false failed=["metadata","roundTrip"] shape=ok
  metadata: TYPO3\CMS\Core\Cache\Exception\InvalidCacheException (ClusterFileBackend: configured metadataCacheIdentifier "cluster_meta" is not a registered TYPO3 cache.%s)
  roundTrip: not run: the metadata store did not answer
metrics unchanged by the probes: true
TypeError: ClusterFile\check(): Argument #1 ($options) must be of type array, string given
