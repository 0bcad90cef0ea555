--TEST--
exit() inside any metadata call (get, set, remove, flushByTag, flushByTags, collectGarbage, getBackend) ends the script with its status: never swallowed as a miss, never wrapped into a catchable Cache\Exception
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$child = cf_tmpdir('child') . '/child.php';
file_put_contents($child, '<?php
require ' . var_export(__DIR__ . '/../inc/exiting_meta.inc', true) . ';
[, $at, $call] = $argv;
$fake = new FakeMetaFrontend();
$meta = new ExitingMetaFrontend($fake, "none");
$b = new ClusterFile\Typo3\ClusterFileBackend(["localPath" => cf_tmpdir(), "metadataCache" => $meta, "namespace" => ["environment" => "testing", "instance" => "phpt"]]);
new TYPO3\CMS\Core\Cache\Frontend\VariableFrontend("pages", $b);
if ($at !== "getBackend") {
    $b->set("e", "v", ["t"]);
}
$meta->at = $at;
echo "before\n";
try {
    $r = match ($call) {
        "get" => $b->get("other"),
        "has" => $b->has("other"),
        "set" => $b->set("e", "v2", ["t"]),
        "remove" => $b->remove("e"),
        "flush" => $b->flush(),
        "flushByTag" => $b->flushByTag("t"),
        "flushByTags" => $b->flushByTags(["t"]),
        "collectGarbage" => $b->collectGarbage(),
        "findIdentifiersByTag" => $b->findIdentifiersByTag("t"),
    };
    echo "after: returned ", json_encode($r), "\n";
} catch (\Throwable $e) {
    echo "after: caught ", get_class($e), " ", $e->getCode(), "\n";
} finally {
    echo "finally ran\n";
}
echo "script went on\n";
');
$cases = [
    ['get', 'get'], ['get', 'has'], ['set', 'set'], ['remove', 'remove'], ['flushByTag', 'flush'],
    ['flushByTag', 'flushByTag'], ['flushByTags', 'flushByTags'], ['collectGarbage', 'collectGarbage'],
    ['getBackend', 'get'], ['getBackend', 'findIdentifiersByTag'],
];
foreach ($cases as [$at, $call]) {
    $p = proc_open(cf_php_command($child) . ' ' . escapeshellarg($at) . ' ' . escapeshellarg($call), [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    fclose($pipes[1]);
    fclose($pipes[2]);
    $rc = proc_close($p);
    printf("exit in %-14s during %-20s rc %d, output %s%s\n", $at, $call, $rc, json_encode($out), $err === '' ? '' : ', stderr ' . json_encode($err));
}
?>
--EXPECT--
exit in get            during get                  rc 3, output "before\n"
exit in get            during has                  rc 3, output "before\n"
exit in set            during set                  rc 3, output "before\n"
exit in remove         during remove               rc 3, output "before\n"
exit in flushByTag     during flush                rc 3, output "before\n"
exit in flushByTag     during flushByTag           rc 3, output "before\n"
exit in flushByTags    during flushByTags          rc 3, output "before\n"
exit in collectGarbage during collectGarbage       rc 3, output "before\n"
exit in getBackend     during get                  rc 3, output "before\n"
exit in getBackend     during findIdentifiersByTag rc 3, output "before\n"
