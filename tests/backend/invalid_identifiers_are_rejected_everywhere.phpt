--TEST--
Invalid entry identifiers throw InvalidArgumentException 1233058264 from set/get/has/remove/require/requireOnce, nothing is written, non-printables show as '?'
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir);
$ids = ['', ' ', 'a b', 'a/b', '../x', 'a.b', str_repeat('a', 251), "nul\0byte", "caf\xc3\xa9", "tab\there", "\n"];
$methods = [
    'set' => fn ($id) => $b->set($id, 'v', ['t']),
    'get' => fn ($id) => $b->get($id),
    'has' => fn ($id) => $b->has($id),
    'remove' => fn ($id) => $b->remove($id),
    'require' => fn ($id) => $b->require($id),
    'requireOnce' => fn ($id) => $b->requireOnce($id),
];
foreach ($ids as $id) {
    $seen = [];
    foreach ($methods as $name => $call) {
        try {
            $call($id);
            $seen[] = "$name: no exception";
        } catch (\Throwable $e) {
            $seen[get_class($e) . ' ' . $e->getCode() . ' ' . $e->getMessage()] = true;
        }
    }
    echo json_encode(strlen($id) > 20 ? strlen($id) . ' chars' : $id), ' => ', implode(' | ', array_map(fn ($k, $v) => $v === true ? $k : $v, array_keys($seen), $seen)), "\n";
}
echo "records: ", count($meta->backend->entries), ", files: ", count(cf_files($dir)), ", metadata calls: ", count($meta->backend->calls), "\n";
?>
--EXPECT--
"" => InvalidArgumentException 1233058264 "" is not a valid cache entry identifier.
" " => InvalidArgumentException 1233058264 " " is not a valid cache entry identifier.
"a b" => InvalidArgumentException 1233058264 "a b" is not a valid cache entry identifier.
"a\/b" => InvalidArgumentException 1233058264 "a/b" is not a valid cache entry identifier.
"..\/x" => InvalidArgumentException 1233058264 "../x" is not a valid cache entry identifier.
"a.b" => InvalidArgumentException 1233058264 "a.b" is not a valid cache entry identifier.
"251 chars" => InvalidArgumentException 1233058264 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa..." is not a valid cache entry identifier.
"nul\u0000byte" => InvalidArgumentException 1233058264 "nul?byte" is not a valid cache entry identifier.
"caf\u00e9" => InvalidArgumentException 1233058264 "caf??" is not a valid cache entry identifier.
"tab\there" => InvalidArgumentException 1233058264 "tab?here" is not a valid cache entry identifier.
"\n" => InvalidArgumentException 1233058264 "?" is not a valid cache entry identifier.
records: 0, files: 0, metadata calls: 0
