<?php

declare(strict_types=1);

namespace ClusterFile\Typo3Extension\Middleware;

use Psr\Http\Message\ResponseFactoryInterface;
use Psr\Http\Message\ResponseInterface;
use Psr\Http\Message\ServerRequestInterface;
use Psr\Http\Message\StreamFactoryInterface;
use Psr\Http\Server\MiddlewareInterface;
use Psr\Http\Server\RequestHandlerInterface;

/**
 * The Prometheus scrape endpoint of the shared counters: GET <path> answers ClusterFile\metrics()
 * (every worker of this PHP master, i.e. the PHP-FPM pool) to the allowed client addresses, before
 * TYPO3 resolves a site or boots a page. Every other request goes on to the next handler as it is.
 *
 * Configuration (environment, read when the middleware is built):
 * - CLUSTERFILE_METRICS_PATH: the path (default /-/clusterfile/metrics; "/" is taken as the default);
 * - CLUSTERFILE_METRICS_ALLOW: comma-separated CIDRs or addresses of the allowed REMOTE_ADDR
 *   (default 127.0.0.0/8,::1/128). One invalid entry denies every client (fail closed).
 *
 * Answers: 200 with the metrics; 403 to a client not allowed (or with an invalid allow list);
 * 503 when the extension (ClusterFile\metrics()) is not loaded.
 */
final class MetricsMiddleware implements MiddlewareInterface
{
    public const DEFAULT_PATH = '/-/clusterfile/metrics';
    public const DEFAULT_ALLOW = '127.0.0.0/8,::1/128';
    public const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

    private readonly string $path;

    /** @var list<array{0: string, 1: int}>|null packed network address and prefix length; null: the list is invalid */
    private readonly ?array $allow;

    private readonly string $allowSource;

    /**
     * @param string|null $path the endpoint's path; null: CLUSTERFILE_METRICS_PATH or the default
     * @param string|null $allow the allow list; null: CLUSTERFILE_METRICS_ALLOW or the default
     */
    public function __construct(
        private readonly ResponseFactoryInterface $responseFactory,
        private readonly StreamFactoryInterface $streamFactory,
        ?string $path = null,
        ?string $allow = null,
    ) {
        $path ??= self::env('CLUSTERFILE_METRICS_PATH') ?? self::DEFAULT_PATH;
        $path = '/' . ltrim($path, '/');
        // the site's root is never the metrics endpoint: an empty or "/" path means the default
        $this->path = $path === '/' ? self::DEFAULT_PATH : $path;
        $this->allowSource = $allow ?? self::env('CLUSTERFILE_METRICS_ALLOW') ?? self::DEFAULT_ALLOW;
        $this->allow = self::parseAllowList($this->allowSource);
    }

    public function process(ServerRequestInterface $request, RequestHandlerInterface $handler): ResponseInterface
    {
        if ($request->getMethod() !== 'GET' || $request->getUri()->getPath() !== $this->path) {
            return $handler->handle($request);
        }
        if ($this->allow === null) {
            return $this->text(403, "clusterfile metrics: CLUSTERFILE_METRICS_ALLOW is not a valid list of CIDRs; every client is denied\n");
        }
        $remote = $request->getServerParams()['REMOTE_ADDR'] ?? null;
        if (!is_string($remote) || !self::allowed($remote, $this->allow)) {
            return $this->text(403, "clusterfile metrics: this client address is not allowed\n");
        }
        if (!function_exists('ClusterFile\\metrics')) {
            return $this->text(503, "clusterfile metrics: the clusterfile extension is not loaded\n");
        }
        return $this->text(200, \ClusterFile\metrics())->withHeader('Content-Type', self::CONTENT_TYPE);
    }

    private function text(int $status, string $body): ResponseInterface
    {
        return $this->responseFactory->createResponse($status)
            ->withHeader('Content-Type', 'text/plain; charset=utf-8')
            ->withHeader('Cache-Control', 'no-store')
            ->withBody($this->streamFactory->createStream($body));
    }

    private static function env(string $name): ?string
    {
        $value = getenv($name);
        if (!is_string($value) || trim($value) === '') {
            return null;
        }
        return trim($value);
    }

    /**
     * The entries of a comma-separated list of CIDRs ("10.0.0.0/8", "fd00::/8") or single
     * addresses ("10.1.2.3", "::1"), or null if any entry is invalid or the list is empty.
     *
     * @return list<array{0: string, 1: int}>|null
     */
    public static function parseAllowList(string $list): ?array
    {
        $entries = [];
        foreach (explode(',', $list) as $item) {
            $item = trim($item);
            if ($item === '') {
                continue;
            }
            $parts = explode('/', $item);
            if (count($parts) > 2) {
                return null;
            }
            $raw = self::packRaw($parts[0]);
            if ($raw === null) {
                return null;
            }
            $bits = strlen($raw) * 8;
            $prefix = $bits;
            if (count($parts) === 2) {
                if (preg_match('/^(0|[1-9][0-9]{0,2})$/', $parts[1]) !== 1 || (int)$parts[1] > $bits) {
                    return null;
                }
                $prefix = (int)$parts[1];
            }
            $address = self::unmap($raw);
            if (strlen($address) !== strlen($raw)) {
                // ::ffff:a.b.c.d/n is the IPv4 network a.b.c.d/(n - 96)
                if ($prefix < 96) {
                    return null;
                }
                $prefix -= 96;
            }
            $entries[] = [self::mask($address, $prefix), $prefix];
        }
        return $entries === [] ? null : $entries;
    }

    /** @param list<array{0: string, 1: int}> $allow */
    public static function allowed(string $remote, array $allow): bool
    {
        $address = self::pack($remote);
        if ($address === null) {
            return false;
        }
        foreach ($allow as [$network, $prefix]) {
            if (strlen($network) === strlen($address) && self::mask($address, $prefix) === $network) {
                return true;
            }
        }
        return false;
    }

    /**
     * The packed form of an IPv4 or IPv6 address (4 or 16 bytes), an IPv4-mapped IPv6 address
     * (::ffff:127.0.0.1, as a dual-stack socket reports an IPv4 client) as its IPv4 address; null
     * if it is not an address (a zone index as in fe80::1%eth0 is not accepted).
     */
    private static function pack(string $address): ?string
    {
        $raw = self::packRaw($address);
        return $raw === null ? null : self::unmap($raw);
    }

    private static function packRaw(string $address): ?string
    {
        if ($address === '' || preg_match('/^[0-9A-Fa-f:.]+$/', $address) !== 1) {
            return null;
        }
        $packed = @inet_pton($address);
        return is_string($packed) ? $packed : null;
    }

    private static function unmap(string $packed): string
    {
        if (strlen($packed) === 16 && str_starts_with($packed, str_repeat("\0", 10) . "\xff\xff")) {
            return substr($packed, 12);
        }
        return $packed;
    }

    /** $address with every bit after the first $prefix bits cleared. */
    private static function mask(string $address, int $prefix): string
    {
        $out = '';
        $len = strlen($address);
        for ($i = 0; $i < $len; $i++) {
            $keep = max(0, min(8, $prefix - 8 * $i));
            $out .= chr(ord($address[$i]) & (0xff << (8 - $keep)) & 0xff);
        }
        return $out;
    }
}
