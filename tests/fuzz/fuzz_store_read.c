/*
 * libFuzzer harness: the "corrupt payload file" path end to end - cf_store_write of arbitrary
 * bytes, cf_store_read_verified / cf_store_verify of them, cf_codec_decode of what was read.
 *
 * The store lives in a private temp directory (under $TMPDIR, else /dev/shm when present, else
 * /tmp), created once and removed at exit. Input: data[0] picks the digest (one of four fixed
 * 64-hex names, so shard directories are both created and reused), data[1] picks max_size,
 * data[2] expected_size, data[3] the decode cap, data[4..] is the file content.
 *
 * Properties (any violation aborts):
 *   - the write succeeds and leaves no temp file behind (checked by cf_gc_collect finding
 *     nothing to remove);
 *   - read_verified with a NULL checksum returns exactly: E_SIZE when the size exceeds max_size or
 *     differs from a non-negative expected_size, else OK with the exact bytes (a 1-byte buffer for
 *     an empty file, never NULL); on error *out is NULL and *out_len 0;
 *   - with the right sha256 the result is the same; with a wrong one (size checks passing) it is
 *     E_CHECKSUM; cf_store_verify agrees with read_verified;
 *   - cf_codec_decode of the bytes read: never OK above the cap, never allocates above cap + 1, and
 *     a "none" file decodes to its body;
 *   - nothing allocated through the counting allocator stays live.
 */
#define _GNU_SOURCE /* nftw */
#include "codec.h"
#include "hash.h"
#include "gc.h"
#include "store.h"
#include "fuzz_common.h"

#include <dirent.h>
#include <ftw.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char root[4096];
static cf_store store;
static bool ready;

static const char *const digests[] = {
	"00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee",
	"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	"ff00000000000000000000000000000000000000000000000000000000000000",
	"a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5",
};
static const size_t caps[] = {0, 1, 1024, 65536, (size_t)1 << 20};

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void cleanup(void)
{
	if (ready) {
		cf_store_dtor(&store);
		nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
		ready = false;
	}
}

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	struct stat st;
	if (!base || !*base) {
		base =
			(stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0) ? "/dev/shm" : "/tmp";
	}
	snprintf(root, sizeof(root), "%s/cf-fuzz-store.XXXXXX", base);
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		abort();
	}
	/* A subdirectory that does not exist yet: the first write creates it (mkdir -p path). */
	char sub[4200];
	snprintf(sub, sizeof(sub), "%s/local/path/", root);
	if (cf_store_init(&store, sub, strlen(sub), NULL, false) != CF_STORE_OK) {
		abort();
	}
	ready = true;
	atexit(cleanup);
}

static size_t pick_size(uint8_t b, size_t len)
{
	switch (b % 8) {
	case 0:
		return 0;
	case 1:
		return len == 0 ? 0 : len - 1;
	case 2:
		return len;
	case 3:
		return len + 1;
	case 4:
		return (size_t)1 << 20;
	case 5:
		return SIZE_MAX;
	default:
		return b; /* a small value */
	}
}

