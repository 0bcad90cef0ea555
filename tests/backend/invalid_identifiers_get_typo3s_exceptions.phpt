--TEST--
Identifiers outside TYPO3's pattern: InvalidArgumentException with the code TYPO3 uses for the same call (FileBackend's for a path segment or an empty identifier, the frontend's otherwise; PhpFrontend's on set when a PhpFrontend is bound); require/requireOnce of a name without '/' are a clean miss as with FileBackend; nothing is written or looked up
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir);
$p = cf_pod($meta, cf_tmpdir('php'), [], 'code', true);
$ids = ['', ' ', 'a b', 'a/b', '../x', '/', 'a/', '..', 'a.b', 'a\\b', str_repeat('a', 251), "nul\0byte", "caf\xc3\xa9", "tab\there", "\n"];
$methods = [
    'set' => fn ($id) => $b->set($id, 'v', ['t']),
    'get' => fn ($id) => $b->get($id),
    'has' => fn ($id) => $b->has($id),
    'remove' => fn ($id) => $b->remove($id),
    'php set' => fn ($id) => $p->set($id, 'return 1;', ['t']),
    'require' => fn ($id) => $p->require($id),
    'requireOnce' => fn ($id) => $p->requireOnce($id),
];
$messages = [];
foreach ($ids as $id) {
    $seen = [];
    foreach ($methods as $name => $call) {
        try {
            $seen[] = "$name=" . var_export($call($id), true);
        } catch (\Throwable $e) {
            $seen[] = "$name=" . ($e instanceof \InvalidArgumentException ? '' : get_class($e) . ' ') . $e->getCode();
            $messages[$e->getMessage()] = true;
        }
    }
    echo str_pad(json_encode(strlen($id) > 20 ? strlen($id) . ' chars' : $id), 16), implode(' ', $seen), "\n";
}
echo "messages:\n  ", implode("\n  ", array_keys(array_slice($messages, 0, 4))), "\n";
echo "records: ", count($meta->backend->entries), ", files: ", count(cf_files($dir)), ", metadata calls: ", count($meta->backend->calls), "\n";
// TYPO3's pattern is a PCRE without the D modifier: its $ accepts one trailing "\n", so does ours.
$b->set("a\n", 'v');
echo 'trailing newline accepted: '; var_dump($b->get("a\n"));
?>
--EXPECT--
""              set=1298114280 get=1233058294 has=1233058486 remove=1334756961 php set=1298114280 require=false requireOnce=false
" "             set=1233058264 get=1233058294 has=1233058486 remove=1233058495 php set=1264023823 require=false requireOnce=false
"a b"           set=1233058264 get=1233058294 has=1233058486 remove=1233058495 php set=1264023823 require=false requireOnce=false
"a\/b"          set=1282073032 get=1282073033 has=1282073034 remove=1334756960 php set=1282073032 require=1532528246 requireOnce=1282073036
"..\/x"         set=1282073032 get=1282073033 has=1282073034 remove=1334756960 php set=1282073032 require=1532528246 requireOnce=1282073036
"\/"            set=1282073032 get=1282073033 has=1282073034 remove=1334756960 php set=1282073032 require=1532528246 requireOnce=1282073036
"a\/"           set=1282073032 get=1282073033 has=1282073034 remove=1334756960 php set=1282073032 require=1532528246 requireOnce=1282073036
".."            set=1233058264 get=1233058294 has=1233058486 remove=1233058495 php set=1264023823 require=false requireOnce=false
"a.b"           set=1233058264 get=1233058294 has=1233058486 remove=1233058495 php set=1264023823 require=false requireOnce=false
"a\\b"          set=1233058264 get=1233058294 has=1233058486 remove=1233058495 php set=1264023823 require=false requireOnce=false
"251 chars"     set=1233058264 get=1233058294 has=1233058486 remove=1233058495 php set=1264023823 require=false requireOnce=false
"nul\u0000byte" set=1233058264 get=1233058294 has=1233058486 remove=1233058495 php set=1264023823 require=false requireOnce=false
"caf\u00e9"     set=1233058264 get=1233058294 has=1233058486 remove=1233058495 php set=1264023823 require=false requireOnce=false
"tab\there"     set=1233058264 get=1233058294 has=1233058486 remove=1233058495 php set=1264023823 require=false requireOnce=false
"\n"            set=1233058264 get=1233058294 has=1233058486 remove=1233058495 php set=1264023823 require=false requireOnce=false
messages:
  The entry identifier must not be empty.
  "" is not a valid cache entry identifier.
  " " is not a valid cache entry identifier.
  "a b" is not a valid cache entry identifier.
records: 0, files: 0, metadata calls: 0
trailing newline accepted: string(1) "v"
