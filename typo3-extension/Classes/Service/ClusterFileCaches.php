<?php

declare(strict_types=1);

namespace ClusterFile\Typo3Extension\Service;

/**
 * The caches of this TYPO3 instance that run on clusterfile, read from
 * $GLOBALS['TYPO3_CONF_VARS']['SYS']['caching']['cacheConfigurations'] each time it is asked (so a
 * test or a changed configuration is seen at once). A cache counts when its backend is
 * ClusterFile\Typo3\ClusterFileBackend, ClusterFile\NativeBackend or a subclass of either.
 */
final class ClusterFileCaches
{
    public const BACKEND_CLASSES = ['ClusterFile\\Typo3\\ClusterFileBackend', 'ClusterFile\\NativeBackend'];

    /** TYPO3's groups of a cache whose configuration has none (or a non-array: CacheManager falls back too). */
    public const DEFAULT_GROUPS = ['all'];

    /**
     * Every clusterfile cache, in configuration order.
     *
     * @return array<string, ClusterFileCache> cache identifier => cache
     */
    public function all(): array
    {
        $caches = [];
        foreach ($this->configurations() as $identifier => $configuration) {
            if (!is_array($configuration) || !self::isClusterFileBackend($configuration['backend'] ?? null)) {
                continue;
            }
            $options = $configuration['options'] ?? [];
            $groups = $configuration['groups'] ?? null;
            $caches[(string)$identifier] = new ClusterFileCache(
                (string)$identifier,
                is_array($options) ? $options : [],
                is_array($groups) ? array_values(array_map('strval', $groups)) : self::DEFAULT_GROUPS,
            );
        }
        return $caches;
    }

    /**
     * The caches named in $names (every clusterfile cache when $names is empty), each once, in the
     * order given.
     *
     * @param list<string> $names
     * @return array<string, ClusterFileCache>
     * @throws UnknownCacheException for a name that is not configured or not a clusterfile cache
     */
    public function select(array $names): array
    {
        $all = $this->all();
        if ($names === []) {
            return $all;
        }
        $selected = [];
        foreach ($names as $name) {
            $name = (string)$name;
            if (isset($all[$name])) {
                $selected[$name] = $all[$name];
                continue;
            }
            $configurations = $this->configurations();
            throw new UnknownCacheException(isset($configurations[$name])
                ? sprintf('cache "%s" does not use the clusterfile backend', $name)
                : sprintf('no cache "%s" is configured', $name));
        }
        return $selected;
    }

    /** @return array<array-key, mixed> */
    private function configurations(): array
    {
        $configurations = $GLOBALS['TYPO3_CONF_VARS']['SYS']['caching']['cacheConfigurations'] ?? [];
        return is_array($configurations) ? $configurations : [];
    }

    private static function isClusterFileBackend(mixed $backend): bool
    {
        if (!is_string($backend) || $backend === '') {
            return false;
        }
        $backend = ltrim($backend, '\\');
        foreach (self::BACKEND_CLASSES as $class) {
            if (strcasecmp($backend, $class) === 0) {
                return true;
            }
        }
        // A subclass: loading it is what TYPO3 will do anyway when it builds the cache.
        return class_exists($backend) && is_subclass_of($backend, 'ClusterFile\\NativeBackend');
    }
}
