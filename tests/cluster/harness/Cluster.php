<?php
/*
 * Starts pods (tests/cluster/harness/pod.php) as real PHP processes, each with its own directory
 * and optionally its own IMAGE_TAG, all on one metadata store, and talks to them line by line.
 */
declare(strict_types=1);

final class Pod
{
    /** @var resource */
    private $proc;
    /** @var array<int, resource> */
    private array $pipes = [];

    public function __construct(public readonly string $name, public readonly string $dir, string $store, ?string $imageTag, string $extension, int $timeoutMs = 2000)
    {
        $env = getenv();
        unset($env['IMAGE_TAG']);
        $env += [];
        $env['CF_POD_NAME'] = $name;
        $env['CF_POD_DIR'] = $dir;
        $env['CF_STORE'] = $store;
        $env['CF_STORE_TIMEOUT_MS'] = (string)$timeoutMs;
        if ($imageTag !== null) {
            $env['IMAGE_TAG'] = $imageTag;
        }
        $cmd = [PHP_BINARY, '-d', 'extension=' . $extension, '-d', 'display_errors=stderr', __DIR__ . '/pod.php'];
        $this->proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', $dir . '.stderr', 'a']], $this->pipes, null, $env);
        if (!is_resource($this->proc)) {
            throw new RuntimeException("cannot start pod $name");
        }
        $hello = $this->read();
        if (($hello['ready'] ?? null) !== $name) {
            throw new RuntimeException("pod $name did not start: " . json_encode($hello) . ' ' . @file_get_contents($dir . '.stderr'));
        }
    }

    /** Sends one command; the reply comes from wait(). */
    public function send(array $cmd): void
    {
        fwrite($this->pipes[0], json_encode($cmd) . "\n");
    }

    public function wait(): array
    {
        return $this->read();
    }

    public function call(array $cmd): array
    {
        $this->send($cmd);
        return $this->wait();
    }

    private function read(): array
    {
        $line = fgets($this->pipes[1]);
        if ($line === false) {
            throw new RuntimeException("pod {$this->name} died: " . @file_get_contents($this->dir . '.stderr'));
        }
        $r = json_decode($line, true);
        if (!is_array($r)) {
            throw new RuntimeException("pod {$this->name} said: $line");
        }
        return $r;
    }

    public function stop(): int
    {
        if (!is_resource($this->proc)) {
            return 0;
        }
        @fwrite($this->pipes[0], json_encode(['op' => 'quit']) . "\n");
        @fclose($this->pipes[0]);
        @fclose($this->pipes[1]);
        return proc_close($this->proc);
    }

    public function stderr(): string
    {
        return (string)@file_get_contents($this->dir . '.stderr');
    }
}

final class Cluster
{
    /** @var list<Pod> */
    public array $pods = [];
    private string $root;

    /** @param list<?string> $imageTags one per pod (null = unset) */
    public function __construct(int $n, public readonly string $store, array $imageTags = [], int $timeoutMs = 2000)
    {
        $ext = getenv('CF_EXTENSION') ?: dirname(__DIR__, 3) . '/modules/clusterfile.so';
        $this->root = sys_get_temp_dir() . '/cf-cluster-' . getmypid() . '-' . bin2hex(random_bytes(3));
        mkdir($this->root, 0700, true);
        for ($i = 0; $i < $n; $i++) {
            $name = chr(ord('A') + $i);
            $this->pods[] = new Pod($name, "{$this->root}/$name", $store, $imageTags[$i] ?? null, $ext, $timeoutMs);
        }
    }

    public function pod(string $name): Pod
    {
        foreach ($this->pods as $p) {
            if ($p->name === $name) {
                return $p;
            }
        }
        throw new InvalidArgumentException($name);
    }

    /** Sends $cmd to every pod at once, then collects the replies (name => reply). */
    public function all(array $cmd): array
    {
        foreach ($this->pods as $p) {
            $p->send($cmd);
        }
        $out = [];
        foreach ($this->pods as $p) {
            $out[$p->name] = $p->wait();
        }
        return $out;
    }

    public function stop(): void
    {
        foreach ($this->pods as $p) {
            $p->stop();
        }
        $this->pods = [];
        self::rmtree($this->root);
    }

    public static function rmtree(string $dir): void
    {
        if (is_link($dir) || is_file($dir)) {
            @unlink($dir);
            return;
        }
        if (!is_dir($dir)) {
            return;
        }
        foreach (scandir($dir) as $f) {
            if ($f !== '.' && $f !== '..') {
                self::rmtree("$dir/$f");
            }
        }
        @rmdir($dir);
    }
}
