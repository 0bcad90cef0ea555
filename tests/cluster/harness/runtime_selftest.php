<?php
/*
 * Quick self-test of typo3_runtime.php on one metadata store, driven through CacheManager exactly
 * as a TYPO3 request builds its caches.
 *
 *   php -d extension=/work/main/modules/clusterfile.so tests/cluster/harness/runtime_selftest.php STORE
 *
 * STORE: sqlite[:<file>]                    (default: a fresh file in a temp dir)
 *        mariadb[:<host>:<port>:<db>]       (default 127.0.0.1:3391:clusterfile, user root, no password)
 *        redis[:<host>:<port>:<db>]         (default 127.0.0.1:6391:0; the db is FLUSHDB'ed)
 * The part after the kind may also be given as a second argument ("redis 127.0.0.1:6390:0"), so
 * the output of `servers.sh start redis|mariadb` can be passed as is.
 *
 * Prints "ok ..." / "FAIL ..." lines and "selftest: N passed, M failed"; exit code 0 iff none failed.
 * tests/cluster/run.sh runs it on every store before the scenarios.
 *
 * Besides the runtime's own contract it checks the behaviours of real TYPO3 14.3.6 listed in
 * /work/shared/typo3-facts.md ("fact N" below) where the stand-in follows them, and how the
 * extension fares under them.
 */
declare(strict_types=1);

require __DIR__ . '/typo3_runtime.php';

use TYPO3\CMS\Core\Cache\Backend\AbstractBackend;
use TYPO3\CMS\Core\Cache\Backend\BackendInterface;
use TYPO3\CMS\Core\Cache\Backend\RedisBackend;
use TYPO3\CMS\Core\Cache\Backend\Typo3DatabaseBackend;
use TYPO3\CMS\Core\Cache\CacheManager;
use TYPO3\CMS\Core\Cache\Exception\InvalidBackendException;
use TYPO3\CMS\Core\Cache\Exception\InvalidCacheException;
use TYPO3\CMS\Core\Cache\Exception\NoSuchCacheGroupException;
use TYPO3\CMS\Core\Cache\Exception\NoSuchCacheException;
use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;
use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;
use TYPO3\CMS\Core\Utility\GeneralUtility;

/** Records the options CacheManager hands to a backend (proves the compression bool cast). */
final class SelftestRecordingBackend extends AbstractBackend
{
    public static array $seen = [];

    public function __construct(array $options = [])
    {
        self::$seen = $options;
        parent::__construct(array_diff_key($options, ['compression' => 1]));
    }

    public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void {}
    public function get(string $entryIdentifier): mixed { return false; }
    public function has(string $entryIdentifier): bool { return false; }
    public function remove(string $entryIdentifier): bool { return false; }
    public function flush(): void {}
    public function collectGarbage(): void {}
}

final class SelftestNotABackend
{
    public function __construct(array $options = []) {}
}

final class SelftestNotAFrontend
{
    public function __construct(string $identifier, object $backend) {}
}

/** Records the groups CacheManager files it under (through the groups it flushes). */
final class SelftestFlushCounter extends AbstractBackend
{
    public static int $flushes = 0;

    public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void {}
    public function get(string $entryIdentifier): mixed { return false; }
    public function has(string $entryIdentifier): bool { return false; }
    public function remove(string $entryIdentifier): bool { return false; }
    public function flush(): void { self::$flushes++; }
    public function collectGarbage(): void {}
}

$arg = $argv[1] ?? '';
[$kind, $spec] = explode(':', $arg, 2) + [1 => ''];
if ($spec === '' && isset($argv[2])) {
    $spec = $argv[2];
}
if (!in_array($kind, ['sqlite', 'mariadb', 'redis'], true)) {
    fwrite(STDERR, "usage: runtime_selftest.php sqlite[:file]|mariadb[:host:port:db]|redis[:host:port:db]\n");
    exit(64);
}

$passed = 0;
$failed = 0;
function check(bool $cond, string $what, mixed $detail = null): void
{
    global $passed, $failed;
    if ($cond) {
        $passed++;
        echo "ok $what\n";
    } else {
        $failed++;
        echo "FAIL $what" . ($detail === null ? '' : ' -- ' . json_encode($detail, JSON_INVALID_UTF8_SUBSTITUTE | JSON_UNESCAPED_SLASHES)) . "\n";
    }
}

/** @return array{0: ?\Throwable, 1: mixed} */
function attempt(callable $fn): array
{
    try {
        return [null, $fn()];
    } catch (\Throwable $e) {
        return [$e, null];
    }
}

function describe(?\Throwable $e): ?array
{
    return $e === null ? null : ['class' => get_class($e), 'code' => $e->getCode(), 'message' => $e->getMessage()];
}

$warnings = [];
set_error_handler(static function (int $no, string $msg, string $file, int $line) use (&$warnings): bool {
    $warnings[] = "$msg at " . basename($file) . ":$line";
    return true;
});

