/*
 * clusterfile: keeping the pod-local payload store under its limits (see gc.h). Zend-free.
 *
 * A collection is two passes over a range of shard directories. The first removes temp leftovers and
 * aged files and notes (last use, disk usage) of every other payload file in a compact table. If the
 * range is over its budget, the table is sorted by last use and the cut-off time T is found below
 * which removing files brings the range under budget. The second pass removes the files last used
 * before T (and as many used exactly at T as the cut needs), re-reading each file's times first so a
 * file used meanwhile survives. Every directory is opened relative to localPath with
 * O_DIRECTORY|O_NOFOLLOW and every file is removed relative to its shard's descriptor.
 */
#include "gc.h"
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/types.h>

#define CF_GC_NS 1000000000LL
/* Longest refresh interval of a file's atime (seconds): the precision of "least recently used". */
#define CF_GC_TOUCH_MAX 3600

typedef struct cf_gc_file {
	int64_t used_ns; /* max(atime, mtime) */
	int64_t du;      /* st_blocks * 512 */
} cf_gc_file;

typedef struct cf_gc_table {
	cf_gc_file *v;
	size_t n;
	size_t cap;
	bool failed; /* an allocation failed: the table is incomplete */
} cf_gc_table;

const char *cf_gc_strerror(cf_gc_status status)
{
	switch (status) {
	case CF_GC_OK:
		return "ok";
	case CF_GC_E_ARG:
		return "localPath is not an absolute path";
	case CF_GC_E_ROOT:
		return "localPath cannot be opened as a directory";
	case CF_GC_E_NOMEM:
		return "out of memory";
	}
	return "unknown error";
}

static const char cf_gc_digits[] = "0123456789abcdef";

static bool cf_gc_lower_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* A payload file name of shard `shard` ("xx"): 64 lowercase hex starting with xx, then "" or ^\.[a-z0-9]{1,16}$. */
static bool cf_gc_payload_name(const char *name, const char *shard)
{
	size_t len = strlen(name);
	size_t i;

	if (len < 64 || name[0] != shard[0] || name[1] != shard[1]) {
		return false;
	}
	for (i = 0; i < 64; i++) {
		if (!cf_gc_lower_hex(name[i])) {
			return false;
		}
	}
	if (len == 64) {
		return true;
	}
	if (name[64] != '.' || len - 65 < 1 || len - 65 > CF_STORE_SUFFIX_MAX) {
		return false;
	}
	for (i = 65; i < len; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			return false;
		}
	}
	return true;
}

/* A file time in ns; seconds clamped to +-2^33 (about 272 years around 1970: ext4 stores times up
 * to 2446, tmpfs any), so the product cannot overflow. */
static int64_t cf_gc_ns(const struct timespec *ts)
{
	int64_t sec = (int64_t)ts->tv_sec;
	const int64_t lim = (int64_t)1 << 33;
	sec = sec > lim ? lim : (sec < -lim ? -lim : sec);
	return sec * CF_GC_NS + (int64_t)ts->tv_nsec;
}

static int64_t cf_gc_used_ns(const struct stat *st)
{
	int64_t a = cf_gc_ns(&st->st_atim);
	int64_t m = cf_gc_ns(&st->st_mtim);
	return a > m ? a : m;
}

static int64_t cf_gc_du(const struct stat *st)
{
	int64_t du = (int64_t)st->st_blocks * 512;
	/* a file stored inline (or on a filesystem that reports no blocks) still costs its size */
	return du > 0 ? du : (int64_t)st->st_size;
}

static void cf_gc_push(cf_gc_table *t, int64_t used_ns, int64_t du)
{
	if (t->failed) {
		return;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		cf_gc_file *v = realloc(t->v, cap * sizeof(*v));
		if (v == NULL) {
			t->failed = true;
			return;
		}
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n].used_ns = used_ns;
	t->v[t->n].du = du;
	t->n++;
}

