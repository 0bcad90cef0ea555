/*
 * cmocka suite of src/gc.c: bounding the pod-local store (temp leftovers, age, LRU budget).
 *
 * Linked with -Wl,--wrap=unlinkat,--wrap=fstatat,--wrap=realloc: the __wrap_* functions pass through
 * unless a test arms them (state in `inj`, reset around every test). Every test works in its own
 * mkdtemp directory under /tmp, removed in teardown. Files are given explicit times with utimensat,
 * so "last use" is what the test says, whatever the mount's atime policy.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "unit.h"

#include "gc.h"
#include "store.h"

/* ------------------------------------------------------------------------------------------------
 * Failure injection
 */

static struct {
	int unlinkat_errno; /* fail every unlinkat with this */
	int unlinkat_calls;
	int fstatat_errno; /* fail every fstatat with this */
	int fstatat_calls;
	int fstatat_hook_at; /* on this call (1-based), run hook first */
	void (*hook)(void);
	bool realloc_fail; /* fail every realloc */
} inj;

int __real_unlinkat(int dirfd, const char *path, int flags);
int __wrap_unlinkat(int dirfd, const char *path, int flags);
int __real_fstatat(int dirfd, const char *path, struct stat *st, int flags);
int __wrap_fstatat(int dirfd, const char *path, struct stat *st, int flags);
void *__real_realloc(void *p, size_t n);
void *__wrap_realloc(void *p, size_t n);

int __wrap_unlinkat(int dirfd, const char *path, int flags)
{
	inj.unlinkat_calls++;
	if (inj.unlinkat_errno != 0) {
		errno = inj.unlinkat_errno;
		return -1;
	}
	return __real_unlinkat(dirfd, path, flags);
}

int __wrap_fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	inj.fstatat_calls++;
	if (inj.hook != NULL && inj.fstatat_calls == inj.fstatat_hook_at) {
		inj.hook();
	}
	if (inj.fstatat_errno != 0) {
		errno = inj.fstatat_errno;
		return -1;
	}
	return __real_fstatat(dirfd, path, st, flags);
}

void *__wrap_realloc(void *p, size_t n)
{
	if (inj.realloc_fail) {
		return NULL;
	}
	return __real_realloc(p, n);
}

static void inj_reset(void)
{
	memset(&inj, 0, sizeof(inj));
}

/* ------------------------------------------------------------------------------------------------
 * Fixture
 */

/* snprintf into a PATH_MAX buffer that must not truncate. */
static void pathf(char *out, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out, PATH_MAX, fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && n < PATH_MAX);
}

typedef struct fixture {
	char base[PATH_MAX];
	char root[PATH_MAX];
	time_t now;
} fixture;

static fixture *g_f; /* for hooks */

