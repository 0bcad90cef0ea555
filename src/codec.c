/*
 * clusterfile: the on-disk payload encoding (marker byte + body). Zend-free.
 */
#include "codec.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

/* Raw DEFLATE: negative window bits mean no zlib/gzip wrapper. */
#define CF_DEFLATE_WINDOW_BITS (-15)
#define CF_DEFLATE_MEM_LEVEL   8
/* First output buffer of a deflate decode; it doubles from there up to the cap. */
#define CF_INFLATE_INITIAL (64 * 1024)

const char *cf_codec_name(cf_codec codec)
{
	switch (codec) {
	case CF_CODEC_NONE:
		return "none";
	case CF_CODEC_ZSTD:
		return "zstd";
	case CF_CODEC_DEFLATE:
		return "gzip";
	}
	return NULL;
}

bool cf_codec_from_name(const char *name, size_t len, cf_codec *out)
{
	static const cf_codec all[] = {CF_CODEC_NONE, CF_CODEC_ZSTD, CF_CODEC_DEFLATE};
	size_t i;

	if (name == NULL) {
		return false;
	}
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		const char *candidate = cf_codec_name(all[i]);
		if (strlen(candidate) == len && memcmp(candidate, name, len) == 0) {
			if (out) {
				*out = all[i];
			}
			return true;
		}
	}
	return false;
}

const char *cf_codec_strerror(cf_codec_status status)
{
	switch (status) {
	case CF_CODEC_OK:
		return "ok";
	case CF_CODEC_E_NOMEM:
		return "out of memory";
	case CF_CODEC_E_COMPRESS:
		return "compression failed";
	case CF_CODEC_E_EMPTY:
		return "empty payload file (no codec marker)";
	case CF_CODEC_E_MARKER:
		return "unknown codec marker";
	case CF_CODEC_E_TOO_LARGE:
		return "decoded payload would exceed the size limit";
	case CF_CODEC_E_CORRUPT:
		return "corrupt compressed payload";
	}
	return "unknown codec error";
}

cf_codec cf_codec_effective(cf_codec primary, size_t len, size_t min_compressed)
{
	if (primary == CF_CODEC_NONE || len < min_compressed) {
		return CF_CODEC_NONE;
	}
	return primary;
}

