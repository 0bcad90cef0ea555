<?php

/**
 * @generate-class-entries
 * @undocumentable
 */

namespace ClusterFile {
    /**
     * The cluster-aware cache backend. Every method is implemented in C. TYPO3's
     * ClusterFile\Typo3\ClusterFileBackend extends it and adds TYPO3's interfaces.
     *
     * @not-serializable
     */
    class NativeBackend
    {
        public function __construct(#[\SensitiveParameter] array $options = []) {}

        /**
         * Any cache frontend with a getIdentifier() method: TYPO3's FrontendInterface, Flow's
         * and Neos' frontends, or a host's own (checked at run time, not by type).
         */
        public function setCache(object $cache): void {}

        public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void {}

        public function get(string $entryIdentifier): mixed {}

        public function has(string $entryIdentifier): bool {}

        public function remove(string $entryIdentifier): bool {}

        public function flush(): void {}

        public function flushByTag(string $tag): void {}

        public function flushByTags(array $tags): void {}

        public function findIdentifiersByTag(string $tag): array {}

        public function collectGarbage(): void {}

        public function requireOnce(string $entryIdentifier): mixed {}

        public function require(string $entryIdentifier): mixed {}

        /** Empties the request-scoped L1s (for worker runtimes that serve many requests per process). */
        public function reset(): void {}

        /** The validated options with every default applied. */
        public function getOptions(): array {}

        /** Counters of this backend instance since construction. */
        public function getStatistics(): array {}

        public function getMetadataCacheIdentifier(): string {}

        public function getLocalPath(): string {}

        public function getNamespaceEnvironment(): string {}

        public function getNamespaceInstance(): string {}
    }
}
