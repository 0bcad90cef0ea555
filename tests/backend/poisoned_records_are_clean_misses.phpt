--TEST--
Poisoned metadata records (wrong types, missing fields, bad digests, traversal and absolute paths, NUL bytes, bad state/times/size, createdAt beyond the clock skew, foreign identifier, non-arrays, 1 MB of bad tags, a 1 MB tag) are clean misses: false, no warning, no file touched
--EXTENSIONS--
clusterfile
igbinary
--INI--
error_reporting=-1
display_errors=1
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$root = cf_tmpdir();
$dir = "$root/store";
mkdir($dir);
file_put_contents("$root/sentinel", 'outside');
$a = cf_pod($meta, $dir);
$a->set('e', 'value', ['t']);
$good = cf_record($meta, 'e');
$hex = substr($good['hash'], 7);
$variants = [
    'createdAt string' => ['createdAt' => (string) $good['createdAt']],
    'expiresAt float' => ['expiresAt' => (float) $good['expiresAt']],
    'payloadSize string' => ['payloadSize' => (string) $good['payloadSize']],
    'backendVersion 0' => ['backendVersion' => 0],
    'createdAt 0' => ['createdAt' => 0],
    'expiresAt == createdAt' => ['expiresAt' => $good['createdAt']],
    'expiresAt < createdAt' => ['expiresAt' => $good['createdAt'] - 1],
    'negative payloadSize' => ['payloadSize' => -1],
    'hash not hex' => ['hash' => 'sha256:' . str_repeat('g', 64)],
    'hash uppercase' => ['hash' => 'sha256:' . strtoupper($hex)],
    'hash traversal' => ['hash' => 'sha256:../../etc/passwd'],
    'hash traversal 64' => ['hash' => 'sha256:' . str_pad('../sentinel', 64, '/')],
    'hash md5 prefix' => ['hash' => 'md5:' . $hex],
    'hash without prefix' => ['hash' => $hex],
    'hash too long' => ['hash' => $good['hash'] . '0'],
    'hash array' => ['hash' => [$good['hash']]],
    'checksum md5' => ['checksum' => 'md5:' . md5('x')],
    'state bogus' => ['state' => 'bogus'],
    'state VALID' => ['state' => 'VALID'],
    'serializer json' => ['serializer' => 'json:1'],
    'compression lz4' => ['compression' => 'lz4'],
    'identifier mismatch' => ['identifier' => 'other'],
    'identifier int' => ['identifier' => 1],
    'tags string' => ['tags' => 't'],
    '1 MB of bad tags' => ['tags' => array_fill(0, 70000, 'not a valid tag')],
    'one 1 MB tag' => ['tags' => [str_repeat('t', 1 << 20)]],
    'hash absolute path' => ['hash' => 'sha256:' . str_pad('/etc/passwd', 64, 'a')],
    'hash NUL byte' => ['hash' => 'sha256:' . substr($hex, 0, 10) . "\0" . substr($hex, 11)],
    'checksum NUL byte' => ['checksum' => substr($good['checksum'], 0, 20) . "\0" . substr($good['checksum'], 21)],
    'identifier NUL byte' => ['identifier' => "e\0"],
    'serializer NUL byte' => ['serializer' => "igbinary:\0"],
    'createdAt an hour ahead' => ['createdAt' => time() + 3600, 'expiresAt' => 2147483647],
    'createdAt in 2038' => ['createdAt' => 2147483000, 'expiresAt' => 2147483647],
];
$records = [];
foreach ($variants as $label => $patch) {
    $records[$label] = array_replace($good, $patch);
}
foreach (['checksum', 'identifier', 'state', 'tags', 'backendVersion'] as $field) {
    $r = $good;
    unset($r[$field]);
    $records["missing $field"] = $r;
}
$records['a string'] = 'sha256:' . $hex;
$records['an int'] = 42;
$records['true'] = true;
$records['empty array'] = [];
$records['list of values'] = array_values($good);

$misses = 0;
foreach ($records as $label => $record) {
    $meta->backend->entries['pages__e']['data'] = $record;
    $b = cf_pod($meta, $dir);
    $got = [$b->get('e'), $b->has('e')];
    $s = $b->getStatistics();
    $misses += $s['cache_miss_total']['no-metadata'];
    if ($got !== [false, false] || $s['cache_miss_total']['no-metadata'] !== 1 || $meta->backend->entries['pages__e']['data'] !== $record) {
        echo "$label: ", json_encode($got), ' ', json_encode($s['cache_miss_total']), "\n";
    }
}
echo count($records), " poisoned records, $misses no-metadata misses\n";
echo "sentinel: ", file_get_contents("$root/sentinel"), ", payload file kept: ", json_encode(is_file("$dir/" . substr($hex, 0, 2) . "/$hex")), "\n";
echo "tree: ", json_encode(array_map(fn ($f) => substr($f, strlen($root)), cf_files($root)) === ['/sentinel', '/store/' . substr($hex, 0, 2) . "/$hex"]), "\n";
// the intact record still serves
$meta->backend->entries['pages__e']['data'] = $good;
var_dump(cf_pod($meta, $dir)->get('e'));
?>
--EXPECT--
43 poisoned records, 43 no-metadata misses
sentinel: outside, payload file kept: true
tree: true
string(5) "value"
