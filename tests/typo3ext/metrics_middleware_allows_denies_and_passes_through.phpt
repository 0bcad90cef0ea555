--TEST--
MetricsMiddleware: GET of the path from an allowed REMOTE_ADDR answers ClusterFile\metrics() (200, Prometheus content type, no-store); a client outside the CIDRs, without or with a malformed REMOTE_ADDR, gets 403; any other method or path reaches the next handler untouched; IPv4 and IPv6 CIDRs (unaligned prefixes, /0, IPv4-mapped addresses, zone indexes); an invalid allow list denies everyone instead of failing; path and allow list from the environment
--EXTENSIONS--
clusterfile
igbinary
--SKIPIF--
<?php require __DIR__ . '/inc/skipif.inc'; ?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';
require __DIR__ . '/inc/typo3ext.inc';

use ClusterFile\Typo3Extension\Middleware\MetricsMiddleware;
use Nyholm\Psr7\Factory\Psr17Factory;
use Psr\Http\Message\ResponseInterface;
use Psr\Http\Message\ServerRequestInterface;
use Psr\Http\Server\RequestHandlerInterface;

final class NextHandler implements RequestHandlerInterface
{
    public ?ServerRequestInterface $seen = null;
    public function handle(ServerRequestInterface $request): ResponseInterface
    {
        $this->seen = $request;
        return (new Psr17Factory())->createResponse(299)->withHeader('X-Page', 'rendered');
    }
}

$f = new Psr17Factory();
function ask(MetricsMiddleware $m, string $method, string $uri, ?string $remote): string
{
    $f = new Psr17Factory();
    $request = $f->createServerRequest($method, $uri, $remote === null ? [] : ['REMOTE_ADDR' => $remote]);
    $next = new NextHandler();
    $response = $m->process($request, $next);
    if ($next->seen !== null) {
        return $next->seen === $request && $response->getHeaderLine('X-Page') === 'rendered' ? 'next' : 'next, but altered';
    }
    return (string)$response->getStatusCode();
}

// something counted, so the scrape has a series
$b = cf_pod(new FakeMetaFrontend(), null, [], 'scraped');
$b->set('e1', 'x');
$m = new MetricsMiddleware($f, $f, null, null);
$response = $m->process($f->createServerRequest('GET', 'http://10.0.0.5/-/clusterfile/metrics?x=1', ['REMOTE_ADDR' => '127.0.0.1']), new NextHandler());
echo 'status ', $response->getStatusCode(), ', ', $response->getHeaderLine('Content-Type'), ', Cache-Control ', $response->getHeaderLine('Cache-Control'), "\n";
$body = (string)$response->getBody();
echo 'body is metrics(): ', var_export($body === ClusterFile\metrics(), true), ', has the series: ', var_export(str_contains($body, 'clusterfile_cache_write_total{cache="scraped",namespace="testing:phpt"} 1'), true), "\n";

echo "default allow list (loopback):\n";
foreach (['127.0.0.1', '127.255.0.9', '::1', '::ffff:127.0.0.1', '10.0.0.1', '::2', '128.0.0.1', '', 'localhost', '127.0.0.1 ', null] as $remote) {
    echo '  ', json_encode($remote), ' -> ', ask($m, 'GET', '/-/clusterfile/metrics', $remote), "\n";
}
echo "other requests:\n";
foreach ([['POST', '/-/clusterfile/metrics'], ['HEAD', '/-/clusterfile/metrics'], ['GET', '/'], ['GET', '/-/clusterfile/metrics/'], ['GET', '/-/clusterfile/METRICS'], ['GET', '/x/-/clusterfile/metrics']] as [$method, $path]) {
    echo "  $method $path -> ", ask($m, $method, $path, '127.0.0.1'), ', from 10.0.0.1 -> ', ask($m, $method, $path, '10.0.0.1'), "\n";
}

echo "allow 10.0.0.0/8, 192.168.0.0/23, 2001:db8::/33, 203.0.113.7:\n";
$m = new MetricsMiddleware($f, $f, '/metrics', ' 10.0.0.0/8, 192.168.0.0/23 ,2001:db8::/33,203.0.113.7');
foreach (['10.255.255.255', '11.0.0.0', '9.255.255.255', '192.168.1.255', '192.168.2.0', '192.167.255.255', '2001:db8:7fff::1', '2001:db8:8000::1',
    '2001:DB8::A', '::ffff:10.1.2.3', '203.0.113.7', '203.0.113.8', '127.0.0.1', '::1', 'fe80::1%eth0'] as $remote) {
    echo "  $remote -> ", ask($m, 'GET', '/metrics', $remote), "\n";
}
echo '  the default path is not served then: ', ask($m, 'GET', '/-/clusterfile/metrics', '10.0.0.1'), "\n";

