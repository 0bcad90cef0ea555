/*
 * cmocka tests of src/metrics.c: the shared counter table and its Prometheus rendering.
 *
 * The concurrency tests fork() real children after cf_metrics_create(), as PHP-FPM forks its
 * workers after MINIT, and check that their increments and slot claims add up exactly.
 */
#include "unit.h"

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "metrics.h"

static const cf_metrics_desc descs[] = {
	{0, "cf_hit_total", NULL, NULL, CF_METRICS_COUNTER, "Hits."},
	{1, "cf_miss_total", "reason", "no-metadata", CF_METRICS_COUNTER, "Misses by reason."},
	{2, "cf_miss_total", "reason", "broken", CF_METRICS_COUNTER, "Misses by reason."},
	{3, "cf_store_bytes", NULL, NULL, CF_METRICS_GAUGE, "Bytes\\used\nnow."},
};
#define N_DESCS (sizeof(descs) / sizeof(descs[0]))

static char *render(cf_metrics *m)
{
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(cf_metrics_render(m, descs, N_DESCS, &cf_unit_allocator, &out, &len), CF_METRICS_OK);
	assert_int_equal(strlen(out), len);
	return out;
}

static void test_create_arguments(void **state)
{
	cf_metrics *m = (cf_metrics *)1;
	assert_int_equal(cf_metrics_create(0, 4, &m), CF_METRICS_E_ARG);
	assert_int_equal(cf_metrics_create(4, 0, &m), CF_METRICS_E_ARG);
	assert_int_equal(cf_metrics_create(CF_METRICS_SLOTS_MAX + 1, 4, &m), CF_METRICS_E_ARG);
	assert_int_equal(cf_metrics_create(4, CF_METRICS_COUNTERS_MAX + 1, &m), CF_METRICS_E_ARG);
	assert_int_equal(cf_metrics_create(4, 4, NULL), CF_METRICS_E_ARG);
	assert_null(cf_metrics_slot(NULL, "a", 1, "b", 1, NULL));
	cf_metrics_add(NULL, 0, 1); /* a no-op */
	assert_int_equal(cf_metrics_get(NULL, 0), 0);
	cf_metrics_destroy(NULL);
}

static void test_same_label_same_slot(void **state)
{
	cf_metrics *m;
	cf_metrics_status st;
	assert_int_equal(cf_metrics_create(8, 4, &m), CF_METRICS_OK);
	cf_metrics_cells *a = cf_metrics_slot(m, "pages", 5, "prod:site", 9, &st);
	assert_int_equal(st, CF_METRICS_OK);
	cf_metrics_cells *b = cf_metrics_slot(m, "pages", 5, "prod:site", 9, &st);
	assert_ptr_equal(a, b);
	/* the split between cache and namespace is part of the label */
	cf_metrics_cells *c = cf_metrics_slot(m, "pagesp", 6, "rod:site", 8, &st);
	assert_int_equal(st, CF_METRICS_OK);
	assert_ptr_not_equal(a, c);
	assert_int_equal(cf_metrics_used(m), 2);
	assert_int_equal(cf_metrics_capacity(m), 8);
	cf_metrics_add(a, 0, 3);
	cf_metrics_add(b, 0, 4);
	cf_metrics_set(a, 3, 99);
	cf_metrics_set(a, 3, 42);
	assert_int_equal(cf_metrics_get(a, 0), 7);
	assert_int_equal(cf_metrics_get(a, 3), 42);
	assert_int_equal(cf_metrics_get(c, 0), 0);
	cf_metrics_destroy(m);
}

