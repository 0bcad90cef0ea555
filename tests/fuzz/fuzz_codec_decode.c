/*
 * libFuzzer harness: cf_codec_decode over arbitrary files, and the encode/decode round trip.
 *
 * Input layout: data[0] is a selector, data[1..] the rest.
 *   selector < 0x80  decode mode: rest is a whole payload file (marker + body), decoded with
 *                    max_out = caps[selector % 5] of {0, 1, 1024, 65536, 1 MiB}.
 *   selector >= 0x80 round-trip mode: rest is a raw payload, encoded with primary codec
 *                    (selector & 3) % 3 (0 none, 1 zstd, 2 deflate, 3 none) and min_compressed
 *                    mins[(selector >> 2) & 3] of {0, 1, 64, 1024}, then decoded again.
 *
 * Properties (any violation aborts):
 *   - decode never returns OK with out_len > max_out, and on OK out != NULL and all out_len bytes
 *     are addressable; on error out == NULL and out_len == 0;
 *   - the status follows the marker: empty input -> E_EMPTY, a marker > 2 -> E_MARKER, else *used
 *     is the marker; a "none" file decodes to exactly its body;
 *   - no single allocation from the caller's allocator exceeds max_out + 1 (nothing is sized from
 *     an untrusted length);
 *   - the cap is exact: an OK decode at cap M decodes identically at cap out_len and at 1 MiB, and
 *     returns E_TOO_LARGE at cap out_len - 1;
 *   - round trip: encode returns OK with the marker of cf_codec_effective(), at most
 *     cf_codec_max_encoded_size(len) bytes, and decoding it (cap = len) gives back the exact bytes;
 *   - nothing obtained from the allocator is left live after a run (counting allocator).
 */
#include "codec.h"
#include "fuzz_common.h"

#define CAP_1M ((size_t)1 << 20)

static const size_t caps[] = {0, 1, 1024, 65536, CAP_1M};
static const size_t mins[] = {0, 1, 64, 1024};

/* One state for the whole run, as one thread of the module keeps its contexts across requests. */
static cf_codec_state codec_state;

/* One decode with every per-call property checked; returns the status, output kept in *out. */
static cf_codec_status decode_checked(const uint8_t *in, size_t len, size_t max_out, char **out, size_t *out_len)
{
	cf_codec used = (cf_codec)0x7f;
	fuzz_alloc_reset_peak();
	cf_codec_status st = cf_codec_decode(&codec_state, in, len, max_out, &fuzz_allocator, out, out_len, &used);

	if (len == 0) {
		FUZZ_CHECK(st == CF_CODEC_E_EMPTY);
	} else if (in[0] > CF_CODEC_DEFLATE) {
		FUZZ_CHECK(st == CF_CODEC_E_MARKER);
		FUZZ_CHECK(used == (cf_codec)0x7f);
	} else {
		FUZZ_CHECK(st != CF_CODEC_E_EMPTY && st != CF_CODEC_E_MARKER && st != CF_CODEC_E_COMPRESS);
		FUZZ_CHECK(used == (cf_codec)in[0]);
	}
	/* Bounded memory: the caller's allocator is never asked for more than max_out + 1 bytes. */
	FUZZ_CHECK(fuzz_peak_request <= max_out + 1 || fuzz_peak_request <= 1);
	FUZZ_CHECK(cf_codec_strerror(st) != NULL);
	if (fuzz_debug()) {
		fprintf(stderr, "decode: %zu bytes, marker %d, cap %zu -> %s (out_len %zu, peak alloc %zu)\n", len,
			len ? in[0] : -1, max_out, cf_codec_strerror(st), *out_len, fuzz_peak_request);
	}

	if (st == CF_CODEC_OK) {
		FUZZ_CHECK(*out != NULL);
		FUZZ_CHECK(*out_len <= max_out);
		fuzz_touch(*out, *out_len);
		if (in[0] == CF_CODEC_NONE) {
			FUZZ_CHECK(*out_len == len - 1);
			FUZZ_CHECK(*out_len == 0 || memcmp(*out, in + 1, *out_len) == 0);
		}
	} else {
		FUZZ_CHECK(*out == NULL);
		FUZZ_CHECK(*out_len == 0);
	}
	return st;
}

