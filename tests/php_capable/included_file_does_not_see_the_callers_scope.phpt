--TEST--
The included payload does not see the caller's local variables or $this
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

use TYPO3\CMS\Core\Cache\Frontend\PhpFrontend;

final class Caller
{
    private string $secret = 'private state';

    public function __construct(private PhpFrontend $fe) {}

    public function run(string $how): mixed
    {
        $x = 'caller local';
        $entryIdentifier = 'probe';
        return $this->fe->$how('probe');
    }
}

$meta = new FakeMetaFrontend();
$b = cf_pod($meta, null, [], 'code', true);
$fe = new PhpFrontend('code', $b);
$fe->set('probe', 'return [
    "x" => isset($x) ? "leak" : "clean",
    "entryIdentifier" => isset($entryIdentifier) ? "leak" : "clean",
    "this" => isset($this) ? "leak" : "clean",
    "fe" => isset($fe) ? "leak" : "clean",
];');

$x = 'global';
$caller = new Caller($fe);
echo 'require: ', json_encode($caller->run('require')), "\n";
echo 'requireOnce: ', json_encode($caller->run('requireOnce') === true ? 'already included' : 'evaluated'), "\n";
echo 'top-level require: ', json_encode($fe->require('probe')), "\n";
echo 'caller $x untouched: ', $x, "\n";
?>
--EXPECT--
require: {"x":"clean","entryIdentifier":"clean","this":"clean","fe":"clean"}
requireOnce: "already included"
top-level require: {"x":"clean","entryIdentifier":"clean","this":"clean","fe":"clean"}
caller $x untouched: global
