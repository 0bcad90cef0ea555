/*
 * cmocka tests of src/lru.c: the payload L1's bounded LRU policy.
 *
 * Every value is a small allocation holding its id; the release callback frees it and counts
 * per id, and a value the map refused is freed by the test itself ("caller owns"), counted
 * separately. Each test ends by checking that every value was disposed of exactly once and that
 * nothing leaked.
 */
#include "unit.h"

#include <stdio.h>

#include "lru.h"

#define MAX_VALUES 8192

static int released[MAX_VALUES]; /* by the map's release callback */
static int caller_freed[MAX_VALUES];
static int nvalues;
static int release_calls;
static int release_ctx_token;

static void *mkval(void)
{
	assert_true(nvalues < MAX_VALUES);
	int *p = cf_alloc(&cf_unit_allocator, sizeof(int));
	assert_non_null(p);
	*p = nvalues++;
	return p;
}

#define NEWVAL(name)                                                                                                   \
	void *name = mkval();                                                                                              \
	const int name##_id = nvalues - 1;                                                                                 \
	(void)name##_id

static int val_id(const void *v)
{
	return *(const int *)v;
}

static void release_cb(void *value, void *ctx)
{
	assert_ptr_equal(ctx, &release_ctx_token);
	int id = val_id(value);
	released[id]++;
	release_calls++;
	cf_free(&cf_unit_allocator, value);
}

/* The map refused value: the caller still owns it. */
static void caller_free(void *value)
{
	caller_freed[val_id(value)]++;
	cf_free(&cf_unit_allocator, value);
}

static int setup(void **state)
{
	memset(released, 0, sizeof(released));
	memset(caller_freed, 0, sizeof(caller_freed));
	nvalues = 0;
	release_calls = 0;
	cf_unit_fail_after = -1;
	return 0;
}

/* Every value created was released by the map or freed by the caller, exactly once. */
static void assert_each_disposed_once(void)
{
	for (int i = 0; i < nvalues; i++) {
		if (released[i] + caller_freed[i] != 1) {
			fail_msg("value %d: released %d, caller-freed %d", i, released[i], caller_freed[i]);
		}
	}
}

static cf_lru *mk(size_t max_entries, size_t max_bytes)
{
	cf_lru *l = cf_lru_create(max_entries, max_bytes, &cf_unit_allocator, release_cb, &release_ctx_token);
	assert_non_null(l);
	return l;
}

#define K(s) (s), strlen(s)

static void put_ok(cf_lru *l, const char *key, void *v, size_t bytes)
{
	assert_true(cf_lru_put(l, key, strlen(key), v, bytes));
}

