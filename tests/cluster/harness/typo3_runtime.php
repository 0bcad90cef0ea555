<?php
/*
 * The project's own stand-ins for the part of TYPO3 14.3 that takes part when a cluster cache is
 * built and used: GeneralUtility::makeInstance, CacheManager, the Variable/Php frontends, and the
 * two core backends the metadata cache ("cluster truth") runs on: Typo3DatabaseBackend (over PDO,
 * SQLite or MariaDB) and RedisBackend (over php-redis).
 *
 * typo3/cms-core cannot be installed here, so this file re-states the behaviour of those classes
 * that the extension can observe, as read from TYPO3 14.3.6 and measured against it
 * (/work/shared/typo3-facts.md; earlier /work/shared/reference-behaviour.md §1.4, §1.5, §13):
 * CacheManager::createCache's order and option handling (setCacheConfigurations() replaces, the
 * TYPO3 >= 14.3.1 bool cast of a set 'compression' option), VariableFrontend's serialize() + HMAC-
 * SHA3-384 format (a class-free value with a wrong HMAC is still accepted), the database backend's
 * tables and its EXEC_TIME-based lifetime, and the Redis backend's key layout, eager connect,
 * swallowed connect failure and missing reconnect. runtime_selftest.php checks each of them. It is
 * written for the cluster harness; it is not TYPO3 code and carries no TYPO3 code.
 *
 * Two rules hold throughout: nothing here ever emits a PHP warning or notice (errors are
 * exceptions), and store errors propagate as exceptions (PDOException, RedisException, or a
 * TYPO3\CMS\Core\Cache\Exception), because the cluster backend handles metadata errors by
 * contract - except where TYPO3 itself swallows them (RedisBackend's failed connect).
 */
declare(strict_types=1);

namespace {
    require_once __DIR__ . '/../../inc/typo3_interfaces.inc';

    // TYPO3's bootstrap sets the request's start time once; a process that serves many requests
    // (pod.php) must refresh it itself, as every new PHP-FPM request would.
    $GLOBALS['EXEC_TIME'] ??= time();
}

namespace TYPO3\CMS\Core {
    /** Marker: GeneralUtility::makeInstance() keeps one instance per class of these. */
    interface SingletonInterface
    {
    }
}

namespace TYPO3\CMS\Core\Cache\Exception {
    class NoSuchCacheException extends \TYPO3\CMS\Core\Cache\Exception
    {
    }

    class NoSuchCacheGroupException extends \TYPO3\CMS\Core\Cache\Exception
    {
    }

    class InvalidBackendException extends \TYPO3\CMS\Core\Cache\Exception
    {
    }

    class DuplicateIdentifierException extends \TYPO3\CMS\Core\Cache\Exception
    {
    }
}

namespace TYPO3\CMS\Core\Utility {
    use TYPO3\CMS\Core\SingletonInterface;

    final class GeneralUtility
    {
        /** @var array<string, SingletonInterface> class name => instance */
        private static array $singletonInstances = [];

        /**
         * A new instance of $className, or for a SingletonInterface class the one instance of this
         * process (created on first use with $args).
         */
        public static function makeInstance(string $className, mixed ...$args): object
        {
            $className = ltrim($className, '\\');
            if ($className === '') {
                throw new \InvalidArgumentException('$className must be a non empty string.', 1288965219);
            }
            if (isset(self::$singletonInstances[$className])) {
                return self::$singletonInstances[$className];
            }
            if (!class_exists($className)) {
                throw new \InvalidArgumentException('Class "' . $className . '" does not exist.', 1288965220);
            }
            $instance = new $className(...$args);
            if ($instance instanceof SingletonInterface) {
                self::$singletonInstances[$className] = $instance;
            }
            return $instance;
        }

        /** For tests: makeInstance($className) returns $instance from now on. */
        public static function setSingletonInstance(string $className, SingletonInterface $instance): void
        {
            $className = ltrim($className, '\\');
            if (!$instance instanceof $className) {
                throw new \InvalidArgumentException('$instance must be an instance of ' . $className . '.', 1288967479);
            }
            self::$singletonInstances[$className] = $instance;
        }

        /** For tests: forget every singleton (the next makeInstance builds a new one). */
        public static function purgeInstances(): void
        {
            self::$singletonInstances = [];
        }
    }
}

namespace TYPO3\CMS\Core\Cache {
    use TYPO3\CMS\Core\Cache\Backend\BackendInterface;
    use TYPO3\CMS\Core\Cache\Backend\Typo3DatabaseBackend;
    use TYPO3\CMS\Core\Cache\Exception\DuplicateIdentifierException;
    use TYPO3\CMS\Core\Cache\Exception\InvalidBackendException;
    use TYPO3\CMS\Core\Cache\Exception\InvalidCacheException;
    use TYPO3\CMS\Core\Cache\Exception\NoSuchCacheException;
    use TYPO3\CMS\Core\Cache\Exception\NoSuchCacheGroupException;
    use TYPO3\CMS\Core\Cache\Frontend\FrontendInterface;
    use TYPO3\CMS\Core\Cache\Frontend\VariableFrontend;
    use TYPO3\CMS\Core\SingletonInterface;

    class CacheManager implements SingletonInterface
    {
        /** @var array<string, FrontendInterface> */
        protected array $caches = [];

        /** @var array<string, array> */
        protected array $cacheConfigurations = [];

        /** @var array<string, list<string>> group => cache identifiers */
        protected array $cacheGroups = [];

        protected array $defaultCacheConfiguration = [
            'frontend' => VariableFrontend::class,
            'backend' => Typo3DatabaseBackend::class,
            'options' => [],
            'groups' => ['all'],
        ];

        /**
         * Replaces the whole set of configurations (TYPO3 does not merge: a cache configured by an
         * earlier call and not named again is gone, unless it was already created).
         *
         * @param array<string, array> $cacheConfigurations cache identifier => configuration
         */
        public function setCacheConfigurations(array $cacheConfigurations): void
        {
            $configurations = [];
            foreach ($cacheConfigurations as $identifier => $configuration) {
                if (!is_array($configuration)) {
                    throw new \InvalidArgumentException(
                        'The cache configuration for cache "' . $identifier . '" was not an array as expected.',
                        1231259656
                    );
                }
                if ((string)$identifier === '') {
                    throw new \InvalidArgumentException('A cache identifier was not set.', 1596980032);
                }
                $configurations[(string)$identifier] = $configuration;
            }
            $this->cacheConfigurations = $configurations;
        }

