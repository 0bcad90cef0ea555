/*
 * clusterfile: the pod-local, content-addressed payload store.
 *
 * This module owns the files under localPath: the path of a payload (localPath/<2 hex>/<64 hex>
 * <suffix>), the atomic write (temp file in the shard directory, full-length write, optional
 * fsync, rename, optional directory fsync), the verified read (O_NOFOLLOW, regular file, bounded
 * size, sha256 of the bytes compared in constant time with the expected checksum), delete, and
 * the pins of files included by path. Removing what is no longer needed is gc.c's. It never builds a path from anything
 * but a validated 64-hex digest. It does not own encoding, metadata or policy (what a failure means for the cache).
 * Zend-free.
 *
 * Permissions: with dir_mode/file_mode set (TYPO3's SYS.folderCreateMask/fileCreateMask), new
 * directories (a missing localPath recursively, shard directories) and files get exactly those modes;
 * left at CF_STORE_MODE_UMASK they are created 0777/0666 and the process umask decides. A shard directory that is a
 * symlink, or not a directory, is refused. A payload path that is a symlink is refused on read; on write it is replaced
 * by the rename (rename(2) replaces the link itself, never its target), so a planted link cannot wedge an entry. A
 * directory at a payload path is refused on read and removed (with its contents, up to 16 levels, links unlinked never
 * followed) by delete and by a write that finds it in the way.
 *
 * Use: with touch_after > 0, a read of a file whose last use (max of atime and mtime) is at least that
 * many seconds old sets its atime to now (futimens, atime only: the mtime stays, opcache revalidates
 * on it). That is what gc.c takes for "least recently used" on noatime and relatime mounts alike.
 */
#ifndef CF_STORE_H
#define CF_STORE_H

#include "alloc.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define CF_STORE_SUFFIX_MAX 16
#define CF_STORE_TMP_PREFIX ".cfb.tmp."

typedef struct cf_store {
	char *root; /* localPath without trailing slashes ("/" stays "") - owned, from cf_store_init */
	size_t root_len;
	char suffix[CF_STORE_SUFFIX_MAX + 2]; /* "" or ".php" etc. */
	size_t suffix_len;
	bool fsync;          /* fsync the file before and the directory after the rename; the parent of a new directory */
	int dir_mode;        /* mode of new directories, or CF_STORE_MODE_UMASK (the default) */
	int file_mode;       /* mode of new files, or CF_STORE_MODE_UMASK (the default) */
	int64_t touch_after; /* refresh a read file's atime once its last use is this old (s); 0 = never (default) */
	/* The read fast path (Linux openat2): localPath's directory, opened at the first read, and
	 * whether the kernel refused openat2 (then every read walks the path). Zero-initialised = none. */
	bool root_open;
	bool fast_off;
	int root_fd;
} cf_store;

/* Closes the kept localPath descriptor of the read fast path (the next read opens localPath again):
 * a localPath moved away is not read through it beyond that. */
void cf_store_release_root(cf_store *s);

#define CF_STORE_MODE_UMASK (-1)

typedef enum cf_store_status {
	CF_STORE_OK = 0,
	CF_STORE_E_ARG, /* bad argument: not an absolute path, bad suffix, bad digest, path too long */
	CF_STORE_E_NOMEM,
	CF_STORE_E_SYMLINK_DIR, /* write: the shard directory (or localPath component we create) is a symlink / not a
							   directory */
	CF_STORE_E_MKDIR,       /* write: could not create localPath or the shard directory */
	CF_STORE_E_TEMP,        /* write: could not create the temp file */
	CF_STORE_E_WRITE,       /* write: write(2) failed or was short (ENOSPC, EFBIG, EIO...) */
	CF_STORE_E_FSYNC,       /* write: fsync(2) failed */
	CF_STORE_E_RENAME,      /* write: rename(2) failed */
	CF_STORE_E_NOT_FOUND,   /* read: no such file (or the shard dir is missing) - a blob miss */
	CF_STORE_E_SYMLINK,     /* read: the payload path is a symlink - integrity failure */
	CF_STORE_E_NOT_REGULAR, /* read: not a regular file - integrity failure */
	CF_STORE_E_SIZE,        /* read: size differs from the expected size, or exceeds the cap - integrity failure */
	CF_STORE_E_CHECKSUM,    /* read: sha256 of the bytes differs - integrity failure */
	CF_STORE_E_IO,          /* read: open/read failed otherwise (EACCES, EIO) - treated as a blob miss */
} cf_store_status;

