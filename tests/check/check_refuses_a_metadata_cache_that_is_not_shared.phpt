--TEST--
ClusterFile\check() fails the metadata step when the metadata cache's backend is one of TYPO3's that keep their data in one process or one pod (TransientMemoryBackend, NullBackend, SimpleFileBackend, FileBackend, ApcuBackend, or a subclass): it answers, but no other pod sees its records or invalidations; a shared backend passes
--EXTENSIONS--
clusterfile
--INI--
pcre.jit=0
--FILE--
<?php
namespace TYPO3\CMS\Core\Cache\Backend {
    require_once __DIR__ . '/../inc/bootstrap.inc';
    use TYPO3\CMS\Core\Cache\Frontend\FrontendInterface;

    /** Stand-ins with TYPO3's class names: only the name matters to the check. */
    abstract class StandInBackend implements BackendInterface
    {
        public function setCache(FrontendInterface $cache): void {}
        public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void {}
        public function get(string $entryIdentifier): mixed { return false; }
        public function has(string $entryIdentifier): bool { return false; }
        public function remove(string $entryIdentifier): bool { return false; }
        public function flush(): void {}
        public function collectGarbage(): void {}
    }
    class TransientMemoryBackend extends StandInBackend {}
    class SimpleFileBackend extends StandInBackend {}
    class FileBackend extends SimpleFileBackend {}
    class Typo3DatabaseBackend extends StandInBackend {}
}

namespace {
    use TYPO3\CMS\Core\Cache\Backend\BackendInterface;

    /** A working metadata frontend that reports $backend as its backend. */
    final class MetaOn implements \TYPO3\CMS\Core\Cache\Frontend\FrontendInterface
    {
        private FakeMetaFrontend $inner;
        public function __construct(private BackendInterface $backend) { $this->inner = new FakeMetaFrontend(); }
        public function getIdentifier(): string { return 'cluster_meta'; }
        public function getBackend(): BackendInterface { return $this->backend; }
        public function set(string $entryIdentifier, mixed $data, array $tags = [], ?int $lifetime = null): void { $this->inner->set($entryIdentifier, $data, $tags, $lifetime); }
        public function get(string $entryIdentifier): mixed { return $this->inner->get($entryIdentifier); }
        public function has(string $entryIdentifier): bool { return $this->inner->has($entryIdentifier); }
        public function remove(string $entryIdentifier): bool { return $this->inner->remove($entryIdentifier); }
        public function flush(): void {}
        public function flushByTag(string $tag): void {}
        public function flushByTags(array $tags): void {}
        public function collectGarbage(): void {}
        public function isValidEntryIdentifier(string $identifier): bool { return true; }
        public function isValidTag(string $tag): bool { return true; }
    }

    $dir = cf_tmpdir('check-local');
    foreach ([
        new TYPO3\CMS\Core\Cache\Backend\TransientMemoryBackend(),
        new TYPO3\CMS\Core\Cache\Backend\FileBackend(),
        new class extends TYPO3\CMS\Core\Cache\Backend\SimpleFileBackend {},
        new TYPO3\CMS\Core\Cache\Backend\Typo3DatabaseBackend(),
    ] as $backend) {
        $r = ClusterFile\check(['metadataCache' => new MetaOn($backend)] + cf_options($dir, new FakeMetaFrontend()), 'pages');
        $name = str_contains(get_class($backend), '@anonymous') ? 'a SimpleFileBackend subclass' : substr(strrchr(get_class($backend), '\\'), 1);
        echo $name, ': ', $r['ok'] ? 'ok' : json_encode($r['failed']), "\n";
        if (!$r['checks']['metadata']['ok']) {
            echo '  ', $r['checks']['metadata']['message'], "\n";
        }
    }
}
?>
--EXPECT--
TransientMemoryBackend: ["metadata","roundTrip"]
  the metadata cache's backend is TransientMemoryBackend, which keeps its data in this process: other pods never see this pod's records or invalidations; give it a shared backend (database, Redis/Valkey) or use metadataDsn
FileBackend: ["metadata","roundTrip"]
  the metadata cache's backend is FileBackend, which keeps its data in this pod: other pods never see this pod's records or invalidations; give it a shared backend (database, Redis/Valkey) or use metadataDsn
a SimpleFileBackend subclass: ["metadata","roundTrip"]
  the metadata cache's backend is SimpleFileBackend, which keeps its data in this pod: other pods never see this pod's records or invalidations; give it a shared backend (database, Redis/Valkey) or use metadataDsn
Typo3DatabaseBackend: ok