echo "edge lists:\n";
foreach (['0.0.0.0/0' => ['8.8.8.8', '::1'], '::/0' => ['2a00::1', '127.0.0.1'], '::ffff:10.0.0.0/104' => ['10.9.9.9', '11.0.0.1'], '10.0.0.1/32' => ['10.0.0.1', '10.0.0.0'], '::1' => ['::1', '127.0.0.1']] as $list => $remotes) {
    $m = new MetricsMiddleware($f, $f, null, $list);
    foreach ($remotes as $remote) {
        echo "  $list: $remote -> ", ask($m, 'GET', '/-/clusterfile/metrics', $remote), "\n";
    }
}

echo "invalid lists deny everyone:\n";
foreach (['10.0.0.0/33', '::1/129', 'banana', '127.0.0.1,nonsense', '10.0.0.0/8/8', '10.0.0.0/', '10.0.0.0/08', '10.0.0.0/-1', '10.0.0.0/ 8', ' , ', '::ffff:10.0.0.0/64', 'fe80::1%eth0'] as $list) {
    $m = new MetricsMiddleware($f, $f, null, $list);
    $r = $m->process($f->createServerRequest('GET', '/-/clusterfile/metrics', ['REMOTE_ADDR' => '127.0.0.1']), new NextHandler());
    echo '  ', json_encode($list), ' -> ', $r->getStatusCode(), ' ', trim((string)$r->getBody()), "\n";
}

putenv('CLUSTERFILE_METRICS_PATH=/internal/scrape');
putenv('CLUSTERFILE_METRICS_ALLOW=10.1.0.0/16');
$m = new MetricsMiddleware($f, $f);
echo 'from the environment: ', ask($m, 'GET', '/internal/scrape', '10.1.2.3'), ' ', ask($m, 'GET', '/internal/scrape', '127.0.0.1'), ' ', ask($m, 'GET', '/-/clusterfile/metrics', '10.1.2.3'), "\n";
putenv('CLUSTERFILE_METRICS_PATH=');
putenv('CLUSTERFILE_METRICS_ALLOW=');
$m = new MetricsMiddleware($f, $f);
echo 'empty variables take the defaults: ', ask($m, 'GET', '/-/clusterfile/metrics', '127.0.0.1'), ' ', ask($m, 'GET', '/-/clusterfile/metrics', '10.1.2.3'), "\n";
foreach (['/', '', '//'] as $root) {
    $m = new MetricsMiddleware($f, $f, $root, null);
    echo 'path ', json_encode($root), ' is the default, never the site root: GET / -> ', ask($m, 'GET', '/', '127.0.0.1'), ', default -> ', ask($m, 'GET', '/-/clusterfile/metrics', '127.0.0.1'), "\n";
}

