--TEST--
The metadata record has the reference's 11 fields in order with exact types and formats (IMAGE_TAG empty: backendVersion 2)
--EXTENSIONS--
clusterfile
igbinary
--ENV--
IMAGE_TAG=
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
$b->set('entry-a', str_repeat('z', 5000), ['b', 'a'], 120);
$r = cf_record($meta, 'entry-a');
foreach ($r as $k => $v) {
    echo str_pad($k, 15), get_debug_type($v), "\n";
}
var_dump(preg_match('/^sha256:[0-9a-f]{64}$/D', $r['hash']), preg_match('/^sha256:[0-9a-f]{64}$/D', $r['checksum']));
echo "identifier ", $r['identifier'], ", serializer ", $r['serializer'], ", compression ", $r['compression'], ", state ", $r['state'], ", backendVersion ", $r['backendVersion'], "\n";
echo "span ", $r['expiresAt'] - $r['createdAt'], ", tags ", json_encode($r['tags']), "\n";
// payloadSize and checksum describe the exact file: marker byte + zstd frame, far smaller than 5000
$file = cf_files($b->getLocalPath())[0];
$bytes = file_get_contents($file);
echo "payloadSize = file size: ", json_encode($r['payloadSize'] === strlen($bytes)), ", < 5000: ", json_encode($r['payloadSize'] < 5000), ", marker ", bin2hex($bytes[0]), "\n";
echo "checksum = sha256(file): ", json_encode($r['checksum'] === 'sha256:' . hash('sha256', $bytes)), "\n";
?>
--EXPECT--
identifier     string
hash           string
checksum       string
createdAt      int
expiresAt      int
serializer     string
compression    string
payloadSize    int
tags           array
state          string
backendVersion int
int(1)
int(1)
identifier entry-a, serializer igbinary:3, compression zstd, state valid, backendVersion 2
span 120, tags ["a","b"]
payloadSize = file size: true, < 5000: true, marker 01
checksum = sha256(file): true
