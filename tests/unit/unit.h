/*
 * Shared helpers of the cmocka suite: cmocka's headers in the order it needs them, and a
 * malloc-backed cf_allocator that counts live allocations so every test can assert it leaked
 * nothing.
 */
#ifndef CF_UNIT_H
#define CF_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "alloc.h"

static long cf_unit_live_allocs;

static void *cf_unit_alloc(size_t n, void *ctx)
{
	(void)ctx;
	void *p = malloc(n ? n : 1);
	if (p) {
		cf_unit_live_allocs++;
	}
	return p;
}

static void *cf_unit_realloc(void *p, size_t n, void *ctx)
{
	(void)ctx;
	if (!p) {
		return cf_unit_alloc(n, ctx);
	}
	return realloc(p, n ? n : 1);
}

static void cf_unit_free(void *p, void *ctx)
{
	(void)ctx;
	if (p) {
		cf_unit_live_allocs--;
		free(p);
	}
}

static const cf_allocator cf_unit_allocator = {cf_unit_alloc, cf_unit_realloc, cf_unit_free, NULL};

/* An allocator that fails after `cf_unit_fail_after` successful allocations (-1 = never). */
static long cf_unit_fail_after = -1;
static void *cf_unit_failing_alloc(size_t n, void *ctx)
{
	if (cf_unit_fail_after == 0) {
		return NULL;
	}
	if (cf_unit_fail_after > 0) {
		cf_unit_fail_after--;
	}
	return cf_unit_alloc(n, ctx);
}
static void *cf_unit_failing_realloc(void *p, size_t n, void *ctx)
{
	if (cf_unit_fail_after == 0) {
		return NULL;
	}
	if (cf_unit_fail_after > 0) {
		cf_unit_fail_after--;
	}
	return cf_unit_realloc(p, n, ctx);
}
static const cf_allocator cf_unit_failing_allocator = {
	cf_unit_failing_alloc, cf_unit_failing_realloc, cf_unit_free, NULL};

#define CF_UNIT_ASSERT_NO_LEAKS() assert_int_equal(cf_unit_live_allocs, 0)

#endif