static int cf_gc_cmp(const void *a, const void *b)
{
	int64_t x = ((const cf_gc_file *)a)->used_ns;
	int64_t y = ((const cf_gc_file *)b)->used_ns;
	return (x > y) - (x < y);
}

/*
 * Opens shard i below rootfd without following a link and locks it exclusively, without waiting: a
 * shard pinned by an include in progress (cf_store_pin's shared lock) is left alone this time
 * (counted in *busy). -1 when it is missing, not a directory, or busy. A filesystem without
 * flock support is collected unlocked.
 */
static int cf_gc_open_shard(int rootfd, unsigned i, char name[3], int64_t *busy)
{
	int fd;
	int rc;

	name[0] = cf_gc_digits[(i >> 4) & 0x0f];
	name[1] = cf_gc_digits[i & 0x0f];
	name[2] = '\0';
	do {
		fd = openat(rootfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	} while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		return -1;
	}
	do {
		rc = flock(fd, LOCK_EX | LOCK_NB);
	} while (rc != 0 && errno == EINTR);
	if (rc != 0 && errno == EWOULDBLOCK) {
		close(fd);
		(*busy)++;
		return -1;
	}
	return fd;
}

/* unlinkat that counts: true when this call removed the file. */
static bool cf_gc_unlink(int fd, const char *name, cf_gc_report *r)
{
	if (unlinkat(fd, name, 0) == 0) {
		return true;
	}
	if (errno != ENOENT) {
		r->errors++;
	}
	return false;
}

typedef struct cf_gc_pass {
	const cf_gc_limits *lim;
	int64_t now_ns;
	int64_t payload_removed_bytes; /* disk usage of the payload files removed (not temp files) */
	int64_t dir_bytes;             /* disk usage of the shard directories scanned */
	int64_t temp_cutoff_ns;        /* INT64_MIN: keep every temp file */
	int64_t age_cutoff_ns;         /* INT64_MIN: no age limit */
	/* second pass */
	int64_t evict_before_ns;
	int64_t evict_at_cutoff; /* bytes of the files used exactly at evict_before_ns that go too */
} cf_gc_pass;

/* First pass over one shard (fd, owned). */
static void cf_gc_scan_shard(int fd, const char *shard, cf_gc_pass *p, cf_gc_table *t, cf_gc_report *r)
{
	size_t plen = sizeof(CF_STORE_TMP_PREFIX) - 1;
	struct dirent *de;
	DIR *dir = fdopendir(fd);

	if (dir == NULL) {
		close(fd);
		r->errors++;
		return;
	}
	r->shards++;
	{
		/* the directory's own blocks count too (du and emptyDir sizeLimit count them; they never shrink) */
		struct stat dst;
		if (fstat(fd, &dst) == 0) {
			p->dir_bytes += cf_gc_du(&dst);
		}
	}
	for (;;) {
		struct stat st;
		bool temp;

		errno = 0;
		de = readdir(dir);
		if (de == NULL) {
			break;
		}
		temp = strncmp(de->d_name, CF_STORE_TMP_PREFIX, plen) == 0;
		if (!temp && !cf_gc_payload_name(de->d_name, shard)) {
			continue;
		}
		if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			if (errno != ENOENT) {
				r->errors++;
			}
			continue;
		}
		if (!S_ISREG(st.st_mode)) {
			continue;
		}
		if (temp) {
			if (cf_gc_ns(&st.st_mtim) <= p->temp_cutoff_ns && cf_gc_unlink(fd, de->d_name, r)) {
				r->removed_temp++;
				r->removed_bytes += cf_gc_du(&st);
			}
			continue;
		}
		r->files++;
		r->bytes += cf_gc_du(&st);
		if (cf_gc_used_ns(&st) < p->age_cutoff_ns) {
			if (cf_gc_unlink(fd, de->d_name, r)) {
				r->removed_expired++;
				r->removed_bytes += cf_gc_du(&st);
				p->payload_removed_bytes += cf_gc_du(&st);
			}
			continue;
		}
		cf_gc_push(t, cf_gc_used_ns(&st), cf_gc_du(&st));
	}
	closedir(dir);
}

