<?php

declare(strict_types=1);

namespace ClusterFile\Typo3Extension\Command;

use ClusterFile\Typo3Extension\Service\ClusterFileCache;
use Symfony\Component\Console\Formatter\OutputFormatter;
use Symfony\Component\Console\Helper\Table;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Output\OutputInterface;

/**
 * clusterfile:stats - per cache: its localPath and budget, where its metadata lives, and the local
 * store's usage now (ClusterFile\gc() with scanOnly: nothing is removed).
 */
final class StatsCommand extends ClusterFileCommand
{
    public const NAME = 'clusterfile:stats';

    public const COUNTERS_NOTE = 'The hit/miss/write counters are shared per PHP master (the PHP-FPM pool), not by this CLI process: scrape them from the metrics endpoint (CLUSTERFILE_METRICS_PATH, default /-/clusterfile/metrics).';

    protected function configure(): void
    {
        parent::configure();
        $this
            ->setName(self::NAME)
            ->setDescription('Show the clusterfile caches: local store, budget and usage, metadata store')
            ->setHelp('Exit code 0: every local store was scanned; 1: a scan failed or reported errors; 2: usage or configuration error.');
    }

    protected function execute(InputInterface $input, OutputInterface $output): int
    {
        $caches = $this->selectCaches($input, $output, ['ClusterFile\\gc']);
        if ($caches === null) {
            return self::EXIT_USAGE;
        }
        $byPath = [];
        foreach ($caches as $cache) {
            $path = $cache->localPath();
            if ($path === null) {
                $this->error($output, sprintf('cache "%s" has no localPath option', $cache->identifier));
                return self::EXIT_USAGE;
            }
            $byPath[$path][] = $cache->identifier;
        }
        // every clusterfile cache on the same path, selected or not: the usage is the path's
        $sharing = [];
        foreach ($this->caches->all() as $cache) {
            if ($cache->localPath() !== null) {
                $sharing[$cache->localPath()][] = $cache->identifier;
            }
        }

        $status = self::EXIT_OK;
        $scans = [];
        foreach (array_keys($byPath) as $path) {
            try {
                $report = \ClusterFile\gc((string)$path, ['scanOnly' => true]);
                $scans[$path] = ['report' => $report, 'error' => ($report['errors'] ?? 0) === 0 ? null : sprintf('the scan reported %d error(s)', $report['errors'])];
            } catch (\Throwable $e) {
                $scans[$path] = ['report' => null, 'error' => self::describe($e)];
            }
            if ($scans[$path]['error'] !== null) {
                $status = self::EXIT_FAILED;
            }
        }

        $rows = [];
        foreach ($caches as $cache) {
            $path = (string)$cache->localPath();
            $scan = $scans[$path];
            $max = $cache->localMaxBytes();
            $usage = null;
            if ($scan['report'] !== null) {
                $bytes = (int)$scan['report']['remainingBytes'];
                $usage = [
                    'files' => (int)$scan['report']['remainingFiles'],
                    'bytes' => $bytes,
                    'percentOfBudget' => is_int($max) && $max > 0 ? round($bytes * 100 / $max, 1) : null,
                ];
            }
            $rows[] = [
                'cache' => $cache->identifier,
                'localPath' => $path,
                'localMaxBytes' => $max,
                'metadata' => $cache->metadata(),
                'usage' => $usage,
                'sharedWith' => array_values(array_diff($sharing[$path] ?? [], [$cache->identifier])),
                'error' => $scan['error'],
            ];
        }

        if ($input->getOption('json')) {
            foreach ($rows as $row) {
                $this->writeJson($output, $row);
            }
        } else {
            $this->writeTable($output, $rows);
        }
        return $status;
    }

    /** @param list<array> $rows */
    private function writeTable(OutputInterface $output, array $rows): void
    {
        $table = new Table($output);
        $table->setHeaders(['cache', 'localPath', 'localMaxBytes', 'metadata', 'files', 'bytes', '% of budget']);
        $notes = [];
        foreach ($rows as $row) {
            $metadata = $row['metadata']['kind'] === 'cache' ? 'cache ' . $row['metadata']['cache'] : $row['metadata']['kind'];
            $u = $row['usage'];
            $table->addRow([
                $row['cache'],
                $row['localPath'],
                $row['localMaxBytes'] === 0 ? '0 (unlimited)' : (is_scalar($row['localMaxBytes']) ? (string)$row['localMaxBytes'] : get_debug_type($row['localMaxBytes'])),
                $metadata,
                $u === null ? '-' : (string)$u['files'],
                $u === null ? '-' : (string)$u['bytes'],
                $u === null || $u['percentOfBudget'] === null ? '-' : sprintf('%.1f', $u['percentOfBudget']),
            ]);
            if ($row['sharedWith'] !== []) {
                $notes[] = sprintf('%s shares its localPath with %s: files and bytes are the whole store\'s.', $row['cache'], implode(', ', $row['sharedWith']));
            }
            if ($row['error'] !== null) {
                $notes[] = sprintf('%s: %s', $row['cache'], $row['error']);
            }
        }
        $table->render();
        foreach (array_unique($notes) as $note) {
            $output->writeln(OutputFormatter::escape($note));
        }
        $output->writeln(self::COUNTERS_NOTE);
    }
}
