/*
 * cmocka tests of src/codec.c: the marker byte, the skip-compress threshold, round trips of every
 * codec, the decode bounds (zstd and deflate bombs, exact max_out boundaries), integrity failures
 * (empty input, unknown marker, truncated/garbage/trailing bodies), allocator failure paths, and
 * the codec state (its zstd contexts: created on first use, released by any thread, one state per
 * thread).
 *
 * Linked with -Wl,--wrap=ZSTD_createCCtx,--wrap=ZSTD_createDCtx,--wrap=ZSTD_freeCCtx,
 * --wrap=ZSTD_freeDCtx,--wrap=ZSTD_compressCCtx,--wrap=ZSTD_decompressDCtx: the __wrap_* functions
 * below count the live contexts (every test ends with none) and fail on demand; otherwise they
 * pass through to libzstd.
 */
#include "unit.h"

#include "codec.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#define MIB ((size_t)1024 * 1024)

/* Marker 0x00 + "abc", and an unknown marker 0xFF + "abc". */
static const char none_abc[] = {0x00, 'a', 'b', 'c'};
static const char ff_abc[] = {(char)0xff, 'a', 'b', 'c'};

/* A wrapper over the failing allocator that records every request (calls and largest size). */
static long track_calls;
static size_t track_max_size;

static void *track_alloc(size_t n, void *ctx)
{
	track_calls++;
	if (n > track_max_size) {
		track_max_size = n;
	}
	return cf_unit_failing_alloc(n, ctx);
}

static void *track_realloc(void *p, size_t n, void *ctx)
{
	track_calls++;
	if (n > track_max_size) {
		track_max_size = n;
	}
	return cf_unit_failing_realloc(p, n, ctx);
}

static const cf_allocator tracking_allocator = {track_alloc, track_realloc, cf_unit_free, NULL};

/* ---- libzstd seams (see the top of the file) ---- */

ZSTD_CCtx *__real_ZSTD_createCCtx(void);
ZSTD_DCtx *__real_ZSTD_createDCtx(void);
size_t __real_ZSTD_freeCCtx(ZSTD_CCtx *cctx);
size_t __real_ZSTD_freeDCtx(ZSTD_DCtx *dctx);
size_t __real_ZSTD_compressCCtx(ZSTD_CCtx *cctx, void *dst, size_t cap, const void *src, size_t len, int level);
size_t __real_ZSTD_decompressDCtx(ZSTD_DCtx *dctx, void *dst, size_t cap, const void *src, size_t len);

ZSTD_CCtx *__wrap_ZSTD_createCCtx(void);
ZSTD_DCtx *__wrap_ZSTD_createDCtx(void);
size_t __wrap_ZSTD_freeCCtx(ZSTD_CCtx *cctx);
size_t __wrap_ZSTD_freeDCtx(ZSTD_DCtx *dctx);
size_t __wrap_ZSTD_compressCCtx(ZSTD_CCtx *cctx, void *dst, size_t cap, const void *src, size_t len, int level);
size_t __wrap_ZSTD_decompressDCtx(ZSTD_DCtx *dctx, void *dst, size_t cap, const void *src, size_t len);

/* Atomic: the two-thread test creates contexts concurrently. */
static atomic_long zstd_live_contexts; /* created and not yet freed, both kinds */
static atomic_long zstd_created;       /* successful creations, both kinds */
static atomic_long zstd_ctx_calls;     /* ZSTD_compressCCtx + ZSTD_decompressDCtx calls */
static atomic_bool zstd_fail_create;   /* ZSTD_create[CD]Ctx return NULL */
static atomic_int zstd_ctx_error;      /* ZSTD_{compressCCtx,decompressDCtx} fail with this code (0: never) */

/* A libzstd error result (zstd returns errors as (size_t)-code). */
#define ZSTD_ERROR_RESULT(code) ((size_t) - (code))

ZSTD_CCtx *__wrap_ZSTD_createCCtx(void)
{
	ZSTD_CCtx *c = zstd_fail_create ? NULL : __real_ZSTD_createCCtx();
	if (c) {
		zstd_live_contexts++;
		zstd_created++;
	}
	return c;
}

ZSTD_DCtx *__wrap_ZSTD_createDCtx(void)
{
	ZSTD_DCtx *d = zstd_fail_create ? NULL : __real_ZSTD_createDCtx();
	if (d) {
		zstd_live_contexts++;
		zstd_created++;
	}
	return d;
}

size_t __wrap_ZSTD_freeCCtx(ZSTD_CCtx *cctx)
{
	if (cctx) {
		zstd_live_contexts--;
	}
	return __real_ZSTD_freeCCtx(cctx);
}

size_t __wrap_ZSTD_freeDCtx(ZSTD_DCtx *dctx)
{
	if (dctx) {
		zstd_live_contexts--;
	}
	return __real_ZSTD_freeDCtx(dctx);
}

size_t __wrap_ZSTD_compressCCtx(ZSTD_CCtx *cctx, void *dst, size_t cap, const void *src, size_t len, int level)
{
	zstd_ctx_calls++;
	if (zstd_ctx_error) {
		return ZSTD_ERROR_RESULT(zstd_ctx_error);
	}
	return __real_ZSTD_compressCCtx(cctx, dst, cap, src, len, level);
}

size_t __wrap_ZSTD_decompressDCtx(ZSTD_DCtx *dctx, void *dst, size_t cap, const void *src, size_t len)
{
	zstd_ctx_calls++;
	if (zstd_ctx_error) {
		return ZSTD_ERROR_RESULT(zstd_ctx_error);
	}
	return __real_ZSTD_decompressDCtx(dctx, dst, cap, src, len);
}

/* The state every encode/decode of the other tests uses, as the module's per-thread globals do. */
static cf_codec_state codec_state;

static int reset_counters(void **state)
{
	(void)state;
	cf_unit_live_allocs = 0;
	cf_unit_fail_after = -1;
	track_calls = 0;
	track_max_size = 0;
	zstd_live_contexts = 0;
	zstd_created = 0;
	zstd_ctx_calls = 0;
	zstd_fail_create = false;
	zstd_ctx_error = 0;
	cf_codec_state_init(&codec_state);
	return 0;
}

/* Releasing the shared state leaves no zstd context behind, whatever the test did. */
static int release_state(void **state)
{
	(void)state;
	cf_codec_state_release(&codec_state);
	assert_int_equal(zstd_live_contexts, 0);
	return 0;
}

/* Deterministic bytes with runs, NULs and 0xFF: compressible, but not trivially. */
static void fill_payload(char *buf, size_t len, uint32_t seed)
{
	static const char alphabet[] = {'\0', (char)0xff, 'a', 'b', 'c', '\n', (char)0x80, 'z'};
	uint32_t x = seed ? seed : 0x9e3779b9u;
	size_t i = 0;

	while (i < len) {
		size_t run, j;
		char c;

		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		c = (x & 0x100) ? alphabet[x & 7] : (char)(x >> 24);
		run = 1 + ((x >> 9) & 7);
		for (j = 0; j < run && i < len; j++) {
			buf[i++] = c;
		}
	}
}

