<?php

declare(strict_types=1);

namespace ClusterFile\Typo3Extension\EventListener;

use ClusterFile\Typo3Extension\Service\ClusterFileCaches;
use TYPO3\CMS\Core\Cache\Event\CacheWarmupEvent;

/**
 * On `typo3 cache:warmup`: ClusterFile\check() on every clusterfile cache of the groups warmed up
 * (a cache without groups is in TYPO3's default group "all"; a warm-up of "all" covers every
 * cache), and one error on the event per cache that failed, so the command fails with it (a
 * deployment's warm-up step then stops before traffic reaches a pod that cannot cache).
 */
final class CheckCachesOnWarmup
{
    public function __construct(private readonly ClusterFileCaches $caches)
    {
    }

    public function __invoke(CacheWarmupEvent $event): void
    {
        $groups = $event->getGroups();
        foreach ($this->caches->all() as $cache) {
            if (!$cache->inAnyGroup($groups)) {
                continue;
            }
            if (!function_exists('ClusterFile\\check')) {
                $event->addError('clusterfile: ClusterFile\\check() is missing: the clusterfile extension is not loaded, or older than this package');
                return;
            }
            try {
                $result = \ClusterFile\check($cache->options, $cache->identifier);
            } catch (\Throwable $e) {
                $event->addError(sprintf('clusterfile cache "%s": check threw %s: %s', $cache->identifier, get_class($e), $e->getMessage()));
                continue;
            }
            if (($result['ok'] ?? false) === true) {
                continue;
            }
            $parts = [];
            $notRun = [];
            foreach ($result['failed'] ?? [] as $name) {
                $message = (string)($result['checks'][$name]['message'] ?? '');
                if (str_starts_with($message, 'not run')) {
                    $notRun[] = $name;
                } else {
                    $parts[] = $name . ': ' . $message;
                }
            }
            if ($notRun !== []) {
                $parts[] = 'not run: ' . implode(', ', $notRun);
            }
            $event->addError(self::oneLine(sprintf('clusterfile cache "%s" failed %s', $cache->identifier, implode('; ', $parts))));
        }
    }

    private static function oneLine(string $message): string
    {
        return trim((string)preg_replace('/\s+/', ' ', $message));
    }
}