$tmp = sys_get_temp_dir() . '/cf-runtime-selftest-' . getmypid();
mkdir($tmp, 0700, true);
register_shutdown_function(static function () use ($tmp): void {
    $it = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($tmp, FilesystemIterator::SKIP_DOTS), RecursiveIteratorIterator::CHILD_FIRST);
    foreach ($it as $f) {
        $f->isDir() && !$f->isLink() ? rmdir($f->getPathname()) : unlink($f->getPathname());
    }
    rmdir($tmp);
});

$GLOBALS['TYPO3_CONF_VARS']['SYS']['encryptionKey'] = 'clusterfile-runtime-selftest';
switch ($kind) {
    case 'sqlite':
        $GLOBALS['TYPO3_CONF_VARS']['DB']['Connections']['Default'] = [
            'driver' => 'pdo_sqlite', 'path' => $spec !== '' ? $spec : "$tmp/meta.sqlite", 'busyTimeoutMs' => 2000,
        ];
        $meta = ['frontend' => VariableFrontend::class, 'backend' => Typo3DatabaseBackend::class];
        break;
    case 'mariadb':
        [$host, $port, $db] = explode(':', $spec !== '' ? $spec : '127.0.0.1:3391:clusterfile') + [1 => '3306', 2 => 'clusterfile'];
        $GLOBALS['TYPO3_CONF_VARS']['DB']['Connections']['Default'] = [
            'driver' => 'pdo_mysql', 'host' => $host, 'port' => (int)$port, 'dbname' => $db,
            'user' => 'root', 'password' => '', 'connectTimeout' => 2,
        ];
        $meta = ['frontend' => VariableFrontend::class, 'backend' => Typo3DatabaseBackend::class];
        break;
    default:
        [$host, $port, $db] = explode(':', $spec !== '' ? $spec : '127.0.0.1:6391:0') + [1 => '6379', 2 => '0'];
        $meta = ['frontend' => VariableFrontend::class, 'backend' => RedisBackend::class, 'options' => [
            'hostname' => $host, 'port' => (int)$port, 'database' => (int)$db, 'connectionTimeout' => 2,
        ]];
}
echo "# store: $kind" . ($spec !== '' ? " $spec" : '') . "\n";

$cluster = static fn (string $cache): array => [
    'frontend' => VariableFrontend::class,
    'backend' => \ClusterFile\Typo3\ClusterFileBackend::class,
    'options' => [
        'localPath' => "$tmp/$cache",
        'metadataCacheIdentifier' => 'cluster_meta',
        'namespace' => ['environment' => 'testing', 'instance' => 'selftest'],
        // CacheManager turns this into true (TYPO3 >= 14.3.1): the backend must survive it.
        'compression' => 'gzip',
    ],
];
$GLOBALS['TYPO3_CONF_VARS']['SYS']['caching']['cacheConfigurations'] = [
    'cluster_meta' => $meta,
    'pages' => $cluster('pages') + ['groups' => ['pages', 'all']],
    'typoscript' => ['frontend' => PhpFrontend::class] + $cluster('typoscript'),
    'recording' => ['backend' => SelftestRecordingBackend::class, 'options' => ['compression' => 'gzip', 'defaultLifetime' => 60], 'groups' => ['pages', 'all']],
];

// ---- the runtime itself ----------------------------------------------------------------------
$manager = GeneralUtility::makeInstance(CacheManager::class);
check($manager === GeneralUtility::makeInstance(CacheManager::class), 'makeInstance: CacheManager is a singleton');
check(GeneralUtility::makeInstance(SelftestNotABackend::class) !== GeneralUtility::makeInstance(SelftestNotABackend::class), 'makeInstance: other classes are new instances');
$manager->setCacheConfigurations($GLOBALS['TYPO3_CONF_VARS']['SYS']['caching']['cacheConfigurations']);

[$e] = attempt(static fn () => $manager->getCache('nope'));
check($e instanceof NoSuchCacheException && $e->getCode() === 1203699034 && $e->getMessage() === 'A cache with identifier "nope" does not exist.',
    'getCache(unknown): NoSuchCacheException 1203699034', describe($e));
$other = new CacheManager();
$other->setCacheConfigurations(['broken' => ['backend' => SelftestNotABackend::class]]);
[$e] = attempt(static fn () => $other->getCache('broken'));
check($e instanceof InvalidBackendException && $e->getCode() === 1464550977, 'a backend that is no BackendInterface: InvalidBackendException 1464550977', describe($e));
[$e] = attempt(static fn () => (new CacheManager())->setCacheConfigurations(['x' => 'nope']));
check($e instanceof \InvalidArgumentException, 'setCacheConfigurations rejects a non-array entry', describe($e));

// fact 1: setCacheConfigurations() replaces the set, it does not merge; '' is refused.
$replaced = new CacheManager();
$replaced->setCacheConfigurations(['first' => ['backend' => SelftestRecordingBackend::class]]);
$replaced->setCacheConfigurations(['second' => ['backend' => SelftestRecordingBackend::class]]);
[$e] = attempt(static fn () => $replaced->getCache('first'));
check(!$replaced->hasCache('first') && $replaced->hasCache('second') && $e instanceof NoSuchCacheException,
    'fact 1: a second setCacheConfigurations() replaces the first (no merge)', describe($e));
