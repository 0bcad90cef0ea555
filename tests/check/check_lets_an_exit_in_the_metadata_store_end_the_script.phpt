--TEST--
ClusterFile\check() does not swallow exit(): a metadata frontend that exits in get() (the metadata step) or in set() (the round trip) ends the script with its status, as it does under the backend's own methods
--EXTENSIONS--
clusterfile
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

use TYPO3\CMS\Core\Cache\Backend\BackendInterface;
use TYPO3\CMS\Core\Cache\Frontend\FrontendInterface;

final class ExitingMeta implements FrontendInterface
{
    private FakeMetaFrontend $inner;
    public function __construct(private string $exitIn) { $this->inner = new FakeMetaFrontend(); }
    public function getIdentifier(): string { return 'cluster_meta'; }
    public function getBackend(): BackendInterface { return $this->inner->getBackend(); }
    public function set(string $entryIdentifier, mixed $data, array $tags = [], ?int $lifetime = null): void
    {
        if ($this->exitIn === 'set') { echo "exit in set\n"; exit(4); }
        $this->inner->set($entryIdentifier, $data, $tags, $lifetime);
    }
    public function get(string $entryIdentifier): mixed
    {
        if ($this->exitIn === 'get') { echo "exit in get\n"; exit(3); }
        return $this->inner->get($entryIdentifier);
    }
    public function has(string $entryIdentifier): bool { return $this->inner->has($entryIdentifier); }
    public function remove(string $entryIdentifier): bool { return $this->inner->remove($entryIdentifier); }
    public function flush(): void {}
    public function flushByTag(string $tag): void {}
    public function flushByTags(array $tags): void {}
    public function collectGarbage(): void {}
    public function isValidEntryIdentifier(string $identifier): bool { return true; }
    public function isValidTag(string $tag): bool { return true; }
}

if (($argv[1] ?? '') !== '') {
    $r = ClusterFile\check(['metadataCache' => new ExitingMeta($argv[1])] + cf_options(cf_tmpdir('exit'), new FakeMetaFrontend()), 'pages');
    echo "check() returned: ", json_encode($r['failed']), "\n";
    exit(0);
}
foreach (['get', 'set'] as $where) {
    $p = proc_open(cf_php_command(__FILE__) . ' ' . $where, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    fclose($pipes[1]);
    fclose($pipes[2]);
    echo trim($out), ' | status ', proc_close($p), ' | stderr ', json_encode($err), "\n";
}
?>
--EXPECT--
exit in get | status 3 | stderr ""
exit in set | status 4 | stderr ""
