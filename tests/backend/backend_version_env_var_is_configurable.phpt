--TEST--
backendVersionEnvVar names the variable read for the backend version; IMAGE_TAG is then ignored, an unset or empty variable gives 2
--EXTENSIONS--
clusterfile
igbinary
--ENV--
IMAGE_TAG=v1.2.3
CF_DEPLOY=release-42
CF_EMPTY=
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

foreach (['CF_DEPLOY', 'CF_EMPTY', 'CF_NOT_SET_ANYWHERE', 'IMAGE_TAG'] as $var) {
    $meta = new FakeMetaFrontend();
    $b = cf_pod($meta, null, ['backendVersionEnvVar' => $var]);
    $b->set('e', 'v');
    echo str_pad($var, 20), cf_record($meta, 'e')['backendVersion'], "\n";
}
echo "expected for release-42: ", max(1, crc32('2:release-42')), "\n";
?>
--EXPECT--
CF_DEPLOY           3251244161
CF_EMPTY            2
CF_NOT_SET_ANYWHERE 2
IMAGE_TAG           1010208598
expected for release-42: 3251244161
