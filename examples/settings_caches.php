<?php
/*
 * The clusterfile caches of a TYPO3 settings file, for the scripts beside it (readiness.php,
 * gc.php) that run without TYPO3. Include it; it declares one function.
 */
declare(strict_types=1);

/**
 * Loads $file (a TYPO3 settings.php, any file returning TYPO3_CONF_VARS, or just the
 * cacheConfigurations array) and answers the options of every cache whose backend is
 * ClusterFile\Typo3\ClusterFileBackend or ClusterFile\NativeBackend, by cache identifier
 * (options that are not an array as []). With a SYS section, $GLOBALS['TYPO3_CONF_VARS'] becomes
 * the file's array: the backend reads SYS.encryptionKey (recordKey's default) and the create masks
 * from there.
 *
 * @return array<string, array<mixed>>
 * @throws RuntimeException the file cannot be read or holds no cacheConfigurations array
 */
function clusterfile_settings_caches(string $file): array
{
    if (!is_file($file) || !is_readable($file)) {
        throw new RuntimeException("cannot read $file");
    }
    $settings = (static fn (string $f): mixed => require $f)($file);
    if (!is_array($settings)) {
        throw new RuntimeException("$file does not return an array");
    }
    if (isset($settings['SYS']) && is_array($settings['SYS'])) {
        $GLOBALS['TYPO3_CONF_VARS'] = $settings;
        $configurations = $settings['SYS']['caching']['cacheConfigurations'] ?? [];
    } else {
        $configurations = $settings;
    }
    if (!is_array($configurations)) {
        throw new RuntimeException("$file has no cacheConfigurations array");
    }
    $caches = [];
    foreach ($configurations as $name => $conf) {
        $backend = is_array($conf) && is_string($conf['backend'] ?? null) ? strtolower(ltrim($conf['backend'], '\\')) : '';
        if ($backend === 'clusterfile\\typo3\\clusterfilebackend' || $backend === 'clusterfile\\nativebackend') {
            $caches[(string) $name] = is_array($conf['options'] ?? null) ? $conf['options'] : [];
        }
    }
    return $caches;
}
