<?php
/*
 * Collects the local stores of every clusterfile cache in a TYPO3 settings file, without TYPO3
 * (a sidecar beside PHP-FPM, or a CronJob where the stores are on a node-local volume):
 *
 *   php gc.php /app/config/system/settings.php [INTERVAL_SECONDS]
 *
 * Reads each cache's localPath, localMaxBytes and localMaxAgeSeconds (their defaults when unset)
 * from the file itself, so the collector and the caches cannot disagree on a budget, and runs
 * ClusterFile\gc() on each store: one JSON line per store and run. Caches sharing a localPath are
 * collected once, with the smallest budget and age limit (what their write-time steps keep anyway).
 * INTERVAL_SECONDS 0 (the default) runs once; more repeats forever, sleeping that long in between.
 * Exit status (once): 0 done, 1 a collection met errors, 2 the script could not run.
 * Settings added in config/system/additional.php are not seen; use `typo3 clusterfile:gc` then.
 */
declare(strict_types=1);

require_once __DIR__ . '/settings_caches.php';

function gc_fail(string $message): never
{
    fwrite(STDERR, "gc: $message\n");
    exit(2);
}

/** The stricter of two limits, 0 being "unlimited". */
function stricter(int $a, int $b): int
{
    return $a === 0 ? $b : ($b === 0 ? $a : min($a, $b));
}

if (!function_exists('ClusterFile\\gc')) {
    gc_fail('the clusterfile extension is not loaded');
}
$file = $argv[1] ?? '';
$interval = $argv[2] ?? '0';
if ($file === '' || !preg_match('/^[0-9]{1,9}$/', $interval)) {
    fwrite(STDERR, "usage: php gc.php SETTINGS_FILE [INTERVAL_SECONDS]\n");
    exit(2);
}
try {
    $caches = clusterfile_settings_caches($file);
} catch (RuntimeException $e) {
    gc_fail($e->getMessage());
}

// localPath => [caches, limits]; the option defaults where a cache sets nothing
$stores = [];
foreach ($caches as $name => $options) {
    if (!is_string($options['localPath'] ?? null)) {
        continue;
    }
    $path = rtrim($options['localPath'], '/');
    if ($path === '') {
        $path = $options['localPath']; // "/" (or "//"): gc() refuses it with a message below
    }
    $maxBytes = (int)($options['localMaxBytes'] ?? 1073741824);
    $maxAge = (int)($options['localMaxAgeSeconds'] ?? 604800);
    if (isset($stores[$path])) {
        $maxBytes = stricter($maxBytes, $stores[$path][1]['maxBytes']);
        $maxAge = stricter($maxAge, $stores[$path][1]['maxAgeSeconds']);
    }
    $stores[$path] = [
        array_merge($stores[$path][0] ?? [], [(string)$name]),
        ['maxBytes' => $maxBytes, 'maxAgeSeconds' => $maxAge],
    ];
}
if ($stores === []) {
    gc_fail("$file configures no clusterfile cache");
}

do {
    $status = 0;
    foreach ($stores as $path => [$names, $limits]) {
        try {
            $report = ClusterFile\gc($path, $limits);
        } catch (\Throwable $e) {
            // a store that cannot be collected (a bad limit, a localPath that is not a directory):
            // said, counted as a failure, and the sidecar goes on with the others
            echo json_encode(['localPath' => $path, 'caches' => $names, 'error' => $e->getMessage()], JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE), "\n";
            $status = 1;
            continue;
        }
        echo json_encode(['localPath' => $path, 'caches' => $names] + $limits + $report, JSON_UNESCAPED_SLASHES), "\n";
        if ($report['errors'] > 0) {
            $status = 1;
        }
    }
    if ($interval !== '0') {
        sleep((int)$interval);
    }
} while ($interval !== '0');
exit($status);
