/*
 * clusterfile: the on-disk payload encoding.
 *
 * This module owns the 1-byte codec marker and the compression of payload bodies: 0x00 none,
 * 0x01 one zstd frame (libzstd, level 3), 0x02 raw DEFLATE, RFC 1951 (zlib, level 6, no header).
 * It owns the bound on decoding: nothing is allocated from an untrusted length, no output ever
 * exceeds the caller's cap. It does not own files, hashing or PHP's bare-bytes mode (a PhpFrontend
 * file is written as-is and never passes through here). Zend-free.
 */
#ifndef CF_CODEC_H
#define CF_CODEC_H

#include "alloc.h"
#include <stdbool.h>
#include <stddef.h>

typedef enum cf_codec {
	CF_CODEC_NONE = 0x00,
	CF_CODEC_ZSTD = 0x01,
	CF_CODEC_DEFLATE = 0x02, /* named "gzip" in options and metadata, for compatibility */
} cf_codec;

typedef enum cf_codec_status {
	CF_CODEC_OK = 0,
	CF_CODEC_E_NOMEM,     /* the allocator failed */
	CF_CODEC_E_COMPRESS,  /* the library refused to compress */
	CF_CODEC_E_EMPTY,     /* decode: zero-length input (integrity failure) */
	CF_CODEC_E_MARKER,    /* decode: unknown marker byte (integrity failure) */
	CF_CODEC_E_TOO_LARGE, /* decode: output would exceed the cap (declared or actual) */
	CF_CODEC_E_CORRUPT,   /* decode: the body is not a valid frame/stream, or has trailing bytes */
} cf_codec_status;

#define CF_ZSTD_LEVEL    3
#define CF_DEFLATE_LEVEL 6

/* "none", "zstd", "gzip"; NULL for an unknown value. */
const char *cf_codec_name(cf_codec codec);
/* Parses "none"/"zstd"/"gzip" (exact, case-sensitive). */
bool cf_codec_from_name(const char *name, size_t len, cf_codec *out);
/* Human-readable text of a status, for exception messages and logs. */
const char *cf_codec_strerror(cf_codec_status status);

/* The codec actually used for a payload: none when len < min_compressed or primary is none. */
cf_codec cf_codec_effective(cf_codec primary, size_t len, size_t min_compressed);

/* The largest file (marker included) an encode of at most max_payload raw bytes can produce. */
size_t cf_codec_max_encoded_size(size_t max_payload);

/*
 * The reusable zstd contexts of one thread: creating a context per call costs more than decoding
 * a small payload. Each is created on the first zstd encode or decode that uses the state and kept
 * until cf_codec_state_release() (about 1.3 MiB for the compression context at level 3); one that
 * cannot be created is tried again next time, and that call falls back to zstd's one-shot
 * functions. A state is not thread-safe: one thread uses it at a time (the module keeps one in each
 * thread's globals). Any thread may release it once no thread uses it any more.
 */
typedef struct cf_codec_state {
	struct ZSTD_CCtx_s *cctx; /* NULL until the first zstd encode */
	struct ZSTD_DCtx_s *dctx; /* NULL until the first zstd decode */
} cf_codec_state;

/* Inputs above this size are compressed with a context that is freed right after (see codec.c). */
#define CF_CODEC_CCTX_KEEP_MAX (128 * 1024)

/* An empty state (no contexts yet). Allocates nothing. */
void cf_codec_state_init(cf_codec_state *state);
/* Frees the state's contexts; it is empty (and usable) again afterwards. */
void cf_codec_state_release(cf_codec_state *state);

/*
 * Encodes in[0..len) as marker + body with the effective codec. On CF_CODEC_OK *out is a buffer
 * from `a` of *out_len bytes that the caller frees with cf_free(a, *out). On error *out is NULL.
 * state: the calling thread's contexts, or NULL for none (zstd's one-shot functions).
 */
cf_codec_status cf_codec_encode(cf_codec_state *state, cf_codec primary, size_t min_compressed, const void *in,
	size_t len, const cf_allocator *a, char **out, size_t *out_len);

/*
 * Decodes a whole file (marker + body). The output never exceeds max_out bytes: a zstd frame
 * whose declared content size exceeds max_out, or is unknown, is refused before any allocation;
 * deflate output is produced in bounded steps and refused as soon as it passes max_out. On
 * CF_CODEC_OK *out (from `a`, caller frees) holds *out_len bytes; *out is never NULL on success
 * (a zero-length payload yields a 1-byte allocation with *out_len == 0). *used (may be NULL)
 * receives the codec named by the marker when the marker was valid. state: as for cf_codec_encode.
 */
cf_codec_status cf_codec_decode(cf_codec_state *state, const void *in, size_t len, size_t max_out,
	const cf_allocator *a, char **out, size_t *out_len, cf_codec *used);

#endif