[$e] = attempt(static fn () => (new CacheManager())->setCacheConfigurations(['' => ['backend' => SelftestRecordingBackend::class]]));
check($e instanceof \InvalidArgumentException && $e->getCode() === 1596980032, 'fact 1: an empty cache identifier -> 1596980032', describe($e));

// fact 2: the compression cast is isset()-guarded: null passes uncast, every other value becomes a bool.
$seenCompression = static function (mixed $value): array {
    $m = new CacheManager();
    $m->setCacheConfigurations(['c' => ['backend' => SelftestRecordingBackend::class, 'options' => ['compression' => $value]]]);
    SelftestRecordingBackend::$seen = [];
    [$e] = attempt(static fn () => $m->getCache('c'));
    return [describe($e), array_key_exists('compression', SelftestRecordingBackend::$seen), SelftestRecordingBackend::$seen['compression'] ?? null];
};
check($seenCompression(null) === [null, true, null], "fact 2: 'compression' => null reaches the backend uncast", $seenCompression(null));
check($seenCompression('none') === [null, true, true] && $seenCompression('gzip') === [null, true, true] && $seenCompression('') === [null, true, false],
    "fact 2: 'none' and 'gzip' arrive as true, '' as false", [$seenCompression('none'), $seenCompression('')]);
check($seenCompression(false) === [null, true, false] && $seenCompression(0) === [null, true, false], 'fact 2: false and 0 arrive as false');

// fact 3: other options verbatim; non-array options are a TypeError.
$m = new CacheManager();
$m->setCacheConfigurations(['v' => ['backend' => SelftestRecordingBackend::class, 'options' => ['defaultLifetime' => 60, 'localPath' => '4096']]]);
[$e] = attempt(static fn () => $m->getCache('v'));
check(SelftestRecordingBackend::$seen === ['defaultLifetime' => 60, 'localPath' => '4096'], 'fact 3: options reach the backend verbatim (numeric strings stay strings)', [describe($e), SelftestRecordingBackend::$seen]);
$m = new CacheManager();
$m->setCacheConfigurations(['v' => ['backend' => SelftestRecordingBackend::class, 'options' => 'nope']]);
[$e] = attempt(static fn () => $m->getCache('v'));
check($e instanceof \TypeError, 'fact 3: non-array options are a TypeError', describe($e));

// fact 4: non-array groups fall back to the default groups.
$m = new CacheManager();
$m->setCacheConfigurations(['g' => ['backend' => SelftestFlushCounter::class, 'groups' => 'pages']]);
SelftestFlushCounter::$flushes = 0;
[$e] = attempt(static fn () => $m->getCache('g'));
[$e2] = attempt(static fn () => $m->flushCachesInGroup('all'));
check($e === null && $e2 === null && SelftestFlushCounter::$flushes === 1, "fact 4: non-array groups fall back to ['all'], no exception", [describe($e), describe($e2)]);

// fact 5: a frontend that is no FrontendInterface.
$m = new CacheManager();
$m->setCacheConfigurations(['f' => ['backend' => SelftestRecordingBackend::class, 'frontend' => SelftestNotAFrontend::class]]);
[$e] = attempt(static fn () => $m->getCache('f'));
check($e instanceof InvalidCacheException && $e->getCode() === 1464550984, 'fact 5: a frontend that is no FrontendInterface -> InvalidCacheException 1464550984', describe($e));

// fact 6: the group flushes' codes; an empty tag list returns early.
$m = new CacheManager();
[$e1] = attempt(static fn () => $m->flushCachesInGroup('nope'));
[$e2] = attempt(static fn () => $m->flushCachesInGroupByTag('nope', 't'));
[$e3] = attempt(static fn () => $m->flushCachesInGroupByTags('nope', ['t']));
[$e4] = attempt(static fn () => $m->flushCachesInGroupByTags('nope', []));
check($e1 instanceof NoSuchCacheGroupException && $e1->getCode() === 1390334120
    && $e2 instanceof NoSuchCacheGroupException && $e2->getCode() === 1390337129
    && $e3 instanceof NoSuchCacheGroupException && $e3->getCode() === 1390337130 && $e4 === null,
    'fact 6: unknown group -> 1390334120 / ByTag 1390337129 / ByTags 1390337130; ByTags([]) returns early', array_map('describe', [$e1, $e2, $e3, $e4]));

