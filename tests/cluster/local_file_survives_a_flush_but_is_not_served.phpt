--TEST--
After a flush on another pod the local payload file is still on disk (invalidation never deletes files) but is not served: without metadata it is unreachable
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$dirB = cf_tmpdir('podB');
$a = cf_pod($meta);
$b = cf_pod($meta, $dirB, ['payloadL1MaxEntries' => 0]);
$b->set('e', 'payload on B', ['pageId_1']);
$before = cf_files($dirB);
$bytes = file_get_contents($before[0]);
$a->flush();
$b->reset();
echo 'B get: '; var_dump($b->get('e'));
echo 'file survives unchanged: ', var_export(cf_files($dirB) === $before && file_get_contents($before[0]) === $bytes, true), "\n";
echo 'B has: '; var_dump($b->has('e'));
echo 'B findIdentifiersByTag: ', json_encode($b->findIdentifiersByTag('pageId_1')), "\n";
echo 'B disk reads: ', $b->getStatistics()['payload_bytes_read_total'], "\n";
?>
--EXPECT--
B get: bool(false)
file survives unchanged: true
B has: bool(false)
B findIdentifiersByTag: []
B disk reads: 0
