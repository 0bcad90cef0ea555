/*
 * clusterfile: the allocator seam of the Zend-free core.
 *
 * This module owns the allocator description only; it allocates nothing itself. Core modules
 * (codec, store, lru) take a `const cf_allocator *` so production can hand them the request heap
 * (emalloc) and the cmocka suite plain malloc with leak accounting.
 */
#ifndef CF_ALLOC_H
#define CF_ALLOC_H

#include <stddef.h>

typedef struct cf_allocator {
	/* Returns NULL on failure (the emalloc-backed one never does: it bails out). */
	void *(*alloc)(size_t size, void *ctx);
	void *(*realloc)(void *ptr, size_t size, void *ctx);
	void (*free)(void *ptr, void *ctx);
	void *ctx;
} cf_allocator;

static inline void *cf_alloc(const cf_allocator *a, size_t n)
{
	return a->alloc(n, a->ctx);
}
static inline void *cf_realloc(const cf_allocator *a, void *p, size_t n)
{
	return a->realloc(p, n, a->ctx);
}
static inline void cf_free(const cf_allocator *a, void *p)
{
	if (p) {
		a->free(p, a->ctx);
	}
}

#endif
