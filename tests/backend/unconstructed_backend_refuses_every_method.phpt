--TEST--
A subclass that skips parent::__construct() gets an Error from every method instead of undefined behaviour
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php require __DIR__ . '/../inc/bootstrap.inc';

final class Careless extends ClusterFile\Typo3\ClusterFileBackend
{
    public function __construct(array $options = []) {}
}
$b = new Careless();
$calls = [
    'get' => fn () => $b->get('e'),
    'set' => fn () => $b->set('e', 'v'),
    'has' => fn () => $b->has('e'),
    'flush' => fn () => $b->flush(),
    'setCache' => fn () => $b->setCache(new FakeMetaFrontend('pages')),
    'getOptions' => fn () => $b->getOptions(),
    'getLocalPath' => fn () => $b->getLocalPath(),
    'reset' => fn () => $b->reset(),
];
foreach ($calls as $name => $call) {
    echo "$name: ", cf_catch($call), "\n";
}
?>
--EXPECT--
get: Error(1747500053): Careless object is not constructed (missing parent::__construct() call?)
set: Error(1747500053): Careless object is not constructed (missing parent::__construct() call?)
has: Error(1747500053): Careless object is not constructed (missing parent::__construct() call?)
flush: Error(1747500053): Careless object is not constructed (missing parent::__construct() call?)
setCache: Error(1747500053): Careless object is not constructed (missing parent::__construct() call?)
getOptions: Error(1747500053): Careless object is not constructed (missing parent::__construct() call?)
getLocalPath: Error(1747500053): Careless object is not constructed (missing parent::__construct() call?)
reset: Error(1747500053): Careless object is not constructed (missing parent::__construct() call?)