/* True for the statuses that mean "the bytes on disk contradict the metadata" (Broken path). */
bool cf_store_is_integrity_failure(cf_store_status status);
const char *cf_store_strerror(cf_store_status status);

/*
 * Initialises s for localPath root[0..root_len) (must start with '/', contain no NUL, and fit in
 * PATH_MAX with the shard/file part) and suffix (NULL or "" for none, else ^\.[a-z0-9]{1,16}$).
 * s->root is allocated with malloc; release with cf_store_dtor. Modes start at CF_STORE_MODE_UMASK,
 * touch_after at 0; set them after init.
 */
cf_store_status cf_store_init(cf_store *s, const char *root, size_t root_len, const char *suffix, bool fsync);
void cf_store_dtor(cf_store *s);

/* Writes the full path of digest hex64 into buf (NUL-terminated). Returns length, or 0 if it does not fit or hex64 is
 * not 64 lowercase hex. */
size_t cf_store_path(const cf_store *s, const char *hex64, char *buf, size_t bufsize);

/* Atomically replaces the file of hex64 with data[0..len). */
cf_store_status cf_store_write(const cf_store *s, const char *hex64, const void *data, size_t len);

/*
 * Creates localPath as the first write would (each missing component a new directory with
 * dir_mode, fsynced into its parent when fsync is on; an existing one left as it is). CF_STORE_OK
 * when it is there afterwards; E_MKDIR / E_SYMLINK_DIR (a file in the way) / E_FSYNC / E_ARG
 * otherwise, errno kept. For readiness checks: a fresh pod's localPath is made on demand.
 */
cf_store_status cf_store_ensure_root(const cf_store *s);

/*
 * Reads the file of hex64 and verifies it: regular file, not a symlink (O_NOFOLLOW), size ==
 * expected_size when expected_size >= 0, size <= max_size, sha256 hex == checksum_hex (64 hex).
 * checksum_hex NULL skips only the sha256 comparison (the caller verifies the bytes itself, e.g.
 * by the payload hash after decoding); every structural check stays.
 * On CF_STORE_OK *out (from `a`, caller frees; never NULL, may be 1 byte for an empty file) holds
 * *out_len bytes.
 */
cf_store_status cf_store_read_verified(const cf_store *s, const char *hex64, const char *checksum_hex,
	long long expected_size, size_t max_size, const cf_allocator *a, char **out, size_t *out_len);

/*
 * What identifies one version of a file without reading it: device, inode, size, modification and
 * status-change times (ns). A write, a truncate, a rename over it or a chmod changes at least one.
 */
typedef struct cf_store_file_id {
	uint64_t dev;
	uint64_t ino;
	int64_t size;
	int64_t mtime_sec, mtime_nsec;
	int64_t ctime_sec, ctime_nsec;
} cf_store_file_id;

/*
 * cf_store_verify that skips reading a file whose identity is *known (a file the caller verified
 * with the same checksum before; NULL = read it): the structural checks (no symlink, a regular
 * file, the sizes) always run. On CF_STORE_OK *id is the file's identity (taken before it is read)
 * and *read_it says whether the bytes were read and hashed.
 */
cf_store_status cf_store_verify_known(const cf_store *s, const char *hex64, const char *checksum_hex,
	long long expected_size, size_t max_size, const cf_store_file_id *known, cf_store_file_id *id, bool *read_it);

/* Verifies a file without keeping its bytes (the require path). Same checks as read_verified. */
cf_store_status cf_store_verify(
	const cf_store *s, const char *hex64, const char *checksum_hex, long long expected_size, size_t max_size);

/* lstat-based probe: CF_STORE_OK for a regular file, E_NOT_FOUND, E_SYMLINK, E_NOT_REGULAR. */
cf_store_status cf_store_probe(const cf_store *s, const char *hex64);

/*
 * Pins the shard directory of hex64 while its file is used by path (an include): a shared flock on
 * the directory, which the GC (gc.c) respects by skipping a shard it cannot lock exclusively, so the
 * file cannot be removed between the check and PHP's own open. Returns the descriptor to pass to
 * cf_store_unpin, or -1 (no shard directory, or no locking on this filesystem: then nothing is held
 * and the caller goes on unpinned).
 */
int cf_store_pin(const cf_store *s, const char *hex64);
void cf_store_unpin(int fd);

/* Unlinks the file of hex64 (a symlink is removed itself, a directory with its contents). Missing is
 * fine. CF_STORE_E_NOT_REGULAR if a directory there cannot be removed. */
cf_store_status cf_store_delete(const cf_store *s, const char *hex64);

#endif