/* Incompressible bytes (xorshift output). */
static void fill_random(char *buf, size_t len, uint32_t seed)
{
	uint32_t x = seed ? seed : 0x12345678u;
	size_t i;

	for (i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (char)(x >> 24);
	}
}

static void encode_ok(cf_codec primary, size_t min_compressed, const void *in, size_t len, char **out, size_t *out_len)
{
	assert_int_equal(
		cf_codec_encode(&codec_state, primary, min_compressed, in, len, &cf_unit_allocator, out, out_len), CF_CODEC_OK);
	assert_non_null(*out);
	assert_true(*out_len >= 1);
	assert_true(*out_len <= cf_codec_max_encoded_size(len));
}

/* Encodes, checks the marker, decodes with max_out == len and compares. */
static void assert_round_trip(cf_codec primary, size_t min_compressed, const void *in, size_t len, cf_codec expected)
{
	char *enc = NULL, *dec = NULL;
	size_t enc_len = 0, dec_len = 99;
	cf_codec used = (cf_codec)0x7f;

	encode_ok(primary, min_compressed, in, len, &enc, &enc_len);
	assert_int_equal((unsigned char)enc[0], expected);
	if (expected == CF_CODEC_NONE) {
		assert_int_equal(enc_len, len + 1);
		assert_memory_equal(enc + 1, in, len);
	}
	assert_int_equal(
		cf_codec_decode(&codec_state, enc, enc_len, len, &cf_unit_allocator, &dec, &dec_len, &used), CF_CODEC_OK);
	assert_non_null(dec);
	assert_int_equal(used, expected);
	assert_int_equal(dec_len, len);
	if (len > 0) {
		assert_memory_equal(dec, in, len);
	}
	cf_free(&cf_unit_allocator, dec);
	cf_free(&cf_unit_allocator, enc);
}

static void assert_decode_fails(const void *in, size_t len, size_t max_out, cf_codec_status expected)
{
	char *dec = (char *)0x1;
	size_t dec_len = 99;

	assert_int_equal(
		cf_codec_decode(&codec_state, in, len, max_out, &cf_unit_allocator, &dec, &dec_len, NULL), expected);
	assert_null(dec);
	assert_int_equal(dec_len, 0);
}

/* A whole file: marker 0x01 + one zstd frame of `total` zeros, produced by streaming compression. */
static unsigned char *zstd_file_of_zeros(size_t total, int content_size_flag, size_t *file_len)
{
	static const unsigned char zeros[1 << 20];
	size_t cap = 1 << 20, used = 1, left = total;
	unsigned char *file = malloc(cap);
	ZSTD_CCtx *cctx = ZSTD_createCCtx();

	assert_non_null(file);
	assert_non_null(cctx);
	file[0] = CF_CODEC_ZSTD;
	assert_false(ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, CF_ZSTD_LEVEL)));
	assert_false(ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, content_size_flag)));
	if (content_size_flag) {
		assert_false(ZSTD_isError(ZSTD_CCtx_setPledgedSrcSize(cctx, total)));
	}
	for (;;) {
		size_t chunk = left < sizeof(zeros) ? left : sizeof(zeros);
		ZSTD_EndDirective end = chunk == left ? ZSTD_e_end : ZSTD_e_continue;
		ZSTD_inBuffer in = {zeros, chunk, 0};
		size_t remaining;

		do {
			ZSTD_outBuffer out = {file + used, cap - used, 0};
			remaining = ZSTD_compressStream2(cctx, &out, &in, end);
			assert_false(ZSTD_isError(remaining));
			used += out.pos;
			assert_true(used < cap);
		} while (end == ZSTD_e_end ? remaining != 0 : in.pos < in.size);
		left -= chunk;
		if (end == ZSTD_e_end) {
			break;
		}
	}
	ZSTD_freeCCtx(cctx);
	*file_len = used;
	return file;
}

/* A whole file: marker 0x02 + a raw DEFLATE stream of `total` zeros. */
static unsigned char *deflate_file_of_zeros(size_t total, size_t *file_len)
{
	static const unsigned char zeros[1 << 20];
	size_t cap = 1 << 20, left = total;
	unsigned char *file = malloc(cap);
	z_stream zs;
	int ret;

	assert_non_null(file);
	file[0] = CF_CODEC_DEFLATE;
	memset(&zs, 0, sizeof(zs));
	/* Z_RLE keeps the fixture fast (also under valgrind); the stream is ordinary raw DEFLATE. */
	assert_int_equal(deflateInit2(&zs, CF_DEFLATE_LEVEL, Z_DEFLATED, -15, 8, Z_RLE), Z_OK);
	zs.next_out = file + 1;
	zs.avail_out = (uInt)(cap - 1);
	do {
		size_t chunk = left < sizeof(zeros) ? left : sizeof(zeros);
		zs.next_in = (Bytef *)zeros;
		zs.avail_in = (uInt)chunk;
		left -= chunk;
		ret = deflate(&zs, left == 0 ? Z_FINISH : Z_NO_FLUSH);
		assert_true(ret == Z_OK || ret == Z_STREAM_END);
		assert_int_equal(zs.avail_in, 0);
		assert_true(zs.avail_out > 0);
	} while (ret != Z_STREAM_END);
	*file_len = 1 + zs.total_out;
	deflateEnd(&zs);
	return file;
}

