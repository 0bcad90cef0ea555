<?php

declare(strict_types=1);

namespace ClusterFile\Typo3Extension\Service;

/** One clusterfile cache of the configuration: its identifier, backend options and groups. */
final class ClusterFileCache
{
    /** The backend's default localMaxBytes (1 GiB); 0 means unlimited. */
    public const DEFAULT_LOCAL_MAX_BYTES = 1073741824;

    /**
     * @param array<array-key, mixed> $options the backend options as configured
     * @param list<string> $groups
     */
    public function __construct(
        public readonly string $identifier,
        public readonly array $options,
        public readonly array $groups,
    ) {
    }

    /** The configured localPath, or null when it is missing or not a non-empty string. */
    public function localPath(): ?string
    {
        $path = $this->options['localPath'] ?? null;
        return is_string($path) && $path !== '' ? $path : null;
    }

    /** The disk budget as configured (verbatim: the backend validates it), or the default. */
    public function localMaxBytes(): mixed
    {
        return $this->options['localMaxBytes'] ?? self::DEFAULT_LOCAL_MAX_BYTES;
    }

    /**
     * The limits of ClusterFile\gc() from the options: localMaxBytes -> maxBytes,
     * localMaxAgeSeconds -> maxAgeSeconds, each only when set (gc() takes the defaults otherwise).
     *
     * @return array<string, mixed>
     */
    public function gcLimits(): array
    {
        $limits = [];
        if (array_key_exists('localMaxBytes', $this->options)) {
            $limits['maxBytes'] = $this->options['localMaxBytes'];
        }
        if (array_key_exists('localMaxAgeSeconds', $this->options)) {
            $limits['maxAgeSeconds'] = $this->options['localMaxAgeSeconds'];
        }
        return $limits;
    }

    /**
     * Where the cache's metadata lives, without secrets: ['kind' => 'native'] for metadataDsn (the
     * DSN itself is never shown: it may hold a password), ['kind' => 'cache', 'cache' => name] for
     * metadataCacheIdentifier, ['kind' => 'object'] for metadataCache, ['kind' => 'none'] otherwise.
     *
     * @return array{kind: string, cache?: string}
     */
    public function metadata(): array
    {
        if (isset($this->options['metadataDsn'])) {
            return ['kind' => 'native'];
        }
        if (isset($this->options['metadataCacheIdentifier'])) {
            return ['kind' => 'cache', 'cache' => (string)(is_scalar($this->options['metadataCacheIdentifier']) ? $this->options['metadataCacheIdentifier'] : '?')];
        }
        if (isset($this->options['metadataCache'])) {
            return ['kind' => 'object'];
        }
        return ['kind' => 'none'];
    }

    /** Whether a cache:warmup of $groups covers this cache (a warm-up of group "all" covers every one). */
    public function inAnyGroup(array $groups): bool
    {
        return in_array('all', $groups, true) || array_intersect($this->groups, $groups) !== [];
    }
}
