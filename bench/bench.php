<?php
/*
 * Micro-benchmarks of the backend's hot paths, over the in-memory metadata frontend of the phpt
 * suite (so the figures are the backend's own cost, not a database's).
 *   php -d extension=modules/clusterfile.so bench/bench.php [iterations]
 * Also: `make bench`. Each line: operation, payload size, ns per operation (median of 5 runs).
 * `userland` rows do the same disk work in plain PHP (read, sha256, inflate) for comparison.
 */
declare(strict_types=1);

require __DIR__ . '/../tests/inc/bootstrap.inc';

$n = (int)($argv[1] ?? 2000);

function bench(string $label, int $n, callable $fn): void
{
    $runs = [];
    for ($r = 0; $r < 5; $r++) {
        $t = hrtime(true);
        for ($i = 0; $i < $n; $i++) {
            $fn($i);
        }
        $runs[] = (hrtime(true) - $t) / $n;
    }
    sort($runs);
    printf("%-52s %10.0f ns/op\n", $label, $runs[2]);
}

$meta = new FakeMetaFrontend();
foreach ([1024, 16384, 262144] as $size) {
    $payload = '';
    while (strlen($payload) < $size) {
        $payload .= 'Lorem ipsum dolor sit amet, ' . strlen($payload) . ' consectetur adipiscing elit. ';
    }
    $payload = substr($payload, 0, $size);
    foreach (['zstd', 'gzip'] as $codec) {
        $dir = cf_tmpdir('bench');
        $b = cf_pod($meta, $dir, ['compression' => $codec, 'payloadL1MaxEntries' => 0]);
        $b->set("p$size", $payload, ['t1', 't2'], 3600);
        bench(sprintf('get, disk hit (%s, %d B)', $codec, $size), $n, static fn () => $b->get("p$size"));
        bench(sprintf('set (%s, %d B)', $codec, $size), max(50, intdiv($n, 4)), static fn (int $i) => $b->set("w$size", $payload, ['t1'], 3600));
        $l1 = cf_pod($meta, $dir, ['compression' => $codec]);
        $l1->get("p$size");
        bench(sprintf('get, payload L1 hit (%s, %d B)', $codec, $size), $n * 10, static fn () => $l1->get("p$size"));
        if ($codec === 'gzip') {
            $rec = cf_record($meta, "p$size");
            $hash = substr($rec['hash'], 7);
            $file = "$dir/" . substr($hash, 0, 2) . "/$hash";
            $checksum = substr($rec['checksum'], 7);
            bench(sprintf('userland: read + sha256 + gzinflate (%d B)', $size), $n, static function () use ($file, $checksum, $meta, $size): void {
                $r = $meta->get("pages__p$size");
                $bytes = file_get_contents($file);
                if (!hash_equals($checksum, hash('sha256', $bytes))) {
                    throw new RuntimeException('checksum');
                }
                gzinflate(substr($bytes, 1));
            });
        }
    }
}
$b = cf_pod($meta, null, []);
$b->set('x', 'y');
bench('has (metadata L1 hit)', $n * 10, static fn () => $b->has('x'));
bench('get of an unknown identifier (metadata round trip)', $n * 10, static fn () => $b->get('nope'));
