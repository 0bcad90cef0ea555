<?php

declare(strict_types=1);

namespace ClusterFile\Typo3Extension\Command;

use Symfony\Component\Console\Formatter\OutputFormatter;
use Symfony\Component\Console\Helper\Table;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Output\OutputInterface;

/**
 * clusterfile:check - ClusterFile\check() on every selected cache: its options, its localPath, its
 * metadata store and a write/read/remove round trip through both.
 */
final class CheckCommand extends ClusterFileCommand
{
    public const NAME = 'clusterfile:check';

    /** The checks of ClusterFile\check(), in the order it runs them. */
    private const CHECKS = ['options', 'localPath', 'metadata', 'roundTrip'];

    protected function configure(): void
    {
        parent::configure();
        $this
            ->setName(self::NAME)
            ->setDescription('Check the clusterfile caches: options, local store, metadata store, a round trip')
            ->setHelp('Exit code 0: every check passed; 1: a check failed; 2: usage or configuration error.');
    }

    protected function execute(InputInterface $input, OutputInterface $output): int
    {
        $caches = $this->selectCaches($input, $output, ['ClusterFile\\check']);
        if ($caches === null) {
            return self::EXIT_USAGE;
        }
        $json = (bool)$input->getOption('json');
        $results = [];
        foreach ($caches as $cache) {
            try {
                $results[] = \ClusterFile\check($cache->options, $cache->identifier);
            } catch (\Throwable $e) {
                // check() reports failed checks in its array; a throw is unexpected, still one line per cache
                $results[] = ['cache' => $cache->identifier, 'ok' => false, 'failed' => ['check'], 'checks' => [], 'ms' => 0.0, 'error' => self::describe($e)];
            }
        }
        if ($json) {
            foreach ($results as $result) {
                $this->writeJson($output, $result);
            }
        } else {
            $this->writeTable($output, $results);
        }
        foreach ($results as $result) {
            if (($result['ok'] ?? false) !== true) {
                return self::EXIT_FAILED;
            }
        }
        return self::EXIT_OK;
    }

    /** @param list<array> $results */
    private function writeTable(OutputInterface $output, array $results): void
    {
        $table = new Table($output);
        $table->setHeaders(array_merge(['cache', 'result'], self::CHECKS, ['ms']));
        $messages = [];
        foreach ($results as $result) {
            $row = [(string)$result['cache'], $result['ok'] ? 'ok' : '<error>FAILED</error>'];
            foreach (self::CHECKS as $name) {
                $check = $result['checks'][$name] ?? null;
                $row[] = match (true) {
                    $check === null => '-',
                    (bool)$check['ok'] => 'ok',
                    str_starts_with((string)$check['message'], 'not run') => 'not run',
                    default => 'FAILED',
                };
                if ($check !== null && !$check['ok'] && !str_starts_with((string)$check['message'], 'not run')) {
                    $messages[] = sprintf('%s %s: %s', $result['cache'], $name, $check['message']);
                }
            }
            if (isset($result['error'])) {
                $messages[] = sprintf('%s: %s', $result['cache'], $result['error']);
            }
            $row[] = sprintf('%.1f', (float)$result['ms']);
            $table->addRow($row);
        }
        $table->render();
        foreach ($messages as $message) {
            $output->writeln(OutputFormatter::escape($message));
        }
    }
}