static void test_codec_names_and_parsing(void **state)
{
	cf_codec c = CF_CODEC_NONE;

	assert_string_equal(cf_codec_name(CF_CODEC_NONE), "none");
	assert_string_equal(cf_codec_name(CF_CODEC_ZSTD), "zstd");
	assert_string_equal(cf_codec_name(CF_CODEC_DEFLATE), "gzip");
	assert_null(cf_codec_name((cf_codec)3));

	assert_true(cf_codec_from_name("gzip", 4, &c));
	assert_int_equal(c, CF_CODEC_DEFLATE);
	assert_true(cf_codec_from_name("zstd", 4, &c));
	assert_int_equal(c, CF_CODEC_ZSTD);
	assert_true(cf_codec_from_name("none", 4, &c));
	assert_int_equal(c, CF_CODEC_NONE);
	assert_false(cf_codec_from_name("deflate", 7, &c));
	assert_false(cf_codec_from_name("ZSTD", 4, &c));
	assert_false(cf_codec_from_name("zstd", 3, &c));
	assert_false(cf_codec_from_name("none\0", 5, &c));
	assert_false(cf_codec_from_name("", 0, &c));
	assert_int_equal(c, CF_CODEC_NONE);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_codec_strerror_covers_every_status(void **state)
{
	int s;

	for (s = CF_CODEC_OK; s <= CF_CODEC_E_CORRUPT; s++) {
		const char *msg = cf_codec_strerror((cf_codec_status)s);
		assert_non_null(msg);
		assert_true(strlen(msg) > 0);
	}
	assert_string_not_equal(cf_codec_strerror(CF_CODEC_E_TOO_LARGE), cf_codec_strerror(CF_CODEC_E_CORRUPT));
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_marker_values_are_0_1_2(void **state)
{
	char *enc;
	size_t enc_len;

	assert_int_equal(CF_CODEC_NONE, 0x00);
	assert_int_equal(CF_CODEC_ZSTD, 0x01);
	assert_int_equal(CF_CODEC_DEFLATE, 0x02);

	encode_ok(CF_CODEC_NONE, 0, "abc", 3, &enc, &enc_len);
	assert_int_equal(enc[0], 0x00);
	assert_memory_equal(enc, none_abc, sizeof(none_abc));
	cf_free(&cf_unit_allocator, enc);
	encode_ok(CF_CODEC_ZSTD, 0, "abc", 3, &enc, &enc_len);
	assert_int_equal(enc[0], 0x01);
	cf_free(&cf_unit_allocator, enc);
	encode_ok(CF_CODEC_DEFLATE, 0, "abc", 3, &enc, &enc_len);
	assert_int_equal(enc[0], 0x02);
	cf_free(&cf_unit_allocator, enc);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_effective_codec_threshold_is_strictly_less(void **state)
{
	assert_int_equal(cf_codec_effective(CF_CODEC_ZSTD, 1023, 1024), CF_CODEC_NONE);
	assert_int_equal(cf_codec_effective(CF_CODEC_ZSTD, 1024, 1024), CF_CODEC_ZSTD);
	assert_int_equal(cf_codec_effective(CF_CODEC_DEFLATE, 1023, 1024), CF_CODEC_NONE);
	assert_int_equal(cf_codec_effective(CF_CODEC_DEFLATE, 1024, 1024), CF_CODEC_DEFLATE);
	assert_int_equal(cf_codec_effective(CF_CODEC_ZSTD, 0, 0), CF_CODEC_ZSTD);
	assert_int_equal(cf_codec_effective(CF_CODEC_DEFLATE, 1, 0), CF_CODEC_DEFLATE);
	assert_int_equal(cf_codec_effective(CF_CODEC_NONE, 5000, 0), CF_CODEC_NONE);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_skip_compress_boundary_1023_raw_1024_compressed(void **state)
{
	char buf[1024];

	memset(buf, 'q', sizeof(buf));
	assert_round_trip(CF_CODEC_ZSTD, 1024, buf, 1023, CF_CODEC_NONE);
	assert_round_trip(CF_CODEC_ZSTD, 1024, buf, 1024, CF_CODEC_ZSTD);
	assert_round_trip(CF_CODEC_DEFLATE, 1024, buf, 1023, CF_CODEC_NONE);
	assert_round_trip(CF_CODEC_DEFLATE, 1024, buf, 1024, CF_CODEC_DEFLATE);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_threshold_zero_compresses_one_byte(void **state)
{
	assert_round_trip(CF_CODEC_ZSTD, 0, "x", 1, CF_CODEC_ZSTD);
	assert_round_trip(CF_CODEC_DEFLATE, 0, "x", 1, CF_CODEC_DEFLATE);
	assert_round_trip(CF_CODEC_ZSTD, 0, "\0", 1, CF_CODEC_ZSTD);
	assert_round_trip(CF_CODEC_DEFLATE, 0, "\xff", 1, CF_CODEC_DEFLATE);
	assert_round_trip(CF_CODEC_NONE, 0, "\0", 1, CF_CODEC_NONE);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_none_never_compresses_even_5000_bytes(void **state)
{
	char buf[5000];

	memset(buf, 0, sizeof(buf));
	assert_round_trip(CF_CODEC_NONE, 0, buf, sizeof(buf), CF_CODEC_NONE);
	assert_round_trip(CF_CODEC_NONE, 1024, buf, sizeof(buf), CF_CODEC_NONE);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_empty_payload_round_trips_for_every_codec(void **state)
{
	assert_round_trip(CF_CODEC_ZSTD, 0, "", 0, CF_CODEC_ZSTD);
	assert_round_trip(CF_CODEC_DEFLATE, 0, "", 0, CF_CODEC_DEFLATE);
	assert_round_trip(CF_CODEC_NONE, 0, "", 0, CF_CODEC_NONE);
	assert_round_trip(CF_CODEC_ZSTD, 0, NULL, 0, CF_CODEC_ZSTD);
	assert_round_trip(CF_CODEC_ZSTD, 1, "", 0, CF_CODEC_NONE);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_binary_bytes_round_trip_for_every_codec(void **state)
{
	static const char bin[] = {'\0', (char)0xff, '\0', '\0', (char)0xfe, 'a', (char)0xff, (char)0xff, '\0', '\n'};
	char buf[4096];

	fill_payload(buf, sizeof(buf), 7);
	assert_round_trip(CF_CODEC_NONE, 0, bin, sizeof(bin), CF_CODEC_NONE);
	assert_round_trip(CF_CODEC_ZSTD, 0, bin, sizeof(bin), CF_CODEC_ZSTD);
	assert_round_trip(CF_CODEC_DEFLATE, 0, bin, sizeof(bin), CF_CODEC_DEFLATE);
	assert_round_trip(CF_CODEC_NONE, 0, buf, sizeof(buf), CF_CODEC_NONE);
	assert_round_trip(CF_CODEC_ZSTD, 0, buf, sizeof(buf), CF_CODEC_ZSTD);
	assert_round_trip(CF_CODEC_DEFLATE, 0, buf, sizeof(buf), CF_CODEC_DEFLATE);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void round_trip_large(cf_codec codec)
{
	size_t len = 3 * MIB;
	char *buf = malloc(len);

	assert_non_null(buf);
	fill_payload(buf, len, 42);
	assert_round_trip(codec, 1024, buf, len, codec);
	free(buf);
}

static void test_large_3mib_round_trip_none(void **state)
{
	round_trip_large(CF_CODEC_NONE);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_large_3mib_round_trip_zstd(void **state)
{
	round_trip_large(CF_CODEC_ZSTD);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_large_3mib_round_trip_deflate(void **state)
{
	round_trip_large(CF_CODEC_DEFLATE);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_max_encoded_size_bounds_every_codec(void **state)
{
	static const size_t sizes[] = {0, 1, 1023, 1024, 65536, 100000};
	static const cf_codec codecs[] = {CF_CODEC_NONE, CF_CODEC_ZSTD, CF_CODEC_DEFLATE};
	char *buf = malloc(100000);
	size_t i, j;

	assert_non_null(buf);
	fill_random(buf, 100000, 3);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t bound = cf_codec_max_encoded_size(sizes[i]);
		assert_true(bound >= 1 + ZSTD_compressBound(sizes[i]));
		assert_true(bound >= 1 + compressBound(sizes[i]));
		assert_true(bound >= 1 + sizes[i]);
		for (j = 0; j < sizeof(codecs) / sizeof(codecs[0]); j++) {
			char *enc;
			size_t enc_len;
			/* Incompressible input: the worst case the bound must cover (checked in encode_ok). */
			encode_ok(codecs[j], 0, buf, sizes[i], &enc, &enc_len);
			cf_free(&cf_unit_allocator, enc);
		}
	}
	assert_int_equal(cf_codec_max_encoded_size(SIZE_MAX), SIZE_MAX);
	free(buf);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_decode_empty_input_is_empty_error(void **state)
{
	char *dec = (char *)0x1;
	size_t dec_len = 99;
	cf_codec used = (cf_codec)0x7f;

	assert_int_equal(
		cf_codec_decode(&codec_state, "", 0, 100, &tracking_allocator, &dec, &dec_len, &used), CF_CODEC_E_EMPTY);
	assert_null(dec);
	assert_int_equal(dec_len, 0);
	assert_int_equal(used, 0x7f);
	assert_int_equal(track_calls, 0);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_decode_unknown_marker_0xff_and_0x03(void **state)
{
	char *dec = (char *)0x1;
	size_t dec_len = 99;
	cf_codec used = (cf_codec)0x7f;

	assert_int_equal(
		cf_codec_decode(&codec_state, ff_abc, sizeof(ff_abc), 100, &tracking_allocator, &dec, &dec_len, &used),
		CF_CODEC_E_MARKER);
	assert_null(dec);
	assert_int_equal(used, 0x7f);
	assert_int_equal(
		cf_codec_decode(&codec_state, "\x03", 1, 100, &tracking_allocator, &dec, &dec_len, &used), CF_CODEC_E_MARKER);
	assert_null(dec);
	assert_int_equal(used, 0x7f);
	assert_decode_fails("\x80xyz", 4, 100, CF_CODEC_E_MARKER);
	assert_int_equal(track_calls, 0);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_decode_sets_used_codec_even_on_body_error(void **state)
{
	char *dec = NULL;
	size_t dec_len;
	cf_codec used = (cf_codec)0x7f;

	assert_int_equal(cf_codec_decode(&codec_state, "\x01garbage", 8, 100, &cf_unit_allocator, &dec, &dec_len, &used),
		CF_CODEC_E_CORRUPT);
	assert_int_equal(used, CF_CODEC_ZSTD);
	assert_int_equal(
		cf_codec_decode(&codec_state, none_abc, sizeof(none_abc), 2, &cf_unit_allocator, &dec, &dec_len, &used),
		CF_CODEC_E_TOO_LARGE);
	assert_int_equal(used, CF_CODEC_NONE);
	assert_int_equal(
		cf_codec_decode(&codec_state, "\x02", 1, 100, &cf_unit_allocator, &dec, &dec_len, &used), CF_CODEC_E_CORRUPT);
	assert_int_equal(used, CF_CODEC_DEFLATE);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_zstd_bomb_100mb_refused_before_any_allocation(void **state)
{
	size_t file_len;
	unsigned char *file = zstd_file_of_zeros(100 * 1000 * 1000, 1, &file_len);
	char *dec = (char *)0x1;
	size_t dec_len = 99;
	cf_codec used;

	assert_true(file_len < 64 * 1024);
	assert_int_equal(ZSTD_getFrameContentSize(file + 1, file_len - 1), 100 * 1000 * 1000);

	/* Any allocation attempt would fail (E_NOMEM): E_TOO_LARGE proves none was made. */
	cf_unit_fail_after = 0;
	assert_int_equal(cf_codec_decode(&codec_state, file, file_len, MIB, &tracking_allocator, &dec, &dec_len, &used),
		CF_CODEC_E_TOO_LARGE);
	cf_unit_fail_after = -1;
	assert_null(dec);
	assert_int_equal(dec_len, 0);
	assert_int_equal(used, CF_CODEC_ZSTD);
	assert_int_equal(track_calls, 0);
	assert_int_equal(cf_unit_live_allocs, 0);
	free(file);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_zstd_frame_without_content_size_is_corrupt(void **state)
{
	size_t file_len;
	unsigned char *file = zstd_file_of_zeros(1000, 0, &file_len);
	char *dec = (char *)0x1;
	size_t dec_len = 99;

	assert_int_equal(ZSTD_getFrameContentSize(file + 1, file_len - 1), ZSTD_CONTENTSIZE_UNKNOWN);
	assert_int_equal(cf_codec_decode(&codec_state, file, file_len, MIB, &tracking_allocator, &dec, &dec_len, NULL),
		CF_CODEC_E_CORRUPT);
	assert_null(dec);
	assert_int_equal(track_calls, 0);
	free(file);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_zstd_truncated_frame_is_corrupt(void **state)
{
	char buf[8000], *enc;
	size_t enc_len, n;

	fill_payload(buf, sizeof(buf), 11);
	encode_ok(CF_CODEC_ZSTD, 0, buf, sizeof(buf), &enc, &enc_len);
	assert_int_equal(enc[0], CF_CODEC_ZSTD);
	/* Every proper prefix, down to the bare marker. */
	for (n = 1; n < enc_len; n++) {
		assert_decode_fails(enc, n, sizeof(buf), CF_CODEC_E_CORRUPT);
	}
	cf_free(&cf_unit_allocator, enc);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_zstd_trailing_garbage_or_second_frame_is_corrupt(void **state)
{
	char buf[3000], *enc, *bad;
	size_t enc_len;

	fill_payload(buf, sizeof(buf), 12);
	encode_ok(CF_CODEC_ZSTD, 0, buf, sizeof(buf), &enc, &enc_len);
	bad = malloc(2 * enc_len);
	assert_non_null(bad);

	memcpy(bad, enc, enc_len);
	bad[enc_len] = 'x';
	assert_decode_fails(bad, enc_len + 1, sizeof(buf), CF_CODEC_E_CORRUPT);
	bad[enc_len] = '\0';
	assert_decode_fails(bad, enc_len + 1, sizeof(buf), CF_CODEC_E_CORRUPT);
	/* A second complete frame after the first. */
	memcpy(bad + enc_len, enc + 1, enc_len - 1);
	assert_decode_fails(bad, 2 * enc_len - 1, 2 * sizeof(buf), CF_CODEC_E_CORRUPT);

	free(bad);
	cf_free(&cf_unit_allocator, enc);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_zstd_garbage_and_skippable_frame_are_corrupt(void **state)
{
	/* A skippable frame (magic 0x184D2A50, little endian) with 3 bytes of user data. */
	static const char skippable[] = {0x01, 0x50, 0x2a, 0x4d, 0x18, 0x03, 0x00, 0x00, 0x00, 'a', 'b', 'c'};

	assert_decode_fails("\x01hello world", 12, 100, CF_CODEC_E_CORRUPT);
	assert_decode_fails("\x01\x28\xb5\x2f", 4, 100, CF_CODEC_E_CORRUPT);
	assert_decode_fails(skippable, sizeof(skippable), 100, CF_CODEC_E_CORRUPT);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_deflate_bomb_64mib_refused_with_bounded_memory(void **state)
{
	size_t file_len;
	unsigned char *file = deflate_file_of_zeros(64 * MIB, &file_len);
	char *dec = (char *)0x1;
	size_t dec_len = 99;
	cf_codec used;

	assert_true(file_len < 1 * MIB);
	assert_int_equal(cf_codec_decode(&codec_state, file, file_len, MIB, &tracking_allocator, &dec, &dec_len, &used),
		CF_CODEC_E_TOO_LARGE);
	assert_null(dec);
	assert_int_equal(dec_len, 0);
	assert_int_equal(used, CF_CODEC_DEFLATE);
	assert_true(track_calls > 0);
	assert_true(track_max_size <= 2 * MIB);
	assert_true(track_max_size <= MIB + 1);
	free(file);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_deflate_truncated_stream_is_corrupt(void **state)
{
	char buf[6000], *enc;
	size_t enc_len, n;

	fill_payload(buf, sizeof(buf), 13);
	encode_ok(CF_CODEC_DEFLATE, 0, buf, sizeof(buf), &enc, &enc_len);
	assert_int_equal(enc[0], CF_CODEC_DEFLATE);
	for (n = 1; n < enc_len; n++) {
		assert_decode_fails(enc, n, sizeof(buf), CF_CODEC_E_CORRUPT);
	}
	cf_free(&cf_unit_allocator, enc);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_deflate_garbage_is_corrupt(void **state)
{
	char garbage[257];

	/* BFINAL=1, BTYPE=11 (reserved). */
	assert_decode_fails("\x02\xff\xff\xff\xff", 5, 100, CF_CODEC_E_CORRUPT);
	/* A stored block whose LEN/NLEN do not match. */
	assert_decode_fails("\x02\x01\x05\x00\x05\x00hello", 11, 100, CF_CODEC_E_CORRUPT);
	/* A zlib-wrapped stream is not raw DEFLATE. */
	assert_decode_fails("\x02\x78\x9c\xcb\x48\xcd\xc9\xc9\x07\x00\x06\x2c\x02\x15", 14, 100, CF_CODEC_E_CORRUPT);
	garbage[0] = CF_CODEC_DEFLATE;
	fill_random(garbage + 1, sizeof(garbage) - 1, 99);
	assert_decode_fails(garbage, sizeof(garbage), 100000, CF_CODEC_E_CORRUPT);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_deflate_trailing_bytes_are_corrupt(void **state)
{
	char buf[3000], *enc, *bad;
	size_t enc_len;

	fill_payload(buf, sizeof(buf), 14);
	encode_ok(CF_CODEC_DEFLATE, 0, buf, sizeof(buf), &enc, &enc_len);
	bad = malloc(2 * enc_len);
	assert_non_null(bad);
	memcpy(bad, enc, enc_len);
	bad[enc_len] = '\0';
	assert_decode_fails(bad, enc_len + 1, sizeof(buf), CF_CODEC_E_CORRUPT);
	memcpy(bad + enc_len, enc + 1, enc_len - 1);
	assert_decode_fails(bad, 2 * enc_len - 1, 2 * sizeof(buf), CF_CODEC_E_CORRUPT);
	free(bad);
	cf_free(&cf_unit_allocator, enc);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void assert_exact_boundary(cf_codec codec, size_t len)
{
	char *buf = malloc(len ? len : 1), *enc, *dec = NULL;
	size_t enc_len, dec_len;

	assert_non_null(buf);
	fill_payload(buf, len, (uint32_t)len);
	encode_ok(codec, 0, buf, len, &enc, &enc_len);
	assert_int_equal(enc[0], codec);
	assert_int_equal(
		cf_codec_decode(&codec_state, enc, enc_len, len, &tracking_allocator, &dec, &dec_len, NULL), CF_CODEC_OK);
	assert_int_equal(dec_len, len);
	assert_memory_equal(dec, buf, len);
	cf_free(&cf_unit_allocator, dec);
	assert_true(track_max_size <= len + 1);
	assert_decode_fails(enc, enc_len, len - 1, CF_CODEC_E_TOO_LARGE);
	cf_free(&cf_unit_allocator, enc);
	free(buf);
}

static void test_exact_max_out_decodes_and_one_less_refuses(void **state)
{
	static const size_t sizes[] = {1, 4096, 65536, 200000};
	static const cf_codec codecs[] = {CF_CODEC_NONE, CF_CODEC_ZSTD, CF_CODEC_DEFLATE};
	size_t i, j;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		for (j = 0; j < sizeof(codecs) / sizeof(codecs[0]); j++) {
			track_max_size = 0;
			assert_exact_boundary(codecs[j], sizes[i]);
		}
	}
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_empty_payload_decodes_with_max_out_zero(void **state)
{
	static const cf_codec codecs[] = {CF_CODEC_NONE, CF_CODEC_ZSTD, CF_CODEC_DEFLATE};
	size_t j;

	for (j = 0; j < sizeof(codecs) / sizeof(codecs[0]); j++) {
		char *enc, *dec = NULL;
		size_t enc_len, dec_len = 99;

		encode_ok(codecs[j], 0, "", 0, &enc, &enc_len);
		assert_int_equal(
			cf_codec_decode(&codec_state, enc, enc_len, 0, &cf_unit_allocator, &dec, &dec_len, NULL), CF_CODEC_OK);
		assert_non_null(dec);
		assert_int_equal(dec_len, 0);
		cf_free(&cf_unit_allocator, dec);
		cf_free(&cf_unit_allocator, enc);

		encode_ok(codecs[j], 0, "a", 1, &enc, &enc_len);
		assert_decode_fails(enc, enc_len, 0, CF_CODEC_E_TOO_LARGE);
		cf_free(&cf_unit_allocator, enc);
	}
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_encode_allocation_failure_returns_nomem_without_leaks(void **state)
{
	static const cf_codec codecs[] = {CF_CODEC_NONE, CF_CODEC_ZSTD, CF_CODEC_DEFLATE};
	char buf[20000];
	size_t j;

	fill_payload(buf, sizeof(buf), 21);
	for (j = 0; j < sizeof(codecs) / sizeof(codecs[0]); j++) {
		long k, nomem = 0, ok = 0;

		for (k = 0; k <= 4; k++) {
			char *enc = (char *)0x1, *dec;
			size_t enc_len = 99, dec_len;
			cf_codec_status st;

			cf_unit_fail_after = k;
			st = cf_codec_encode(
				&codec_state, codecs[j], 0, buf, sizeof(buf), &cf_unit_failing_allocator, &enc, &enc_len);
			cf_unit_fail_after = -1;
			if (k == 0) {
				assert_int_equal(st, CF_CODEC_E_NOMEM);
			}
			if (st == CF_CODEC_E_NOMEM) {
				nomem++;
				assert_null(enc);
				assert_int_equal(enc_len, 0);
				assert_int_equal(cf_unit_live_allocs, 0);
				continue;
			}
			assert_int_equal(st, CF_CODEC_OK);
			ok++;
			assert_int_equal(enc[0], codecs[j]);
			assert_int_equal(
				cf_codec_decode(&codec_state, enc, enc_len, sizeof(buf), &cf_unit_allocator, &dec, &dec_len, NULL),
				CF_CODEC_OK);
			assert_int_equal(dec_len, sizeof(buf));
			assert_memory_equal(dec, buf, sizeof(buf));
			cf_free(&cf_unit_allocator, dec);
			cf_free(&cf_unit_allocator, enc);
			assert_int_equal(cf_unit_live_allocs, 0);
		}
		assert_true(nomem >= 1);
		assert_true(ok >= 1);
	}
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_decode_allocation_failure_returns_nomem_without_leaks(void **state)
{
	static const cf_codec codecs[] = {CF_CODEC_NONE, CF_CODEC_ZSTD, CF_CODEC_DEFLATE};
	size_t len = 300000;
	char *buf = malloc(len);
	size_t j;

	assert_non_null(buf);
	fill_payload(buf, len, 22);
	for (j = 0; j < sizeof(codecs) / sizeof(codecs[0]); j++) {
		char *enc;
		size_t enc_len;
		long k, nomem = 0;
		cf_codec_status st = CF_CODEC_E_NOMEM;

		encode_ok(codecs[j], 0, buf, len, &enc, &enc_len);
		/* Fail the k-th allocator call for growing k until decode gets through. */
		for (k = 0; k <= 16; k++) {
			char *dec = (char *)0x1;
			size_t dec_len = 99;

			cf_unit_fail_after = k;
			st = cf_codec_decode(&codec_state, enc, enc_len, len, &cf_unit_failing_allocator, &dec, &dec_len, NULL);
			cf_unit_fail_after = -1;
			if (k == 0) {
				assert_int_equal(st, CF_CODEC_E_NOMEM);
			}
			if (st == CF_CODEC_E_NOMEM) {
				nomem++;
				assert_null(dec);
				assert_int_equal(dec_len, 0);
				assert_int_equal(cf_unit_live_allocs, 1); /* only enc */
				continue;
			}
			assert_int_equal(st, CF_CODEC_OK);
			assert_int_equal(dec_len, len);
			assert_memory_equal(dec, buf, len);
			cf_free(&cf_unit_allocator, dec);
			assert_int_equal(cf_unit_live_allocs, 1);
		}
		assert_int_equal(st, CF_CODEC_OK);
		assert_true(nomem >= 1);
		cf_free(&cf_unit_allocator, enc);
	}
	free(buf);
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* ---- the codec state ---- */

static void test_state_creates_each_context_on_first_zstd_use_and_reuses_it(void **state)
{
	cf_codec_state st;
	char buf[4096], *enc, *dec;
	size_t enc_len, dec_len;
	struct ZSTD_CCtx_s *cctx;
	struct ZSTD_DCtx_s *dctx;
	int i;

	fill_payload(buf, sizeof(buf), 31);
	cf_codec_state_init(&st);
	assert_null(st.cctx);
	assert_null(st.dctx);

	/* none and deflate never need a zstd context */
	assert_int_equal(
		cf_codec_encode(&st, CF_CODEC_DEFLATE, 0, buf, sizeof(buf), &cf_unit_allocator, &enc, &enc_len), CF_CODEC_OK);
	assert_int_equal(
		cf_codec_decode(&st, enc, enc_len, sizeof(buf), &cf_unit_allocator, &dec, &dec_len, NULL), CF_CODEC_OK);
	cf_free(&cf_unit_allocator, dec);
	cf_free(&cf_unit_allocator, enc);
	assert_int_equal(
		cf_codec_encode(&st, CF_CODEC_NONE, 0, buf, sizeof(buf), &cf_unit_allocator, &enc, &enc_len), CF_CODEC_OK);
	cf_free(&cf_unit_allocator, enc);
	assert_null(st.cctx);
	assert_null(st.dctx);
	assert_int_equal(zstd_created, 0);

	/* zstd encode: the compression context only */
	assert_int_equal(
		cf_codec_encode(&st, CF_CODEC_ZSTD, 0, buf, sizeof(buf), &cf_unit_allocator, &enc, &enc_len), CF_CODEC_OK);
	assert_non_null(st.cctx);
	assert_null(st.dctx);
	assert_int_equal(zstd_created, 1);
	cctx = st.cctx;

	/* zstd decode: the decompression context */
	assert_int_equal(
		cf_codec_decode(&st, enc, enc_len, sizeof(buf), &cf_unit_allocator, &dec, &dec_len, NULL), CF_CODEC_OK);
	assert_int_equal(dec_len, sizeof(buf));
	assert_memory_equal(dec, buf, sizeof(buf));
	cf_free(&cf_unit_allocator, dec);
	cf_free(&cf_unit_allocator, enc);
	assert_non_null(st.dctx);
	assert_int_equal(zstd_created, 2);
	dctx = st.dctx;

	/* later calls reuse both */
	for (i = 0; i < 5; i++) {
		assert_round_trip(CF_CODEC_ZSTD, 0, buf, sizeof(buf) - (size_t)i, CF_CODEC_ZSTD);
		assert_int_equal(
			cf_codec_encode(&st, CF_CODEC_ZSTD, 0, buf, (size_t)i, &cf_unit_allocator, &enc, &enc_len), CF_CODEC_OK);
		assert_int_equal(
			cf_codec_decode(&st, enc, enc_len, (size_t)i, &cf_unit_allocator, &dec, &dec_len, NULL), CF_CODEC_OK);
		assert_int_equal(dec_len, (size_t)i);
		cf_free(&cf_unit_allocator, dec);
		cf_free(&cf_unit_allocator, enc);
	}
	assert_ptr_equal(st.cctx, cctx);
	assert_ptr_equal(st.dctx, dctx);

	/* release frees both and leaves an empty, usable state; a second release is harmless */
	cf_codec_state_release(&st);
	assert_null(st.cctx);
	assert_null(st.dctx);
	assert_int_equal(zstd_live_contexts, 2); /* codec_state's, from assert_round_trip */
	cf_codec_state_release(&codec_state);
	assert_int_equal(zstd_live_contexts, 0);
	cf_codec_state_release(&st);
	assert_int_equal(zstd_live_contexts, 0);
	assert_int_equal(
		cf_codec_encode(&st, CF_CODEC_ZSTD, 0, buf, sizeof(buf), &cf_unit_allocator, &enc, &enc_len), CF_CODEC_OK);
	cf_free(&cf_unit_allocator, enc);
	assert_non_null(st.cctx);
	assert_int_equal(zstd_live_contexts, 1);
	cf_codec_state_release(&st);
	assert_int_equal(zstd_live_contexts, 0);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_null_state_uses_no_context(void **state)
{
	char buf[4096], *enc, *dec;
	size_t enc_len, dec_len;

	fill_payload(buf, sizeof(buf), 32);
	assert_int_equal(
		cf_codec_encode(NULL, CF_CODEC_ZSTD, 0, buf, sizeof(buf), &cf_unit_allocator, &enc, &enc_len), CF_CODEC_OK);
	assert_int_equal(enc[0], CF_CODEC_ZSTD);
	assert_int_equal(
		cf_codec_decode(NULL, enc, enc_len, sizeof(buf), &cf_unit_allocator, &dec, &dec_len, NULL), CF_CODEC_OK);
	assert_int_equal(dec_len, sizeof(buf));
	assert_memory_equal(dec, buf, sizeof(buf));
	cf_free(&cf_unit_allocator, dec);
	cf_free(&cf_unit_allocator, enc);
	assert_int_equal(zstd_created, 0);
	assert_int_equal(zstd_ctx_calls, 0);
	assert_int_equal(zstd_live_contexts, 0);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_context_creation_failure_falls_back_and_is_retried(void **state)
{
	cf_codec_state st;
	char buf[4096], *enc, *dec;
	size_t enc_len, dec_len;

	fill_payload(buf, sizeof(buf), 33);
	cf_codec_state_init(&st);
	zstd_fail_create = true;
	assert_int_equal(
		cf_codec_encode(&st, CF_CODEC_ZSTD, 0, buf, sizeof(buf), &cf_unit_allocator, &enc, &enc_len), CF_CODEC_OK);
	assert_int_equal(
		cf_codec_decode(&st, enc, enc_len, sizeof(buf), &cf_unit_allocator, &dec, &dec_len, NULL), CF_CODEC_OK);
	assert_int_equal(dec_len, sizeof(buf));
	assert_memory_equal(dec, buf, sizeof(buf));
	cf_free(&cf_unit_allocator, dec);
	assert_null(st.cctx);
	assert_null(st.dctx);
	assert_int_equal(zstd_ctx_calls, 0); /* the one-shot functions did the work */

	/* the next call tries again */
	zstd_fail_create = false;
	assert_int_equal(
		cf_codec_decode(&st, enc, enc_len, sizeof(buf), &cf_unit_allocator, &dec, &dec_len, NULL), CF_CODEC_OK);
	assert_memory_equal(dec, buf, sizeof(buf));
	cf_free(&cf_unit_allocator, dec);
	cf_free(&cf_unit_allocator, enc);
	assert_int_equal(
		cf_codec_encode(&st, CF_CODEC_ZSTD, 0, buf, sizeof(buf), &cf_unit_allocator, &enc, &enc_len), CF_CODEC_OK);
	cf_free(&cf_unit_allocator, enc);
	assert_non_null(st.cctx);
	assert_non_null(st.dctx);
	assert_int_equal(zstd_ctx_calls, 2);
	cf_codec_state_release(&st);
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* The compression context is kept across small writes and freed after a large one (its tables grew
 * to the input), so a worker does not keep 1.3 MiB resident after one big payload. */
static void test_compression_context_is_freed_after_a_large_payload(void **state)
{
	cf_codec_state st;
	size_t big_len = CF_CODEC_CCTX_KEEP_MAX + 1;
	char small[4096], *big, *enc;
	size_t enc_len;

	big = malloc(big_len);
	assert_non_null(big);
	fill_payload(small, sizeof(small), 7);
	fill_payload(big, big_len, 8);
	cf_codec_state_init(&st);
	assert_int_equal(
		cf_codec_encode(&st, CF_CODEC_ZSTD, 0, small, sizeof(small), &cf_unit_allocator, &enc, &enc_len), CF_CODEC_OK);
	cf_free(&cf_unit_allocator, enc);
	assert_non_null(st.cctx);
	assert_int_equal(zstd_live_contexts, 1);
	assert_int_equal(
		cf_codec_encode(&st, CF_CODEC_ZSTD, 0, small, sizeof(small), &cf_unit_allocator, &enc, &enc_len), CF_CODEC_OK);
	cf_free(&cf_unit_allocator, enc);
	assert_int_equal(zstd_created, 1); /* reused */
	assert_int_equal(
		cf_codec_encode(&st, CF_CODEC_ZSTD, 0, big, big_len, &cf_unit_allocator, &enc, &enc_len), CF_CODEC_OK);
	assert_null(st.cctx);
	assert_int_equal(zstd_live_contexts, 0);
	{
		char *dec;
		size_t dec_len;
		assert_int_equal(
			cf_codec_decode(&st, enc, enc_len, big_len, &cf_unit_allocator, &dec, &dec_len, NULL), CF_CODEC_OK);
		assert_int_equal(dec_len, big_len);
		assert_memory_equal(dec, big, big_len);
		cf_free(&cf_unit_allocator, dec);
	}
	cf_free(&cf_unit_allocator, enc);
	/* exactly the limit is still a small write */
	assert_int_equal(
		cf_codec_encode(&st, CF_CODEC_ZSTD, 0, big, CF_CODEC_CCTX_KEEP_MAX, &cf_unit_allocator, &enc, &enc_len),
		CF_CODEC_OK);
	cf_free(&cf_unit_allocator, enc);
	assert_non_null(st.cctx);
	cf_codec_state_release(&st);
	assert_int_equal(zstd_live_contexts, 0);
	free(big);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_context_errors_map_to_nomem_or_compress_or_corrupt(void **state)
{
	cf_codec_state st;
	char buf[4096], *enc, *bad = (char *)0x1, *dec = (char *)0x1;
	size_t enc_len, bad_len = 99, dec_len = 99;

	fill_payload(buf, sizeof(buf), 34);
	cf_codec_state_init(&st);
	assert_int_equal(
		cf_codec_encode(&st, CF_CODEC_ZSTD, 0, buf, sizeof(buf), &cf_unit_allocator, &enc, &enc_len), CF_CODEC_OK);

	zstd_ctx_error = ZSTD_error_memory_allocation;
	assert_int_equal(
		cf_codec_encode(&st, CF_CODEC_ZSTD, 0, buf, sizeof(buf), &cf_unit_allocator, &bad, &bad_len), CF_CODEC_E_NOMEM);
	assert_null(bad);
	assert_int_equal(bad_len, 0);
	assert_int_equal(
		cf_codec_decode(&st, enc, enc_len, sizeof(buf), &cf_unit_allocator, &dec, &dec_len, NULL), CF_CODEC_E_NOMEM);
	assert_null(dec);
	assert_int_equal(dec_len, 0);
	assert_int_equal(cf_unit_live_allocs, 1); /* only enc */

	zstd_ctx_error = ZSTD_error_GENERIC;
	assert_int_equal(cf_codec_encode(&st, CF_CODEC_ZSTD, 0, buf, sizeof(buf), &cf_unit_allocator, &bad, &bad_len),
		CF_CODEC_E_COMPRESS);
	assert_null(bad);
	assert_int_equal(
		cf_codec_decode(&st, enc, enc_len, sizeof(buf), &cf_unit_allocator, &dec, &dec_len, NULL), CF_CODEC_E_CORRUPT);
	assert_null(dec);
	assert_int_equal(cf_unit_live_allocs, 1);
	assert_int_equal(zstd_ctx_calls, 5);

	/* the contexts survive a failed call */
	zstd_ctx_error = 0;
	assert_int_equal(
		cf_codec_decode(&st, enc, enc_len, sizeof(buf), &cf_unit_allocator, &dec, &dec_len, NULL), CF_CODEC_OK);
	assert_memory_equal(dec, buf, sizeof(buf));
	cf_free(&cf_unit_allocator, dec);
	cf_free(&cf_unit_allocator, enc);
	assert_int_equal(zstd_created, 2);
	cf_codec_state_release(&st);
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* One thread of the two-thread test: round trips through its own state, which it leaves alive. */
typedef struct codec_thread {
	cf_codec_state st;
	uint32_t seed;
	pthread_barrier_t *start;
	int failures; /* round trips that did not give back the payload (cmocka asserts only on the main thread) */
	int rounds;
} codec_thread;

/* malloc without the (unsynchronised) live-allocation count of cf_unit_allocator. */
static void *plain_alloc(size_t n, void *ctx)
{
	(void)ctx;
	return malloc(n ? n : 1);
}

static void *plain_realloc(void *p, size_t n, void *ctx)
{
	(void)ctx;
	return realloc(p, n ? n : 1);
}

static void plain_free(void *p, void *ctx)
{
	(void)ctx;
	free(p);
}

static const cf_allocator plain_allocator = {plain_alloc, plain_realloc, plain_free, NULL};

static void *codec_thread_main(void *arg)
{
	codec_thread *t = arg;
	char buf[8192];
	int i;

	pthread_barrier_wait(t->start);
	for (i = 0; i < t->rounds; i++) {
		char *enc = NULL, *dec = NULL;
		size_t enc_len = 0, dec_len = 0, len = sizeof(buf) - (size_t)(i * 37) % 4096;

		fill_payload(buf, len, t->seed + (uint32_t)i);
		if (cf_codec_encode(&t->st, CF_CODEC_ZSTD, 0, buf, len, &plain_allocator, &enc, &enc_len) != CF_CODEC_OK ||
			cf_codec_decode(&t->st, enc, enc_len, len, &plain_allocator, &dec, &dec_len, NULL) != CF_CODEC_OK ||
			dec_len != len || memcmp(dec, buf, len) != 0) {
			t->failures++;
		}
		free(dec);
		free(enc);
	}
	return NULL;
}

static void test_two_threads_use_two_states_released_by_another_thread(void **state)
{
	pthread_barrier_t start;
	codec_thread t[2];
	pthread_t tid[2];
	int i;

	assert_int_equal(pthread_barrier_init(&start, NULL, 2), 0);
	for (i = 0; i < 2; i++) {
		cf_codec_state_init(&t[i].st);
		t[i].seed = 1000u * (uint32_t)(i + 1);
		t[i].start = &start;
		t[i].failures = 0;
		t[i].rounds = 200;
		assert_int_equal(pthread_create(&tid[i], NULL, codec_thread_main, &t[i]), 0);
	}
	for (i = 0; i < 2; i++) {
		assert_int_equal(pthread_join(tid[i], NULL), 0);
	}
	pthread_barrier_destroy(&start);

	for (i = 0; i < 2; i++) {
		assert_int_equal(t[i].failures, 0);
		assert_non_null(t[i].st.cctx);
		assert_non_null(t[i].st.dctx);
	}
	/* each thread created its own pair once, and kept it */
	assert_ptr_not_equal(t[0].st.cctx, t[1].st.cctx);
	assert_ptr_not_equal(t[0].st.dctx, t[1].st.dctx);
	assert_int_equal(zstd_created, 4);
	assert_int_equal(zstd_live_contexts, 4);

	/* released from this thread, as GSHUTDOWN of a finished thread's globals may run elsewhere */
	cf_codec_state_release(&t[0].st);
	assert_int_equal(zstd_live_contexts, 2);
	cf_codec_state_release(&t[1].st);
	assert_int_equal(zstd_live_contexts, 0);
	CF_UNIT_ASSERT_NO_LEAKS();
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, reset_counters, release_state)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_codec_names_and_parsing),
		T(test_codec_strerror_covers_every_status),
		T(test_marker_values_are_0_1_2),
		T(test_effective_codec_threshold_is_strictly_less),
		T(test_skip_compress_boundary_1023_raw_1024_compressed),
		T(test_threshold_zero_compresses_one_byte),
		T(test_none_never_compresses_even_5000_bytes),
		T(test_empty_payload_round_trips_for_every_codec),
		T(test_binary_bytes_round_trip_for_every_codec),
		T(test_large_3mib_round_trip_none),
		T(test_large_3mib_round_trip_zstd),
		T(test_large_3mib_round_trip_deflate),
		T(test_max_encoded_size_bounds_every_codec),
		T(test_decode_empty_input_is_empty_error),
		T(test_decode_unknown_marker_0xff_and_0x03),
		T(test_decode_sets_used_codec_even_on_body_error),
		T(test_zstd_bomb_100mb_refused_before_any_allocation),
		T(test_zstd_frame_without_content_size_is_corrupt),
		T(test_zstd_truncated_frame_is_corrupt),
		T(test_zstd_trailing_garbage_or_second_frame_is_corrupt),
		T(test_zstd_garbage_and_skippable_frame_are_corrupt),
		T(test_deflate_bomb_64mib_refused_with_bounded_memory),
		T(test_deflate_truncated_stream_is_corrupt),
		T(test_deflate_garbage_is_corrupt),
		T(test_deflate_trailing_bytes_are_corrupt),
		T(test_exact_max_out_decodes_and_one_less_refuses),
		T(test_empty_payload_decodes_with_max_out_zero),
		T(test_encode_allocation_failure_returns_nomem_without_leaks),
		T(test_decode_allocation_failure_returns_nomem_without_leaks),
		T(test_state_creates_each_context_on_first_zstd_use_and_reuses_it),
		T(test_null_state_uses_no_context),
		T(test_context_creation_failure_falls_back_and_is_retried),
		T(test_context_errors_map_to_nomem_or_compress_or_corrupt),
		T(test_two_threads_use_two_states_released_by_another_thread),
		T(test_compression_context_is_freed_after_a_large_payload),
	};
	return cmocka_run_group_tests_name("codec", tests, NULL, NULL);
}