        public function registerCache(FrontendInterface $cache, array $groups = []): void
        {
            $identifier = $cache->getIdentifier();
            if (isset($this->caches[$identifier])) {
                throw new DuplicateIdentifierException(
                    'A cache with identifier "' . $identifier . '" has already been registered.',
                    1203698223
                );
            }
            $this->caches[$identifier] = $cache;
            foreach ($groups as $group) {
                $this->cacheGroups[$group][] = $identifier;
            }
        }

        public function hasCache(string $identifier): bool
        {
            return isset($this->caches[$identifier]) || isset($this->cacheConfigurations[$identifier]);
        }

        public function getCache(string $identifier): FrontendInterface
        {
            if (!$this->hasCache($identifier)) {
                throw new NoSuchCacheException('A cache with identifier "' . $identifier . '" does not exist.', 1203699034);
            }
            if (!isset($this->caches[$identifier])) {
                $this->createCache($identifier);
            }
            return $this->caches[$identifier];
        }

        public function flushCaches(): void
        {
            $this->createAllCaches();
            foreach ($this->caches as $cache) {
                $cache->flush();
            }
        }

        public function flushCachesByTag(string $tag): void
        {
            $this->createAllCaches();
            foreach ($this->caches as $cache) {
                $cache->flushByTag($tag);
            }
        }

        public function flushCachesByTags(array $tags): void
        {
            $this->createAllCaches();
            foreach ($this->caches as $cache) {
                $cache->flushByTags($tags);
            }
        }

        public function flushCachesInGroup(string $groupIdentifier): void
        {
            foreach ($this->cachesInGroup($groupIdentifier, 1390334120) as $cache) {
                $cache->flush();
            }
        }

        public function flushCachesInGroupByTag(string $groupIdentifier, string $tag): void
        {
            foreach ($this->cachesInGroup($groupIdentifier, 1390337129) as $cache) {
                $cache->flushByTag($tag);
            }
        }

        /** An empty tag list returns at once (no group check, no cache built). */
        public function flushCachesInGroupByTags(string $groupIdentifier, array $tags): void
        {
            if ($tags === []) {
                return;
            }
            foreach ($this->cachesInGroup($groupIdentifier, 1390337130) as $cache) {
                $cache->flushByTags($tags);
            }
        }

        /** @return list<FrontendInterface> the caches of the group; NoSuchCacheGroupException $code if none */
        protected function cachesInGroup(string $groupIdentifier, int $code): array
        {
            $this->createAllCaches();
            if (!isset($this->cacheGroups[$groupIdentifier])) {
                throw new NoSuchCacheGroupException('No cache in the specified group \'' . $groupIdentifier . '\'', $code);
            }
            $out = [];
            foreach (array_unique($this->cacheGroups[$groupIdentifier]) as $identifier) {
                if (isset($this->caches[$identifier])) {
                    $out[] = $this->caches[$identifier];
                }
            }
            return $out;
        }

        protected function createAllCaches(): void
        {
            foreach (array_keys($this->cacheConfigurations) as $identifier) {
                if (!isset($this->caches[$identifier])) {
                    $this->createCache((string)$identifier);
                }
            }
        }

        /** Builds one cache in TYPO3 14.3.6's order. */
        protected function createCache(string $identifier): void
        {
            $configuration = $this->cacheConfigurations[$identifier] ?? [];
            $frontend = $configuration['frontend'] ?? $this->defaultCacheConfiguration['frontend'];
            $backend = $configuration['backend'] ?? $this->defaultCacheConfiguration['backend'];
            $backendOptions = $configuration['options'] ?? $this->defaultCacheConfiguration['options'];
            $groups = $configuration['groups'] ?? $this->defaultCacheConfiguration['groups'];
            // Options reach the backend verbatim (a non-array is the backend constructor's TypeError),
            // except 'compression' (TYPO3 >= 14.3.1): a set, non-null value becomes its bool cast, for
            // every backend ('none' and 'gzip' arrive as true); null passes through uncast.
            if (is_array($backendOptions) && isset($backendOptions['compression'])) {
                $backendOptions['compression'] = (bool)$backendOptions['compression'];
            }
            // Non-array groups fall back to the default groups, without an exception.
            if (!is_array($groups)) {
                $groups = $this->defaultCacheConfiguration['groups'];
            }
            foreach ($groups as $group) {
                $this->cacheGroups[$group][] = $identifier;
            }

            // The plain new operator, as TYPO3 does (the cache is built before DI exists).
            $backendInstance = new $backend($backendOptions);
            if (!$backendInstance instanceof BackendInterface) {
                throw new InvalidBackendException(
                    '"' . $backend . '" is not a valid cache backend object.',
                    1464550977
                );
            }
            if (is_callable([$backendInstance, 'initializeObject'])) {
                $backendInstance->initializeObject();
            }

            $frontendInstance = new $frontend($identifier, $backendInstance);
            if (!$frontendInstance instanceof FrontendInterface) {
                throw new InvalidCacheException(
                    '"' . $frontend . '" is not a valid cache frontend object.',
                    1464550984
                );
            }
            if (is_callable([$frontendInstance, 'initializeObject'])) {
                $frontendInstance->initializeObject();
            }

            $this->registerCache($frontendInstance);
        }
    }
}

namespace TYPO3\CMS\Core\Cache\Frontend {
    use TYPO3\CMS\Core\Cache\Backend\BackendInterface;
    use TYPO3\CMS\Core\Cache\Backend\PhpCapableBackendInterface;
    use TYPO3\CMS\Core\Cache\Backend\TaggableBackendInterface;
    use TYPO3\CMS\Core\Cache\Exception\InvalidDataException;

    abstract class AbstractFrontend implements FrontendInterface
    {
        protected string $identifier;
        protected BackendInterface $backend;

        public function __construct(string $identifier, BackendInterface $backend)
        {
            if (preg_match(self::PATTERN_ENTRYIDENTIFIER, $identifier) !== 1) {
                throw new \InvalidArgumentException('"' . $identifier . '" is not a valid cache identifier.', 1203584729);
            }
            $this->identifier = $identifier;
            $this->backend = $backend;
            $this->backend->setCache($this);
        }

