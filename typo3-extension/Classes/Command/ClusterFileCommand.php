<?php

declare(strict_types=1);

namespace ClusterFile\Typo3Extension\Command;

use ClusterFile\Typo3Extension\Service\ClusterFileCache;
use ClusterFile\Typo3Extension\Service\ClusterFileCaches;
use ClusterFile\Typo3Extension\Service\UnknownCacheException;
use Symfony\Component\Console\Command\Command;
use Symfony\Component\Console\Formatter\OutputFormatter;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Input\InputOption;
use Symfony\Component\Console\Output\ConsoleOutputInterface;
use Symfony\Component\Console\Output\OutputInterface;

/**
 * What the clusterfile:* commands share: the --cache and --json options, the cache selection, the
 * exit codes and the output helpers. The work itself is the C extension's functions.
 */
abstract class ClusterFileCommand extends Command
{
    /** Everything checked or collected was fine. */
    public const EXIT_OK = 0;
    /** A check failed, a collection reported errors, a function threw. */
    public const EXIT_FAILED = 1;
    /** Usage or configuration: an unknown --cache, no clusterfile cache, the function missing. */
    public const EXIT_USAGE = 2;

    public function __construct(protected readonly ClusterFileCaches $caches)
    {
        parent::__construct();
    }

    protected function configure(): void
    {
        $this
            ->addOption('cache', 'c', InputOption::VALUE_REQUIRED | InputOption::VALUE_IS_ARRAY, 'Only this clusterfile cache (repeatable; default: every one)')
            ->addOption('json', null, InputOption::VALUE_NONE, 'One JSON object per line instead of a table');
    }

    /**
     * The selected caches, or null after writing the usage error (the caller returns EXIT_USAGE).
     *
     * @param list<string> $functions the extension functions the command calls
     * @return array<string, ClusterFileCache>|null
     */
    protected function selectCaches(InputInterface $input, OutputInterface $output, array $functions): ?array
    {
        foreach ($functions as $function) {
            if (!function_exists($function)) {
                $this->error($output, sprintf('%s() is missing: the clusterfile extension is not loaded, or older than this package', $function));
                return null;
            }
        }
        try {
            $selected = $this->caches->select(array_values((array)$input->getOption('cache')));
        } catch (UnknownCacheException $e) {
            $this->error($output, $e->getMessage());
            return null;
        }
        if ($selected === []) {
            $this->error($output, 'no cache of $GLOBALS[\'TYPO3_CONF_VARS\'][\'SYS\'][\'caching\'][\'cacheConfigurations\'] uses the clusterfile backend');
            return null;
        }
        return $selected;
    }

    /** Writes one line to the error output (stderr on a console). */
    protected function error(OutputInterface $output, string $message): void
    {
        $stderr = $output instanceof ConsoleOutputInterface ? $output->getErrorOutput() : $output;
        $stderr->writeln('<error>' . OutputFormatter::escape($this->getName() . ': ' . $message) . '</error>');
    }

    /** Writes $data as one line of JSON (raw: no console markup is interpreted). */
    protected function writeJson(OutputInterface $output, array $data): void
    {
        $output->writeln(
            json_encode($data, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION | JSON_INVALID_UTF8_SUBSTITUTE | JSON_THROW_ON_ERROR),
            OutputInterface::OUTPUT_RAW
        );
    }

    /** A thrown error in one line: its class and message. */
    protected static function describe(\Throwable $e): string
    {
        return get_class($e) . ': ' . $e->getMessage();
    }
}