static void decode_mode(const uint8_t *in, size_t len, size_t max_out)
{
	char *out = NULL;
	size_t out_len = 0;

	if (decode_checked(in, len, max_out, &out, &out_len) == CF_CODEC_OK) {
		char *again = NULL;
		size_t again_len = 0;

		/* Tight cap: the same bytes. */
		FUZZ_CHECK(decode_checked(in, len, out_len, &again, &again_len) == CF_CODEC_OK);
		FUZZ_CHECK(again_len == out_len && (out_len == 0 || memcmp(again, out, out_len) == 0));
		cf_free(&fuzz_allocator, again);

		/* A larger cap: still the same bytes. */
		if (max_out < CAP_1M) {
			FUZZ_CHECK(decode_checked(in, len, CAP_1M, &again, &again_len) == CF_CODEC_OK);
			FUZZ_CHECK(again_len == out_len && (out_len == 0 || memcmp(again, out, out_len) == 0));
			cf_free(&fuzz_allocator, again);
		}

		/* One byte less than the output: refused as too large. */
		if (out_len > 0) {
			FUZZ_CHECK(decode_checked(in, len, out_len - 1, &again, &again_len) == CF_CODEC_E_TOO_LARGE);
		}
		cf_free(&fuzz_allocator, out);
	}
	FUZZ_CHECK_NO_LEAKS();
}

static void roundtrip_mode(cf_codec primary, size_t min_compressed, const uint8_t *raw, size_t len)
{
	char *enc = NULL, *dec = NULL;
	size_t enc_len = 0, dec_len = 0;

	cf_codec_status st =
		cf_codec_encode(&codec_state, primary, min_compressed, raw, len, &fuzz_allocator, &enc, &enc_len);
	FUZZ_CHECK(st == CF_CODEC_OK);
	FUZZ_CHECK(enc != NULL && enc_len >= 1);
	FUZZ_CHECK(enc_len <= cf_codec_max_encoded_size(len));
	FUZZ_CHECK((unsigned char)enc[0] == (unsigned char)cf_codec_effective(primary, len, min_compressed));

	FUZZ_CHECK(decode_checked((const uint8_t *)enc, enc_len, len, &dec, &dec_len) == CF_CODEC_OK);
	FUZZ_CHECK(dec_len == len);
	FUZZ_CHECK(len == 0 || memcmp(dec, raw, len) == 0);
	cf_free(&fuzz_allocator, dec);

	if (len > 0) {
		FUZZ_CHECK(decode_checked((const uint8_t *)enc, enc_len, len - 1, &dec, &dec_len) == CF_CODEC_E_TOO_LARGE);
	}
	cf_free(&fuzz_allocator, enc);
	FUZZ_CHECK_NO_LEAKS();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0) {
		char *out = (char *)1;
		size_t out_len = 1;
		FUZZ_CHECK(
			cf_codec_decode(&codec_state, data, 0, CAP_1M, &fuzz_allocator, &out, &out_len, NULL) == CF_CODEC_E_EMPTY);
		FUZZ_CHECK(out == NULL && out_len == 0);
		return 0;
	}
	uint8_t sel = data[0];
	const uint8_t *rest = data + 1;
	size_t rest_len = size - 1;

	/* An exact-size heap copy: ASan then sees any read past the end of the file. */
	uint8_t *copy = (uint8_t *)fuzz_dup(rest, rest_len, false);
	if (sel < 0x80) {
		decode_mode(copy, rest_len, caps[sel % 5]);
	} else {
		roundtrip_mode((cf_codec)((sel & 3) % 3), mins[(sel >> 2) & 3], copy, rest_len);
	}
	free(copy);
	return 0;
}