// fact 12: Cache\Exception extends \Exception directly.
check(get_parent_class(\TYPO3\CMS\Core\Cache\Exception::class) === \Exception::class, 'fact 12: TYPO3\CMS\Core\Cache\Exception extends \Exception', get_parent_class(\TYPO3\CMS\Core\Cache\Exception::class));
[$e] = attempt(static fn () => new Typo3DatabaseBackend(['noSuchOption' => 1]));
check($e instanceof \InvalidArgumentException && $e->getCode() === 1231267498, 'AbstractBackend: unknown option -> 1231267498', describe($e));
[$e, $rec] = attempt(static fn () => $manager->getCache('recording'));
check($e === null && (SelftestRecordingBackend::$seen['compression'] ?? null) === true, "createCache casts 'compression' => 'gzip' to true", [describe($e), SelftestRecordingBackend::$seen]);

// ---- the metadata cache -------------------------------------------------------------------------
[$e, $metaCache] = attempt(static fn () => $manager->getCache('cluster_meta'));
check($e === null && $metaCache instanceof VariableFrontend, 'cluster_meta: a VariableFrontend', describe($e));
if ($e !== null) {
    echo "selftest: $passed passed, " . ($failed) . " failed\n";
    exit(1);
}
[$e] = attempt(static fn () => $metaCache->flush());
check($e === null, 'cluster_meta: flush (store reachable)', describe($e));
if ($e !== null) {
    echo "selftest: $passed passed, $failed failed\n";
    exit(1);
}
$metaBackend = $metaCache->getBackend();
$metaCache->set('probe', ['a' => 1, 'b' => [true, null, 1.5]], ['t_one', 't_two'], 0);
check($metaCache->get('probe') === ['a' => 1, 'b' => [true, null, 1.5]], 'cluster_meta: an array round-trips');
$raw = $metaBackend->get('probe');
check(is_string($raw) && str_starts_with($raw, 'a:2:{') && preg_match('/[0-9a-f]{96}$/', $raw) === 1
    && hash_equals(hash_hmac('sha3-384', substr($raw, 0, -96), 'clusterfile-runtime-selftest' . VariableFrontend::class), substr($raw, -96)),
    'cluster_meta: stored as serialize() . HMAC-SHA3-384(encryptionKey . VariableFrontend::class)', $raw);
// fact 9: a wrong HMAC is not refused for a value without objects.
$metaBackend->set('tampered', substr($raw, 0, -1) . ($raw[-1] === '0' ? '1' : '0'));
check($metaCache->get('tampered') === ['a' => 1, 'b' => [true, null, 1.5]], 'fact 9: a class-free value with a wrong HMAC is still returned');
$forged = serialize(['x' => [1, 2]]);
$metaBackend->set('forged', $forged . str_repeat('0', 96));
check($metaCache->get('forged') === ['x' => [1, 2]], 'fact 9: a forged class-free value (any 96 hex chars) is returned');
$metaBackend->set('forged_object', serialize(['o' => new \ArrayObject([1])]) . str_repeat('0', 96));
check($metaCache->get('forged_object') === false, 'cluster_meta: a value holding objects with a wrong HMAC reads as false');
$metaBackend->set('short', 'abc');
check($metaCache->get('short') === false, 'cluster_meta: a value that does not unserialize reads as false');
check($metaCache->get('absent') === false && $metaCache->has('absent') === false, 'cluster_meta: a missing entry is false / has() false');
$ids = $metaBackend->findIdentifiersByTag('t_one');
check(array_values($ids) === ['probe'], 'cluster_meta: findIdentifiersByTag', $ids);
$metaCache->set('probe2', 'x', ['t_two'], 3600);
$metaCache->flushByTag('t_one');
check($metaCache->has('probe') === false && $metaCache->has('probe2') === true, 'cluster_meta: flushByTag removes only the tagged entry');
$metaCache->set('probe3', 'y', ['t_three']);
$metaCache->flushByTags(['t_two', 't_three']);
check(!$metaCache->has('probe2') && !$metaCache->has('probe3'), 'cluster_meta: flushByTags');
$metaCache->set('probe4', 'z', ['t_four']);
check($metaCache->remove('probe4') === true && $metaCache->remove('probe4') === false && $metaBackend->findIdentifiersByTag('t_four') === [],
    'cluster_meta: remove true, then false; tag relation gone');
$metaCache->set('retag', 'v', ['old_tag', 'kept_tag']);
$metaCache->set('retag', 'v2', ['kept_tag', 'new_tag']);
check($metaBackend->findIdentifiersByTag('old_tag') === [] && array_values($metaBackend->findIdentifiersByTag('new_tag')) === ['retag']
    && array_values($metaBackend->findIdentifiersByTag('kept_tag')) === ['retag'] && $metaCache->get('retag') === 'v2',
    'cluster_meta: re-set replaces the tags');

