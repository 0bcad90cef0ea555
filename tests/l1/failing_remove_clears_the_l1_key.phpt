--TEST--
A remove() that fails (metadata offline) throws Cache\Exception 1747500061 and still drops the key from both L1s, so the same request cannot serve a stale copy
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

$meta = new FakeMetaFrontend();
$b = cf_pod($meta);
$b->set('e', 'v');
$b->set('keep', 'k');
var_dump($b->has('e'));
$meta->backend->offline = true;
echo cf_catch(fn () => $b->remove('e')), "\n";
$meta->backend->offline = false;
$meta->backend->entries = []; // the record is gone meanwhile (another pod's remove)
$meta->backend->calls = [];
var_dump($b->get('e'), $b->has('e'), $b->get('keep'));
echo "calls: ", implode(',', $meta->backend->calls), "\n";
?>
--EXPECTF--
bool(true)
TYPO3\CMS\Core\Cache\Exception(1747500061): %s
bool(false)
bool(false)
string(1) "k"
calls: get
