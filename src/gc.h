/*
 * clusterfile: keeping the pod-local payload store under its limits.
 *
 * Payload files are content-addressed and may be shared by several entries (and caches sharing a
 * localPath), so nothing deletes one when an entry is removed or overwritten; this module bounds the
 * store instead. It walks the 256 shard directories of a localPath and removes:
 *   1. temp files of writers that died mid-write (older than temp_max_age_seconds, by mtime);
 *   2. payload files not used for max_age_seconds;
 *   3. the least recently used payload files, until the store's disk usage is under max_bytes.
 * "Used" is max(atime, mtime): the store refreshes a file's atime explicitly when it reads a file
 * whose atime is older than its touch interval (futimens, atime only), because the kernel's own atime
 * is not updated on noatime mounts and only daily on relatime ones, and the mtime must stay put (PHP
 * files: opcache revalidates on it). Disk usage is st_blocks * 512 of the payload files and the shard
 * directories, what `du` and Kubernetes' emptyDir sizeLimit count.
 *
 * Concurrency: readers and writers go on while a collection runs. A reader holds an open descriptor
 * (an unlinked file stays readable) or finds no file (a blob miss, which the caller repairs by
 * rendering again); a writer renames a complete file into place; so a collection never makes a reader
 * see wrong bytes, at worst a miss. Eviction re-checks each file's last use just before unlinking it,
 * and keeps a file that was used after the scan. PHP files are used by path (PHP's include opens
 * them itself): the require path pins the shard with a shared flock for the include's duration and
 * the collector skips a shard it cannot lock exclusively at once, so it never removes a file between
 * the check and the include, and never waits for a request. Only names the store itself creates (64 lowercase hex
 * in the matching shard plus a suffix, or the temp prefix) are ever removed; links, directories and
 * foreign files are left alone. Zend-free.
 */
#ifndef CF_GC_H
#define CF_GC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define CF_GC_SHARDS 256
/* Shard directories one write-time step looks at (1/64 of the store). */
#define CF_GC_STEP_SHARDS 4
/* A step is due once per 1/CF_GC_STEP_EVERY of the budget written: each shard is then visited once
 * per quarter of the budget written store-wide, and grows by at most that between visits. */
#define CF_GC_STEP_EVERY 1024
/* Default temp file age after which a writer is taken to have died (seconds), and the least one
 * ClusterFile\gc() accepts. */
#define CF_GC_TEMP_MAX_AGE 3600
#define CF_GC_TEMP_MIN_AGE 60

typedef struct cf_gc_limits {
	int64_t max_bytes;            /* disk usage budget; 0 = none */
	int64_t max_age_seconds;      /* since last use; 0 = none */
	int64_t temp_max_age_seconds; /* temp files older than this (mtime) are leftovers; < 0 = keep them all */
} cf_gc_limits;

/* Ages beyond this (about 68 years) count as this: the nanosecond arithmetic cannot overflow. */
#define CF_GC_AGE_CLAMP ((int64_t)1 << 31)

typedef struct cf_gc_report {
	int64_t shards;          /* shard directories scanned */
	int64_t files;           /* payload files found (before removal) */
	int64_t bytes;           /* their disk usage */
	int64_t removed_temp;    /* temp files removed */
	int64_t removed_expired; /* payload files removed for age */
	int64_t removed_evicted; /* payload files removed for the budget */
	int64_t removed_bytes;   /* disk usage of the removed payload and temp files */
	int64_t remaining_files; /* payload files left (files minus those removed) */
	int64_t remaining_bytes; /* their disk usage */
	int64_t busy_shards;     /* shard directories skipped: an include held them (cf_store_pin) */
	int64_t estimated_bytes; /* steps: the running estimate of the store's usage; full runs: the result */
	int64_t errors;          /* stat/unlink failures other than "already gone"; an incomplete scan */
} cf_gc_report;

typedef enum cf_gc_status {
	CF_GC_OK = 0,
	CF_GC_E_ARG,   /* not an absolute path, NUL inside, too long */
	CF_GC_E_ROOT,  /* localPath exists but cannot be opened as a directory (errno kept) */
	CF_GC_E_NOMEM, /* the scan could not grow its table: nothing was evicted for the budget */
} cf_gc_status;

const char *cf_gc_strerror(cf_gc_status status);

/*
 * A full collection of the store at root[0..root_len) at time now (seconds since the epoch). A
 * missing localPath is an empty store (CF_GC_OK, all zero). r is always filled.
 */
cf_gc_status cf_gc_collect(const char *root, size_t root_len, const cf_gc_limits *lim, time_t now, cf_gc_report *r);

/*
 * What a full collection would find, with nothing removed and nothing written (not even the
 * steps' running estimate): a read-only look at the store. r as for cf_gc_collect.
 */
cf_gc_status cf_gc_scan(const char *root, size_t root_len, time_t now, cf_gc_report *r);

/*
 * A bounded step: the same work on count shard directories from first on (modulo 256). Files are
 * evicted from the range only while the store as a whole is estimated over max_bytes (a running
 * estimate shared through a small file in localPath, fed by every step's sample and reset by every
 * full collection), and then down to the range's share less an eighth (max_bytes * count / 256 *
 * 7/8; content addresses spread files evenly over shards).
 */
cf_gc_status cf_gc_step(const char *root, size_t root_len, const cf_gc_limits *lim, time_t now, unsigned first,
	unsigned count, cf_gc_report *r);

/*
 * The write-time trigger: true with probability written / (max_bytes / CF_GC_STEP_EVERY) (1 when that
 * is >= 1), so a store is sampled once per 1/1024 of its budget written, by whichever process writes.
 * *first receives a random shard to start the step at. False when max_bytes is 0.
 */
bool cf_gc_should_step(const cf_gc_limits *lim, size_t written, unsigned *first);

/* The atime refresh interval the store uses for these limits (seconds; 0 = never refresh). */
int64_t cf_gc_touch_interval(const cf_gc_limits *lim);

#endif