if ($kind === 'redis') {
    $r = new \Redis();
    $r->connect($host, (int)$port, 2.0);
    $r->select((int)$db);
    $ttl = $r->ttl('identData:retag');
    check($ttl > 3500 && $ttl <= 3600, 'redis: lifetime null -> defaultLifetime 3600', $ttl);
    $metaCache->set('forever', 'f', [], 0);
    $ttl = $r->ttl('identData:forever');
    check($ttl > 31535000 && $ttl <= 31536000, 'redis: lifetime 0 -> 31536000 s', $ttl);
    check($r->sMembers('identTags:retag') == ['kept_tag', 'new_tag'] || $r->sMembers('identTags:retag') == ['new_tag', 'kept_tag'], 'redis: identTags set', $r->sMembers('identTags:retag'));
    $metaCache->set('gc_me', 'g', ['gc_tag'], 1);
    sleep(2);
    // fact 19: the tag sets carry no TTL: the expired entry is still listed until collectGarbage().
    check($metaCache->get('gc_me') === false && $metaBackend->findIdentifiersByTag('gc_tag') === ['gc_me'],
        'fact 19: redis: findIdentifiersByTag lists an expired entry (tag sets outlive the TTL)', $metaBackend->findIdentifiersByTag('gc_tag'));
    $metaCache->collectGarbage();
    check(!$r->exists('identTags:gc_me') && $r->sMembers('tagIdents:gc_tag') === [], 'redis: collectGarbage removes relations of expired entries');

    // fact 18: the connection is opened eagerly, by CacheManager's initializeObject() call.
    $clients = static fn (): int => count(array_filter(explode("\n", (string)$r->rawCommand('CLIENT', 'LIST')), static fn (string $l): bool => trim($l) !== ''));
    $before = $clients();
    $m = new CacheManager();
    $m->setCacheConfigurations(['eager' => $meta]);
    $eager = $m->getCache('eager');
    // connect() returns once the kernel has the connection; redis-server registers it when its
    // event loop accepts it, which on a busy machine can come after our CLIENT LIST: poll briefly.
    for ($i = 0, $now = $clients(); $i < 50 && $now !== $before + 1; $i++, $now = $clients()) {
        usleep(20000);
    }
    check($now === $before + 1 && $eager->getBackend()->isConnected(), 'fact 18: redis: getCache() connects at once (before any cache call)', [$before, $now]);

    // fact 17: flush() with a keyPrefix deletes only the prefixed keys; without one it is FLUSHDB.
    $m = new CacheManager();
    $m->setCacheConfigurations(['prefixed' => ['backend' => RedisBackend::class, 'options' => $meta['options'] + ['keyPrefix' => 'pfx_']]]);
    $prefixed = $m->getCache('prefixed');
    $prefixed->set('mine', 'm', ['pt']);
    $metaCache->set('not_mine', 'n');
    $prefixed->flush();
    check($r->exists('pfx_identData:mine') === 0 && $metaCache->get('not_mine') === 'n', 'fact 17: redis: flush() with a keyPrefix deletes only its keys');
    $metaCache->flush();
    check($r->dbSize() === 0, 'fact 17: redis: flush() without a keyPrefix empties the database');

    // fact 13 / 20: option types and codes.
    [$e] = attempt(static fn () => new RedisBackend(['connectionTimeout' => 0.3]));
    check($e instanceof \TypeError, 'fact 13: redis: a float connectionTimeout is a TypeError', describe($e));
    [$e] = attempt(static fn () => new RedisBackend(['database' => -1]));
    check($e instanceof \InvalidArgumentException && $e->getCode() === 1279763534, 'fact 20: redis: setDatabase(-1) -> 1279763534', describe($e));
    [$e] = attempt(static fn () => new RedisBackend(['compressionLevel' => 10]));
    check($e instanceof \InvalidArgumentException && $e->getCode() === 1289679155, 'fact 20: redis: compressionLevel 10 -> 1289679155', describe($e));
    $r->close();
} else {
    [$pdo, $platform] = \ClusterFile\Harness\PdoConnections::get();
    $q = $platform === 'mysql' ? '`' : '"';
    $expires = static fn (string $id) => (int)$pdo->query("SELECT expires FROM {$q}cache_cluster_meta{$q} WHERE identifier = " . $pdo->quote($id))->fetchColumn();
    $metaCache->set('forever', 'f', [], 0);
    check($expires('forever') === 2145909600, 'db: lifetime 0 -> expires 2145909600', $expires('forever'));
    $x = $expires('retag') - time();
    check($x > 3590 && $x <= 3600, 'db: lifetime null -> defaultLifetime 3600', $x);
    // fact 15: time is EXEC_TIME, the request's start: within one request nothing expires.
    $execTime = $GLOBALS['EXEC_TIME'];
    $metaCache->set('gc_me', 'g', ['gc_tag'], 1);
    check($expires('gc_me') === $execTime + 1, 'fact 15: db: expires = EXEC_TIME + lifetime', [$expires('gc_me'), $execTime]);
    $GLOBALS['EXEC_TIME'] = $execTime + 1;
    $metaCache->collectGarbage();
    check($metaCache->get('gc_me') === 'g', 'fact 15: db: valid while expires >= EXEC_TIME; collectGarbage deletes nothing then');
    // A later request (EXEC_TIME moved on), instead of sleeping.
    $GLOBALS['EXEC_TIME'] = $execTime + 2;
    check($metaCache->get('gc_me') === false && !$metaCache->has('gc_me') && $metaBackend->findIdentifiersByTag('gc_tag') === [], 'fact 15: db: expired once EXEC_TIME has passed expires');
    // A long-lived writer whose EXEC_TIME is an hour old writes rows that are already expired for every fresh request.
    $GLOBALS['EXEC_TIME'] = $execTime - 3600;
    $metaCache->set('stale_writer', 's', [], 3600);
    $GLOBALS['EXEC_TIME'] = $execTime + 2;
    check($metaCache->get('stale_writer') === false, 'fact 15: db: a row written with a stale EXEC_TIME expires early for a fresh request');
    $metaCache->collectGarbage();
    $rows = (int)$pdo->query("SELECT COUNT(*) FROM {$q}cache_cluster_meta_tags{$q} WHERE identifier = 'gc_me'")->fetchColumn()
        + (int)$pdo->query("SELECT COUNT(*) FROM {$q}cache_cluster_meta{$q} WHERE identifier = 'gc_me'")->fetchColumn();
    check($rows === 0, 'db: collectGarbage deletes expired rows and orphan tag rows', $rows);
    $many = [];
    for ($i = 0; $i < 250; $i++) {
        $many[] = "bulk_$i";
        $metaCache->set("bulk_$i", $i, ["bulk_$i", 'bulk_all']);
    }
    $metaCache->flushByTags($many);
    check($metaBackend->findIdentifiersByTag('bulk_all') === [], 'db: flushByTags over 250 tags (chunks of 100)');
    $bin = random_bytes(2048) . "\0\xff";
    $metaBackend->set('binary', $bin);
    check($metaBackend->get('binary') === $bin, 'db: binary content round-trips');
    // fact 16: an out-of-range compressionLevel is ignored silently.
    [$e] = attempt(static fn () => new Typo3DatabaseBackend(['compressionLevel' => 42]));
    check($e === null, 'fact 16: db: compressionLevel 42 is ignored, no exception', describe($e));
    $GLOBALS['EXEC_TIME'] = $execTime;
}
$metaCache->flush();