// a PHP without the extension (the middleware itself needs none of it): 503
$script = sys_get_temp_dir() . '/ext-mw-' . getmypid() . '.inc';
file_put_contents($script, '<?php
require ' . var_export(__DIR__ . '/../../typo3-extension/tests/vendor/autoload.php', true) . ';
$f = new Nyholm\Psr7\Factory\Psr17Factory();
$m = new ClusterFile\Typo3Extension\Middleware\MetricsMiddleware($f, $f, null, null);
$r = $m->process($f->createServerRequest("GET", "/-/clusterfile/metrics", ["REMOTE_ADDR" => "127.0.0.1"]), new class implements Psr\Http\Server\RequestHandlerInterface {
    public function handle(Psr\Http\Message\ServerRequestInterface $request): Psr\Http\Message\ResponseInterface { throw new LogicException("not for the next handler"); }
});
echo var_export(function_exists("ClusterFile\\\\metrics"), true), " ", $r->getStatusCode(), " ", trim((string)$r->getBody());
');
$out = shell_exec(escapeshellarg(getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY) . ' -n ' . escapeshellarg($script) . ' 2>&1');
unlink($script);
echo 'without the extension: ', $out, "\n";
?>
--EXPECTF--
status 200, text/plain; version=0.0.4; charset=utf-8, Cache-Control no-store
body is metrics(): true, has the series: true
default allow list (loopback):
  "127.0.0.1" -> 200
  "127.255.0.9" -> 200
  "::1" -> 200
  "::ffff:127.0.0.1" -> 200
  "10.0.0.1" -> 403
  "::2" -> 403
  "128.0.0.1" -> 403
  "" -> 403
  "localhost" -> 403
  "127.0.0.1 " -> 403
  null -> 403
other requests:
  POST /-/clusterfile/metrics -> next, from 10.0.0.1 -> next
  HEAD /-/clusterfile/metrics -> next, from 10.0.0.1 -> next
  GET / -> next, from 10.0.0.1 -> next
  GET /-/clusterfile/metrics/ -> next, from 10.0.0.1 -> next
  GET /-/clusterfile/METRICS -> next, from 10.0.0.1 -> next
  GET /x/-/clusterfile/metrics -> next, from 10.0.0.1 -> next
allow 10.0.0.0/8, 192.168.0.0/23, 2001:db8::/33, 203.0.113.7:
  10.255.255.255 -> 200
  11.0.0.0 -> 403
  9.255.255.255 -> 403
  192.168.1.255 -> 200
  192.168.2.0 -> 403
  192.167.255.255 -> 403
  2001:db8:7fff::1 -> 200
  2001:db8:8000::1 -> 403
  2001:DB8::A -> 200
  ::ffff:10.1.2.3 -> 200
  203.0.113.7 -> 200
  203.0.113.8 -> 403
  127.0.0.1 -> 403
  ::1 -> 403
  fe80::1%seth0 -> 403
  the default path is not served then: next
edge lists:
  0.0.0.0/0: 8.8.8.8 -> 200
  0.0.0.0/0: ::1 -> 403
  ::/0: 2a00::1 -> 200
  ::/0: 127.0.0.1 -> 403
  ::ffff:10.0.0.0/104: 10.9.9.9 -> 200
  ::ffff:10.0.0.0/104: 11.0.0.1 -> 403
  10.0.0.1/32: 10.0.0.1 -> 200
  10.0.0.1/32: 10.0.0.0 -> 403
  ::1: ::1 -> 200
  ::1: 127.0.0.1 -> 403
invalid lists deny everyone:
  "10.0.0.0\/33" -> 403 clusterfile metrics: CLUSTERFILE_METRICS_ALLOW is not a valid list of CIDRs; every client is denied
  "::1\/129" -> 403 clusterfile metrics: CLUSTERFILE_METRICS_ALLOW is not a valid list of CIDRs; every client is denied
  "banana" -> 403 clusterfile metrics: CLUSTERFILE_METRICS_ALLOW is not a valid list of CIDRs; every client is denied
  "127.0.0.1,nonsense" -> 403 clusterfile metrics: CLUSTERFILE_METRICS_ALLOW is not a valid list of CIDRs; every client is denied
  "10.0.0.0\/8\/8" -> 403 clusterfile metrics: CLUSTERFILE_METRICS_ALLOW is not a valid list of CIDRs; every client is denied
  "10.0.0.0\/" -> 403 clusterfile metrics: CLUSTERFILE_METRICS_ALLOW is not a valid list of CIDRs; every client is denied
  "10.0.0.0\/08" -> 403 clusterfile metrics: CLUSTERFILE_METRICS_ALLOW is not a valid list of CIDRs; every client is denied
  "10.0.0.0\/-1" -> 403 clusterfile metrics: CLUSTERFILE_METRICS_ALLOW is not a valid list of CIDRs; every client is denied
  "10.0.0.0\/ 8" -> 403 clusterfile metrics: CLUSTERFILE_METRICS_ALLOW is not a valid list of CIDRs; every client is denied
  " , " -> 403 clusterfile metrics: CLUSTERFILE_METRICS_ALLOW is not a valid list of CIDRs; every client is denied
  "::ffff:10.0.0.0\/64" -> 403 clusterfile metrics: CLUSTERFILE_METRICS_ALLOW is not a valid list of CIDRs; every client is denied
  "fe80::1%seth0" -> 403 clusterfile metrics: CLUSTERFILE_METRICS_ALLOW is not a valid list of CIDRs; every client is denied
from the environment: 200 403 next
empty variables take the defaults: 200 403
path "\/" is the default, never the site root: GET / -> next, default -> 200
path "" is the default, never the site root: GET / -> next, default -> 200
path "\/\/" is the default, never the site root: GET / -> next, default -> 200
without the extension: false 503 clusterfile metrics: the clusterfile extension is not loaded