        public function getIdentifier(): string
        {
            return $this->identifier;
        }

        public function getBackend(): BackendInterface
        {
            return $this->backend;
        }

        public function has(string $entryIdentifier): bool
        {
            if (!$this->isValidEntryIdentifier($entryIdentifier)) {
                throw new \InvalidArgumentException('"' . $entryIdentifier . '" is not a valid cache entry identifier.', 1233058486);
            }
            return $this->backend->has($entryIdentifier);
        }

        public function remove(string $entryIdentifier): bool
        {
            if (!$this->isValidEntryIdentifier($entryIdentifier)) {
                throw new \InvalidArgumentException('"' . $entryIdentifier . '" is not a valid cache entry identifier.', 1233058495);
            }
            return $this->backend->remove($entryIdentifier);
        }

        public function flush(): void
        {
            $this->backend->flush();
        }

        public function flushByTag(string $tag): void
        {
            if (!$this->backend instanceof TaggableBackendInterface) {
                return;
            }
            if (!$this->isValidTag($tag)) {
                throw new \InvalidArgumentException('"' . $tag . '" is not a valid tag for a cache entry.', 1233057359);
            }
            $this->backend->flushByTag($tag);
        }

        public function flushByTags(array $tags): void
        {
            if (!$this->backend instanceof TaggableBackendInterface) {
                return;
            }
            foreach ($tags as $tag) {
                if (!is_string($tag) || !$this->isValidTag($tag)) {
                    throw new \InvalidArgumentException('"' . (is_scalar($tag) ? (string)$tag : get_debug_type($tag)) . '" is not a valid tag for a cache entry.', 1233057360);
                }
            }
            $this->backend->flushByTags($tags);
        }

        public function collectGarbage(): void
        {
            $this->backend->collectGarbage();
        }

        public function isValidEntryIdentifier(string $identifier): bool
        {
            return preg_match(self::PATTERN_ENTRYIDENTIFIER, $identifier) === 1;
        }

        public function isValidTag(string $tag): bool
        {
            return preg_match(self::PATTERN_TAG, $tag) === 1;
        }
    }

    /**
     * Stores any PHP value: serialize() followed by a 96-hex HMAC-SHA3-384 of the serialized string,
     * keyed with encryptionKey . VariableFrontend::class. The HMAC protects only values holding
     * objects: when it does not verify, a value without objects is still returned (unserialized
     * with allowed_classes false), and only a value holding objects reads as a miss (false).
     * Metadata records hold no objects, so for them the signature protects nothing.
     */
    class VariableFrontend extends AbstractFrontend
    {
        private const HMAC_ALGORITHM = 'sha3-384';
        private const HMAC_LENGTH = 96;

        public function set(string $entryIdentifier, mixed $variable, array $tags = [], ?int $lifetime = null): void
        {
            if (!$this->isValidEntryIdentifier($entryIdentifier)) {
                throw new \InvalidArgumentException('"' . $entryIdentifier . '" is not a valid cache entry identifier.', 1233058264);
            }
            foreach ($tags as $tag) {
                if (!is_string($tag) || !$this->isValidTag($tag)) {
                    throw new \InvalidArgumentException('"' . (is_scalar($tag) ? (string)$tag : get_debug_type($tag)) . '" is not a valid tag for a cache entry.', 1233058269);
                }
            }
            $serialized = serialize($variable);
            $this->backend->set($entryIdentifier, $serialized . hash_hmac(self::HMAC_ALGORITHM, $serialized, self::hmacKey()), $tags, $lifetime);
        }

        public function get(string $entryIdentifier): mixed
        {
            if (!$this->isValidEntryIdentifier($entryIdentifier)) {
                throw new \InvalidArgumentException('"' . $entryIdentifier . '" is not a valid cache entry identifier.', 1233058294);
            }
            $raw = $this->backend->get($entryIdentifier);
            if ($raw === false || !is_string($raw)) {
                return false;
            }
            return self::verifyAndUnserialize($raw);
        }

        private static function hmacKey(): string
        {
            return (string)($GLOBALS['TYPO3_CONF_VARS']['SYS']['encryptionKey'] ?? '') . VariableFrontend::class;
        }

        private static function verifyAndUnserialize(string $raw): mixed
        {
            $serialized = strlen($raw) >= self::HMAC_LENGTH ? substr($raw, 0, -self::HMAC_LENGTH) : $raw;
            $mac = strlen($raw) >= self::HMAC_LENGTH ? substr($raw, -self::HMAC_LENGTH) : '';
            $verified = $mac !== '' && hash_equals(hash_hmac(self::HMAC_ALGORITHM, $serialized, self::hmacKey()), $mac);
            // unserialize() reports malformed input with a notice: never let one out.
            set_error_handler(static fn (): bool => true);
            try {
                $value = unserialize($serialized, ['allowed_classes' => false]);
            } catch (\Throwable) {
                return false;
            } finally {
                restore_error_handler();
            }
            if ($value === false && $serialized !== serialize(false)) {
                return false;
            }
            // Not signed by us: accepted unless it holds objects.
            if (!$verified && self::holdsObjects($value)) {
                return false;
            }
            return $value;
        }

