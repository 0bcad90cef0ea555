--TEST--
reset() empties the L1s: a remote flush on another pod, invisible to an L1 hit, becomes visible after reset()
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$a = cf_pod($meta, $dir);
$a->set('e', 'v1');
var_dump($a->get('e'), $a->has('e')); // payload L1 and metadata L1 filled
$other = cf_pod($meta);
$other->flush();                      // another pod
echo "before reset: get ", json_encode($a->get('e')), ", has ", json_encode($a->has('e')), "\n";
$a->reset();
echo "after reset: get ", json_encode($a->get('e')), ", has ", json_encode($a->has('e')), ", l1 entries ", $a->getStatistics()['payload_l1_entries'], "\n";
?>
--EXPECT--
string(2) "v1"
bool(true)
before reset: get "v1", has true
after reset: get false, has false, l1 entries 0