static size_t cf_size_add(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

void cf_codec_state_init(cf_codec_state *state)
{
	state->cctx = NULL;
	state->dctx = NULL;
}

void cf_codec_state_release(cf_codec_state *state)
{
	ZSTD_freeCCtx(state->cctx);
	ZSTD_freeDCtx(state->dctx);
	state->cctx = NULL;
	state->dctx = NULL;
}

/* With the state's context when it has or can create one, else zstd's one-shot function. A context
 * grown for a large payload (its tables follow the input size: about 150 KiB for 8 KiB, 1.3 MiB for
 * megabytes at level 3) is freed right after it, not kept resident for the next small write. */
static size_t cf_zstd_compress(cf_codec_state *st, void *dst, size_t cap, const void *src, size_t len)
{
	size_t r;
	if (st && st->cctx == NULL) {
		st->cctx = ZSTD_createCCtx();
	}
	if (!st || !st->cctx) {
		return ZSTD_compress(dst, cap, src, len, CF_ZSTD_LEVEL);
	}
	r = ZSTD_compressCCtx(st->cctx, dst, cap, src, len, CF_ZSTD_LEVEL);
	if (len > CF_CODEC_CCTX_KEEP_MAX) {
		ZSTD_freeCCtx(st->cctx);
		st->cctx = NULL;
	}
	return r;
}

static size_t cf_zstd_decompress(cf_codec_state *st, void *dst, size_t cap, const void *src, size_t len)
{
	if (st && st->dctx == NULL) {
		st->dctx = ZSTD_createDCtx();
	}
	return st && st->dctx ? ZSTD_decompressDCtx(st->dctx, dst, cap, src, len) : ZSTD_decompress(dst, cap, src, len);
}

/* ZSTD_compressBound, or SIZE_MAX when len is beyond what zstd accepts. */
static size_t cf_zstd_bound(size_t len)
{
	size_t bound = ZSTD_compressBound(len);
	return ZSTD_isError(bound) ? SIZE_MAX : bound;
}

/* zlib's compressBound (>= the raw deflate bound), or SIZE_MAX when len does not fit a uLong. */
static size_t cf_deflate_bound(size_t len)
{
	uLong bound;

	if ((uLong)len != len) {
		return SIZE_MAX;
	}
	bound = compressBound((uLong)len);
	if (bound < len || (size_t)bound != bound) {
		return SIZE_MAX;
	}
	return (size_t)bound;
}

size_t cf_codec_max_encoded_size(size_t max_payload)
{
	size_t zb = cf_zstd_bound(max_payload);
	size_t db = cf_deflate_bound(max_payload);
	return cf_size_add(1, zb > db ? zb : db);
}

/* Gives back the unused tail of a compression buffer; keeps the larger one if realloc fails. */
static char *cf_codec_shrink(const cf_allocator *a, char *buf, size_t used)
{
	char *smaller = cf_realloc(a, buf, used);
	return smaller ? smaller : buf;
}

static cf_codec_status cf_encode_none(const void *in, size_t len, const cf_allocator *a, char **out, size_t *out_len)
{
	char *buf;

	if (len == SIZE_MAX) {
		return CF_CODEC_E_NOMEM;
	}
	buf = cf_alloc(a, len + 1);
	if (buf == NULL) {
		return CF_CODEC_E_NOMEM;
	}
	buf[0] = (char)CF_CODEC_NONE;
	if (len > 0) {
		memcpy(buf + 1, in, len);
	}
	*out = buf;
	*out_len = len + 1;
	return CF_CODEC_OK;
}

static cf_codec_status cf_encode_zstd(
	cf_codec_state *st, const void *in, size_t len, const cf_allocator *a, char **out, size_t *out_len)
{
	size_t bound = cf_zstd_bound(len);
	size_t written;
	char *buf;

	if (bound == SIZE_MAX) {
		return CF_CODEC_E_COMPRESS;
	}
	buf = cf_alloc(a, bound + 1);
	if (buf == NULL) {
		return CF_CODEC_E_NOMEM;
	}
	buf[0] = (char)CF_CODEC_ZSTD;
	written = cf_zstd_compress(st, buf + 1, bound, in, len);
	if (ZSTD_isError(written)) {
		cf_free(a, buf);
		return ZSTD_getErrorCode(written) == ZSTD_error_memory_allocation ? CF_CODEC_E_NOMEM : CF_CODEC_E_COMPRESS;
	}
	*out = cf_codec_shrink(a, buf, written + 1);
	*out_len = written + 1;
	return CF_CODEC_OK;
}

static cf_codec_status cf_encode_deflate(const void *in, size_t len, const cf_allocator *a, char **out, size_t *out_len)
{
	size_t bound = cf_deflate_bound(len);
	const unsigned char *src = in;
	size_t in_left = len, out_left;
	z_stream zs;
	char *buf;
	int ret;

	if (bound == SIZE_MAX) {
		return CF_CODEC_E_COMPRESS;
	}
	buf = cf_alloc(a, bound + 1);
	if (buf == NULL) {
		return CF_CODEC_E_NOMEM;
	}
	buf[0] = (char)CF_CODEC_DEFLATE;

	memset(&zs, 0, sizeof(zs));
	ret = deflateInit2(
		&zs, CF_DEFLATE_LEVEL, Z_DEFLATED, CF_DEFLATE_WINDOW_BITS, CF_DEFLATE_MEM_LEVEL, Z_DEFAULT_STRATEGY);
	if (ret != Z_OK) {
		cf_free(a, buf);
		return ret == Z_MEM_ERROR ? CF_CODEC_E_NOMEM : CF_CODEC_E_COMPRESS;
	}
	zs.next_out = (Bytef *)buf + 1;
	out_left = bound;
	do {
		uInt in_chunk, out_chunk;

		/* avail_in/avail_out are uInt: hand the buffers over in slices. */
		in_chunk = in_left > UINT_MAX ? UINT_MAX : (uInt)in_left;
		out_chunk = out_left > UINT_MAX ? UINT_MAX : (uInt)out_left;
		zs.next_in = (z_const Bytef *)src;
		zs.avail_in = in_chunk;
		zs.avail_out = out_chunk;
		ret = deflate(&zs, in_left == in_chunk ? Z_FINISH : Z_NO_FLUSH);
		src += in_chunk - zs.avail_in;
		in_left -= in_chunk - zs.avail_in;
		out_left -= out_chunk - zs.avail_out;
		if (ret == Z_STREAM_ERROR || (ret == Z_BUF_ERROR && out_left == 0)) {
			/* Cannot happen with a compressBound-sized buffer; refuse rather than loop. */
			deflateEnd(&zs);
			cf_free(a, buf);
			return CF_CODEC_E_COMPRESS;
		}
	} while (ret != Z_STREAM_END);
	deflateEnd(&zs);

	*out_len = 1 + (bound - out_left);
	*out = cf_codec_shrink(a, buf, *out_len);
	return CF_CODEC_OK;
}

cf_codec_status cf_codec_encode(cf_codec_state *state, cf_codec primary, size_t min_compressed, const void *in,
	size_t len, const cf_allocator *a, char **out, size_t *out_len)
{
	cf_codec_status st;

	*out = NULL;
	*out_len = 0;
	if (in == NULL && len != 0) {
		return CF_CODEC_E_COMPRESS;
	}
	switch (cf_codec_effective(primary, len, min_compressed)) {
	case CF_CODEC_NONE:
		st = cf_encode_none(in, len, a, out, out_len);
		break;
	case CF_CODEC_ZSTD:
		st = cf_encode_zstd(state, in, len, a, out, out_len);
		break;
	case CF_CODEC_DEFLATE:
		st = cf_encode_deflate(in, len, a, out, out_len);
		break;
	default:
		st = CF_CODEC_E_COMPRESS;
		break;
	}
	if (st != CF_CODEC_OK) {
		*out = NULL;
		*out_len = 0;
	}
	return st;
}

static cf_codec_status cf_decode_none(
	const unsigned char *body, size_t len, size_t max_out, const cf_allocator *a, char **out, size_t *out_len)
{
	char *buf;

	if (len > max_out) {
		return CF_CODEC_E_TOO_LARGE;
	}
	buf = cf_alloc(a, len ? len : 1);
	if (buf == NULL) {
		return CF_CODEC_E_NOMEM;
	}
	if (len > 0) {
		memcpy(buf, body, len);
	}
	*out = buf;
	*out_len = len;
	return CF_CODEC_OK;
}

static uint32_t cf_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static cf_codec_status cf_decode_zstd(cf_codec_state *st, const unsigned char *body, size_t len, size_t max_out,
	const cf_allocator *a, char **out, size_t *out_len)
{
	unsigned long long declared;
	size_t frame_len, got;
	char *buf;

	/* A real frame, not a skippable one: it starts with the zstd magic number (little endian). */
	if (len < 4 || cf_le32(body) != ZSTD_MAGICNUMBER) {
		return CF_CODEC_E_CORRUPT;
	}
	declared = ZSTD_getFrameContentSize(body, len);
	if (declared == ZSTD_CONTENTSIZE_ERROR || declared == ZSTD_CONTENTSIZE_UNKNOWN) {
		/* We always record the size; never size an allocation from an unknown length. */
		return CF_CODEC_E_CORRUPT;
	}
	if (declared > max_out) {
		return CF_CODEC_E_TOO_LARGE;
	}
	/* Exactly one complete frame: no truncation, no trailing bytes, no second frame. */
	frame_len = ZSTD_findFrameCompressedSize(body, len);
	if (ZSTD_isError(frame_len) || frame_len != len) {
		return CF_CODEC_E_CORRUPT;
	}
	buf = cf_alloc(a, declared ? (size_t)declared : 1);
	if (buf == NULL) {
		return CF_CODEC_E_NOMEM;
	}
	got = cf_zstd_decompress(st, buf, (size_t)declared, body, len);
	if (ZSTD_isError(got) || got != declared) {
		cf_free(a, buf);
		if (ZSTD_isError(got) && ZSTD_getErrorCode(got) == ZSTD_error_memory_allocation) {
			return CF_CODEC_E_NOMEM;
		}
		return CF_CODEC_E_CORRUPT;
	}
	*out = buf;
	*out_len = got;
	return CF_CODEC_OK;
}

static cf_codec_status cf_decode_deflate(
	const unsigned char *body, size_t len, size_t max_out, const cf_allocator *a, char **out, size_t *out_len)
{
	/* The buffer never grows past max_out + 1: one byte more than allowed proves "too large". */
	size_t limit = max_out == SIZE_MAX ? SIZE_MAX : max_out + 1;
	size_t cap = limit < CF_INFLATE_INITIAL ? limit : CF_INFLATE_INITIAL;
	size_t produced = 0, in_left = len;
	cf_codec_status st = CF_CODEC_E_CORRUPT;
	char *buf;
	z_stream zs;
	int ret;

	memset(&zs, 0, sizeof(zs));
	ret = inflateInit2(&zs, CF_DEFLATE_WINDOW_BITS);
	if (ret != Z_OK) {
		return ret == Z_MEM_ERROR ? CF_CODEC_E_NOMEM : CF_CODEC_E_CORRUPT;
	}
	buf = cf_alloc(a, cap);
	if (buf == NULL) {
		inflateEnd(&zs);
		return CF_CODEC_E_NOMEM;
	}
	zs.next_in = (z_const Bytef *)body;

	for (;;) {
		uInt in_chunk, out_chunk;

		if (produced == cap) {
			char *bigger;
			size_t next;

			if (cap >= limit) {
				/* The cap is full and the stream has not ended: more than max_out bytes. */
				st = produced > max_out ? CF_CODEC_E_TOO_LARGE : CF_CODEC_E_CORRUPT;
				goto fail;
			}
			next = cap > limit / 2 ? limit : cap * 2;
			bigger = cf_realloc(a, buf, next);
			if (bigger == NULL) {
				st = CF_CODEC_E_NOMEM;
				goto fail;
			}
			buf = bigger;
			cap = next;
		}
		in_chunk = in_left > UINT_MAX ? UINT_MAX : (uInt)in_left;
		out_chunk = cap - produced > UINT_MAX ? UINT_MAX : (uInt)(cap - produced);
		zs.avail_in = in_chunk;
		zs.next_out = (Bytef *)buf + produced;
		zs.avail_out = out_chunk;
		ret = inflate(&zs, Z_NO_FLUSH);
		in_left -= in_chunk - zs.avail_in;
		produced += out_chunk - zs.avail_out;

		if (ret == Z_STREAM_END) {
			if (produced > max_out) {
				st = CF_CODEC_E_TOO_LARGE;
				goto fail;
			}
			if (in_left != 0) {
				/* Trailing bytes after the final block. */
				st = CF_CODEC_E_CORRUPT;
				goto fail;
			}
			break;
		}
		if (ret == Z_MEM_ERROR) {
			st = CF_CODEC_E_NOMEM;
			goto fail;
		}
		if (ret != Z_OK && ret != Z_BUF_ERROR) {
			/* Z_DATA_ERROR, Z_NEED_DICT, Z_STREAM_ERROR. */
			st = CF_CODEC_E_CORRUPT;
			goto fail;
		}
		if (produced > max_out) {
			st = CF_CODEC_E_TOO_LARGE;
			goto fail;
		}
		if (produced < cap && in_left == 0) {
			/* Room for output but nothing left to read: the stream ends early. */
			st = CF_CODEC_E_CORRUPT;
			goto fail;
		}
	}
	inflateEnd(&zs);

	*out = cf_codec_shrink(a, buf, produced ? produced : 1);
	*out_len = produced;
	return CF_CODEC_OK;

fail:
	inflateEnd(&zs);
	cf_free(a, buf);
	return st;
}

cf_codec_status cf_codec_decode(cf_codec_state *state, const void *in, size_t len, size_t max_out,
	const cf_allocator *a, char **out, size_t *out_len, cf_codec *used)
{
	const unsigned char *bytes = in;
	cf_codec_status st;

	*out = NULL;
	*out_len = 0;
	if (len == 0 || in == NULL) {
		return CF_CODEC_E_EMPTY;
	}
	switch (bytes[0]) {
	case CF_CODEC_NONE:
	case CF_CODEC_ZSTD:
	case CF_CODEC_DEFLATE:
		break;
	default:
		return CF_CODEC_E_MARKER;
	}
	if (used) {
		*used = (cf_codec)bytes[0];
	}
	switch (bytes[0]) {
	case CF_CODEC_NONE:
		st = cf_decode_none(bytes + 1, len - 1, max_out, a, out, out_len);
		break;
	case CF_CODEC_ZSTD:
		st = cf_decode_zstd(state, bytes + 1, len - 1, max_out, a, out, out_len);
		break;
	default:
		st = cf_decode_deflate(bytes + 1, len - 1, max_out, a, out, out_len);
		break;
	}
	if (st != CF_CODEC_OK) {
		*out = NULL;
		*out_len = 0;
	}
	return st;
}
