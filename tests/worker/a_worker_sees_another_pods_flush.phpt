--TEST--
A worker process serving many units of work in one PHP request (FrankenPHP worker mode, RoadRunner, queue consumers) sees another pod's flush: at once after ClusterFile\reset(), within l1MaxAgeSeconds without it; only l1MaxAgeSeconds=0 and no reset() keep the request-scoped L1 for the whole request
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

function units(string $label, array $extra, bool $reset): void
{
    $meta = new FakeMetaFrontend();
    $worker = cf_pod($meta, null, $extra);
    $other = cf_pod($meta);
    $worker->set('page', 'v1', ['p']);
    $php = cf_pod($meta, null, $extra, 'code', true);
    $php->set('code', '<?php return "code v1";');
    $served = [];
    for ($unit = 1; $unit <= 4; $unit++) {
        if ($reset) {
            ClusterFile\reset(); // what the worker loop does between two units of work
        }
        $served[] = sprintf('%s/%s/%s', json_encode($worker->has('page')), json_encode($worker->get('page')), json_encode($php->requireOnce('code') !== false));
        if ($unit === 2) {
            $other->flush(); // another pod invalidates
            cf_pod($meta, null, [], 'code', true)->flush();
        }
    }
    printf("%-32s %s\n", $label, implode('  ', $served));
}

units('l1MaxAgeSeconds=0, no reset()', ['l1MaxAgeSeconds' => 0], false);
units('l1MaxAgeSeconds=0, reset()', ['l1MaxAgeSeconds' => 0], true);

// l1MaxAgeSeconds=1 and no reset(): after another pod's flush the worker's L1 answers at most until
// it is a second old, then the worker revalidates (polled for up to 5 s; how long it took is not
// asserted, the machine may be slow).
$meta = new FakeMetaFrontend();
$worker = cf_pod($meta, null, ['l1MaxAgeSeconds' => 1]);
$worker->set('page', 'v1');
var_dump($worker->get('page'));
cf_pod($meta)->flush();
$deadline = microtime(true) + 5;
while ($worker->get('page') !== false && microtime(true) < $deadline) {
    usleep(50000);
}
echo 'l1MaxAgeSeconds=1, no reset(): after the flush ', json_encode($worker->get('page')), ' ', json_encode($worker->has('page')), "\n";
$meta = new FakeMetaFrontend();
echo 'default l1MaxAgeSeconds: ', (new ClusterFile\Typo3\ClusterFileBackend(array_diff_key(cf_options(cf_tmpdir(), $meta), ['l1MaxAgeSeconds' => 0])))->getOptions()['l1MaxAgeSeconds'], "\n";
?>
--EXPECT--
l1MaxAgeSeconds=0, no reset()    true/"v1"/true  true/"v1"/true  true/"v1"/true  true/"v1"/true
l1MaxAgeSeconds=0, reset()       true/"v1"/true  true/"v1"/true  false/false/false  false/false/false
string(2) "v1"
l1MaxAgeSeconds=1, no reset(): after the flush false false
default l1MaxAgeSeconds: 2