static void test_miss_returns_null(void **state)
{
	cf_lru *l = mk(4, 0);
	assert_null(cf_lru_get(l, K("nope")));
	assert_null(cf_lru_get(l, "", 0));
	assert_int_equal(cf_lru_count(l), 0);
	assert_int_equal(cf_lru_bytes(l), 0);
	cf_lru_destroy(l);
	cf_lru_destroy(NULL);
	assert_int_equal(release_calls, 0);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_put_get(void **state)
{
	cf_lru *l = mk(4, 0);
	NEWVAL(a);
	NEWVAL(b);
	NEWVAL(e);
	put_ok(l, "a", a, 3);
	put_ok(l, "b", b, 4);
	assert_true(cf_lru_put(l, "", 0, e, 1)); /* the empty key is a key like any other */
	assert_ptr_equal(cf_lru_get(l, K("a")), a);
	assert_ptr_equal(cf_lru_get(l, K("b")), b);
	assert_ptr_equal(cf_lru_get(l, "", 0), e);
	/* binary-safe, length-exact keys */
	assert_null(cf_lru_get(l, "ab", 1 + 1));
	assert_null(cf_lru_get(l, "a\0", 2));
	assert_int_equal(cf_lru_count(l), 3);
	assert_int_equal(cf_lru_bytes(l), 8);
	assert_int_equal(release_calls, 0);
	cf_lru_destroy(l);
	assert_int_equal(release_calls, 3);
	assert_each_disposed_once();
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_get_promotes(void **state)
{
	cf_lru *l = mk(3, 0);
	NEWVAL(a);
	NEWVAL(b);
	NEWVAL(c);
	NEWVAL(d);
	put_ok(l, "a", a, 1);
	put_ok(l, "b", b, 1);
	put_ok(l, "c", c, 1);
	assert_ptr_equal(cf_lru_get(l, K("a")), a); /* a becomes most recent, b least */
	put_ok(l, "d", d, 1);
	assert_int_equal(cf_lru_count(l), 3);
	assert_null(cf_lru_get(l, K("b")));
	assert_int_equal(released[b_id], 1);
	assert_ptr_equal(cf_lru_get(l, K("a")), a);
	assert_ptr_equal(cf_lru_get(l, K("c")), c);
	assert_ptr_equal(cf_lru_get(l, K("d")), d);
	cf_lru_destroy(l);
	assert_each_disposed_once();
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_count_cap_evicts_oldest(void **state)
{
	cf_lru *l = mk(2, 0);
	NEWVAL(a);
	NEWVAL(b);
	NEWVAL(c);
	put_ok(l, "a", a, 10);
	put_ok(l, "b", b, 20);
	put_ok(l, "c", c, 30);
	assert_int_equal(cf_lru_count(l), 2);
	assert_int_equal(cf_lru_bytes(l), 50);
	assert_null(cf_lru_get(l, K("a")));
	assert_int_equal(released[a_id], 1);
	assert_ptr_equal(cf_lru_get(l, K("b")), b);
	assert_ptr_equal(cf_lru_get(l, K("c")), c);
	cf_lru_destroy(l);
	assert_each_disposed_once();
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_byte_cap_evicts_until_under_budget(void **state)
{
	cf_lru *l = mk(10, 100);
	NEWVAL(a);
	NEWVAL(b);
	NEWVAL(c);
	NEWVAL(d);
	NEWVAL(e);
	put_ok(l, "a", a, 40);
	put_ok(l, "b", b, 40);
	assert_int_equal(cf_lru_bytes(l), 80);
	put_ok(l, "c", c, 40); /* 120 > 100: a goes */
	assert_int_equal(cf_lru_count(l), 2);
	assert_int_equal(cf_lru_bytes(l), 80);
	assert_null(cf_lru_get(l, K("a")));
	put_ok(l, "d", d, 90); /* needs b and c both gone */
	assert_int_equal(cf_lru_count(l), 1);
	assert_int_equal(cf_lru_bytes(l), 90);
	assert_null(cf_lru_get(l, K("b")));
	assert_null(cf_lru_get(l, K("c")));
	assert_ptr_equal(cf_lru_get(l, K("d")), d);
	put_ok(l, "e", e, 10); /* exactly at the budget: nothing evicted */
	assert_int_equal(cf_lru_count(l), 2);
	assert_int_equal(cf_lru_bytes(l), 100);
	assert_int_equal(release_calls, 3);
	cf_lru_destroy(l);
	assert_each_disposed_once();
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_oversize_bypass(void **state)
{
	cf_lru *l = mk(4, 100);
	NEWVAL(a);
	NEWVAL(big);
	NEWVAL(exact);
	put_ok(l, "a", a, 50);
	assert_false(cf_lru_put(l, K("big"), big, 101));
	assert_null(cf_lru_get(l, K("big")));
	assert_int_equal(cf_lru_count(l), 1);
	assert_int_equal(cf_lru_bytes(l), 50);
	/* an unrelated entry is untouched by the bypass */
	assert_ptr_equal(cf_lru_get(l, K("a")), a);
	assert_int_equal(released[big_id], 0);
	caller_free(big);
	/* exactly max_bytes is accepted (and pushes everything else out) */
	put_ok(l, "exact", exact, 100);
	assert_int_equal(cf_lru_count(l), 1);
	assert_int_equal(cf_lru_bytes(l), 100);
	assert_null(cf_lru_get(l, K("a")));
	cf_lru_destroy(l);
	assert_each_disposed_once();
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* The reference bug: an oversize replacement left the stale old value in the map. */
static void test_oversize_replacement_drops_old(void **state)
{
	cf_lru *l = mk(4, 100);
	NEWVAL(old);
	NEWVAL(other);
	NEWVAL(big);
	put_ok(l, "k", old, 10);
	put_ok(l, "o", other, 20);
	assert_false(cf_lru_put(l, K("k"), big, 101));
	assert_null(cf_lru_get(l, K("k")));
	assert_int_equal(released[old_id], 1);
	assert_int_equal(released[big_id], 0);
	assert_int_equal(cf_lru_count(l), 1);
	assert_int_equal(cf_lru_bytes(l), 20);
	assert_ptr_equal(cf_lru_get(l, K("o")), other);
	caller_free(big);
	cf_lru_destroy(l);
	assert_each_disposed_once();
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_forget(void **state)
{
	cf_lru *l = mk(4, 0);
	NEWVAL(a);
	NEWVAL(b);
	put_ok(l, "a", a, 5);
	put_ok(l, "b", b, 7);
	assert_true(cf_lru_forget(l, K("a")));
	assert_int_equal(released[a_id], 1);
	assert_null(cf_lru_get(l, K("a")));
	assert_int_equal(cf_lru_count(l), 1);
	assert_int_equal(cf_lru_bytes(l), 7);
	/* missing key: no-op */
	assert_false(cf_lru_forget(l, K("a")));
	assert_false(cf_lru_forget(l, K("zzz")));
	assert_int_equal(cf_lru_count(l), 1);
	assert_int_equal(cf_lru_bytes(l), 7);
	assert_int_equal(release_calls, 1);
	assert_true(cf_lru_forget(l, K("b")));
	assert_int_equal(cf_lru_count(l), 0);
	assert_int_equal(cf_lru_bytes(l), 0);
	cf_lru_destroy(l);
	assert_int_equal(release_calls, 2);
	assert_each_disposed_once();
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_clear_resets(void **state)
{
	cf_lru *l = mk(4, 0);
	put_ok(l, "a", mkval(), 5);
	put_ok(l, "b", mkval(), 6);
	put_ok(l, "c", mkval(), 7);
	cf_lru_clear(l);
	assert_int_equal(release_calls, 3);
	assert_int_equal(cf_lru_count(l), 0);
	assert_int_equal(cf_lru_bytes(l), 0);
	assert_null(cf_lru_get(l, K("a")));
	/* still usable */
	NEWVAL(d);
	put_ok(l, "a", d, 9);
	assert_ptr_equal(cf_lru_get(l, K("a")), d);
	assert_int_equal(cf_lru_bytes(l), 9);
	cf_lru_clear(l);
	cf_lru_clear(l);
	cf_lru_clear(NULL);
	assert_int_equal(release_calls, 4);
	cf_lru_destroy(l);
	assert_int_equal(release_calls, 4);
	assert_each_disposed_once();
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_replace_updates_bytes(void **state)
{
	cf_lru *l = mk(4, 0);
	NEWVAL(v1);
	NEWVAL(v2);
	put_ok(l, "k", v1, 5);
	assert_int_equal(cf_lru_bytes(l), 5);
	put_ok(l, "k", v2, 14);
	assert_int_equal(cf_lru_bytes(l), 14);
	assert_int_equal(cf_lru_count(l), 1);
	assert_int_equal(released[v1_id], 1);
	assert_ptr_equal(cf_lru_get(l, K("k")), v2);
	/* handing back the value already stored does not release it */
	put_ok(l, "k", v2, 3);
	assert_int_equal(released[v2_id], 0);
	assert_int_equal(cf_lru_bytes(l), 3);
	assert_ptr_equal(cf_lru_get(l, K("k")), v2);
	cf_lru_destroy(l);
	assert_int_equal(release_calls, 2);
	assert_each_disposed_once();
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* Replacing the oldest entry makes it the most recent. */
static void test_replace_promotes(void **state)
{
	cf_lru *l = mk(2, 0);
	NEWVAL(a);
	NEWVAL(b);
	NEWVAL(a2);
	NEWVAL(c);
	put_ok(l, "a", a, 1);
	put_ok(l, "b", b, 1);
	put_ok(l, "a", a2, 1);
	put_ok(l, "c", c, 1);
	assert_null(cf_lru_get(l, K("b")));
	assert_ptr_equal(cf_lru_get(l, K("a")), a2);
	assert_ptr_equal(cf_lru_get(l, K("c")), c);
	cf_lru_destroy(l);
	assert_each_disposed_once();
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_zero_entries_disables(void **state)
{
	cf_lru *l = mk(0, 0);
	NEWVAL(v);
	assert_false(cf_lru_put(l, K("a"), v, 1));
	assert_null(cf_lru_get(l, K("a")));
	assert_false(cf_lru_forget(l, K("a")));
	assert_int_equal(cf_lru_count(l), 0);
	assert_int_equal(cf_lru_bytes(l), 0);
	cf_lru_clear(l);
	cf_lru_destroy(l);
	assert_int_equal(release_calls, 0);
	caller_free(v);
	/* also with a byte cap */
	l = mk(0, 100);
	v = mkval();
	assert_false(cf_lru_put(l, K("a"), v, 1));
	caller_free(v);
	cf_lru_destroy(l);
	assert_each_disposed_once();
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_zero_bytes_is_count_cap_only(void **state)
{
	const size_t mib = 1024 * 1024;
	cf_lru *l = mk(2, 0);
	NEWVAL(a);
	NEWVAL(b);
	NEWVAL(c);
	put_ok(l, "a", a, mib);
	put_ok(l, "b", b, mib);
	assert_int_equal(cf_lru_count(l), 2);
	assert_int_equal(cf_lru_bytes(l), 2 * mib);
	assert_ptr_equal(cf_lru_get(l, K("a")), a);
	assert_ptr_equal(cf_lru_get(l, K("b")), b);
	assert_int_equal(release_calls, 0);
	put_ok(l, "c", c, 64 * mib); /* no byte cap: only the count cap evicts (a) */
	assert_int_equal(cf_lru_count(l), 2);
	assert_int_equal(cf_lru_bytes(l), 65 * mib);
	assert_null(cf_lru_get(l, K("a")));
	cf_lru_destroy(l);
	assert_each_disposed_once();
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* Every path that ends a value's life calls release exactly once. */
static void test_release_exactly_once(void **state)
{
	cf_lru *l = mk(3, 100);
	put_ok(l, "evicted-by-count-1", mkval(), 1);
	put_ok(l, "replaced", mkval(), 1);
	put_ok(l, "forgotten", mkval(), 1);
	put_ok(l, "replaced", mkval(), 2);             /* replacement */
	assert_true(cf_lru_forget(l, K("forgotten"))); /* forget */
	put_ok(l, "x1", mkval(), 1);                   /* count eviction */
	put_ok(l, "x2", mkval(), 1);
	put_ok(l, "by-bytes", mkval(), 97); /* byte eviction */
	NEWVAL(big);
	assert_false(cf_lru_put(l, K("by-bytes"), big, 1000)); /* oversize replacement */
	caller_free(big);
	put_ok(l, "c1", mkval(), 1);
	cf_lru_clear(l); /* clear */
	put_ok(l, "d1", mkval(), 1);
	put_ok(l, "d2", mkval(), 1);
	cf_lru_destroy(l); /* destroy */
	assert_int_equal(release_calls, nvalues - 1);
	assert_each_disposed_once();
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* A NULL release callback is allowed (values are then the caller's business). */
static void test_null_release(void **state)
{
	int x = 1, y = 2;
	cf_lru *l = cf_lru_create(1, 0, &cf_unit_allocator, NULL, NULL);
	assert_non_null(l);
	assert_true(cf_lru_put(l, K("a"), &x, 1));
	assert_true(cf_lru_put(l, K("b"), &y, 1));
	assert_null(cf_lru_get(l, K("a")));
	assert_ptr_equal(cf_lru_get(l, K("b")), &y);
	cf_lru_destroy(l);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_create_allocation_failure(void **state)
{
	for (long n = 0; n < 2; n++) {
		cf_unit_fail_after = n;
		assert_null(cf_lru_create(4, 0, &cf_unit_failing_allocator, release_cb, &release_ctx_token));
		CF_UNIT_ASSERT_NO_LEAKS();
	}
	cf_unit_fail_after = 0; /* a disabled map allocates no buckets */
	assert_null(cf_lru_create(0, 0, &cf_unit_failing_allocator, release_cb, &release_ctx_token));
	cf_unit_fail_after = 1;
	cf_lru *l = cf_lru_create(0, 0, &cf_unit_failing_allocator, release_cb, &release_ctx_token);
	assert_non_null(l);
	cf_lru_destroy(l);
	cf_unit_fail_after = -1;
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* Allocation failure in put: false, caller keeps the value, the key's old value is gone. */
static void test_put_allocation_failure(void **state)
{
	static const char *const keys[] = {"a", "b", "a", "c", "b", "d", "a", "e"};
	const size_t nkeys = sizeof(keys) / sizeof(keys[0]);
	bool saw_failure = false, saw_success = false;
	for (long n = 0; n < 16; n++) {
		cf_unit_fail_after = n;
		cf_lru *l = cf_lru_create(3, 10, &cf_unit_failing_allocator, release_cb, &release_ctx_token);
		if (!l) {
			assert_true(n < 2);
			CF_UNIT_ASSERT_NO_LEAKS();
			continue;
		}
		for (size_t i = 0; i < nkeys; i++) {
			NEWVAL(v);
			if (cf_lru_put(l, K(keys[i]), v, 3)) {
				saw_success = true;
				assert_ptr_equal(cf_lru_get(l, K(keys[i])), v);
			} else {
				saw_failure = true;
				assert_null(cf_lru_get(l, K(keys[i])));
				caller_free(v);
			}
			assert_true(cf_lru_count(l) <= 3);
			assert_int_equal(cf_lru_bytes(l), cf_lru_count(l) * 3);
		}
		/* consistency after the failures: forget and re-put work */
		assert_false(cf_lru_forget(l, K("zz")));
		cf_unit_fail_after = -1;
		NEWVAL(v);
		put_ok(l, "a", v, 3);
		assert_ptr_equal(cf_lru_get(l, K("a")), v);
		cf_lru_destroy(l);
		CF_UNIT_ASSERT_NO_LEAKS();
	}
	assert_true(saw_failure);
	assert_true(saw_success);
	assert_each_disposed_once();
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* A failed replacement removes the old value too. */
static void test_replacement_allocation_failure_drops_old(void **state)
{
	cf_unit_fail_after = 3; /* map + buckets + first entry */
	cf_lru *l = cf_lru_create(4, 0, &cf_unit_failing_allocator, release_cb, &release_ctx_token);
	assert_non_null(l);
	NEWVAL(old);
	NEWVAL(other);
	put_ok(l, "k", old, 4);
	assert_false(cf_lru_put(l, K("o"), other, 1));
	caller_free(other);
	NEWVAL(neu);
	assert_false(cf_lru_put(l, K("k"), neu, 8));
	assert_int_equal(released[old_id], 1);
	assert_null(cf_lru_get(l, K("k")));
	assert_int_equal(cf_lru_count(l), 0);
	assert_int_equal(cf_lru_bytes(l), 0);
	caller_free(neu);
	cf_unit_fail_after = -1;
	cf_lru_destroy(l);
	assert_each_disposed_once();
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* More keys than buckets: chains of colliding keys stay correct under get/forget/evict. */
static void test_many_keys_collisions(void **state)
{
	enum { CAP = 1024, N = 1000 };
	cf_lru *l = mk(CAP, 0);
	static void *vals[2 * N + 100];
	char key[32];
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "key-%d", i);
		vals[i] = mkval();
		put_ok(l, key, vals[i], 1);
	}
	assert_int_equal(cf_lru_count(l), N);
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "key-%d", i);
		assert_ptr_equal(cf_lru_get(l, K(key)), vals[i]);
	}
	/* forget every third key, from the middle of the chains */
	for (int i = 0; i < N; i += 3) {
		snprintf(key, sizeof(key), "key-%d", i);
		assert_true(cf_lru_forget(l, K(key)));
	}
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "key-%d", i);
		if (i % 3 == 0) {
			assert_null(cf_lru_get(l, K(key)));
		} else {
			assert_ptr_equal(cf_lru_get(l, K(key)), vals[i]);
		}
	}
	size_t left = cf_lru_count(l);
	assert_int_equal(left, N - (N + 2) / 3);
	/* fill past the cap: the oldest (key-1, key-2, ...) go first */
	for (int i = N; i < 2 * N; i++) {
		snprintf(key, sizeof(key), "key-%d", i);
		vals[i] = mkval();
		put_ok(l, key, vals[i], 1);
	}
	assert_int_equal(cf_lru_count(l), CAP);
	assert_int_equal(cf_lru_bytes(l), CAP);
	size_t evicted = left + N - CAP;
	size_t seen_gone = 0;
	for (int i = 0; i < N; i++) {
		if (i % 3 == 0) {
			continue;
		}
		snprintf(key, sizeof(key), "key-%d", i);
		void *got = cf_lru_get(l, K(key));
		if (seen_gone < evicted) {
			assert_null(got);
			seen_gone++;
		} else {
			assert_ptr_equal(got, vals[i]);
		}
	}
	assert_int_equal(seen_gone, evicted);
	for (int i = N; i < 2 * N; i++) {
		snprintf(key, sizeof(key), "key-%d", i);
		assert_ptr_equal(cf_lru_get(l, K(key)), vals[i]);
	}
	cf_lru_destroy(l);
	assert_each_disposed_once();
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* A tiny cap (8 buckets) and keys that all share a bucket chain. */
static void test_small_map_long_chains(void **state)
{
	cf_lru *l = mk(3, 0);
	char key[16];
	void *last[3] = {0};
	for (int i = 0; i < 200; i++) {
		snprintf(key, sizeof(key), "%d", i);
		NEWVAL(v);
		put_ok(l, key, v, 2);
		last[i % 3] = v;
		assert_true(cf_lru_count(l) <= 3);
	}
	assert_int_equal(cf_lru_count(l), 3);
	assert_int_equal(cf_lru_bytes(l), 6);
	assert_ptr_equal(cf_lru_get(l, K("199")), last[199 % 3]);
	assert_ptr_equal(cf_lru_get(l, K("198")), last[198 % 3]);
	assert_ptr_equal(cf_lru_get(l, K("197")), last[197 % 3]);
	assert_null(cf_lru_get(l, K("196")));
	cf_lru_destroy(l);
	assert_int_equal(release_calls, 200);
	assert_each_disposed_once();
	CF_UNIT_ASSERT_NO_LEAKS();
}

#define T(f) cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_miss_returns_null),
		T(test_put_get),
		T(test_get_promotes),
		T(test_count_cap_evicts_oldest),
		T(test_byte_cap_evicts_until_under_budget),
		T(test_oversize_bypass),
		T(test_oversize_replacement_drops_old),
		T(test_forget),
		T(test_clear_resets),
		T(test_replace_updates_bytes),
		T(test_replace_promotes),
		T(test_zero_entries_disables),
		T(test_zero_bytes_is_count_cap_only),
		T(test_release_exactly_once),
		T(test_null_release),
		T(test_create_allocation_failure),
		T(test_put_allocation_failure),
		T(test_replacement_allocation_failure_drops_old),
		T(test_many_keys_collisions),
		T(test_small_map_long_chains),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