/* Second pass over one shard (fd, owned): removes what was last used before the cut-off. */
static void cf_gc_evict_shard(int fd, const char *shard, cf_gc_pass *p, cf_gc_report *r)
{
	struct dirent *de;
	DIR *dir = fdopendir(fd);

	if (dir == NULL) {
		close(fd);
		r->errors++;
		return;
	}
	for (;;) {
		struct stat st;
		int64_t used;

		errno = 0;
		de = readdir(dir);
		if (de == NULL) {
			break;
		}
		if (!cf_gc_payload_name(de->d_name, shard)) {
			continue;
		}
		if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			if (errno != ENOENT) {
				r->errors++;
			}
			continue;
		}
		if (!S_ISREG(st.st_mode)) {
			continue;
		}
		used = cf_gc_used_ns(&st);
		if (used > p->evict_before_ns) {
			continue;
		}
		if (used == p->evict_before_ns) {
			/* ties: in directory order, until their share of the need is met (any sort order) */
			if (p->evict_at_cutoff <= 0) {
				continue;
			}
			p->evict_at_cutoff -= cf_gc_du(&st);
		}
		if (cf_gc_unlink(fd, de->d_name, r)) {
			r->removed_evicted++;
			r->removed_bytes += cf_gc_du(&st);
			p->payload_removed_bytes += cf_gc_du(&st);
		}
	}
	closedir(dir);
}

static int cf_gc_open_root(const char *root, size_t root_len, int *out)
{
	char path[PATH_MAX];
	int fd;

	if (root == NULL || root_len == 0 || root[0] != '/' || root_len >= sizeof(path) ||
		memchr(root, '\0', root_len) != NULL) {
		return CF_GC_E_ARG;
	}
	memcpy(path, root, root_len);
	path[root_len] = '\0';
	do {
		fd = openat(AT_FDCWD, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	} while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		*out = -1;
		return errno == ENOENT ? CF_GC_OK : CF_GC_E_ROOT;
	}
	*out = fd;
	return CF_GC_OK;
}

/* Seconds into [0, CF_GC_AGE_CLAMP]: times 1e9 stays far inside int64_t. */
static int64_t cf_gc_clamp(int64_t seconds)
{
	return seconds < 0 ? 0 : (seconds > CF_GC_AGE_CLAMP ? CF_GC_AGE_CLAMP : seconds);
}

/* The running estimate of the store's disk usage that write-time steps share (a file in localPath). */
#define CF_GC_ESTIMATE_NAME ".cf-gc-estimate"

static int64_t cf_gc_estimate_read(int rootfd)
{
	char buf[24];
	ssize_t n;
	int fd;
	int64_t v = 0;
	ssize_t i;

	do {
		fd = openat(rootfd, CF_GC_ESTIMATE_NAME, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	} while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		return -1;
	}
	n = pread(fd, buf, sizeof(buf), 0);
	close(fd);
	if (n <= 0 || n > 20) {
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (buf[i] < '0' || buf[i] > '9' || v > (INT64_MAX - 9) / 10) {
			return -1; /* torn or foreign: start again */
		}
		v = v * 10 + (buf[i] - '0');
	}
	return v;
}

static void cf_gc_estimate_write(int rootfd, int64_t v)
{
	char buf[24];
	int n = snprintf(buf, sizeof(buf), "%lld", (long long)(v < 0 ? 0 : v));
	int fd;

	do {
		fd = openat(rootfd, CF_GC_ESTIMATE_NAME, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
	} while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		return; /* the next step starts the estimate from its own sample: still bounded */
	}
	if (pwrite(fd, buf, (size_t)n, 0) == n) {
		(void)ftruncate(fd, n);
	}
	close(fd);
}

/*
 * budget: the range's budget (0 = none). est_budget > 0 (steps): the range is only cut while the
 * running estimate of the whole store (this range's usage scaled to 256 shards, averaged over the
 * steps of every process with weight count/64) exceeds est_budget, so one large file in a range of
 * a store under budget stays. A full collection writes its exact result as the estimate.
 */