static long long pick_expected(uint8_t b, size_t len)
{
	switch (b % 6) {
	case 0:
	case 1:
		return -1;
	case 2:
		return (long long)len;
	case 3:
		return (long long)len - 1;
	case 4:
		return (long long)len + 1;
	default:
		return -(long long)b - 1; /* any negative: no size expectation */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ready) {
		setup();
	}
	fuzz_reader rd = {data, size};
	uint8_t sel = fuzz_u8(&rd);
	const char *hex = digests[sel % 4];
	uint8_t bsize = fuzz_u8(&rd), bexp = fuzz_u8(&rd), bcap = fuzz_u8(&rd);
	size_t len;
	const uint8_t *p = fuzz_bytes(&rd, fuzz_left(&rd), &len);
	size_t max_size = pick_size(bsize, len);
	long long expected = pick_expected(bexp, len);
	size_t max_out = caps[bcap % 5];

	FUZZ_CHECK(cf_store_write(&store, hex, p, len) == CF_STORE_OK);
	FUZZ_CHECK(cf_store_probe(&store, hex) == CF_STORE_OK);

	bool size_bad = len > max_size || (expected >= 0 && (size_t)expected != len);
	char *out = (char *)1;
	size_t out_len = 12345;
	cf_store_status st = cf_store_read_verified(&store, hex, NULL, expected, max_size, &fuzz_allocator, &out, &out_len);
	if (fuzz_debug()) {
		fprintf(stderr, "store: %zu bytes, max_size %zu, expected %lld -> %s\n", len, max_size, expected,
			cf_store_strerror(st));
	}
	if (size_bad) {
		FUZZ_CHECK(st == CF_STORE_E_SIZE);
		FUZZ_CHECK(cf_store_is_integrity_failure(st));
	} else {
		FUZZ_CHECK(st == CF_STORE_OK);
	}
	if (st != CF_STORE_OK) {
		FUZZ_CHECK(out == NULL && out_len == 0);
	} else {
		FUZZ_CHECK(out != NULL && out_len == len);
		FUZZ_CHECK(len == 0 || memcmp(out, p, len) == 0);
		fuzz_touch(out, out_len);
	}

	/* With the real checksum: same outcome; with a wrong one: E_CHECKSUM once the size is fine. */
	char sum[CF_HEX64_LEN + 1], wrong[CF_HEX64_LEN + 1];
	FUZZ_CHECK(cf_sha256_hex(p, len, sum) == 0);
	memcpy(wrong, sum, sizeof(wrong));
	wrong[0] = wrong[0] == '0' ? '1' : '0';
	char *o2 = NULL;
	size_t o2_len = 0;
	cf_store_status st2 = cf_store_read_verified(&store, hex, sum, expected, max_size, &fuzz_allocator, &o2, &o2_len);
	FUZZ_CHECK(st2 == st);
	cf_free(&fuzz_allocator, o2);
	FUZZ_CHECK(cf_store_verify(&store, hex, sum, expected, max_size) == st);
	st2 = cf_store_read_verified(&store, hex, wrong, expected, max_size, &fuzz_allocator, &o2, &o2_len);
	FUZZ_CHECK(st2 == (size_bad ? CF_STORE_E_SIZE : CF_STORE_E_CHECKSUM));
	FUZZ_CHECK(o2 == NULL && o2_len == 0);
	FUZZ_CHECK(cf_store_verify(&store, hex, wrong, expected, max_size) == st2);

	/* The bytes that passed the structural checks go to the decoder, as the backend does. */
	if (st == CF_STORE_OK) {
		char *dec = (char *)1;
		size_t dec_len = 1;
		fuzz_alloc_reset_peak();
		cf_codec_status cs = cf_codec_decode(NULL, out, out_len, max_out, &fuzz_allocator, &dec, &dec_len, NULL);
		FUZZ_CHECK(fuzz_peak_request <= max_out + 1 || fuzz_peak_request <= 1);
		if (fuzz_debug()) {
			fprintf(stderr, "store: decode cap %zu -> %s\n", max_out, cf_codec_strerror(cs));
		}
		if (out_len == 0) {
			FUZZ_CHECK(cs == CF_CODEC_E_EMPTY);
		} else if ((unsigned char)out[0] > CF_CODEC_DEFLATE) {
			FUZZ_CHECK(cs == CF_CODEC_E_MARKER);
		}
		if (cs == CF_CODEC_OK) {
			FUZZ_CHECK(dec != NULL && dec_len <= max_out);
			fuzz_touch(dec, dec_len);
			if (out[0] == CF_CODEC_NONE) {
				FUZZ_CHECK(dec_len == out_len - 1 && (dec_len == 0 || memcmp(dec, out + 1, dec_len) == 0));
			}
			cf_free(&fuzz_allocator, dec);
		} else {
			FUZZ_CHECK(dec == NULL && dec_len == 0);
		}
		cf_free(&fuzz_allocator, out);
	}
	FUZZ_CHECK_NO_LEAKS();

	/* Every write renamed its temp file away: nothing for the sweep to remove. */
	if ((sel & 0xf0) == 0x10) {
		cf_gc_limits lim = {0, 0, 0};
		cf_gc_report r;
		FUZZ_CHECK(cf_gc_collect(store.root, store.root_len, &lim, time(NULL) + 3600, &r) == CF_GC_OK);
		FUZZ_CHECK(r.removed_temp == 0);
	}
	return 0;
}