// ---- the cluster cache through CacheManager ----------------------------------------------------
[$e, $pages] = attempt(static fn () => $manager->getCache('pages'));
check($e === null && $pages instanceof VariableFrontend && $pages->getBackend() instanceof \ClusterFile\Typo3\ClusterFileBackend,
    "pages: ClusterFileBackend built by CacheManager with 'compression' => 'gzip'", describe($e));
if ($e !== null) {
    echo "selftest: $passed passed, $failed failed\n";
    exit(1);
}
$html = str_repeat("<p>selftest page</p>\n", 200);
[$e] = attempt(static fn () => $pages->set('page_1', $html, ['pageId_1', 'site_1'], 3600));
check($e === null, 'pages: set', describe($e));
check($pages->get('page_1') === $html, 'pages: get returns the value');
check($pages->has('page_1') === true && $pages->has('page_2') === false, 'pages: has');
check($pages->get('page_2') === false, 'pages: a miss is false');
$pages->getBackend()->reset();
check($pages->get('page_1') === $html, 'pages: get after reset() (from disk, through the metadata store)');
$pages->set('page_2', ['title' => 'two', 'n' => 2], ['pageId_2', 'site_1']);
check($pages->get('page_2') === ['title' => 'two', 'n' => 2], 'pages: an array round-trips');
$found = $pages->getBackend()->findIdentifiersByTag('site_1');
$found = array_values($found);
sort($found);
check($found === ['page_1', 'page_2'], 'pages: findIdentifiersByTag(site_1)', $found);
$pages->flushByTag('pageId_1');
$pages->getBackend()->reset();
check($pages->get('page_1') === false && $pages->has('page_1') === false && $pages->get('page_2') === ['title' => 'two', 'n' => 2],
    'pages: flushByTag(pageId_1) removes only page_1');
$found = array_values($pages->getBackend()->findIdentifiersByTag('site_1'));
check($found === ['page_2'], 'pages: findIdentifiersByTag after flushByTag', $found);
check($pages->remove('page_2') === true, 'pages: remove returns true');
$pages->getBackend()->reset();
check($pages->has('page_2') === false && $pages->get('page_2') === false, 'pages: removed entry is gone');
$pages->set('page_3', 'three', ['pageId_3']);
$pages->set('page_4', 'four', ['pageId_4']);
$pages->flushByTags(['pageId_3', 'pageId_4']);
$pages->getBackend()->reset();
check(!$pages->has('page_3') && !$pages->has('page_4'), 'pages: flushByTags');
$pages->set('page_5', 'five');
$manager->flushCachesInGroup('pages');
$pages->getBackend()->reset();
check(!$pages->has('page_5'), 'pages: CacheManager::flushCachesInGroup(pages)');
$pages->set('page_6', 'six');
$manager->flushCaches();
$pages->getBackend()->reset();
check(!$pages->has('page_6'), 'pages: CacheManager::flushCaches()');

