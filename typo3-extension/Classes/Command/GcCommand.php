<?php

declare(strict_types=1);

namespace ClusterFile\Typo3Extension\Command;

use ClusterFile\Typo3Extension\Service\ClusterFileCache;
use Symfony\Component\Console\Formatter\OutputFormatter;
use Symfony\Component\Console\Helper\Table;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Output\OutputInterface;

/**
 * clusterfile:gc - ClusterFile\gc() on the localPath of every selected cache, with the cache's
 * localMaxBytes / localMaxAgeSeconds. A localPath shared by several caches is collected once.
 */
final class GcCommand extends ClusterFileCommand
{
    public const NAME = 'clusterfile:gc';

    protected function configure(): void
    {
        parent::configure();
        $this
            ->setName(self::NAME)
            ->setDescription('Collect the local payload stores of the clusterfile caches (each localPath once)')
            ->setHelp('Exit code 0: collected without errors; 1: a collection reported errors or failed; 2: usage or configuration error.');
    }

    protected function execute(InputInterface $input, OutputInterface $output): int
    {
        $caches = $this->selectCaches($input, $output, ['ClusterFile\\gc']);
        if ($caches === null) {
            return self::EXIT_USAGE;
        }
        $stores = [];
        foreach ($caches as $cache) {
            $path = $cache->localPath();
            if ($path === null) {
                $this->error($output, sprintf('cache "%s" has no localPath option', $cache->identifier));
                return self::EXIT_USAGE;
            }
            // "/a" and "/a/" are one store: collected once
            $key = rtrim($path, '/');
            $stores[$key === '' ? $path : $key][] = $cache;
        }

        $status = self::EXIT_OK;
        $rows = [];
        foreach ($stores as $path => $sharing) {
            $row = [
                'localPath' => (string)$path,
                'caches' => array_map(static fn (ClusterFileCache $c): string => $c->identifier, $sharing),
                'limits' => self::strictestLimits($sharing),
                'ok' => false,
                'report' => null,
            ];
            try {
                $row['report'] = \ClusterFile\gc((string)$path, $row['limits']);
                $row['ok'] = ($row['report']['errors'] ?? 0) === 0;
            } catch (\Throwable $e) {
                $row['error'] = self::describe($e);
            }
            if (!$row['ok']) {
                $status = self::EXIT_FAILED;
            }
            $rows[] = $row;
        }

        if ($input->getOption('json')) {
            foreach ($rows as $row) {
                $row['limits'] = (object)$row['limits']; // {} rather than [] when none is set
                $this->writeJson($output, $row);
            }
        } else {
            $this->writeTable($output, $rows, count($caches));
        }
        return $status;
    }

    /**
     * The limits of one localPath: the cache's own, or for several caches the strictest of theirs
     * (the smallest non-zero budget or age; 0 only when every cache says 0 = unlimited). A value
     * that is not an int is passed on as it is, so gc() names what is wrong with it.
     *
     * @param list<ClusterFileCache> $caches
     * @return array<string, mixed>
     */
    private static function strictestLimits(array $caches): array
    {
        $limits = [];
        foreach ($caches as $cache) {
            foreach ($cache->gcLimits() as $key => $value) {
                if (!array_key_exists($key, $limits)) {
                    $limits[$key] = $value;
                } elseif (!is_int($limits[$key])) {
                    continue;
                } elseif (!is_int($value)) {
                    $limits[$key] = $value;
                } elseif ($limits[$key] === 0 || ($value !== 0 && $value < $limits[$key])) {
                    $limits[$key] = $value;
                }
            }
        }
        return $limits;
    }

    /** @param list<array> $rows */
    private function writeTable(OutputInterface $output, array $rows, int $cacheCount): void
    {
        $table = new Table($output);
        $table->setHeaders(['localPath', 'caches', 'removed files', 'removed bytes', 'remaining files', 'remaining bytes', 'busy shards', 'errors']);
        $failures = [];
        foreach ($rows as $row) {
            $r = $row['report'];
            if ($r === null) {
                $table->addRow([$row['localPath'], implode(', ', $row['caches']), '-', '-', '-', '-', '-', '<error>failed</error>']);
                $failures[] = $row['localPath'] . ': ' . $row['error'];
                continue;
            }
            $table->addRow([
                $row['localPath'],
                implode(', ', $row['caches']),
                sprintf('%d (temp %d, expired %d, evicted %d)', $r['removedTempFiles'] + $r['removedExpiredFiles'] + $r['removedEvictedFiles'], $r['removedTempFiles'], $r['removedExpiredFiles'], $r['removedEvictedFiles']),
                (string)$r['removedBytes'],
                (string)$r['remainingFiles'],
                (string)$r['remainingBytes'],
                (string)$r['busyShards'],
                $r['errors'] === 0 ? '0' : '<error>' . $r['errors'] . '</error>',
            ]);
        }
        $table->render();
        if ($cacheCount > count($rows)) {
            $output->writeln(sprintf('%d caches on %d localPath(s): a shared localPath was collected once, with the strictest limits of its caches.', $cacheCount, count($rows)));
        }
        foreach ($failures as $failure) {
            $output->writeln(OutputFormatter::escape($failure));
        }
    }
}
