<?php

/**
 * @generate-function-entries
 * @undocumentable
 */

namespace ClusterFile {
    /**
     * Ends the current unit of work for every backend of this PHP process: their L1s (metadata
     * records, payloads, verified PHP files) are emptied before their next use. Worker runtimes
     * (FrankenPHP worker mode, RoadRunner, Swoole, queue consumers) call it once per unit of work.
     */
    function reset(): void {}

    /**
     * Collects the pod-local store at $localPath (a sidecar or CronJob beside the pods): removes
     * temp files of crashed writers, payload files unused for maxAgeSeconds, then the least
     * recently used files until the store uses at most maxBytes on disk. Missing keys take the
     * backend options' defaults (localMaxBytes 1 GiB, localMaxAgeSeconds 7 days, temp files 1 hour).
     *
     * With scanOnly => true nothing is removed (not even temp files): the report says what is there.
     *
     * @param array $limits maxBytes, maxAgeSeconds, tempMaxAgeSeconds (int each), scanOnly (bool)
     * @return array<string,int>
     */
    function gc(string $localPath, array $limits = []): array {}

    /**
     * The shared counters of every backend in every worker of this PHP master (a PHP-FPM pool, or
     * this CLI process), by cache identifier and namespace, in Prometheus text exposition format
     * 0.0.4. Serve it from an endpoint (examples/metrics.php) with
     * Content-Type: text/plain; version=0.0.4.
     */
    function metrics(): string {}

    /**
     * The readiness check of one cache configuration: the options are valid, localPath is a
     * directory this process can create files in, the metadata store answers a read, and a
     * set/get/remove/has round trip of a probe entry comes back as written (under $cacheIdentifier:
     * pass the cache's own identifier to check its namespace in the metadata store). A failed check
     * is reported, never thrown: ['cache' => string, 'ok' => bool, 'failed' => list of check names,
     * 'checks' => [name => ['ok' => bool, 'message' => string, 'ms' => float]], 'ms' => float], the
     * checks being options, localPath, metadata and roundTrip (those that could not run: ok false,
     * message "not run: ..."). The probe counts nothing into the shared metrics.
     *
     * @return array<string,mixed>
     */
    function check(#[\SensitiveParameter] array $options, string $cacheIdentifier = "clusterfile_check"): array {}
}