// The extension under fact 9: the metadata store accepts records nobody signed; the extension
// must judge every record itself.
$pages->set('page_7', 'seven', ['pageId_7']);
$record = $metaCache->get('pages__page_7');
check(is_array($record) && ($record['identifier'] ?? null) === 'page_7', 'pages: the record of page_7 is in cluster_meta', $record);
$metaBackend->set('pages__page_8', serialize($record) . str_repeat('f', 96));
$pages->getBackend()->reset();
check($metaCache->get('pages__page_8') === $record && $pages->get('page_8') === false && $pages->has('page_8') === false,
    "fact 9: pages: page_7's record planted unsigned under page_8 reaches the extension, which refuses it (identifier mismatch)");
$metaBackend->set('pages__page_9', serialize(['identifier' => 'page_9', 'hash' => 'sha256:' . str_repeat('0', 64), 'state' => 'valid', 'junk' => [1]]) . str_repeat('f', 96));
$pages->getBackend()->reset();
check($pages->get('page_9') === false && $pages->has('page_9') === false, 'fact 9: pages: a forged garbage record is a miss');
$metaBackend->set('pages__page_7', serialize($record) . str_repeat('f', 96));
$pages->getBackend()->reset();
check($pages->get('page_7') === 'seven', "fact 9: pages: page_7's own record with a broken signature still serves (the signature is not what protects it)");

// The extension under fact 15 (database store): EXEC_TIME, not time(), decides the row's life.
if ($kind !== 'redis') {
    $execTime = $GLOBALS['EXEC_TIME'];
    // A worker whose EXEC_TIME is two hours old: the row of its set() is already expired for a fresh request.
    $GLOBALS['EXEC_TIME'] = $execTime - 7200;
    $pages->set('page_10', 'ten', [], 3600);
    $GLOBALS['EXEC_TIME'] = $execTime;
    $pages->getBackend()->reset();
    check($pages->get('page_10') === false && $pages->has('page_10') === false,
        'fact 15: pages: set() by a process with a stale EXEC_TIME lands in a row that expires early (a miss, never stale)');
    // A row the store still returns although the record's own expiresAt has passed is a miss.
    $pages->set('page_11', 'eleven', [], 3600);
    $r11 = $metaCache->get('pages__page_11');
    [$r11['createdAt'], $r11['expiresAt']] = [time() - 10, time() - 1];
    $metaCache->set('pages__page_11', $r11, [], 3600);
    $pages->getBackend()->reset();
    $misses = $pages->getBackend()->getStatistics()['cache_miss_total']['expired'];
    $v11 = $pages->get('page_11');
    $stats11 = $pages->getBackend()->getStatistics()['cache_miss_total'];
    check($v11 === false && $stats11['expired'] === $misses + 1,
        "fact 15: pages: a row still live for the store's EXEC_TIME but past the record's expiresAt is an expired miss", [$v11, $misses, $stats11, $r11, $metaCache->get('pages__page_11')]);
}

// The extension under fact 2: what CacheManager hands it for 'compression'.
$m = new CacheManager();
GeneralUtility::setSingletonInstance(CacheManager::class, $m);
$cfg = $GLOBALS['TYPO3_CONF_VARS']['SYS']['caching']['cacheConfigurations'];
$withCompression = static function (mixed $value) use ($cfg, $tmp): array {
    $c = $cfg['pages'];
    $c['options']['compression'] = $value;
    $c['options']['localPath'] = "$tmp/compression";
    return $c;
};
$m->setCacheConfigurations([
    'cluster_meta' => $cfg['cluster_meta'],
    'c_null' => $withCompression(null),
    'c_none' => $withCompression('none'),
    'c_false' => $withCompression(false),
]);
[$e] = attempt(static fn () => $m->getCache('c_null'));
check($e instanceof InvalidCacheException && $e->getCode() === 1747500003, "fact 2: 'compression' => null reaches the extension uncast and is rejected (1747500003)", describe($e));
[$e, $none] = attempt(static fn () => $m->getCache('c_none'));
check($e === null && $none->getBackend()->getOptions()['compression'] === 'zstd', "fact 2: 'compression' => 'none' arrives as true: the default codec (zstd), not 'none'", [describe($e), $e === null ? $none->getBackend()->getOptions()['compression'] : null]);
[$e, $off] = attempt(static fn () => $m->getCache('c_false'));
check($e === null && $off->getBackend()->getOptions()['compression'] === 'none', "fact 2: only 'compression' => false turns compression off", [describe($e), $e === null ? $off->getBackend()->getOptions()['compression'] : null]);
GeneralUtility::setSingletonInstance(CacheManager::class, $manager);

[$e, $ts] = attempt(static fn () => $manager->getCache('typoscript'));
check($e === null && $ts instanceof PhpFrontend, 'typoscript: PhpFrontend over ClusterFileBackend', describe($e));
if ($ts instanceof PhpFrontend) {
    [$e] = attempt(static fn () => $ts->set('ts_1', 'return ["answer" => 42];'));
    check($e === null, 'typoscript: set code', describe($e));
    check($ts->requireOnce('ts_1') === ['answer' => 42], 'typoscript: requireOnce');
    [$e] = attempt(static fn () => $ts->set('ts_2', 42));
    check($e instanceof \TYPO3\CMS\Core\Cache\Exception\InvalidDataException && $e->getCode() === 1264023824, 'typoscript: non-string -> InvalidDataException 1264023824', describe($e));
}