static cf_gc_status cf_gc_range(const char *root, size_t root_len, const cf_gc_limits *lim, time_t now, unsigned first,
	unsigned count, int64_t budget, int64_t est_budget, bool scan_only, cf_gc_report *r)
{
	cf_gc_table t = {NULL, 0, 0, false};
	cf_gc_status status;
	cf_gc_pass p;
	int64_t kept = 0;
	int64_t busy_again = 0; /* shards that became busy between the passes: counted once, in the first */
	int rootfd = -1;
	unsigned k;
	size_t i;
	char shard[3];

	memset(r, 0, sizeof(*r));
	if (lim == NULL || count == 0) {
		return CF_GC_E_ARG;
	}
	status = (cf_gc_status)cf_gc_open_root(root, root_len, &rootfd);
	if (status != CF_GC_OK || rootfd < 0) {
		return status;
	}
	if (count > CF_GC_SHARDS) {
		count = CF_GC_SHARDS;
	}
	memset(&p, 0, sizeof(p));
	p.lim = lim;
	/* now up to 2^32 (year 2106) minus an age up to 2^31, in ns: both well inside int64_t */
	p.now_ns =
		((int64_t)now < 0 ? 0 : ((int64_t)now > ((int64_t)1 << 32) ? ((int64_t)1 << 32) : (int64_t)now)) * CF_GC_NS;
	p.temp_cutoff_ns =
		lim->temp_max_age_seconds < 0 ? INT64_MIN : p.now_ns - cf_gc_clamp(lim->temp_max_age_seconds) * CF_GC_NS;
	p.age_cutoff_ns = lim->max_age_seconds <= 0 ? INT64_MIN : p.now_ns - cf_gc_clamp(lim->max_age_seconds) * CF_GC_NS;

	for (k = 0; k < count; k++) {
		int fd = cf_gc_open_shard(rootfd, (first + k) % CF_GC_SHARDS, shard, &r->busy_shards);
		if (fd >= 0) {
			cf_gc_scan_shard(fd, shard, &p, &t, r);
		}
	}
	kept = p.dir_bytes;
	for (i = 0; i < t.n; i++) {
		kept += t.v[i].du;
	}
	status = CF_GC_OK;
	if (t.failed) {
		status = CF_GC_E_NOMEM;
		r->errors++;
	}
	if (est_budget > 0 && !t.failed) {
		int64_t sample = kept / (int64_t)count * CF_GC_SHARDS;
		int64_t est = cf_gc_estimate_read(rootfd);
		est = est < 0 ? sample : est + (sample - est) * (int64_t)count / 64;
		cf_gc_estimate_write(rootfd, est);
		r->estimated_bytes = est;
		if (est <= est_budget) {
			budget = 0;
		}
	}
	if (budget > 0 && !t.failed && kept > budget && t.n > 0) {
		int64_t need = kept - budget;
		int64_t acc = 0;

		qsort(t.v, t.n, sizeof(*t.v), cf_gc_cmp);
		for (i = 0; i < t.n && acc < need; i++) {
			acc += t.v[i].du;
		}
		/* the first i files (oldest first) go: those used before the i-th's time, and of those used
		 * exactly then, as many bytes as the need still lacks */
		p.evict_before_ns = t.v[i - 1].used_ns;
		{
			int64_t before = 0;
			size_t j;
			for (j = 0; j < t.n && t.v[j].used_ns < p.evict_before_ns; j++) {
				before += t.v[j].du;
			}
			p.evict_at_cutoff = need - before;
		}
		for (k = 0; k < count; k++) {
			int fd = cf_gc_open_shard(rootfd, (first + k) % CF_GC_SHARDS, shard, &busy_again);
			if (fd >= 0) {
				cf_gc_evict_shard(fd, shard, &p, r);
			}
		}
	}
	free(t.v);
	r->remaining_files = r->files - r->removed_expired - r->removed_evicted;
	r->bytes += p.dir_bytes;
	r->remaining_bytes = r->bytes - p.payload_removed_bytes;
	if (count == CF_GC_SHARDS && status == CF_GC_OK && r->busy_shards == 0 && !scan_only) {
		/* the exact usage: the steps' estimate starts from it */
		cf_gc_estimate_write(rootfd, r->remaining_bytes);
		r->estimated_bytes = r->remaining_bytes;
	}
	close(rootfd);
	return status;
}

