<?php
/*
 * A readiness probe for clusterfile caches (Kubernetes readinessProbe exec, or any health check):
 *
 *   php readiness.php /app/config/system/settings.php [cache ...]
 *
 * Loads a TYPO3 settings.php (or any file returning TYPO3_CONF_VARS, or just the
 * cacheConfigurations array), runs ClusterFile\check() for every cache whose backend is clusterfile
 * (or only the caches named), and prints one JSON line per cache: the check's report (cache, ok,
 * failed, checks, ms). Exit status: 0 every cache passed, 1 a check failed, 2 the probe itself
 * could not run (no such file, no clusterfile cache, an unknown cache name, the extension missing).
 *
 * Each check writes, reads and removes one probe entry (60 s lifetime) and counts nothing into the
 * shared metrics. It runs without TYPO3: a cache whose metadata lives in another TYPO3 cache
 * (metadataCacheIdentifier) cannot be resolved here and fails its "metadata" step; probe those
 * with the TYPO3 extension package's command instead (vendor/bin/typo3 clusterfile:check).
 */
declare(strict_types=1);

require_once __DIR__ . '/settings_caches.php';

function probe_fail(string $message): never
{
    fwrite(STDERR, "readiness: $message\n");
    exit(2);
}

if (!function_exists('ClusterFile\\check')) {
    probe_fail('the clusterfile extension is not loaded (or too old: no ClusterFile\\check())');
}
$file = $argv[1] ?? null;
if ($file === null || $file === '-h' || $file === '--help') {
    fwrite(STDERR, "usage: php readiness.php SETTINGS_FILE [cache ...]\n");
    exit(2);
}
try {
    $caches = clusterfile_settings_caches($file);
} catch (RuntimeException $e) {
    probe_fail($e->getMessage());
}
$wanted = array_slice($argv, 2);
foreach ($wanted as $name) {
    if (!isset($caches[$name])) {
        probe_fail("\"$name\" is not a clusterfile cache in $file");
    }
}
if ($wanted !== []) {
    $caches = array_intersect_key($caches, array_flip($wanted));
}
if ($caches === []) {
    probe_fail("$file configures no clusterfile cache");
}

$status = 0;
foreach ($caches as $name => $options) {
    $report = ClusterFile\check($options, $name);
    echo json_encode($report, JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE | JSON_PRESERVE_ZERO_FRACTION), "\n";
    if (!$report['ok']) {
        $status = 1;
    }
}
exit($status);
