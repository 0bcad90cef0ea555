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
     * @param array $limits maxBytes, maxAgeSeconds, tempMaxAgeSeconds (int each)
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
}