cf_gc_status cf_gc_collect(const char *root, size_t root_len, const cf_gc_limits *lim, time_t now, cf_gc_report *r)
{
	return cf_gc_range(root, root_len, lim, now, 0, CF_GC_SHARDS, lim ? lim->max_bytes : 0, 0, false, r);
}

cf_gc_status cf_gc_scan(const char *root, size_t root_len, time_t now, cf_gc_report *r)
{
	static const cf_gc_limits none = {0, 0, -1};
	return cf_gc_range(root, root_len, &none, now, 0, CF_GC_SHARDS, 0, 0, true, r);
}

cf_gc_status cf_gc_step(const char *root, size_t root_len, const cf_gc_limits *lim, time_t now, unsigned first,
	unsigned count, cf_gc_report *r)
{
	int64_t budget = 0;

	if (count > CF_GC_SHARDS) {
		count = CF_GC_SHARDS;
	}
	if (lim != NULL && lim->max_bytes > 0) {
		/* this range's share, less an eighth: the range fills again until the next step comes by, so
		 * steps aim below the line and the store hovers about its budget instead of above it; at
		 * least one byte so a tiny budget still means "a budget" */
		budget =
			lim->max_bytes / CF_GC_SHARDS * (int64_t)count + (lim->max_bytes % CF_GC_SHARDS) * count / CF_GC_SHARDS;
		budget -= budget / 8;
		if (budget < 1) {
			budget = 1;
		}
	}
	return cf_gc_range(root, root_len, lim, now, first % CF_GC_SHARDS, count, budget,
		lim != NULL && count < CF_GC_SHARDS ? lim->max_bytes : 0, false, r);
}

/* A per-thread xorshift64* generator, seeded once from getrandom (or time and pid without it). */
static uint64_t cf_gc_random(void)
{
	static _Thread_local uint64_t state;
	static _Thread_local pid_t owner;
	uint64_t x;

	if (owner != getpid()) {
		/* a forked child reseeds: its parent's sequence must not repeat in every child */
		state = 0;
		owner = getpid();
	}
	if (state == 0) {
		if (getrandom(&state, sizeof(state), GRND_NONBLOCK) != (ssize_t)sizeof(state) || state == 0) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			state =
				((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^ ((uint64_t)getpid() << 40) ^ 0x9e3779b97f4a7c15ULL;
		}
	}
	x = state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

bool cf_gc_should_step(const cf_gc_limits *lim, size_t written, unsigned *first)
{
	uint64_t interval;
	uint64_t rnd;

	if (lim == NULL || lim->max_bytes <= 0) {
		return false;
	}
	interval = (uint64_t)lim->max_bytes / CF_GC_STEP_EVERY;
	rnd = cf_gc_random();
	if (first != NULL) {
		*first = (unsigned)(rnd >> 56);
	}
	if (interval == 0 || written >= interval) {
		return true;
	}
	/* the low bits decide: P(rnd % interval < written) = written / interval */
	return (rnd & 0x00ffffffffffffffULL) % interval < (uint64_t)written;
}

int64_t cf_gc_touch_interval(const cf_gc_limits *lim)
{
	int64_t t = CF_GC_TOUCH_MAX;

	if (lim == NULL || (lim->max_bytes <= 0 && lim->max_age_seconds <= 0)) {
		return 0;
	}
	if (lim->max_age_seconds > 0 && lim->max_age_seconds / 8 < t) {
		/* an age limit needs a finer clock: a file used within 7/8 of it is never taken for unused */
		t = lim->max_age_seconds / 8 > 0 ? lim->max_age_seconds / 8 : 1;
	}
	return t;
}