static void test_table_full_goes_to_overflow(void **state)
{
	cf_metrics *m;
	cf_metrics_status st;
	char name[16];
	assert_int_equal(cf_metrics_create(3, 4, &m), CF_METRICS_OK);
	for (int i = 0; i < 3; i++) {
		int n = snprintf(name, sizeof(name), "c%d", i);
		assert_non_null(cf_metrics_slot(m, name, (size_t)n, "ns", 2, &st));
		assert_int_equal(st, CF_METRICS_OK);
	}
	cf_metrics_cells *o = cf_metrics_slot(m, "c3", 2, "ns", 2, &st);
	assert_int_equal(st, CF_METRICS_E_FULL);
	assert_ptr_equal(o, cf_metrics_overflow(m));
	/* a known label is still found when the table is full */
	assert_ptr_not_equal(cf_metrics_slot(m, "c1", 2, "ns", 2, &st), o);
	assert_int_equal(st, CF_METRICS_OK);
	char *out = render(m);
	assert_null(strstr(out, "overflow")); /* nothing counted there yet */
	cf_free(&cf_unit_allocator, out);
	cf_metrics_add(o, 0, 5);
	out = render(m);
	assert_non_null(strstr(out, "cf_hit_total{overflow=\"true\"} 5\n"));
	assert_non_null(strstr(out, "cf_miss_total{overflow=\"true\",reason=\"broken\"} 0\n"));
	cf_free(&cf_unit_allocator, out);
	cf_metrics_destroy(m);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_label_too_long(void **state)
{
	cf_metrics *m;
	cf_metrics_status st;
	char longer[CF_METRICS_LABEL_MAX + 2];
	memset(longer, 'x', sizeof(longer));
	assert_int_equal(cf_metrics_create(4, 4, &m), CF_METRICS_OK);
	assert_ptr_equal(cf_metrics_slot(m, longer, CF_METRICS_LABEL_MAX + 1, "ns", 2, &st), cf_metrics_overflow(m));
	assert_int_equal(st, CF_METRICS_E_LABEL);
	assert_ptr_equal(cf_metrics_slot(m, "c", 1, longer, CF_METRICS_LABEL_MAX + 1, &st), cf_metrics_overflow(m));
	assert_int_equal(st, CF_METRICS_E_LABEL);
	/* exactly the maximum fits */
	assert_ptr_not_equal(
		cf_metrics_slot(m, longer, CF_METRICS_LABEL_MAX, longer, CF_METRICS_LABEL_MAX, &st), cf_metrics_overflow(m));
	assert_int_equal(st, CF_METRICS_OK);
	assert_int_equal(cf_metrics_used(m), 1);
	cf_metrics_destroy(m);
}

static void test_render_format(void **state)
{
	cf_metrics *m;
	assert_int_equal(cf_metrics_create(4, 4, &m), CF_METRICS_OK);
	cf_metrics_cells *a = cf_metrics_slot(m, "pages", 5, "prod:a", 6, NULL);
	cf_metrics_add(a, 0, 12);
	cf_metrics_add(a, 2, 1);
	cf_metrics_set(a, 3, 4096);
	char *out = render(m);
	const char *want = "# HELP cf_hit_total Hits.\n"
					   "# TYPE cf_hit_total counter\n"
					   "cf_hit_total{cache=\"pages\",namespace=\"prod:a\"} 12\n"
					   "# HELP cf_miss_total Misses by reason.\n"
					   "# TYPE cf_miss_total counter\n"
					   "cf_miss_total{cache=\"pages\",namespace=\"prod:a\",reason=\"no-metadata\"} 0\n"
					   "cf_miss_total{cache=\"pages\",namespace=\"prod:a\",reason=\"broken\"} 1\n"
					   "# HELP cf_store_bytes Bytes\\\\used\\nnow.\n"
					   "# TYPE cf_store_bytes gauge\n"
					   "cf_store_bytes{cache=\"pages\",namespace=\"prod:a\"} 4096\n";
	assert_string_equal(out, want);
	cf_free(&cf_unit_allocator, out);
	cf_metrics_destroy(m);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_render_escapes_label_values(void **state)
{
	cf_metrics *m;
	assert_int_equal(cf_metrics_create(4, 4, &m), CF_METRICS_OK);
	cf_metrics_slot(m, "a\"b", 3, "c\\d\ne", 5, NULL);
	char *out = render(m);
	assert_non_null(strstr(out, "cf_hit_total{cache=\"a\\\"b\",namespace=\"c\\\\d\\ne\"} 0\n"));
	cf_free(&cf_unit_allocator, out);
	char dst[16];
	assert_int_equal(cf_metrics_escape_label("\\\"\n", 3, dst), 6);
	assert_string_equal(dst, "\\\\\\\"\\n");
	cf_metrics_destroy(m);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_render_errors(void **state)
{
	cf_metrics *m;
	char *out = NULL;
	size_t len;
	assert_int_equal(cf_metrics_create(4, 2, &m), CF_METRICS_OK);
	/* descriptor 3 names a cell the segment does not have */
	assert_int_equal(cf_metrics_render(m, descs, N_DESCS, &cf_unit_allocator, &out, &len), CF_METRICS_E_ARG);
	assert_int_equal(cf_metrics_render(NULL, descs, 1, &cf_unit_allocator, &out, &len), CF_METRICS_E_ARG);
	cf_metrics_slot(m, "pages", 5, "ns", 2, NULL);
	for (long k = 0; k < 3; k++) {
		cf_unit_fail_after = k;
		assert_int_equal(cf_metrics_render(m, descs, 1, &cf_unit_failing_allocator, &out, &len),
			k == 0 ? CF_METRICS_E_NOMEM : CF_METRICS_OK);
		if (k > 0) {
			cf_free(&cf_unit_failing_allocator, out);
		}
	}
	cf_unit_fail_after = -1;
	cf_metrics_destroy(m);
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* A claimer killed between its two state changes: the next lookup declares the slot dead once. */
static void test_abandoned_claim_is_skipped(void **state)
{
	cf_metrics *m;
	cf_metrics_status st;
	assert_int_equal(cf_metrics_create(4, 2, &m), CF_METRICS_OK);
	assert_true(cf_metrics_test_abandon_claim(m, "pages", 5, "ns", 2));
	cf_metrics_cells *a = cf_metrics_slot(m, "pages", 5, "ns", 2, &st);
	assert_int_equal(st, CF_METRICS_OK);
	assert_ptr_not_equal(a, cf_metrics_overflow(m));
	/* found again at once (the dead slot is no longer waited for), in the same slot */
	assert_ptr_equal(cf_metrics_slot(m, "pages", 5, "ns", 2, &st), a);
	assert_int_equal(cf_metrics_used(m), 1);
	/* the dead slot is lost capacity: 2 more labels fit, the next one overflows */
	assert_ptr_not_equal(cf_metrics_slot(m, "b", 1, "ns", 2, &st), cf_metrics_overflow(m));
	assert_ptr_not_equal(cf_metrics_slot(m, "c", 1, "ns", 2, &st), cf_metrics_overflow(m));
	assert_ptr_equal(cf_metrics_slot(m, "d", 1, "ns", 2, &st), cf_metrics_overflow(m));
	assert_int_equal(st, CF_METRICS_E_FULL);
	assert_int_equal(cf_metrics_used(m), 3);
	cf_metrics_destroy(m);
}

#define CHILDREN  4
#define PER_CHILD 100000

/* fork()ed children add to one label concurrently; the parent sees the exact sum. */
static void test_forked_children_sum_exactly(void **state)
{
	cf_metrics *m;
	assert_int_equal(cf_metrics_create(16, 4, &m), CF_METRICS_OK);
	pid_t pids[CHILDREN];
	for (int c = 0; c < CHILDREN; c++) {
		pids[c] = fork();
		assert_true(pids[c] >= 0);
		if (pids[c] == 0) {
			/* every child claims the shared label and one of its own, racing the others */
			cf_metrics_cells *shared = cf_metrics_slot(m, "pages", 5, "prod:a", 6, NULL);
			char own[8];
			int n = snprintf(own, sizeof(own), "c%d", c);
			cf_metrics_cells *mine = cf_metrics_slot(m, own, (size_t)n, "prod:a", 6, NULL);
			for (int i = 0; i < PER_CHILD; i++) {
				cf_metrics_add(shared, 0, 1);
				cf_metrics_add(shared, 1, 2);
				cf_metrics_add(mine, 0, 1);
			}
			_exit(shared && mine && shared != mine ? 0 : 1);
		}
	}
	for (int c = 0; c < CHILDREN; c++) {
		int status;
		assert_int_equal(waitpid(pids[c], &status, 0), pids[c]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	cf_metrics_cells *shared = cf_metrics_slot(m, "pages", 5, "prod:a", 6, NULL);
	assert_int_equal(cf_metrics_get(shared, 0), (uint64_t)CHILDREN * PER_CHILD);
	assert_int_equal(cf_metrics_get(shared, 1), (uint64_t)CHILDREN * PER_CHILD * 2);
	assert_int_equal(cf_metrics_used(m), 1 + CHILDREN); /* the shared label was claimed once */
	for (int c = 0; c < CHILDREN; c++) {
		char own[8];
		int n = snprintf(own, sizeof(own), "c%d", c);
		assert_int_equal(cf_metrics_get(cf_metrics_slot(m, own, (size_t)n, "prod:a", 6, NULL), 0), PER_CHILD);
	}
	cf_metrics_destroy(m);
}

/* Children racing to claim more labels than there are slots: each label lands once or overflows. */
static void test_forked_children_fill_the_table(void **state)
{
	cf_metrics *m;
	assert_int_equal(cf_metrics_create(8, 2, &m), CF_METRICS_OK);
	pid_t pids[CHILDREN];
	for (int c = 0; c < CHILDREN; c++) {
		pids[c] = fork();
		assert_true(pids[c] >= 0);
		if (pids[c] == 0) {
			for (int l = 0; l < 12; l++) {
				char name[8];
				int n = snprintf(name, sizeof(name), "l%d", l);
				cf_metrics_add(cf_metrics_slot(m, name, (size_t)n, "ns", 2, NULL), 0, 1);
			}
			_exit(0);
		}
	}
	for (int c = 0; c < CHILDREN; c++) {
		int status;
		assert_int_equal(waitpid(pids[c], &status, 0), pids[c]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	assert_int_equal(cf_metrics_used(m), 8);
	uint64_t total = cf_metrics_get(cf_metrics_overflow(m), 0);
	uint32_t pos = 0;
	const char *cache, *ns;
	cf_metrics_cells *cells;
	while (cf_metrics_next(m, &pos, &cache, &ns, &cells)) {
		assert_int_equal(cf_metrics_get(cells, 0), CHILDREN); /* no label was claimed twice */
		total += cf_metrics_get(cells, 0);
	}
	assert_int_equal(total, CHILDREN * 12);
	assert_int_equal(cf_metrics_get(cf_metrics_overflow(m), 0), CHILDREN * 4);
	cf_metrics_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_arguments),
		cmocka_unit_test(test_same_label_same_slot),
		cmocka_unit_test(test_table_full_goes_to_overflow),
		cmocka_unit_test(test_label_too_long),
		cmocka_unit_test(test_render_format),
		cmocka_unit_test(test_render_escapes_label_values),
		cmocka_unit_test(test_render_errors),
		cmocka_unit_test(test_abandoned_claim_is_skipped),
		cmocka_unit_test(test_forked_children_sum_exactly),
		cmocka_unit_test(test_forked_children_fill_the_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