[$e] = attempt(static fn () => $pages->set('bad id', 'x'));
check($e instanceof \InvalidArgumentException && $e->getCode() === 1233058264, 'VariableFrontend: invalid identifier -> 1233058264', describe($e));
[$e] = attempt(static fn () => $pages->set('ok_id', 'x', ['bad tag']));
check($e instanceof \InvalidArgumentException && $e->getCode() === 1233058269, 'VariableFrontend: invalid tag -> 1233058269', describe($e));
[$e] = attempt(static fn () => $pages->flushByTag('bad tag'));
check($e instanceof \InvalidArgumentException && $e->getCode() === 1233057359, 'AbstractFrontend: flushByTag invalid tag -> 1233057359', describe($e));
[$e] = attempt(static fn () => $pages->flushByTags(['ok_tag', 'bad tag']));
check($e instanceof \InvalidArgumentException && $e->getCode() === 1233057360, 'fact 8: AbstractFrontend: flushByTags invalid tag -> 1233057360', describe($e));
[$e] = attempt(static fn () => new VariableFrontend('bad id', new SelftestRecordingBackend()));
check($e instanceof \InvalidArgumentException && $e->getCode() === 1203584729, 'AbstractFrontend: invalid cache identifier -> 1203584729', describe($e));
[$e] = attempt(static fn () => new PhpFrontend('php_x', new SelftestRecordingBackend()));
check($e instanceof \TypeError, 'fact 10: PhpFrontend: a non-PhpCapable backend is a TypeError', describe($e));

// ---- unreachable store: never a warning ------------------------------------------------------
if ($kind === 'redis') {
    // fact 18: a failed connect is only logged; every later call is a silent no-op.
    $m = new CacheManager();
    GeneralUtility::setSingletonInstance(CacheManager::class, $m);
    $m->setCacheConfigurations([
        'dead_meta' => ['backend' => RedisBackend::class, 'options' => ['hostname' => '127.0.0.1', 'port' => 1, 'connectionTimeout' => 1]],
        'dead_pages' => ['backend' => \ClusterFile\Typo3\ClusterFileBackend::class, 'options' => [
            'localPath' => "$tmp/dead_pages", 'metadataCacheIdentifier' => 'dead_meta',
            'namespace' => ['environment' => 'testing', 'instance' => 'selftest'],
        ]],
    ]);
    [$e, $dead] = attempt(static fn () => $m->getCache('dead_meta'));
    check($e === null && !$dead->getBackend()->isConnected() && count($dead->getBackend()->log) === 1,
        'fact 18: redis: an unreachable server at getCache() raises nothing (only logged)', describe($e));
    if ($e === null) {
        [$e] = attempt(static function () use ($dead): void {
            $dead->set('x', 'y', ['t']);
            $dead->flushByTag('t');
            $dead->flush();
        });
        check($e === null && $dead->get('x') === false && $dead->has('x') === false && $dead->getBackend()->findIdentifiersByTag('t') === [],
            'fact 18: redis: after a failed connect every call is a silent no-op', describe($e));
        // The extension over it: set() and flushByTag() cannot tell that nothing was written.
        [$e, $deadPages] = attempt(static fn () => $m->getCache('dead_pages'));
        [$e2] = attempt(static fn () => $deadPages->set('page_1', 'lost', ['pageId_1']));
        [$e3] = attempt(static fn () => $deadPages->flushByTag('pageId_1'));
        $deadPages?->getBackend()->reset();
        check($e === null && $e2 === null && $e3 === null && $deadPages->get('page_1') === false && $deadPages->has('page_1') === false,
            'fact 18: extension over a never-connected RedisBackend: set() and flushByTag() "succeed", the next request misses', array_map('describe', [$e, $e2, $e3]));
    }
    GeneralUtility::setSingletonInstance(CacheManager::class, $manager);
} elseif ($kind === 'mariadb') {
    $saved = $GLOBALS['TYPO3_CONF_VARS']['DB']['Connections']['Default'];
    $GLOBALS['TYPO3_CONF_VARS']['DB']['Connections']['Default']['port'] = 1;
    $dead = new Typo3DatabaseBackend();
    new VariableFrontend('dead_db', $dead);
    [$e] = attempt(static fn () => $dead->get('x'));
    check($e instanceof \PDOException, 'mariadb: unreachable server -> PDOException', describe($e));
    $GLOBALS['TYPO3_CONF_VARS']['DB']['Connections']['Default'] = $saved;
}

check($warnings === [], 'no PHP warning or notice was raised', $warnings);
echo "selftest: $passed passed, $failed failed\n";
exit($failed === 0 ? 0 : 1);