        private static function holdsObjects(mixed $value): bool
        {
            if (is_object($value)) {
                return true;
            }
            if (is_array($value)) {
                foreach ($value as $v) {
                    if (self::holdsObjects($v)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** PHP code caches: the backend stores '<?php' LF code LF '#' and includes it. */
    class PhpFrontend extends AbstractFrontend
    {
        /** Typed: a backend that is not PHP-capable is a TypeError. */
        public function __construct(string $identifier, PhpCapableBackendInterface $backend)
        {
            parent::__construct($identifier, $backend);
        }

        public function set(string $entryIdentifier, mixed $sourceCode, array $tags = [], ?int $lifetime = null): void
        {
            if (!$this->isValidEntryIdentifier($entryIdentifier)) {
                throw new \InvalidArgumentException('"' . $entryIdentifier . '" is not a valid cache entry identifier.', 1264023823);
            }
            if (!is_string($sourceCode)) {
                throw new InvalidDataException('The given source code is not a valid string.', 1264023824);
            }
            foreach ($tags as $tag) {
                if (!is_string($tag) || !$this->isValidTag($tag)) {
                    throw new \InvalidArgumentException('"' . (is_scalar($tag) ? (string)$tag : get_debug_type($tag)) . '" is not a valid tag for a cache entry.', 1264023825);
                }
            }
            $this->backend->set($entryIdentifier, '<?php' . "\n" . $sourceCode . "\n" . '#', $tags, $lifetime);
        }

        public function get(string $entryIdentifier): mixed
        {
            if (!$this->isValidEntryIdentifier($entryIdentifier)) {
                throw new \InvalidArgumentException('"' . $entryIdentifier . '" is not a valid cache entry identifier.', 1233057753);
            }
            return $this->backend->get($entryIdentifier);
        }

        public function requireOnce(string $entryIdentifier): mixed
        {
            if (!$this->backend instanceof PhpCapableBackendInterface) {
                throw new \RuntimeException('The backend of this PhpFrontend cannot require PHP code.', 1763660480);
            }
            return $this->backend->requireOnce($entryIdentifier);
        }

        public function require(string $entryIdentifier): mixed
        {
            if (!$this->backend instanceof PhpCapableBackendInterface) {
                throw new \RuntimeException('The backend of this PhpFrontend cannot require PHP code.', 1763660481);
            }
            return $this->backend->require($entryIdentifier);
        }
    }
}

namespace ClusterFile\Harness {
    /**
     * Runs $fn with every PHP warning/notice it raises swallowed: the store drivers (mysqlnd,
     * php-redis) can emit a warning next to the exception they throw; the exception is what counts.
     */
    final class Quiet
    {
        public static function run(callable $fn): mixed
        {
            set_error_handler(static fn (): bool => true);
            try {
                return $fn();
            } finally {
                restore_error_handler();
            }
        }
    }

    /**
     * The harness's own small connection registry (in TYPO3 ConnectionPool and Doctrine DBAL do
     * this): one PDO per distinct connection configuration per process, opened on first use from
     * $GLOBALS['TYPO3_CONF_VARS']['DB']['Connections']['Default'].
     *   pdo_sqlite: path, busyTimeoutMs (default 5000), journalMode (default WAL; in WAL mode a
     *               writer's lock never blocks readers, with DELETE an exclusive lock blocks them too).
     *   pdo_mysql:  host, port, dbname, user, password, connectTimeout (s, default 2).
     */
    final class PdoConnections
    {
        /** @var array<string, \PDO> */
        private static array $connections = [];

        /** @return array{0: \PDO, 1: string, 2: string} the PDO, its platform ('sqlite'|'mysql'), its registry key */
        public static function get(string $name = 'Default'): array
        {
            $config = $GLOBALS['TYPO3_CONF_VARS']['DB']['Connections'][$name] ?? null;
            if (!is_array($config)) {
                throw new \TYPO3\CMS\Core\Cache\Exception('The database connection "' . $name . '" is not configured.', 1700000001);
            }
            $platform = self::platform($config);
            $key = $name . ':' . md5(serialize($config));
            if (!isset(self::$connections[$key])) {
                self::$connections[$key] = Quiet::run(static fn (): \PDO => self::open($platform, $config));
            }
            return [self::$connections[$key], $platform, $key];
        }

        /** Forgets one connection (the next get() opens it anew). */
        public static function forget(string $key): void
        {
            unset(self::$connections[$key]);
        }

        /** Forgets every connection (the next get() opens anew). */
        public static function reset(): void
        {
            self::$connections = [];
        }

        private static function platform(array $config): string
        {
            return match ($config['driver'] ?? '') {
                'pdo_sqlite', 'sqlite', 'sqlite3' => 'sqlite',
                'pdo_mysql', 'mysqli', 'mysql' => 'mysql',
                default => throw new \TYPO3\CMS\Core\Cache\Exception(
                    'Unsupported database driver "' . (string)($config['driver'] ?? '') . '".',
                    1700000002
                ),
            };
        }

        private static function open(string $platform, array $config): \PDO
        {
            if ($platform === 'sqlite') {
                $path = (string)($config['path'] ?? '');
                if ($path === '') {
                    throw new \TYPO3\CMS\Core\Cache\Exception('The sqlite connection has no path.', 1700000003);
                }
                $busyMs = max(0, (int)($config['busyTimeoutMs'] ?? 5000));
                $pdo = new \PDO('sqlite:' . $path, null, null, [
                    \PDO::ATTR_ERRMODE => \PDO::ERRMODE_EXCEPTION,
                    \PDO::ATTR_TIMEOUT => max(1, intdiv($busyMs + 999, 1000)),
                ]);
                // Busy timeout first, so the switch to WAL itself waits for a concurrent opener.
                $pdo->exec('PRAGMA busy_timeout = ' . $busyMs);
                $journal = strtoupper((string)($config['journalMode'] ?? 'WAL'));
                if (!in_array($journal, ['WAL', 'DELETE', 'TRUNCATE', 'PERSIST'], true)) {
                    throw new \TYPO3\CMS\Core\Cache\Exception('Unsupported sqlite journalMode "' . $journal . '".', 1700000004);
                }
                $pdo->query('PRAGMA journal_mode = ' . $journal)->fetchAll();
                return $pdo;
            }
            $dsn = 'mysql:host=' . (string)($config['host'] ?? '127.0.0.1')
                . ';port=' . (int)($config['port'] ?? 3306)
                . ';dbname=' . (string)($config['dbname'] ?? '')
                . ';charset=utf8mb4';
            return new \PDO($dsn, (string)($config['user'] ?? 'root'), (string)($config['password'] ?? ''), [
                \PDO::ATTR_ERRMODE => \PDO::ERRMODE_EXCEPTION,
                \PDO::ATTR_TIMEOUT => max(1, (int)($config['connectTimeout'] ?? 2)),
                \PDO::ATTR_EMULATE_PREPARES => false,
            ]);
        }
    }
}

namespace TYPO3\CMS\Core\Cache\Backend {
    use ClusterFile\Harness\PdoConnections;
    use ClusterFile\Harness\Quiet;
    use TYPO3\CMS\Core\Cache\Exception;
    use TYPO3\CMS\Core\Cache\Frontend\FrontendInterface;

    abstract class AbstractBackend implements BackendInterface
    {
        protected string $cacheIdentifier;
        protected int $defaultLifetime = 3600;

        /** Every option "foo" is handed to setFoo(); an option without a setter is an error. */
        public function __construct(array $options = [])
        {
            foreach ($options as $optionKey => $optionValue) {
                $methodName = 'set' . ucfirst((string)$optionKey);
                if (!method_exists($this, $methodName)) {
                    throw new \InvalidArgumentException(
                        'Invalid cache backend option "' . $optionKey . '" for backend of type "' . static::class . '"',
                        1231267498
                    );
                }
                $this->{$methodName}($optionValue);
            }
        }

        public function setCache(FrontendInterface $cache): void
        {
            $this->cacheIdentifier = $cache->getIdentifier();
        }

        public function setDefaultLifetime(int $defaultLifetime): void
        {
            if ($defaultLifetime < 0) {
                throw new \InvalidArgumentException('The default lifetime must be given as a positive integer.', 1233072774);
            }
            $this->defaultLifetime = $defaultLifetime;
        }
    }

    /**
     * Entries in table cache_<id> (identifier, expires, content), tags in cache_<id>_tags
     * (identifier, tag), over the PDO connection "Default". Tables are created on first use.
     * Time is $GLOBALS['EXEC_TIME'] (the request's start), never time(): an entry is valid while
     * expires >= EXEC_TIME, so within one process that does not refresh EXEC_TIME nothing expires
     * and collectGarbage() deletes nothing, and a long-lived writer's rows expire early.
     */
    class Typo3DatabaseBackend extends AbstractBackend implements TaggableBackendInterface
    {
        public const FAKED_UNLIMITED_EXPIRE = 2145909600;
        private const TAG_CHUNK = 100;
        private const ROW_CHUNK = 500;

        protected string $cacheTable = '';
        protected string $tagsTable = '';
        protected bool $compression = false;
        protected int $compressionLevel = -1;

        /** @var array<string, true> registry key + table => created */
        private static array $ensuredTables = [];

        public function setCache(FrontendInterface $cache): void
        {
            parent::setCache($cache);
            $this->cacheTable = 'cache_' . $this->cacheIdentifier;
            $this->tagsTable = 'cache_' . $this->cacheIdentifier . '_tags';
        }

        public function setCompression(bool $compression): void
        {
            $this->compression = $compression;
        }

        /** An out-of-range level is ignored silently (the previous level stays). */
        public function setCompressionLevel(int $compressionLevel): void
        {
            if ($compressionLevel >= -1 && $compressionLevel <= 9) {
                $this->compressionLevel = $compressionLevel;
            }
        }

        /** The request's start time, as TYPO3's bootstrap set it. */
        private static function execTime(): int
        {
            return (int)($GLOBALS['EXEC_TIME'] ?? time());
        }

        public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void
        {
            $this->assertCache();
            $now = self::execTime();
            $lifetime ??= $this->defaultLifetime;
            $expires = $lifetime === 0 ? self::FAKED_UNLIMITED_EXPIRE : min($now + $lifetime, self::FAKED_UNLIMITED_EXPIRE);
            if ($this->compression) {
                $data = gzcompress($data, $this->compressionLevel);
            }
            $tags = array_values(array_unique(array_map('strval', $tags)));
            $this->run(function (\PDO $pdo, string $platform) use ($entryIdentifier, $data, $tags, $expires): void {
                [$c, $t] = $this->quotedTables($platform);
                // remove, then insert: not atomic (as in TYPO3)
                $this->execute($pdo, "DELETE FROM $c WHERE identifier = ?", [$entryIdentifier]);
                $this->execute($pdo, "DELETE FROM $t WHERE identifier = ?", [$entryIdentifier]);
                $insert = $pdo->prepare("INSERT INTO $c (identifier, expires, content) VALUES (?, ?, ?)");
                $insert->bindValue(1, $entryIdentifier, \PDO::PARAM_STR);
                $insert->bindValue(2, $expires, \PDO::PARAM_INT);
                $insert->bindValue(3, $data, \PDO::PARAM_LOB);
                $insert->execute();
                foreach (array_chunk($tags, 200) as $chunk) {
                    $params = [];
                    foreach ($chunk as $tag) {
                        $params[] = $entryIdentifier;
                        $params[] = $tag;
                    }
                    $this->execute($pdo, "INSERT INTO $t (identifier, tag) VALUES " . implode(', ', array_fill(0, count($chunk), '(?, ?)')), $params);
                }
            });
        }

        public function get(string $entryIdentifier): mixed
        {
            $this->assertCache();
            $content = $this->run(function (\PDO $pdo, string $platform) use ($entryIdentifier): mixed {
                [$c] = $this->quotedTables($platform);
                $stmt = $this->execute($pdo, "SELECT content FROM $c WHERE identifier = ? AND expires >= ? LIMIT 1", [$entryIdentifier, self::execTime()]);
                $value = $stmt->fetchColumn();
                $stmt->closeCursor();
                return $value;
            });
            if ($content === false || $content === null) {
                return false;
            }
            if (is_resource($content)) {
                $content = stream_get_contents($content);
            }
            $content = (string)$content;
            if ($this->compression && $content !== '') {
                $content = Quiet::run(static fn () => gzuncompress($content));
            }
            return $content;
        }

        public function has(string $entryIdentifier): bool
        {
            $this->assertCache();
            return (bool)$this->run(function (\PDO $pdo, string $platform) use ($entryIdentifier): bool {
                [$c] = $this->quotedTables($platform);
                $stmt = $this->execute($pdo, "SELECT COUNT(*) FROM $c WHERE identifier = ? AND expires >= ?", [$entryIdentifier, self::execTime()]);
                $n = (int)$stmt->fetchColumn();
                $stmt->closeCursor();
                return $n > 0;
            });
        }

        public function remove(string $entryIdentifier): bool
        {
            $this->assertCache();
            return (bool)$this->run(function (\PDO $pdo, string $platform) use ($entryIdentifier): bool {
                [$c, $t] = $this->quotedTables($platform);
                $deleted = $this->execute($pdo, "DELETE FROM $c WHERE identifier = ?", [$entryIdentifier])->rowCount();
                $this->execute($pdo, "DELETE FROM $t WHERE identifier = ?", [$entryIdentifier]);
                return $deleted > 0;
            });
        }

        public function flush(): void
        {
            $this->assertCache();
            $this->run(function (\PDO $pdo, string $platform): void {
                [$c, $t] = $this->quotedTables($platform);
                // Both tables truncated (SQLite has no TRUNCATE: an unqualified DELETE is its form of it).
                $verb = $platform === 'mysql' ? 'TRUNCATE TABLE' : 'DELETE FROM';
                $pdo->exec("$verb $c");
                $pdo->exec("$verb $t");
            });
        }

        public function flushByTag(string $tag): void
        {
            $this->flushByTags([$tag]);
        }

        public function flushByTags(array $tags): void
        {
            $this->assertCache();
            $tags = array_values(array_unique(array_map('strval', $tags)));
            if ($tags === []) {
                return;
            }
            $this->run(function (\PDO $pdo, string $platform) use ($tags): void {
                [$c, $t] = $this->quotedTables($platform);
                foreach (array_chunk($tags, self::TAG_CHUNK) as $tagChunk) {
                    $stmt = $this->execute($pdo, "SELECT DISTINCT identifier FROM $t WHERE tag IN (" . self::placeholders(count($tagChunk)) . ')', $tagChunk);
                    $identifiers = $stmt->fetchAll(\PDO::FETCH_COLUMN);
                    $stmt->closeCursor();
                    foreach (array_chunk(array_map('strval', $identifiers), self::ROW_CHUNK) as $idChunk) {
                        $in = self::placeholders(count($idChunk));
                        $this->execute($pdo, "DELETE FROM $c WHERE identifier IN ($in)", $idChunk);
                        $this->execute($pdo, "DELETE FROM $t WHERE identifier IN ($in)", $idChunk);
                    }
                }
            });
        }

        /** @return array<string, string> identifier => identifier, of the entries with $tag that have not expired */
        public function findIdentifiersByTag(string $tag): array
        {
            $this->assertCache();
            return $this->run(function (\PDO $pdo, string $platform) use ($tag): array {
                [$c, $t] = $this->quotedTables($platform);
                $stmt = $this->execute(
                    $pdo,
                    "SELECT DISTINCT t.identifier FROM $t t INNER JOIN $c c ON c.identifier = t.identifier WHERE t.tag = ? AND c.expires >= ?",
                    [$tag, self::execTime()]
                );
                $out = [];
                foreach ($stmt->fetchAll(\PDO::FETCH_COLUMN) as $identifier) {
                    $out[(string)$identifier] = (string)$identifier;
                }
                $stmt->closeCursor();
                return $out;
            });
        }

        public function collectGarbage(): void
        {
            $this->assertCache();
            $this->run(function (\PDO $pdo, string $platform): void {
                [$c, $t] = $this->quotedTables($platform);
                $this->execute($pdo, "DELETE FROM $c WHERE expires < ?", [self::execTime()]);
                $pdo->exec("DELETE FROM $t WHERE identifier NOT IN (SELECT identifier FROM $c)");
            });
        }

        private function assertCache(): void
        {
            if ($this->cacheTable === '') {
                throw new Exception('No cache frontend has been set yet via setCache().', 1236518288);
            }
        }

        /** Runs $fn with the connection and its platform, the tables existing; warnings swallowed, exceptions propagate. */
        private function run(callable $fn): mixed
        {
            return Quiet::run(function () use ($fn): mixed {
                [$pdo, $platform, $key] = PdoConnections::get();
                try {
                    $this->ensureTables($pdo, $platform, $key);
                    return $fn($pdo, $platform);
                } catch (\PDOException $e) {
                    // A MariaDB connection that failed may be gone for good (server restarted): the
                    // next call opens a new one, as the next request of a PHP-FPM worker would.
                    if ($platform === 'mysql') {
                        PdoConnections::forget($key);
                    }
                    throw $e;
                }
            });
        }

        /** @return array{0: string, 1: string} the quoted cache and tags table names */
        private function quotedTables(string $platform): array
        {
            $q = $platform === 'mysql' ? '`' : '"';
            return [$q . $this->cacheTable . $q, $q . $this->tagsTable . $q];
        }

        private function execute(\PDO $pdo, string $sql, array $params): \PDOStatement
        {
            $stmt = $pdo->prepare($sql);
            $i = 0;
            foreach ($params as $value) {
                $stmt->bindValue(++$i, $value, is_int($value) ? \PDO::PARAM_INT : \PDO::PARAM_STR);
            }
            $stmt->execute();
            return $stmt;
        }

        private static function placeholders(int $n): string
        {
            return implode(', ', array_fill(0, $n, '?'));
        }

        /** CREATE TABLE IF NOT EXISTS, once per connection and cache (TYPO3 does this in a schema migration). */
        private function ensureTables(\PDO $pdo, string $platform, string $key): void
        {
            $k = $key . "\0" . $this->cacheTable;
            if (isset(self::$ensuredTables[$k])) {
                return;
            }
            [$c, $t] = $this->quotedTables($platform);
            if ($platform === 'sqlite') {
                $ci = '"' . $this->cacheTable . '_cache_id"';
                $ti = '"' . $this->tagsTable . '_cache_id"';
                $tt = '"' . $this->tagsTable . '_cache_tag"';
                $pdo->exec("CREATE TABLE IF NOT EXISTS $c ("
                    . "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    . "identifier VARCHAR(250) NOT NULL DEFAULT '', "
                    . 'expires INTEGER NOT NULL DEFAULT 0, '
                    . 'content BLOB)');
                $pdo->exec("CREATE INDEX IF NOT EXISTS $ci ON $c (identifier, expires)");
                $pdo->exec("CREATE TABLE IF NOT EXISTS $t ("
                    . "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    . "identifier VARCHAR(250) NOT NULL DEFAULT '', "
                    . "tag VARCHAR(250) NOT NULL DEFAULT '')");
                $pdo->exec("CREATE INDEX IF NOT EXISTS $ti ON $t (identifier)");
                $pdo->exec("CREATE INDEX IF NOT EXISTS $tt ON $t (tag)");
            } else {
                $pdo->exec("CREATE TABLE IF NOT EXISTS $c ("
                    . 'id INT UNSIGNED NOT NULL AUTO_INCREMENT, '
                    . "identifier VARCHAR(250) NOT NULL DEFAULT '', "
                    . "expires INT UNSIGNED NOT NULL DEFAULT 0, "
                    . 'content LONGBLOB, '
                    . 'PRIMARY KEY (id), '
                    . 'KEY cache_id (identifier(180), expires)'
                    . ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin');
                $pdo->exec("CREATE TABLE IF NOT EXISTS $t ("
                    . 'id INT UNSIGNED NOT NULL AUTO_INCREMENT, '
                    . "identifier VARCHAR(250) NOT NULL DEFAULT '', "
                    . "tag VARCHAR(250) NOT NULL DEFAULT '', "
                    . 'PRIMARY KEY (id), '
                    . 'KEY cache_id (identifier(191)), '
                    . 'KEY cache_tag (tag(191))'
                    . ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin');
            }
            self::$ensuredTables[$k] = true;
        }
    }

    /**
     * Keys: identData:<id> (the data, with a TTL), identTags:<id> (set of the entry's tags),
     * tagIdents:<tag> (set of identifiers), each behind the optional keyPrefix. Lifetime 0 means
     * one year.
     *
     * As TYPO3's: it connects eagerly in initializeObject(), and a failed connect is swallowed -
     * every later call is then a silent no-op (set() stores nothing, get() is false, a flush does
     * nothing). It never reconnects: the one \Redis object is kept, so after a server restart a
     * long-lived process gets php-redis's "went away" \RedisException on every call (only a new
     * backend object, i.e. the next PHP-FPM request, recovers). set() is a sequence of commands,
     * not a transaction; the tag sets carry no TTL, so they outlive expired entries (and
     * findIdentifiersByTag() lists those) until collectGarbage(). flush() without a keyPrefix is
     * FLUSHDB; with one it deletes only the prefixed keys. There is no read timeout option.
     */
    class RedisBackend extends AbstractBackend implements TaggableBackendInterface
    {
        public const FAKED_UNLIMITED_LIFETIME = 31536000;
        private const IDENTIFIER_DATA_PREFIX = 'identData:';
        private const IDENTIFIER_TAGS_PREFIX = 'identTags:';
        private const TAG_IDENTIFIERS_PREFIX = 'tagIdents:';

        protected ?\Redis $redis = null;
        protected bool $connected = false;
        protected string $hostname = '127.0.0.1';
        protected int $port = 6379;
        protected int $database = 0;
        protected string $password = '';
        protected int $connectionTimeout = 0;
        protected bool $compression = false;
        protected int $compressionLevel = -1;
        protected string $keyPrefix = '';

        /** @var list<string> what a TYPO3 logger would have received (the swallowed connect failure) */
        public array $log = [];

        public function __construct(array $options = [])
        {
            if (!extension_loaded('redis')) {
                throw new Exception('The PHP extension "redis" must be installed and loaded in order to use the redis backend.', 1279462933);
            }
            parent::__construct($options);
        }

        /** Connects (CacheManager calls this right after construction); a failure is only logged. */
        public function initializeObject(): void
        {
            $this->redis = new \Redis();
            $why = '';
            try {
                $this->connected = Quiet::run(function (): bool {
                    if (str_starts_with($this->hostname, '/')) {
                        return $this->redis->connect($this->hostname, -1, (float)$this->connectionTimeout);
                    }
                    return $this->redis->connect($this->hostname, $this->port, (float)$this->connectionTimeout);
                });
            } catch (\RedisException $e) {
                $this->connected = false;
                $why = ': ' . $e->getMessage();
            }
            if (!$this->connected) {
                $this->log[] = 'Could not connect to redis server' . $why;
                return;
            }
            Quiet::run(function (): void {
                if ($this->password !== '' && !$this->redis->auth($this->password)) {
                    throw new Exception('The given password was not accepted by the redis server.', 1279765134);
                }
                if ($this->database > 0 && !$this->redis->select($this->database)) {
                    throw new Exception('The given database "' . $this->database . '" could not be selected.', 1279765144);
                }
            });
        }

        public function setHostname(string $hostname): void
        {
            $this->hostname = $hostname;
        }

        public function setPort(int $port): void
        {
            $this->port = $port;
        }

        public function setDatabase(int $database): void
        {
            if ($database < 0) {
                throw new \InvalidArgumentException('The specified database number "' . $database . '" must be greater or equal than zero.', 1279763534);
            }
            $this->database = $database;
        }

        public function setPassword(string $password): void
        {
            $this->password = $password;
        }

        /** Whole seconds (an int: a float such as 0.3 is a TypeError); 0 is php-redis's default. */
        public function setConnectionTimeout(int $connectionTimeout): void
        {
            if ($connectionTimeout < 0) {
                throw new \InvalidArgumentException('The specified connection timeout "' . $connectionTimeout . '" must not be negative.', 1487849326);
            }
            $this->connectionTimeout = $connectionTimeout;
        }

        public function setCompression(bool $compression): void
        {
            $this->compression = $compression;
        }

        public function setCompressionLevel(int $compressionLevel): void
        {
            if ($compressionLevel < -1 || $compressionLevel > 9) {
                throw new \InvalidArgumentException('The specified compression level "' . $compressionLevel . '" must be -1..9.', 1289679155);
            }
            $this->compressionLevel = $compressionLevel;
        }

        public function setKeyPrefix(string $keyPrefix): void
        {
            $this->keyPrefix = $keyPrefix;
        }

        /** Whether initializeObject() connected (false: every call is a no-op). */
        public function isConnected(): bool
        {
            return $this->connected;
        }

        public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void
        {
            if (!$this->connected) {
                return;
            }
            $lifetime ??= $this->defaultLifetime;
            if ($lifetime < 0) {
                throw new \InvalidArgumentException('The specified lifetime "' . $lifetime . '" must be greater or equal than zero.', 1279487573);
            }
            $expiration = $lifetime === 0 ? self::FAKED_UNLIMITED_LIFETIME : $lifetime;
            if ($this->compression) {
                $data = gzcompress($data, $this->compressionLevel);
            }
            $tags = array_values(array_unique(array_map('strval', $tags)));
            $this->call(function (\Redis $redis) use ($entryIdentifier, $data, $tags, $expiration): void {
                // One command after the other, no MULTI/WATCH: a concurrent flushByTag can interleave.
                $redis->setex($this->key(self::IDENTIFIER_DATA_PREFIX . $entryIdentifier), $expiration, $data);
                $tagsKey = $this->key(self::IDENTIFIER_TAGS_PREFIX . $entryIdentifier);
                $oldTags = $redis->sMembers($tagsKey);
                $oldTags = is_array($oldTags) ? $oldTags : [];
                foreach (array_diff($oldTags, $tags) as $gone) {
                    $redis->sRem($this->key(self::TAG_IDENTIFIERS_PREFIX . $gone), $entryIdentifier);
                }
                foreach (array_diff($oldTags, $tags) as $gone) {
                    $redis->sRem($tagsKey, $gone);
                }
                foreach (array_diff($tags, $oldTags) as $new) {
                    $redis->sAdd($tagsKey, $new);
                    $redis->sAdd($this->key(self::TAG_IDENTIFIERS_PREFIX . $new), $entryIdentifier);
                }
            });
        }

        public function get(string $entryIdentifier): mixed
        {
            if (!$this->connected) {
                return false;
            }
            $value = $this->call(fn (\Redis $redis) => $redis->get($this->key(self::IDENTIFIER_DATA_PREFIX . $entryIdentifier)));
            if (!is_string($value)) {
                return false;
            }
            if ($this->compression && $value !== '') {
                $value = Quiet::run(static fn () => gzuncompress($value));
            }
            return $value;
        }

        public function has(string $entryIdentifier): bool
        {
            if (!$this->connected) {
                return false;
            }
            return (bool)$this->call(fn (\Redis $redis) => $redis->exists($this->key(self::IDENTIFIER_DATA_PREFIX . $entryIdentifier)));
        }

        public function remove(string $entryIdentifier): bool
        {
            if (!$this->connected) {
                return false;
            }
            return $this->call(function (\Redis $redis) use ($entryIdentifier): bool {
                $dataKey = $this->key(self::IDENTIFIER_DATA_PREFIX . $entryIdentifier);
                if (!$redis->exists($dataKey)) {
                    return false;
                }
                $this->removeEntriesAndRelations($redis, [$entryIdentifier], []);
                return true;
            });
        }

        public function flush(): void
        {
            if (!$this->connected) {
                return;
            }
            if ($this->keyPrefix === '') {
                $this->call(static fn (\Redis $redis) => $redis->flushDB());
                return;
            }
            $this->call(function (\Redis $redis): void {
                $keys = $redis->keys($this->keyPrefix . '*');
                foreach (array_chunk(is_array($keys) ? $keys : [], 500) as $chunk) {
                    $redis->del(...$chunk);
                }
            });
        }

        public function flushByTag(string $tag): void
        {
            if (!$this->connected) {
                return;
            }
            $this->call(function (\Redis $redis) use ($tag): void {
                // Read the members, then delete in a separate step (no WATCH).
                $identifiers = $redis->sMembers($this->key(self::TAG_IDENTIFIERS_PREFIX . $tag));
                $identifiers = is_array($identifiers) ? $identifiers : [];
                $this->removeEntriesAndRelations($redis, $identifiers, [$tag]);
            });
        }

        public function flushByTags(array $tags): void
        {
            if (!$this->connected) {
                return;
            }
            foreach (array_unique(array_map('strval', $tags)) as $tag) {
                $this->flushByTag($tag);
            }
        }

        /** @return list<string> the members of the tag's set (including entries that have expired since) */
        public function findIdentifiersByTag(string $tag): array
        {
            if (!$this->connected) {
                return [];
            }
            $members = $this->call(fn (\Redis $redis) => $redis->sMembers($this->key(self::TAG_IDENTIFIERS_PREFIX . $tag)));
            return is_array($members) ? array_values(array_map('strval', $members)) : [];
        }

        public function collectGarbage(): void
        {
            if (!$this->connected) {
                return;
            }
            $this->call(function (\Redis $redis): void {
                $prefix = $this->key(self::IDENTIFIER_TAGS_PREFIX);
                $keys = $redis->keys($prefix . '*');
                foreach (is_array($keys) ? $keys : [] as $tagsKey) {
                    $identifier = substr((string)$tagsKey, strlen($prefix));
                    if ($redis->exists($this->key(self::IDENTIFIER_DATA_PREFIX . $identifier))) {
                        continue;
                    }
                    $tags = $redis->sMembers((string)$tagsKey);
                    $redis->multi();
                    $redis->del((string)$tagsKey);
                    foreach (is_array($tags) ? $tags : [] as $tag) {
                        $redis->sRem($this->key(self::TAG_IDENTIFIERS_PREFIX . $tag), $identifier);
                    }
                    $this->exec($redis);
                }
            });
        }

        /**
         * Deletes the entries, their identTags sets and their membership in every tagIdents set,
         * plus the tagIdents sets of $deleteTagSets; in one MULTI.
         */
        private function removeEntriesAndRelations(\Redis $redis, array $identifiers, array $deleteTagSets): void
        {
            $tagsOf = [];
            foreach ($identifiers as $identifier) {
                $t = $redis->sMembers($this->key(self::IDENTIFIER_TAGS_PREFIX . $identifier));
                $tagsOf[(string)$identifier] = is_array($t) ? $t : [];
            }
            $redis->multi();
            foreach ($tagsOf as $identifier => $tags) {
                $identifier = (string)$identifier;
                $redis->del($this->key(self::IDENTIFIER_DATA_PREFIX . $identifier), $this->key(self::IDENTIFIER_TAGS_PREFIX . $identifier));
                foreach ($tags as $tag) {
                    $redis->sRem($this->key(self::TAG_IDENTIFIERS_PREFIX . $tag), $identifier);
                }
            }
            foreach ($deleteTagSets as $tag) {
                $redis->del($this->key(self::TAG_IDENTIFIERS_PREFIX . $tag));
            }
            $this->exec($redis);
        }

        private function exec(\Redis $redis): void
        {
            $result = $redis->exec();
            if (!is_array($result)) {
                throw new Exception('The redis transaction failed.', 1700000010);
            }
        }

        /**
         * Runs $fn on the one connection, warnings swallowed. A \RedisException propagates; the
         * connection is kept as it is (never reopened).
         */
        private function call(callable $fn): mixed
        {
            $redis = $this->redis;
            return Quiet::run(static fn () => $fn($redis));
        }

        private function key(string $key): string
        {
            return $this->keyPrefix . $key;
        }
    }
}
