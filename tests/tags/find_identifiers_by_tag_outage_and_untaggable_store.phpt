--TEST--
findIdentifiersByTag() lets a metadata outage propagate (as the reference), and returns [] when the metadata backend is not taggable
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';
use TYPO3\CMS\Core\Cache\Backend\BackendInterface;
use TYPO3\CMS\Core\Cache\Frontend\FrontendInterface;

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
$b->set('e', 'v', ['t']);
$meta->backend->offline = true;
echo "offline: ", cf_catch(fn () => $b->findIdentifiersByTag('t')), "\n";
$meta->backend->offline = false;

/** A metadata frontend over a backend that cannot look up by tag. */
final class UntaggableMeta implements FrontendInterface
{
    public array $data = [];
    public function getIdentifier(): string { return 'plain_meta'; }
    public function getBackend(): BackendInterface
    {
        return new class implements BackendInterface {
            public function setCache(FrontendInterface $cache): void {}
            public function set(string $entryIdentifier, string $data, array $tags = [], ?int $lifetime = null): void {}
            public function get(string $entryIdentifier): mixed { return false; }
            public function has(string $entryIdentifier): bool { return false; }
            public function remove(string $entryIdentifier): bool { return false; }
            public function flush(): void {}
            public function collectGarbage(): void {}
        };
    }
    public function set(string $id, mixed $data, array $tags = [], ?int $lifetime = null): void { $this->data[$id] = $data; }
    public function get(string $id): mixed { return $this->data[$id] ?? false; }
    public function has(string $id): bool { return isset($this->data[$id]); }
    public function remove(string $id): bool { unset($this->data[$id]); return true; }
    public function flush(): void {}
    public function flushByTag(string $tag): void {}
    public function flushByTags(array $tags): void {}
    public function collectGarbage(): void {}
    public function isValidEntryIdentifier(string $id): bool { return true; }
    public function isValidTag(string $tag): bool { return true; }
}
$plain = new ClusterFile\Typo3\ClusterFileBackend(['localPath' => cf_tmpdir(), 'metadataCache' => new UntaggableMeta(), 'namespace' => ['environment' => 'prod', 'instance' => 'i']]);
new TYPO3\CMS\Core\Cache\Frontend\VariableFrontend('pages', $plain);
$plain->set('e', 'v', ['t']);
echo "untaggable: ", json_encode($plain->findIdentifiersByTag('t')), ", get: ", $plain->get('e'), "\n";
?>
--EXPECT--
offline: RuntimeException(0): metadata cache offline during findIdentifiersByTag
untaggable: [], get: v
