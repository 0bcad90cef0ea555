--TEST--
A zstd frame declaring more than maxPayloadBytes is a miss (decode_error_total, entry stays valid, file kept) refused before allocating: memory stays bounded even for a valid frame of 1 GiB
--EXTENSIONS--
clusterfile
igbinary
--FILE--
<?php
require __DIR__ . '/../inc/bootstrap.inc';

/*
 * A zstd frame of $blocks RLE blocks of 128 KiB zero bytes each (RFC 8878):
 *   28 b5 2f fd                 magic number (0xFD2FB528, little endian)
 *   e0                          frame header descriptor: FCS field 8 bytes (bits 7-6 = 3),
 *                               single segment (bit 5), no checksum, no dictionary
 *   <8 bytes LE>                frame content size = $blocks * 131072
 *   per block: 3-byte LE header (bit 0 last block, bits 1-2 block type 1 = RLE,
 *              bits 3-23 size = 131072 repetitions) + the 1 byte to repeat (00)
 * 8192 blocks declare (and really decode to) 1 GiB in a 32781-byte file.
 */
function zstd_rle_frame(int $blocks): string
{
    $f = "\x28\xb5\x2f\xfd" . "\xe0" . pack('P', $blocks * 131072);
    for ($i = 0; $i < $blocks; $i++) {
        $f .= substr(pack('V', (131072 << 3) | (1 << 1) | ($i === $blocks - 1 ? 1 : 0)), 0, 3) . "\x00";
    }
    return $f;
}

// 1. the construction is a valid frame: 16 blocks = 2 MiB decode fine under a 64 MiB cap
$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$big = cf_pod($meta, $dir, ['maxPayloadBytes' => 67108864, 'payloadL1MaxEntries' => 0]);
$big->set('e', 'placeholder');
cf_plant($meta, $dir, 'e', "\x01" . zstd_rle_frame(16));
echo 'valid 2 MiB frame: ', var_export($big->get('e') === str_repeat("\0", 2 << 20), true), "\n";

// 2. the same construction declaring 1 GiB, read with the default cap (10 MiB)
$meta = new FakeMetaFrontend();
$dir = cf_tmpdir();
$b = cf_pod($meta, $dir, ['payloadL1MaxEntries' => 0]);
$b->set('e', 'placeholder');
$path = cf_plant($meta, $dir, 'e', "\x01" . zstd_rle_frame(8192));
echo 'file size: ', filesize($path), "\n";
memory_reset_peak_usage();
$before = memory_get_usage();
$got = $b->get('e');
$grew = memory_get_peak_usage() - $before;
echo 'get 1 GiB bomb: '; var_dump($got);
echo 'peak growth under 16 MB: ', var_export($grew < 16 << 20, true), "\n";
$s = $b->getStatistics();
echo 'decode_error_total: ', $s['decode_error_total'], "\n";
echo 'broken misses: ', $s['cache_miss_total']['broken'], "\n";
echo 'state: ', cf_record($meta, 'e')['state'], "\n";
echo 'file kept: ', var_export(is_file($path), true), "\n";

// 3. a frame the real encoder wrote on a pod allowing 64 MiB, read on a pod allowing 1024 bytes
$meta = new FakeMetaFrontend();
$dirA = cf_tmpdir();
$dirB = cf_tmpdir();
$a = cf_pod($meta, $dirA, ['maxPayloadBytes' => 67108864, 'payloadL1MaxEntries' => 0]);
$small = cf_pod($meta, $dirB, ['maxPayloadBytes' => 1024, 'payloadL1MaxEntries' => 0]);
$a->set('zeros', str_repeat("\0", 2 << 20));
$src = cf_payload_path($meta, $dirA, 'zeros');
$dst = cf_payload_path($meta, $dirB, 'zeros');
echo 'encoded 2 MiB as: marker ', bin2hex(file_get_contents($src)[0]), ', under 1 KiB ', var_export(filesize($src) < 1024, true), "\n";
mkdir(dirname($dst), 0750, true);
copy($src, $dst);
echo 'small pod get: '; var_dump($small->get('zeros'));
echo 'small pod decode_error_total: ', $small->getStatistics()['decode_error_total'], "\n";
echo 'small pod blob misses: ', $small->getStatistics()['blob_miss_total'], "\n";
echo 'state: ', cf_record($meta, 'zeros')['state'], "\n";
echo 'copied file kept: ', var_export(is_file($dst), true), "\n";
echo 'writing pod still hits: ', var_export($a->get('zeros') === str_repeat("\0", 2 << 20), true), "\n";
?>
--EXPECT--
valid 2 MiB frame: true
file size: 32782
get 1 GiB bomb: bool(false)
peak growth under 16 MB: true
decode_error_total: 1
broken misses: 0
state: valid
file kept: true
encoded 2 MiB as: marker 01, under 1 KiB true
small pod get: bool(false)
small pod decode_error_total: 1
small pod blob misses: 0
state: valid
copied file kept: true
writing pod still hits: true
