/*
 * Shared helpers of the libFuzzer harnesses (tests/fuzz): a property check that aborts (so
 * libFuzzer records the input as a crash), a counting cf_allocator that also remembers the largest
 * single request, and a little reader that carves typed values out of the fuzz input.
 *
 * Everything here is header-only and static: each harness is one translation unit.
 */
#ifndef CF_FUZZ_COMMON_H
#define CF_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/* A violated property is a crash: libFuzzer saves the input as crash-<sha1>. */
#define FUZZ_CHECK(cond)                                                                                               \
	do {                                                                                                               \
		if (!(cond)) {                                                                                                 \
			fprintf(stderr, "\nFUZZ PROPERTY VIOLATED: %s\n  at %s:%d\n", #cond, __FILE__, __LINE__);                  \
			abort();                                                                                                   \
		}                                                                                                              \
	} while (0)

/* FUZZ_DEBUG=1 in the environment: harnesses print what they saw (for triage; slow). */
static inline bool fuzz_debug(void)
{
	static int on = -1;
	if (on < 0) {
		const char *v = getenv("FUZZ_DEBUG");
		on = v && *v && strcmp(v, "0") != 0;
	}
	return on;
}

/* ---- counting allocator ---- */

static long fuzz_live_allocs;    /* live blocks handed out by fuzz_allocator */
static size_t fuzz_peak_request; /* largest single alloc/realloc size requested since the last reset */

static void *fuzz_alloc_fn(size_t n, void *ctx)
{
	(void)ctx;
	if (n > fuzz_peak_request) {
		fuzz_peak_request = n;
	}
	void *p = malloc(n ? n : 1);
	if (p) {
		fuzz_live_allocs++;
	}
	return p;
}

static void *fuzz_realloc_fn(void *p, size_t n, void *ctx)
{
	if (!p) {
		return fuzz_alloc_fn(n, ctx);
	}
	if (n > fuzz_peak_request) {
		fuzz_peak_request = n;
	}
	return realloc(p, n ? n : 1);
}

static void fuzz_free_fn(void *p, void *ctx)
{
	(void)ctx;
	if (p) {
		fuzz_live_allocs--;
		free(p);
	}
}

static const cf_allocator fuzz_allocator = {fuzz_alloc_fn, fuzz_realloc_fn, fuzz_free_fn, NULL};

static inline void fuzz_alloc_reset_peak(void)
{
	fuzz_peak_request = 0;
}

/* Every run must give back everything it got from fuzz_allocator. */
#define FUZZ_CHECK_NO_LEAKS() FUZZ_CHECK(fuzz_live_allocs == 0)

/* Reads every byte of a buffer so ASan proves it is addressable (the result is never used). */
static inline void fuzz_touch(const void *p, size_t n)
{
	const volatile unsigned char *b = p;
	unsigned char acc = 0;
	for (size_t i = 0; i < n; i++) {
		acc ^= b[i];
	}
	(void)acc;
}

/* ---- input reader ---- */

typedef struct fuzz_reader {
	const uint8_t *p;
	size_t n;
} fuzz_reader;

static inline size_t fuzz_left(const fuzz_reader *r)
{
	return r->n;
}

static inline uint8_t fuzz_u8(fuzz_reader *r)
{
	if (r->n == 0) {
		return 0;
	}
	uint8_t v = r->p[0];
	r->p++;
	r->n--;
	return v;
}

static inline uint16_t fuzz_u16(fuzz_reader *r)
{
	uint16_t lo = fuzz_u8(r);
	return (uint16_t)(lo | (uint16_t)fuzz_u8(r) << 8);
}

static inline uint64_t fuzz_u64(fuzz_reader *r)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++) {
		v |= (uint64_t)fuzz_u8(r) << (8 * i);
	}
	return v;
}

/* Up to want bytes (fewer at the end of the input); *got receives how many. */
static inline const uint8_t *fuzz_bytes(fuzz_reader *r, size_t want, size_t *got)
{
	size_t n = want < r->n ? want : r->n;
	const uint8_t *p = r->p;
	r->p += n;
	r->n -= n;
	*got = n;
	return p;
}

/*
 * A malloc'd copy of exactly len bytes, followed by a NUL only when nul is true, so ASan catches
 * any read past len (past len + 1 for the NUL-terminated form).
 */
static inline char *fuzz_dup(const uint8_t *p, size_t len, bool nul)
{
	size_t size = len + (nul ? 1 : 0);
	/* malloc(0) is a real, zero-byte block under ASan: even s[0] of an empty copy is reported. */
	char *c = malloc(size);
	if (!c && !(c = malloc(1))) {
		abort();
	}
	if (len) {
		memcpy(c, p, len);
	}
	if (nul) {
		c[len] = '\0';
	}
	return c;
}

/* A signed 64-bit value biased towards the edges that matter for time and size arithmetic. */
static inline int64_t fuzz_i64(fuzz_reader *r, int64_t anchor)
{
	uint8_t tag = fuzz_u8(r);
	switch (tag % 16) {
	case 0:
		return 0;
	case 1:
		return 1;
	case 2:
		return -1;
	case 3:
		return INT64_MIN;
	case 4:
		return INT64_MAX;
	case 5:
		return INT64_C(2147483647); /* CF_EXPIRES_UNLIMITED */
	case 6:
		return INT64_C(2147483646);
	case 7:
		return INT64_C(2147483648);
	case 8: /* near the anchor (e.g. "now"), small signed delta */
		return (int64_t)((uint64_t)anchor + (uint64_t)(int64_t)(int16_t)fuzz_u16(r));
	case 9:
		return (int64_t)(int32_t)(uint32_t)fuzz_u64(r);
	default:
		return (int64_t)fuzz_u64(r);
	}
}

#endif