static int rm_cb(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	strcpy(f->base, "/tmp/cf-gc-XXXXXX");
	assert_non_null(mkdtemp(f->base));
	pathf(f->root, "%s/store", f->base);
	assert_int_equal(mkdir(f->root, 0755), 0);
	f->now = time(NULL);
	inj_reset();
	g_f = f;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	inj_reset();
	nftw(f->base, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

static const cf_gc_limits no_limits = {0, 0, -1};

/* A store-made payload name in shard `shard` (0..255), distinguished by n. */
static void name_of(unsigned shard, unsigned n, const char *suffix, char *out, size_t size)
{
	snprintf(out, size, "%02x%054x%08x%s", shard, 0u, n, suffix ? suffix : "");
}

static void path_in(const fixture *f, unsigned shard, const char *name, char *out)
{
	pathf(out, "%s/%02x/%s", f->root, shard, name);
}

/* Creates root/xx/name with len bytes, last accessed at atime and modified at mtime (seconds). */
static void put_at(const fixture *f, unsigned shard, const char *name, size_t len, time_t atime, time_t mtime)
{
	char dir[PATH_MAX];
	char path[PATH_MAX];
	char buf[4096];
	struct timespec ts[2];
	int fd;

	pathf(dir, "%s/%02x", f->root, shard);
	if (mkdir(dir, 0755) != 0) {
		assert_int_equal(errno, EEXIST);
	}
	path_in(f, shard, name, path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	memset(buf, 'x', sizeof(buf));
	while (len > 0) {
		size_t n = len < sizeof(buf) ? len : sizeof(buf);
		assert_int_equal(write(fd, buf, n), (ssize_t)n);
		len -= n;
	}
	assert_int_equal(close(fd), 0);
	ts[0].tv_sec = atime;
	ts[0].tv_nsec = 0;
	ts[1].tv_sec = mtime;
	ts[1].tv_nsec = 0;
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* A payload file of one block, last used at `used`. */
static void put_payload(const fixture *f, unsigned shard, unsigned n, time_t used)
{
	char name[80];
	name_of(shard, n, NULL, name, sizeof(name));
	put_at(f, shard, name, 4096, used, used);
}

static bool present(const fixture *f, unsigned shard, unsigned n)
{
	char name[80];
	char path[PATH_MAX];
	struct stat st;
	name_of(shard, n, NULL, name, sizeof(name));
	path_in(f, shard, name, path);
	return lstat(path, &st) == 0;
}

static int64_t du_of(const fixture *f, unsigned shard, unsigned n)
{
	char name[80];
	char path[PATH_MAX];
	struct stat st;
	name_of(shard, n, NULL, name, sizeof(name));
	path_in(f, shard, name, path);
	assert_int_equal(lstat(path, &st), 0);
	return st.st_blocks > 0 ? (int64_t)st.st_blocks * 512 : (int64_t)st.st_size;
}

/* Disk usage of the shard directories that exist (a collection counts them too). */
static int64_t dirs_du(const fixture *f)
{
	char path[PATH_MAX];
	struct stat st;
	int64_t du = 0;
	unsigned i;

	for (i = 0; i < 256; i++) {
		pathf(path, "%s/%02x", f->root, i);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			du += st.st_blocks > 0 ? (int64_t)st.st_blocks * 512 : (int64_t)st.st_size;
		}
	}
	return du;
}

static cf_gc_status collect(const fixture *f, const cf_gc_limits *lim, cf_gc_report *r)
{
	return cf_gc_collect(f->root, strlen(f->root), lim, f->now, r);
}

/* ------------------------------------------------------------------------------------------------
 * Arguments and roots
 */

static void test_bad_roots(void **state)
{
	fixture *f = *state;
	cf_gc_report r;
	char missing[PATH_MAX];
	char file[PATH_MAX];

	memset(&r, 0xff, sizeof(r));
	assert_int_equal(cf_gc_collect("relative/dir", 12, &no_limits, f->now, &r), CF_GC_E_ARG);
	assert_int_equal(r.files, 0); /* the report is filled (zeros) on every return */
	assert_int_equal(cf_gc_collect("", 0, &no_limits, f->now, &r), CF_GC_E_ARG);
	assert_int_equal(cf_gc_collect(NULL, 0, &no_limits, f->now, &r), CF_GC_E_ARG);
	assert_int_equal(cf_gc_collect("/tmp\0x", 6, &no_limits, f->now, &r), CF_GC_E_ARG);
	assert_int_equal(cf_gc_collect(f->root, strlen(f->root), NULL, f->now, &r), CF_GC_E_ARG);

	/* a missing localPath is an empty store */
	pathf(missing, "%s/never", f->base);
	memset(&r, 0xff, sizeof(r));
	assert_int_equal(cf_gc_collect(missing, strlen(missing), &no_limits, f->now, &r), CF_GC_OK);
	assert_int_equal(r.shards, 0);
	assert_int_equal(r.errors, 0);

	/* a file is not a store */
	pathf(file, "%s/plain", f->base);
	assert_int_equal(close(open(file, O_WRONLY | O_CREAT, 0644)), 0);
	assert_int_equal(cf_gc_collect(file, strlen(file), &no_limits, f->now, &r), CF_GC_E_ROOT);
	assert_string_equal(cf_gc_strerror(CF_GC_E_ROOT), "localPath cannot be opened as a directory");
	assert_string_equal(cf_gc_strerror(CF_GC_OK), "ok");
	assert_string_equal(cf_gc_strerror(CF_GC_E_ARG), "localPath is not an absolute path");
	assert_string_equal(cf_gc_strerror(CF_GC_E_NOMEM), "out of memory");
	assert_string_equal(cf_gc_strerror((cf_gc_status)99), "unknown error");
}

static void test_no_limits_removes_nothing_and_counts_everything(void **state)
{
	fixture *f = *state;
	cf_gc_report r;
	int64_t du = 0;
	unsigned i;

	for (i = 0; i < 10; i++) {
		put_payload(f, i * 25, i, f->now - 100000000);
		du += du_of(f, i * 25, i);
	}
	du += dirs_du(f); /* the shard directories' own blocks count */
	assert_true(dirs_du(f) > 0);
	assert_int_equal(collect(f, &no_limits, &r), CF_GC_OK);
	assert_int_equal(r.shards, 10);
	assert_int_equal(r.files, 10);
	assert_int_equal(r.bytes, du);
	assert_int_equal(r.removed_temp + r.removed_expired + r.removed_evicted, 0);
	assert_int_equal(r.remaining_files, 10);
	assert_int_equal(r.remaining_bytes, du);
	assert_int_equal(r.estimated_bytes, du);
	assert_int_equal(r.errors, 0);
	for (i = 0; i < 10; i++) {
		assert_true(present(f, i * 25, i));
	}
}

static void test_scan_removes_and_writes_nothing(void **state)
{
	fixture *f = *state;
	cf_gc_report r;
	char tmp[64];
	char path[PATH_MAX];
	struct stat st;
	unsigned i;

	for (i = 0; i < 6; i++) {
		put_payload(f, i * 40, i, f->now - 100000000); /* old enough for any age limit */
	}
	pathf(tmp, "%sdeadwriter", CF_STORE_TMP_PREFIX);
	put_at(f, 40, tmp, 100, f->now - 99999, f->now - 99999);
	assert_int_equal(cf_gc_scan(f->root, strlen(f->root), f->now, &r), CF_GC_OK);
	assert_int_equal(r.files, 6);
	assert_int_equal(r.remaining_files, 6);
	assert_int_equal(r.removed_temp + r.removed_expired + r.removed_evicted, 0);
	assert_int_equal(r.removed_bytes, 0);
	assert_true(r.remaining_bytes > 0);
	for (i = 0; i < 6; i++) {
		assert_true(present(f, i * 40, i));
	}
	path_in(f, 40, tmp, path);
	assert_int_equal(lstat(path, &st), 0);
	/* not even the steps' estimate file (a full collection writes it) */
	pathf(path, "%s/.cf-gc-estimate", f->root);
	assert_int_not_equal(lstat(path, &st), 0);
	assert_int_equal(collect(f, &no_limits, &r), CF_GC_OK);
	assert_int_equal(lstat(path, &st), 0);
	/* a missing store is an empty one, as for a collection */
	pathf(path, "%s/none", f->root);
	assert_int_equal(cf_gc_scan(path, strlen(path), f->now, &r), CF_GC_OK);
	assert_int_equal(r.files, 0);
}

/* ------------------------------------------------------------------------------------------------
 * Temp files and age
 */

static void test_temp_leftovers_removed_by_mtime(void **state)
{
	fixture *f = *state;
	cf_gc_limits lim = {0, 0, 3600};
	cf_gc_report r;
	char old_tmp[64];
	char young_tmp[64];
	char path[PATH_MAX];
	struct stat st;

	pathf(old_tmp, "%sdeadwriter", CF_STORE_TMP_PREFIX);
	pathf(young_tmp, "%sliveone", CF_STORE_TMP_PREFIX);
	/* a recent atime does not save a temp file: a dead writer's file is judged by its mtime */
	put_at(f, 7, old_tmp, 100, f->now, f->now - 3601);
	put_at(f, 7, young_tmp, 100, f->now - 9999, f->now - 10);
	put_payload(f, 7, 1, f->now - 999999);

	assert_int_equal(collect(f, &lim, &r), CF_GC_OK);
	assert_int_equal(r.removed_temp, 1);
	assert_true(r.removed_bytes > 0);
	assert_int_equal(r.files, 1); /* temp files are not payload files */
	assert_int_equal(r.remaining_files, 1);
	path_in(f, 7, old_tmp, path);
	assert_int_not_equal(lstat(path, &st), 0);
	path_in(f, 7, young_tmp, path);
	assert_int_equal(lstat(path, &st), 0);

	/* a negative temp age keeps every temp file */
	lim.temp_max_age_seconds = -1;
	put_at(f, 7, old_tmp, 100, f->now, f->now - 99999);
	assert_int_equal(collect(f, &lim, &r), CF_GC_OK);
	assert_int_equal(r.removed_temp, 0);
	path_in(f, 7, old_tmp, path);
	assert_int_equal(lstat(path, &st), 0);
}

static void test_age_limit_uses_the_later_of_atime_and_mtime(void **state)
{
	fixture *f = *state;
	cf_gc_limits lim = {0, 86400, -1};
	cf_gc_report r;
	char name[80];
	int64_t du;

	put_payload(f, 1, 1, f->now - 86401); /* unused for more than a day: goes */
	put_payload(f, 1, 2, f->now - 86000); /* not yet */
	name_of(2, 3, NULL, name, sizeof(name));
	put_at(f, 2, name, 4096, f->now - 10, f->now - 999999); /* read recently: stays */
	name_of(2, 4, NULL, name, sizeof(name));
	put_at(f, 2, name, 4096, f->now - 999999, f->now - 10); /* written recently: stays */
	du = du_of(f, 1, 1);

	assert_int_equal(collect(f, &lim, &r), CF_GC_OK);
	assert_int_equal(r.files, 4);
	assert_int_equal(r.removed_expired, 1);
	assert_int_equal(r.removed_evicted, 0);
	assert_int_equal(r.removed_bytes, du);
	assert_int_equal(r.remaining_files, 3);
	assert_int_equal(r.remaining_bytes, r.bytes - du);
	assert_false(present(f, 1, 1));
	assert_true(present(f, 1, 2));
	assert_true(present(f, 2, 3));
	assert_true(present(f, 2, 4));
}

static void test_huge_ages_and_times_do_not_overflow(void **state)
{
	fixture *f = *state;
	cf_gc_limits lim = {0, INT64_MAX, INT64_MAX};
	cf_gc_report r;

	put_payload(f, 3, 1, 1); /* 1970 */
	assert_int_equal(collect(f, &lim, &r), CF_GC_OK);
	assert_int_equal(r.removed_expired, 0); /* 2^31 s is longer than the file has existed */
	assert_true(present(f, 3, 1));
	/* a clock before the epoch: nothing is old */
	assert_int_equal(cf_gc_collect(f->root, strlen(f->root), &lim, (time_t)-5, &r), CF_GC_OK);
	assert_true(present(f, 3, 1));
	/* a clock far in the future counts as 2106, where a 1970 file is older than 2^31 s */
	assert_int_equal(cf_gc_collect(f->root, strlen(f->root), &lim, (time_t)INT64_MAX, &r), CF_GC_OK);
	assert_int_equal(r.removed_expired, 1);
	assert_false(present(f, 3, 1));
}

/* ------------------------------------------------------------------------------------------------
 * Budget (least recently used first)
 */

static void test_budget_evicts_the_least_recently_used(void **state)
{
	fixture *f = *state;
	cf_gc_limits lim = {0, 0, -1};
	cf_gc_report r;
	int64_t one;
	unsigned i;

	/* 20 files over 20 shards, file i last used i hours before now: the oldest are the highest i */
	for (i = 0; i < 20; i++) {
		put_payload(f, (i * 13) % 256, i, f->now - (time_t)i * 3600);
	}
	one = du_of(f, 0, 0);
	lim.max_bytes = dirs_du(f) + one * 12 + one / 2; /* room for 12 files beside the directories */

	assert_int_equal(collect(f, &lim, &r), CF_GC_OK);
	assert_int_equal(r.files, 20);
	assert_int_equal(r.removed_evicted, 8);
	assert_int_equal(r.remaining_files, 12);
	assert_true(r.remaining_bytes <= lim.max_bytes);
	assert_int_equal(r.removed_bytes, 8 * one);
	for (i = 0; i < 20; i++) {
		assert_true(present(f, (i * 13) % 256, i) == (i < 12));
	}
	/* under budget now: a second run removes nothing */
	assert_int_equal(collect(f, &lim, &r), CF_GC_OK);
	assert_int_equal(r.removed_evicted, 0);
	assert_int_equal(r.remaining_files, 12);
}

static void test_budget_ties_take_only_what_is_needed(void **state)
{
	fixture *f = *state;
	cf_gc_limits lim = {0, 0, -1};
	cf_gc_report r;
	int64_t one;
	unsigned i, left = 0;

	for (i = 0; i < 10; i++) {
		put_payload(f, 40 + i, i, f->now - 500); /* all used at the same second */
	}
	one = du_of(f, 40, 0);
	lim.max_bytes = dirs_du(f) + one * 7;
	assert_int_equal(collect(f, &lim, &r), CF_GC_OK);
	assert_int_equal(r.removed_evicted, 3);
	for (i = 0; i < 10; i++) {
		left += present(f, 40 + i, i);
	}
	assert_int_equal(left, 7);
	assert_int_equal(r.remaining_bytes, dirs_du(f) + 7 * one);
}

static void test_budget_is_counted_on_disk_not_by_size(void **state)
{
	fixture *f = *state;
	cf_gc_limits lim = {0, 0, -1};
	cf_gc_report r;
	char name[80];
	unsigned i;
	int64_t du = 0;

	/* ten 1-byte files cost a block each on disk: a budget of 10 bytes is far exceeded */
	for (i = 0; i < 10; i++) {
		name_of(9, i, NULL, name, sizeof(name));
		put_at(f, 9, name, 1, f->now - (time_t)i, f->now - (time_t)i);
		du += du_of(f, 9, i);
	}
	du += dirs_du(f);
	assert_int_equal(collect(f, &no_limits, &r), CF_GC_OK);
	assert_int_equal(r.bytes, du);
	assert_true(r.bytes >= 10);
	lim.max_bytes = du - 1;
	assert_int_equal(collect(f, &lim, &r), CF_GC_OK);
	assert_int_equal(r.removed_evicted, 1);
	assert_false(present(f, 9, 9)); /* the oldest */
}

/* A file read between the scan and the eviction is kept. */
static void touch_file_0(void)
{
	char name[80];
	char path[PATH_MAX];
	name_of(5, 0, NULL, name, sizeof(name));
	path_in(g_f, 5, name, path);
	assert_int_equal(utimensat(AT_FDCWD, path, NULL, 0), 0);
}

static void test_a_file_used_during_the_collection_survives(void **state)
{
	fixture *f = *state;
	cf_gc_limits lim = {0, 0, -1};
	cf_gc_report r;
	int64_t one;

	put_payload(f, 5, 0, f->now - 9000); /* the oldest: the one the scan picks */
	put_payload(f, 5, 1, f->now - 5000);
	put_payload(f, 5, 2, f->now - 1000);
	one = du_of(f, 5, 0);
	lim.max_bytes = dirs_du(f) + one * 2;
	/* three stats in the scan; the fourth is the eviction's re-check of the first candidate */
	inj.fstatat_hook_at = 4;
	inj.hook = touch_file_0;
	/* the hook only fires when the eviction pass re-reads a candidate; which file that is depends on
	 * readdir order, so touch the oldest whatever comes first */
	assert_int_equal(collect(f, &lim, &r), CF_GC_OK);
	inj_reset();
	assert_true(present(f, 5, 0));
	/* the cut was computed for file 0, which is now in use: nothing older than it remains to take */
	assert_int_equal(r.removed_evicted, 0);
	assert_true(present(f, 5, 1));
	assert_true(present(f, 5, 2));
	/* the next collection takes the now least recently used one */
	assert_int_equal(collect(f, &lim, &r), CF_GC_OK);
	assert_int_equal(r.removed_evicted, 1);
	assert_false(present(f, 5, 1));
}

/* ------------------------------------------------------------------------------------------------
 * Only what the store made
 */

static void test_foreign_entries_are_never_removed(void **state)
{
	fixture *f = *state;
	cf_gc_limits lim = {1, 1, 0}; /* everything the store made goes */
	cf_gc_report r;
	char name[96];
	char path[PATH_MAX];
	char target[PATH_MAX];
	char dir[PATH_MAX];
	struct stat st;
	const time_t old = f->now - 99999999;

	put_at(f, 0x10, "README", 10, old, old);
	/* uppercase hex, a shard prefix that does not match, too short, a bad suffix */
	pathf(name, "10%054X%08X", 0u, 0xABCu);
	put_at(f, 0x10, name, 10, old, old);
	name_of(0x11, 1, NULL, name, sizeof(name));
	put_at(f, 0x10, name, 10, old, old);
	put_at(f, 0x10, "10abc", 10, old, old);
	name_of(0x10, 2, ".PHP", name, sizeof(name));
	put_at(f, 0x10, name, 10, old, old);
	name_of(0x10, 3, ".toolongsuffix0123", name, sizeof(name));
	put_at(f, 0x10, name, 10, old, old);
	name_of(0x10, 4, ".", name, sizeof(name));
	put_at(f, 0x10, name, 10, old, old);
	/* a symlink and a directory with payload names */
	pathf(target, "%s/target", f->base);
	assert_int_equal(close(open(target, O_WRONLY | O_CREAT, 0644)), 0);
	name_of(0x10, 5, NULL, name, sizeof(name));
	path_in(f, 0x10, name, path);
	assert_int_equal(symlink(target, path), 0);
	name_of(0x10, 6, NULL, name, sizeof(name));
	path_in(f, 0x10, name, path);
	assert_int_equal(mkdir(path, 0755), 0);
	/* a shard directory that is a symlink to somewhere else is not entered */
	pathf(dir, "%s/elsewhere", f->base);
	assert_int_equal(mkdir(dir, 0755), 0);
	name_of(0x20, 7, NULL, name, sizeof(name));
	pathf(path, "%s/%s", dir, name);
	assert_int_equal(close(open(path, O_WRONLY | O_CREAT, 0644)), 0);
	pathf(path, "%s/20", f->root);
	assert_int_equal(symlink(dir, path), 0);
	/* and the real thing, which goes */
	put_payload(f, 0x10, 8, old);
	name_of(0x10, 9, ".php", name, sizeof(name));
	put_at(f, 0x10, name, 10, old, old);

	assert_int_equal(collect(f, &lim, &r), CF_GC_OK);
	assert_int_equal(r.files, 2);
	assert_int_equal(r.removed_expired, 2);
	assert_int_equal(r.errors, 0);
	assert_false(present(f, 0x10, 8));
	path_in(f, 0x10, "README", path);
	assert_int_equal(lstat(path, &st), 0);
	path_in(f, 0x10, "10abc", path);
	assert_int_equal(lstat(path, &st), 0);
	name_of(0x10, 5, NULL, name, sizeof(name));
	path_in(f, 0x10, name, path);
	assert_int_equal(lstat(path, &st), 0);
	assert_int_equal(lstat(target, &st), 0);
	name_of(0x10, 6, NULL, name, sizeof(name));
	path_in(f, 0x10, name, path);
	assert_int_equal(lstat(path, &st), 0);
	name_of(0x20, 7, NULL, name, sizeof(name));
	pathf(path, "%s/%s", dir, name);
	assert_int_equal(lstat(path, &st), 0);
	name_of(0x10, 2, ".PHP", name, sizeof(name));
	path_in(f, 0x10, name, path);
	assert_int_equal(lstat(path, &st), 0);
}

/* ------------------------------------------------------------------------------------------------
 * Failures
 */

static void test_unlink_failures_are_counted_and_races_are_not(void **state)
{
	fixture *f = *state;
	cf_gc_limits lim = {0, 60, -1};
	cf_gc_report r;

	put_payload(f, 1, 1, f->now - 999);
	put_payload(f, 2, 2, f->now - 999);
	inj.unlinkat_errno = EACCES;
	assert_int_equal(collect(f, &lim, &r), CF_GC_OK);
	assert_int_equal(inj.unlinkat_calls, 2);
	assert_int_equal(r.errors, 2);
	assert_int_equal(r.removed_expired, 0);
	assert_int_equal(r.remaining_files, 2);
	assert_true(present(f, 1, 1));
	/* another collector got there first: not an error, not counted as ours */
	inj.unlinkat_errno = ENOENT;
	assert_int_equal(collect(f, &lim, &r), CF_GC_OK);
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.removed_expired, 0);
	inj_reset();
	assert_int_equal(collect(f, &lim, &r), CF_GC_OK);
	assert_int_equal(r.removed_expired, 2);
}

static void test_stat_failures_are_counted(void **state)
{
	fixture *f = *state;
	cf_gc_report r;

	put_payload(f, 1, 1, f->now);
	inj.fstatat_errno = EIO;
	assert_int_equal(collect(f, &no_limits, &r), CF_GC_OK);
	assert_int_equal(r.errors, 1);
	assert_int_equal(r.files, 0);
	/* a file gone between readdir and stat is not an error */
	inj.fstatat_errno = ENOENT;
	assert_int_equal(collect(f, &no_limits, &r), CF_GC_OK);
	assert_int_equal(r.errors, 0);
	inj_reset();
}

static void test_out_of_memory_evicts_nothing_but_still_expires(void **state)
{
	fixture *f = *state;
	cf_gc_limits lim = {1, 3600, -1};
	cf_gc_report r;

	put_payload(f, 1, 1, f->now - 7200); /* expired: removed in the scan itself */
	put_payload(f, 1, 2, f->now);        /* over budget, but the table could not be built */
	inj.realloc_fail = true;
	assert_int_equal(collect(f, &lim, &r), CF_GC_E_NOMEM);
	inj_reset();
	assert_int_equal(r.errors, 1);
	assert_int_equal(r.removed_expired, 1);
	assert_int_equal(r.removed_evicted, 0);
	assert_false(present(f, 1, 1));
	assert_true(present(f, 1, 2));
}

static void test_a_shard_that_is_not_a_directory_is_skipped(void **state)
{
	fixture *f = *state;
	cf_gc_report r;
	char path[PATH_MAX];

	put_payload(f, 3, 1, f->now);
	pathf(path, "%s/04", f->root);
	assert_int_equal(close(open(path, O_WRONLY | O_CREAT, 0644)), 0);
	assert_int_equal(collect(f, &no_limits, &r), CF_GC_OK);
	assert_int_equal(r.shards, 1);
	assert_int_equal(r.files, 1);
	assert_int_equal(r.errors, 0);
}

/* ------------------------------------------------------------------------------------------------
 * Steps, the write-time trigger, the touch interval
 */

static void test_step_covers_its_range_against_its_share(void **state)
{
	fixture *f = *state;
	cf_gc_limits lim = {0, 0, -1};
	cf_gc_report r;
	int64_t one, dir, share, keep;
	unsigned i;

	/* 4 files in each of shards 254, 255, 0, 1 (a range that wraps) and 4 in shard 2 */
	for (i = 0; i < 20; i++) {
		put_payload(f, (254 + i / 4) % 256, i, f->now - (time_t)i);
	}
	one = du_of(f, 254, 0);
	dir = dirs_du(f) / 5;
	/* the whole budget: 256 shards of 2 files each; the first step has no estimate yet, takes its
	 * own sample (this range scaled to 256 shards: far over) and cuts the range to its share less an
	 * eighth */
	lim.max_bytes = one * 2 * 256;
	assert_int_equal(cf_gc_step(f->root, strlen(f->root), &lim, f->now, 254, 4, &r), CF_GC_OK);
	share = lim.max_bytes / 256 * 4;
	share -= share / 8;
	keep = (share - 4 * dir) / one;
	assert_int_equal(r.shards, 4);
	assert_int_equal(r.files, 16);
	assert_int_equal(r.removed_evicted, 16 - keep);
	assert_true(r.estimated_bytes > lim.max_bytes);
	for (i = 0; i < 16; i++) {
		assert_true(present(f, (254 + i / 4) % 256, i) == ((int64_t)i < keep));
	}
	for (i = 16; i < 20; i++) {
		assert_true(present(f, 2, i)); /* outside the range */
	}
	/* first wraps modulo 256, count is capped at 256 (a full collection: exact, under budget now) */
	assert_int_equal(cf_gc_step(f->root, strlen(f->root), &lim, f->now, 256 + 2, 1, &r), CF_GC_OK);
	assert_int_equal(r.shards, 1);
	assert_int_equal(r.files, 4);
	assert_int_equal(cf_gc_step(f->root, strlen(f->root), &lim, f->now, 0, 1000, &r), CF_GC_OK);
	assert_int_equal(r.shards, 5);
	assert_int_equal(r.estimated_bytes, r.remaining_bytes);
	assert_int_equal(cf_gc_step(f->root, strlen(f->root), &lim, f->now, 0, 0, &r), CF_GC_E_ARG);
	/* a tiny budget still means a budget */
	lim.max_bytes = 1;
	assert_int_equal(cf_gc_step(f->root, strlen(f->root), &lim, f->now, 2, 1, &r), CF_GC_OK);
	assert_int_equal(r.remaining_files, 0);
	/* no budget: a step only ages */
	lim.max_bytes = 0;
	assert_int_equal(cf_gc_step(f->root, strlen(f->root), &lim, f->now, 254, 4, &r), CF_GC_OK);
	assert_int_equal(r.removed_evicted, 0);
}

/* A large file in one range of a store well under its budget stays: steps judge the whole store. */
static void test_step_keeps_a_large_file_while_the_store_is_under_budget(void **state)
{
	fixture *f = *state;
	cf_gc_limits lim = {0, 0, -1};
	cf_gc_report r;
	char name[80];
	unsigned i;

	for (i = 0; i < 64; i++) {
		put_payload(f, i * 4, i, f->now - 100); /* small files spread over the store */
	}
	name_of(9, 999, NULL, name, sizeof(name));
	put_at(f, 9, name, 1 << 20, f->now, f->now); /* 1 MiB in shard 9 */
	lim.max_bytes = 64 << 20; /* a range's share is 1 MiB less an eighth: the big file alone exceeds it */
	/* a full collection sets the exact estimate (about 1.5 MiB of 64 MiB) */
	assert_int_equal(collect(f, &lim, &r), CF_GC_OK);
	assert_true(r.estimated_bytes < lim.max_bytes / 16);
	for (i = 0; i < 20; i++) {
		assert_int_equal(cf_gc_step(f->root, strlen(f->root), &lim, f->now, 8, 4, &r), CF_GC_OK);
		assert_int_equal(r.removed_evicted, 0);
		assert_true(r.estimated_bytes < lim.max_bytes);
	}
	assert_int_equal(access(f->root, F_OK), 0);
	{
		char path[PATH_MAX];
		path_in(f, 9, name, path);
		assert_int_equal(access(path, F_OK), 0);
	}
	/* a torn or foreign estimate file is ignored (a fresh sample), never trusted */
	{
		char path[PATH_MAX];
		pathf(path, "%s/.cf-gc-estimate", f->root);
		FILE *fp = fopen(path, "w");
		assert_non_null(fp);
		fputs("12x", fp);
		fclose(fp);
		assert_int_equal(cf_gc_step(f->root, strlen(f->root), &lim, f->now, 8, 4, &r), CF_GC_OK);
		assert_true(r.estimated_bytes > 0);
	}
}

static void test_should_step_samples_by_bytes_written(void **state)
{
	cf_gc_limits lim = {0, 0, -1};
	unsigned first = 999;
	unsigned hits = 0;
	unsigned i;
	(void)state;

	assert_false(cf_gc_should_step(NULL, 1000, &first));
	assert_false(cf_gc_should_step(&lim, 1000, &first));
	lim.max_bytes = 1024 * 1000; /* one step per 1000 bytes written */
	assert_true(cf_gc_should_step(&lim, 1000, &first));
	assert_true(first < 256);
	assert_true(cf_gc_should_step(&lim, 5000, NULL));
	lim.max_bytes = 1000; /* smaller than CF_GC_STEP_EVERY: every write steps */
	assert_true(cf_gc_should_step(&lim, 1, &first));
	/* 100 bytes written of a 1000-byte interval: about one call in ten */
	lim.max_bytes = 1024 * 1000;
	for (i = 0; i < 100000; i++) {
		hits += cf_gc_should_step(&lim, 100, &first);
		assert_true(first < 256);
	}
	/* not assert_in_range: cmocka 2.0 deprecates it, and its successors are not in cmocka 1.1 */
	assert_true(hits >= 8500 && hits <= 11500);
	assert_false(cf_gc_should_step(&lim, 0, &first));
}

static void test_touch_interval(void **state)
{
	cf_gc_limits lim = {0, 0, -1};
	(void)state;

	assert_int_equal(cf_gc_touch_interval(NULL), 0);
	assert_int_equal(cf_gc_touch_interval(&lim), 0); /* no limits: no need to know use */
	lim.max_bytes = 1;
	assert_int_equal(cf_gc_touch_interval(&lim), 3600);
	lim.max_age_seconds = 604800;
	assert_int_equal(cf_gc_touch_interval(&lim), 3600);
	lim.max_age_seconds = 800;
	assert_int_equal(cf_gc_touch_interval(&lim), 100);
	lim.max_age_seconds = 5;
	assert_int_equal(cf_gc_touch_interval(&lim), 1);
	lim.max_bytes = 0;
	assert_int_equal(cf_gc_touch_interval(&lim), 1);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_bad_roots),
		T(test_no_limits_removes_nothing_and_counts_everything),
		T(test_scan_removes_and_writes_nothing),
		T(test_temp_leftovers_removed_by_mtime),
		T(test_age_limit_uses_the_later_of_atime_and_mtime),
		T(test_huge_ages_and_times_do_not_overflow),
		T(test_budget_evicts_the_least_recently_used),
		T(test_budget_ties_take_only_what_is_needed),
		T(test_budget_is_counted_on_disk_not_by_size),
		T(test_a_file_used_during_the_collection_survives),
		T(test_foreign_entries_are_never_removed),
		T(test_unlink_failures_are_counted_and_races_are_not),
		T(test_stat_failures_are_counted),
		T(test_out_of_memory_evicts_nothing_but_still_expires),
		T(test_a_shard_that_is_not_a_directory_is_skipped),
		T(test_step_covers_its_range_against_its_share),
		T(test_step_keeps_a_large_file_while_the_store_is_under_budget),
		T(test_should_step_samples_by_bytes_written),
		T(test_touch_interval),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
