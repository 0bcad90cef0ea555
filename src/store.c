/*
 * clusterfile: the pod-local, content-addressed payload store (see store.h). Zend-free.
 *
 * Every file operation goes through a descriptor of the shard directory opened with
 * O_DIRECTORY|O_NOFOLLOW, so a shard directory that is (or is swapped for) a symlink is refused and
 * nothing is ever created, read or removed outside localPath through one. Reads first try one
 * openat2() of "xx/<hex>" beneath a descriptor of localPath kept open, refusing any symlink on the
 * way (RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS); whatever that does not open (a missing file, a link,
 * a replaced localPath, a kernel without openat2) is decided by the walk, exactly as before. Paths are only ever built
 * from a validated 64-hex digest and the validated suffix.
 *
 * The syscalls that the unit suite injects failures into (write, read, fsync, renameat, openat, mkdirat,
 * fchmod) are called directly, never through a libc helper that would bypass the linker's --wrap.
 */
#include "store.h"
#include "hash.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#if defined(__linux__) && __has_include(<linux/openat2.h>)
#include <linux/openat2.h>
#include <sys/syscall.h>
#ifdef SYS_openat2
#define CF_STORE_HAVE_OPENAT2 1
#endif
#endif
/* valgrind (3.19) does not know openat2: it answers ENOSYS with a warning on every process */
#if defined(CF_STORE_HAVE_OPENAT2) && __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define CF_STORE_UNDER_VALGRIND() RUNNING_ON_VALGRIND
#else
#define CF_STORE_UNDER_VALGRIND() 0
#endif

#include <openssl/evp.h>

/* "/xx/" + 64 hex: what follows localPath in a payload path (the suffix comes on top). */
#define CF_STORE_TAIL_LEN (1 + 2 + 1 + CF_HEX64_LEN)
/* Attempts at a fresh temp name before giving up (each one is 64 random bits). */
#define CF_STORE_TMP_TRIES 8
/* Random hex characters in a temp file name. */
#define CF_STORE_TMP_RAND_HEX 16
/* Streaming buffer of cf_store_verify. */
#define CF_STORE_CHUNK (64 * 1024)
/* Largest single write(2)/read(2) request (Linux caps transfers at 0x7ffff000 anyway). */
#define CF_STORE_IO_MAX ((size_t)1 << 30)

/* Deepest directory tree cf_store_remove_tree clears at a payload path (see there). */
#define CF_STORE_TREE_DEPTH 16

/* Create modes when the umask decides; with an explicit mode, temp files start private. */
#define CF_STORE_DIR_CREATE   0777
#define CF_STORE_FILE_CREATE  0666
#define CF_STORE_FILE_PRIVATE 0600

/* Shard directory path and file name of one digest. */
typedef struct cf_store_loc {
	char shard[PATH_MAX];                              /* root + "/xx" */
	char name[CF_HEX64_LEN + CF_STORE_SUFFIX_MAX + 2]; /* hex64 + suffix */
} cf_store_loc;

bool cf_store_is_integrity_failure(cf_store_status status)
{
	switch (status) {
	case CF_STORE_E_SYMLINK:
	case CF_STORE_E_NOT_REGULAR:
	case CF_STORE_E_SIZE:
	case CF_STORE_E_CHECKSUM:
		return true;
	default:
		return false;
	}
}

const char *cf_store_strerror(cf_store_status status)
{
	switch (status) {
	case CF_STORE_OK:
		return "ok";
	case CF_STORE_E_ARG:
		return "invalid argument";
	case CF_STORE_E_NOMEM:
		return "out of memory";
	case CF_STORE_E_SYMLINK_DIR:
		return "shard directory is a symlink or not a directory";
	case CF_STORE_E_MKDIR:
		return "cannot create or open the shard directory";
	case CF_STORE_E_TEMP:
		return "cannot create the temp file";
	case CF_STORE_E_WRITE:
		return "write failed";
	case CF_STORE_E_FSYNC:
		return "fsync failed";
	case CF_STORE_E_RENAME:
		return "rename failed";
	case CF_STORE_E_NOT_FOUND:
		return "payload file not found";
	case CF_STORE_E_SYMLINK:
		return "payload path is a symlink";
	case CF_STORE_E_NOT_REGULAR:
		return "payload path is not a regular file";
	case CF_STORE_E_SIZE:
		return "payload file size mismatch";
	case CF_STORE_E_CHECKSUM:
		return "payload checksum mismatch";
	case CF_STORE_E_IO:
		return "payload file unreadable";
	}
	return "unknown store error";
}

static bool cf_store_suffix_ok(const char *suffix, size_t len)
{
	size_t i;

	if (len < 2 || len > CF_STORE_SUFFIX_MAX + 1 || suffix[0] != '.') {
		return false;
	}
	for (i = 1; i < len; i++) {
		char c = suffix[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			return false;
		}
	}
	return true;
}

/* True iff hex64 is a NUL-terminated string of exactly 64 lowercase hex characters. */
static bool cf_store_digest_ok(const char *hex64)
{
	return hex64 != NULL && strnlen(hex64, CF_HEX64_LEN + 1) == CF_HEX64_LEN && cf_is_hex64(hex64, CF_HEX64_LEN);
}

cf_store_status cf_store_init(cf_store *s, const char *root, size_t root_len, const char *suffix, bool fsync)
{
	size_t suffix_len = 0;
	char *copy;

	if (s == NULL) {
		return CF_STORE_E_ARG;
	}
	memset(s, 0, sizeof(*s));
	if (root == NULL || root_len == 0 || root[0] != '/' || memchr(root, '\0', root_len) != NULL) {
		return CF_STORE_E_ARG;
	}
	if (suffix != NULL) {
		suffix_len = strnlen(suffix, CF_STORE_SUFFIX_MAX + 2);
		if (suffix_len != 0 && !cf_store_suffix_ok(suffix, suffix_len)) {
			return CF_STORE_E_ARG;
		}
	}
	while (root_len > 0 && root[root_len - 1] == '/') {
		root_len--;
	}
	/* root + "/xx/<64 hex>" + suffix + NUL must fit in PATH_MAX. */
	if (root_len >= PATH_MAX || PATH_MAX - root_len < CF_STORE_TAIL_LEN + suffix_len + 1) {
		return CF_STORE_E_ARG;
	}
	copy = malloc(root_len + 1);
	if (copy == NULL) {
		return CF_STORE_E_NOMEM;
	}
	memcpy(copy, root, root_len);
	copy[root_len] = '\0';
	s->root = copy;
	s->root_len = root_len;
	memcpy(s->suffix, suffix_len ? suffix : "", suffix_len);
	s->suffix[suffix_len] = '\0';
	s->suffix_len = suffix_len;
	s->fsync = fsync;
	s->dir_mode = CF_STORE_MODE_UMASK;
	s->file_mode = CF_STORE_MODE_UMASK;
	s->touch_after = 0;
	return CF_STORE_OK;
}

/* Forgets the kept localPath descriptor (the next read opens it again). */
static void cf_store_drop_root(cf_store *s)
{
	if (s->root_open) {
		close(s->root_fd);
		s->root_open = false;
	}
}

void cf_store_release_root(cf_store *s)
{
	if (s != NULL) {
		cf_store_drop_root(s);
	}
}

void cf_store_dtor(cf_store *s)
{
	if (s == NULL) {
		return;
	}
	cf_store_drop_root(s);
	free(s->root);
	s->root = NULL;
	s->root_len = 0;
}

static bool cf_store_ready(const cf_store *s)
{
	return s != NULL && s->root != NULL && s->suffix_len <= CF_STORE_SUFFIX_MAX + 1;
}

size_t cf_store_path(const cf_store *s, const char *hex64, char *buf, size_t bufsize)
{
	size_t len;

	if (!cf_store_ready(s) || !cf_store_digest_ok(hex64) || buf == NULL) {
		return 0;
	}
	len = s->root_len + CF_STORE_TAIL_LEN + s->suffix_len;
	if (bufsize <= len) {
		return 0;
	}
	memcpy(buf, s->root, s->root_len);
	buf[s->root_len] = '/';
	buf[s->root_len + 1] = hex64[0];
	buf[s->root_len + 2] = hex64[1];
	buf[s->root_len + 3] = '/';
	memcpy(buf + s->root_len + 4, hex64, CF_HEX64_LEN);
	memcpy(buf + s->root_len + 4 + CF_HEX64_LEN, s->suffix, s->suffix_len);
	buf[len] = '\0';
	return len;
}

/* Fills loc for hex64; false (E_ARG) for a bad digest or an unusable store. */
static bool cf_store_locate(const cf_store *s, const char *hex64, cf_store_loc *loc)
{
	if (!cf_store_ready(s) || !cf_store_digest_ok(hex64)) {
		return false;
	}
	if (s->root_len + 3 >= sizeof(loc->shard)) {
		return false;
	}
	memcpy(loc->shard, s->root, s->root_len);
	loc->shard[s->root_len] = '/';
	loc->shard[s->root_len + 1] = hex64[0];
	loc->shard[s->root_len + 2] = hex64[1];
	loc->shard[s->root_len + 3] = '\0';
	memcpy(loc->name, hex64, CF_HEX64_LEN);
	memcpy(loc->name + CF_HEX64_LEN, s->suffix, s->suffix_len);
	loc->name[CF_HEX64_LEN + s->suffix_len] = '\0';
	return true;
}

/*
 * Opens the shard directory without following a symlink at its last component. Returns the fd, or
 * -1 with errno set; a symlink reports ELOOP (Linux answers ENOTDIR for O_DIRECTORY|O_NOFOLLOW on a
 * link, so ENOTDIR is disambiguated with an lstat - the open already failed, the lstat only picks the
 * status).
 */
static int cf_store_open_shard(const char *shard)
{
	struct stat st;
	int fd;
	int err;

	do {
		fd = openat(AT_FDCWD, shard, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	} while (fd < 0 && errno == EINTR);
	if (fd >= 0) {
		return fd;
	}
	err = errno;
	if (err == ENOTDIR && fstatat(AT_FDCWD, shard, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
		err = ELOOP;
	}
	errno = err;
	return -1;
}

static void cf_store_close(int fd)
{
	int saved = errno;

	close(fd);
	errno = saved;
}

static int cf_store_fsync(int fd)
{
	int rc;

	do {
		rc = fsync(fd);
	} while (rc != 0 && errno == EINTR);
	return rc;
}

/* fsync of the directory at path[0..len) ("" is "/"); -1 with errno on failure. */
static int cf_store_fsync_dir_at(const char *path, size_t len)
{
	char buf[PATH_MAX];
	int fd;
	int rc;

	if (len >= sizeof(buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (len == 0) {
		buf[0] = '/';
		len = 1;
	} else {
		memcpy(buf, path, len);
	}
	buf[len] = '\0';
	do {
		fd = openat(AT_FDCWD, buf, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	} while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		return -1;
	}
	rc = cf_store_fsync(fd);
	cf_store_close(fd);
	return rc;
}

/* A directory this store just created: its explicit mode (whatever the umask), and with fsync on its
 * entry in the parent (parent_len bytes of path) made durable. */
static cf_store_status cf_store_new_dir(const cf_store *s, int fd, const char *path, size_t parent_len)
{
	if (s->dir_mode != CF_STORE_MODE_UMASK) {
		/* a failure only leaves the umask's choice */
		(void)fchmod(fd, (mode_t)s->dir_mode);
	}
	if (s->fsync && cf_store_fsync_dir_at(path, parent_len) != 0) {
		return CF_STORE_E_FSYNC;
	}
	return CF_STORE_OK;
}

/* mkdir -p of localPath (each missing component created as a new directory, EEXIST tolerated). */
static cf_store_status cf_store_mkdir_p(const cf_store *s)
{
	char buf[PATH_MAX];
	size_t len = s->root_len;
	size_t parent = 0;
	size_t i;

	if (len == 0) {
		return CF_STORE_OK; /* "/" */
	}
	if (len >= sizeof(buf)) {
		return CF_STORE_E_ARG;
	}
	memcpy(buf, s->root, len);
	buf[len] = '\0';
	for (i = 1; i <= len; i++) {
		if (i < len && buf[i] != '/') {
			continue;
		}
		if (buf[i - 1] == '/') {
			parent = i - 1;
			continue; /* "//" */
		}
		buf[i] = '\0';
		if (mkdirat(AT_FDCWD, buf, CF_STORE_DIR_CREATE) == 0) {
			cf_store_status st;
			int fd;
			do {
				fd = openat(AT_FDCWD, buf, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			} while (fd < 0 && errno == EINTR);
			if (fd < 0) {
				return CF_STORE_E_MKDIR;
			}
			st = cf_store_new_dir(s, fd, buf, parent);
			cf_store_close(fd);
			if (st != CF_STORE_OK) {
				return st;
			}
		} else if (errno != EEXIST) {
			return errno == ENOTDIR ? CF_STORE_E_SYMLINK_DIR : CF_STORE_E_MKDIR;
		}
		if (i < len) {
			buf[i] = '/';
		}
		parent = i;
	}
	return CF_STORE_OK;
}

cf_store_status cf_store_ensure_root(const cf_store *s)
{
	return cf_store_mkdir_p(s);
}

/* Opens the shard directory for a write, creating localPath and the shard when missing. */
static cf_store_status cf_store_open_shard_for_write(const cf_store *s, const cf_store_loc *loc, int *out_fd)
{
	bool created = false;
	int fd;

	fd = cf_store_open_shard(loc->shard);
	if (fd < 0 && errno == ENOENT) {
		int rc = mkdirat(AT_FDCWD, loc->shard, CF_STORE_DIR_CREATE);
		if (rc != 0 && errno == ENOENT) {
			/* localPath itself is missing: mkdir -p it, then the shard again. */
			cf_store_status st = cf_store_mkdir_p(s);
			if (st != CF_STORE_OK) {
				return st;
			}
			rc = mkdirat(AT_FDCWD, loc->shard, CF_STORE_DIR_CREATE);
		}
		if (rc == 0) {
			created = true;
		} else if (errno != EEXIST) {
			return errno == ENOTDIR ? CF_STORE_E_SYMLINK_DIR : CF_STORE_E_MKDIR;
		}
		fd = cf_store_open_shard(loc->shard);
	}
	if (fd < 0) {
		return (errno == ELOOP || errno == ENOTDIR) ? CF_STORE_E_SYMLINK_DIR : CF_STORE_E_MKDIR;
	}
	if (created) {
		cf_store_status st = cf_store_new_dir(s, fd, s->root, s->root_len);
		if (st != CF_STORE_OK) {
			cf_store_close(fd);
			return st;
		}
	}
	*out_fd = fd;
	return CF_STORE_OK;
}

/* Fills out with CF_STORE_TMP_RAND_HEX random lowercase hex characters (no NUL). */
static void cf_store_random_hex(char *out)
{
	static const char digits[] = "0123456789abcdef";
	static unsigned long counter;
	unsigned char rnd[CF_STORE_TMP_RAND_HEX / 2];
	size_t got = 0;
	size_t i;

	while (got < sizeof(rnd)) {
		ssize_t n = getrandom(rnd + got, sizeof(rnd) - got, GRND_NONBLOCK);
		if (n > 0) {
			got += (size_t)n;
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else {
			break;
		}
	}
	if (got < sizeof(rnd)) {
		/*
		 * No entropy yet (early boot) or no getrandom: uniqueness is what matters here (O_EXCL and
		 * O_NOFOLLOW make a guessed name harmless), so mix time, pid and a counter.
		 */
		struct timespec ts;
		uint64_t x;

		clock_gettime(CLOCK_REALTIME, &ts);
		x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ ((uint64_t)getpid() << 40) ^
			((uint64_t)__atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED) * 0x9e3779b97f4a7c15ULL);
		for (i = got; i < sizeof(rnd); i++) {
			rnd[i] = (unsigned char)(x >> (8 * (i % 8)));
		}
	}
	for (i = 0; i < sizeof(rnd); i++) {
		out[2 * i] = digits[rnd[i] >> 4];
		out[2 * i + 1] = digits[rnd[i] & 0x0f];
	}
}

/* Creates a fresh temp file in dir_fd; its name goes to tmp. Returns the fd or -1. */
static int cf_store_create_temp(int dir_fd, char *tmp, size_t tmpsize, mode_t mode)
{
	size_t plen = sizeof(CF_STORE_TMP_PREFIX) - 1;
	int tries;
	int fd;

	if (tmpsize < plen + CF_STORE_TMP_RAND_HEX + 1) {
		return -1;
	}
	memcpy(tmp, CF_STORE_TMP_PREFIX, plen);
	for (tries = 0; tries < CF_STORE_TMP_TRIES; tries++) {
		cf_store_random_hex(tmp + plen);
		tmp[plen + CF_STORE_TMP_RAND_HEX] = '\0';
		do {
			fd = openat(dir_fd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
		} while (fd < 0 && errno == EINTR);
		if (fd >= 0) {
			return fd;
		}
		if (errno != EEXIST) {
			return -1;
		}
	}
	return -1;
}

/* Writes all of data; false on any error or a zero-length write. */
static bool cf_store_write_all(int fd, const unsigned char *data, size_t len)
{
	size_t off = 0;

	while (off < len) {
		size_t want = len - off;
		ssize_t n;

		if (want > CF_STORE_IO_MAX) {
			want = CF_STORE_IO_MAX;
		}
		n = write(fd, data + off, want);
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			return false;
		}
		if (n == 0) {
			errno = ENOSPC;
			return false;
		}
		off += (size_t)n;
	}
	return true;
}

/*
 * Removes the directory `name` in dir_fd and everything below it, depth levels deep at most,
 * without ever following a symlink: every level is opened with O_DIRECTORY|O_NOFOLLOW relative to
 * its parent's descriptor, and a symlink found inside is unlinked itself (never its target), so
 * nothing outside the shard directory can be reached even if entries are swapped while we walk.
 * Used when a directory squats on a payload path (a file can neither be renamed over it nor
 * unlinked). Returns 0 when the directory is gone, -1 with errno otherwise (ELOOP if too deep).
 */
static int cf_store_remove_tree(int dir_fd, const char *name, int depth)
{
	struct dirent *de;
	DIR *dir;
	int fd;
	int err = 0;

	if (depth <= 0) {
		errno = ELOOP;
		return -1;
	}
	do {
		fd = openat(dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	} while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		return -1;
	}
	dir = fdopendir(fd);
	if (dir == NULL) {
		cf_store_close(fd);
		return -1;
	}
	for (;;) {
		struct stat st;

		errno = 0;
		de = readdir(dir);
		if (de == NULL) {
			break;
		}
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) {
			continue;
		}
		if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			if (errno != ENOENT) {
				err = errno;
			}
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (cf_store_remove_tree(fd, de->d_name, depth - 1) != 0 && errno != ENOENT) {
				err = errno;
			}
		} else if (unlinkat(fd, de->d_name, 0) != 0 && errno != ENOENT) {
			err = errno;
		}
	}
	closedir(dir);
	if (err != 0) {
		errno = err;
		return -1;
	}
	if (unlinkat(dir_fd, name, AT_REMOVEDIR) != 0) {
		return errno == ENOENT ? 0 : -1;
	}
	return 0;
}

/*
 * Write protocol: temp file (O_EXCL, O_NOFOLLOW; 0666 under the umask, or 0600 then fchmod to the
 * explicit file mode) in the shard directory, full-length write, optional fsync, close, renameat onto the final name
 * (which replaces a symlink there, never its target), optional fsync of the directory. Every failure before the rename
 * removes the temp file. A failed directory fsync after the rename reports CF_STORE_E_FSYNC although the new file is
 * already in place (its durability is what is unknown).
 */
cf_store_status cf_store_write(const cf_store *s, const char *hex64, const void *data, size_t len)
{
	char tmp[sizeof(CF_STORE_TMP_PREFIX) + CF_STORE_TMP_RAND_HEX + 1];
	cf_store_status st;
	cf_store_loc loc;
	int dir_fd = -1;
	int fd;

	if (!cf_store_locate(s, hex64, &loc) || (data == NULL && len != 0)) {
		return CF_STORE_E_ARG;
	}
	st = cf_store_open_shard_for_write(s, &loc, &dir_fd);
	if (st != CF_STORE_OK) {
		return st;
	}
	fd = cf_store_create_temp(
		dir_fd, tmp, sizeof(tmp), s->file_mode == CF_STORE_MODE_UMASK ? CF_STORE_FILE_CREATE : CF_STORE_FILE_PRIVATE);
	if (fd < 0) {
		cf_store_close(dir_fd);
		return CF_STORE_E_TEMP;
	}
	if (!cf_store_write_all(fd, data, len)) {
		st = CF_STORE_E_WRITE;
		goto fail_open;
	}
	if (s->file_mode != CF_STORE_MODE_UMASK) {
		(void)fchmod(fd, (mode_t)s->file_mode);
	}
	if (s->fsync && cf_store_fsync(fd) != 0) {
		st = CF_STORE_E_FSYNC;
		goto fail_open;
	}
	/* A failing close can be the first report of a failed write-back (NFS): the file is suspect. */
	if (close(fd) != 0 && errno != EINTR) {
		st = CF_STORE_E_WRITE;
		goto fail_closed;
	}
	if (renameat(dir_fd, tmp, dir_fd, loc.name) != 0) {
		/* A directory squatting on the payload path (POSIX: EISDIR for a file renamed onto one) would
		 * wedge this entry on this pod for good: clear it without following links, and retry once. */
		if (errno != EISDIR || cf_store_remove_tree(dir_fd, loc.name, CF_STORE_TREE_DEPTH) != 0 ||
			renameat(dir_fd, tmp, dir_fd, loc.name) != 0) {
			st = CF_STORE_E_RENAME;
			goto fail_closed;
		}
	}
	if (s->fsync && cf_store_fsync(dir_fd) != 0) {
		cf_store_close(dir_fd);
		return CF_STORE_E_FSYNC;
	}
	cf_store_close(dir_fd);
	return CF_STORE_OK;

fail_open:
	cf_store_close(fd);
fail_closed:
	(void)unlinkat(dir_fd, tmp, 0);
	cf_store_close(dir_fd);
	return st;
}

/*
 * Marks a file as used now when its last use (max of atime and mtime) is at least touch_after seconds
 * old: atime only, so the mtime (which opcache revalidates PHP files on) stays. Needs ownership or
 * write permission; without them the file just ages (a failure changes nothing else).
 */
static void cf_store_touch(int fd, const struct stat *st, int64_t touch_after)
{
	struct timespec times[2];
	time_t used = st->st_atime > st->st_mtime ? st->st_atime : st->st_mtime;
	time_t now = time(NULL);

	if (now - used < touch_after) {
		return;
	}
	times[0].tv_sec = 0;
	times[0].tv_nsec = UTIME_NOW;
	times[1].tv_sec = 0;
	times[1].tv_nsec = UTIME_OMIT;
	(void)futimens(fd, times);
}

/*
 * The checks shared by read_verified and verify: argument validation, the shard directory and the
 * file opened without following symlinks, a regular file, the size against expected_size and
 * max_size. On CF_STORE_OK *out_fd is the open file and *out_size its size.
 */
/*
 * The fast path of a read: "xx/<hex><suffix>" opened beneath the kept localPath descriptor with no
 * symlink anywhere. Returns the fd, or -1 when the walk must decide. The descriptor (mutable state
 * of a store otherwise passed as const) is opened at the first read.
 */
static int cf_store_open_fast(const cf_store *cs, const cf_store_loc *loc)
{
#ifdef CF_STORE_HAVE_OPENAT2
	cf_store *s = (cf_store *)cs;
	struct open_how how;
	char rel[3 + sizeof(loc->name)];
	long fd;

	if (s->fast_off) {
		return -1;
	}
	if (CF_STORE_UNDER_VALGRIND()) {
		s->fast_off = true;
		return -1;
	}
	if (!s->root_open) {
		int rfd;
		do {
			rfd = openat(AT_FDCWD, s->root_len ? s->root : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		} while (rfd < 0 && errno == EINTR);
		if (rfd < 0) {
			return -1; /* no localPath yet: the walk says what is missing */
		}
		s->root_fd = rfd;
		s->root_open = true;
	}
	rel[0] = loc->name[0];
	rel[1] = loc->name[1];
	rel[2] = '/';
	memcpy(rel + 3, loc->name, strlen(loc->name) + 1);
	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS;
	do {
		fd = syscall(SYS_openat2, s->root_fd, rel, &how, sizeof(how));
	} while (fd < 0 && errno == EINTR);
	if (fd < 0 && (errno == ENOSYS || errno == EPERM || errno == E2BIG || errno == EINVAL)) {
		/* no openat2 here (an old kernel, a seccomp filter): walk from now on */
		s->fast_off = true;
	}
	return fd < 0 ? -1 : (int)fd;
#else
	(void)cs;
	(void)loc;
	return -1;
#endif
}

static cf_store_status cf_store_open_verified(const cf_store *s, const char *hex64, const char *checksum_hex,
	long long expected_size, size_t max_size, int *out_fd, size_t *out_size, struct stat *out_st)
{
	cf_store_loc loc;
	struct stat st;
	int dir_fd;
	int fd;

	if (!cf_store_locate(s, hex64, &loc) || (checksum_hex != NULL && !cf_store_digest_ok(checksum_hex))) {
		return CF_STORE_E_ARG;
	}
	fd = cf_store_open_fast(s, &loc);
	if (fd >= 0) {
		goto opened;
	}
	dir_fd = cf_store_open_shard(loc.shard);
	if (dir_fd < 0) {
		switch (errno) {
		case ENOENT:
		case ENOTDIR:
			return CF_STORE_E_NOT_FOUND;
		case ELOOP:
			return CF_STORE_E_SYMLINK;
		default:
			return CF_STORE_E_IO;
		}
	}
	do {
		fd = openat(dir_fd, loc.name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	} while (fd < 0 && errno == EINTR);
	cf_store_close(dir_fd);
	if (fd < 0) {
		switch (errno) {
		case ENOENT:
		case ENOTDIR:
			return CF_STORE_E_NOT_FOUND;
		case ELOOP:
			return CF_STORE_E_SYMLINK;
		case ENXIO: /* a socket or a device without a driver */
			return CF_STORE_E_NOT_REGULAR;
		default:
			return CF_STORE_E_IO;
		}
	}
	/* the walk opened what the fast path did not: a localPath replaced since it was kept (a fresh
	 * emptyDir, a test's rm -rf) - open it again at the next read */
	cf_store_drop_root((cf_store *)s);
opened:
	if (fstat(fd, &st) != 0) {
		cf_store_close(fd);
		return CF_STORE_E_IO;
	}
	if (!S_ISREG(st.st_mode)) {
		cf_store_close(fd);
		return CF_STORE_E_NOT_REGULAR;
	}
	if (s->touch_after > 0) {
		cf_store_touch(fd, &st, s->touch_after);
	}
	if (st.st_size < 0 || (expected_size >= 0 && (long long)st.st_size != expected_size) ||
		(unsigned long long)st.st_size > (unsigned long long)max_size ||
		(unsigned long long)st.st_size > (unsigned long long)SIZE_MAX - 1) {
		cf_store_close(fd);
		return CF_STORE_E_SIZE;
	}
	*out_fd = fd;
	*out_size = (size_t)st.st_size;
	if (out_st != NULL) {
		*out_st = st;
	}
	return CF_STORE_OK;
}

/* Reads up to len bytes; *got is what was read before EOF. false on a read error. */
static bool cf_store_read_full(int fd, unsigned char *buf, size_t len, size_t *got)
{
	size_t off = 0;

	while (off < len) {
		size_t want = len - off;
		ssize_t n;

		if (want > CF_STORE_IO_MAX) {
			want = CF_STORE_IO_MAX;
		}
		n = read(fd, buf + off, want);
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			*got = off;
			return false;
		}
		if (n == 0) {
			break;
		}
		off += (size_t)n;
	}
	*got = off;
	return true;
}

cf_store_status cf_store_read_verified(const cf_store *s, const char *hex64, const char *checksum_hex,
	long long expected_size, size_t max_size, const cf_allocator *a, char **out, size_t *out_len)
{
	char hex[CF_HEX64_LEN + 1];
	cf_store_status st;
	unsigned char *buf;
	size_t size = 0;
	size_t got = 0;
	int fd = -1;

	if (out == NULL || out_len == NULL || a == NULL) {
		return CF_STORE_E_ARG;
	}
	*out = NULL;
	*out_len = 0;
	st = cf_store_open_verified(s, hex64, checksum_hex, expected_size, max_size, &fd, &size, NULL);
	if (st != CF_STORE_OK) {
		return st;
	}
	buf = cf_alloc(a, size ? size : 1);
	if (buf == NULL) {
		cf_store_close(fd);
		return CF_STORE_E_NOMEM;
	}
	if (!cf_store_read_full(fd, buf, size, &got)) {
		st = CF_STORE_E_IO;
	} else if (got != size) {
		st = CF_STORE_E_CHECKSUM; /* the file shrank under us */
	} else if (checksum_hex == NULL) {
		/* the caller verifies the bytes itself */
	} else if (cf_sha256_hex(buf, size, hex) != 0) {
		st = CF_STORE_E_IO;
	} else if (!cf_hex64_equals(hex, checksum_hex)) {
		st = CF_STORE_E_CHECKSUM;
	}
	cf_store_close(fd);
	if (st != CF_STORE_OK) {
		cf_free(a, buf);
		return st;
	}
	*out = (char *)buf;
	*out_len = size;
	return CF_STORE_OK;
}

static void cf_store_id_of(const struct stat *st, cf_store_file_id *id)
{
	id->dev = (uint64_t)st->st_dev;
	id->ino = (uint64_t)st->st_ino;
	id->size = (int64_t)st->st_size;
	id->mtime_sec = (int64_t)st->st_mtim.tv_sec;
	id->mtime_nsec = (int64_t)st->st_mtim.tv_nsec;
	id->ctime_sec = (int64_t)st->st_ctim.tv_sec;
	id->ctime_nsec = (int64_t)st->st_ctim.tv_nsec;
}

static bool cf_store_id_equal(const cf_store_file_id *a, const cf_store_file_id *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size && a->mtime_sec == b->mtime_sec &&
		   a->mtime_nsec == b->mtime_nsec && a->ctime_sec == b->ctime_sec && a->ctime_nsec == b->ctime_nsec;
}

cf_store_status cf_store_verify(
	const cf_store *s, const char *hex64, const char *checksum_hex, long long expected_size, size_t max_size)
{
	cf_store_file_id id;
	bool read_it;
	return cf_store_verify_known(s, hex64, checksum_hex, expected_size, max_size, NULL, &id, &read_it);
}

cf_store_status cf_store_verify_known(const cf_store *s, const char *hex64, const char *checksum_hex,
	long long expected_size, size_t max_size, const cf_store_file_id *known, cf_store_file_id *id, bool *read_it)
{
	struct stat fst;
	unsigned char md[EVP_MAX_MD_SIZE];
	char hex[CF_HEX64_LEN + 1];
	unsigned int md_len = 0;
	cf_store_status st;
	EVP_MD_CTX *ctx = NULL;
	unsigned char *buf = NULL;
	size_t size = 0;
	size_t done = 0;
	int fd = -1;

	*read_it = false;
	if (checksum_hex == NULL || id == NULL) {
		return CF_STORE_E_ARG; /* verifying is all this call does */
	}
	st = cf_store_open_verified(s, hex64, checksum_hex, expected_size, max_size, &fd, &size, &fst);
	if (st != CF_STORE_OK) {
		return st;
	}
	cf_store_id_of(&fst, id);
	if (known != NULL && cf_store_id_equal(known, id)) {
		cf_store_close(fd); /* the very file verified before: not read again */
		return CF_STORE_OK;
	}
	*read_it = true;
	buf = malloc(CF_STORE_CHUNK);
	ctx = EVP_MD_CTX_new();
	if (buf == NULL || ctx == NULL) {
		st = CF_STORE_E_NOMEM;
		goto out;
	}
	if (!EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
		st = CF_STORE_E_IO;
		goto out;
	}
	while (done < size) {
		size_t want = size - done;
		size_t got = 0;

		if (want > CF_STORE_CHUNK) {
			want = CF_STORE_CHUNK;
		}
		if (!cf_store_read_full(fd, buf, want, &got)) {
			st = CF_STORE_E_IO;
			goto out;
		}
		if (got != want) {
			st = CF_STORE_E_CHECKSUM; /* the file shrank under us */
			goto out;
		}
		if (!EVP_DigestUpdate(ctx, buf, got)) {
			st = CF_STORE_E_IO;
			goto out;
		}
		done += got;
	}
	if (!EVP_DigestFinal_ex(ctx, md, &md_len) || md_len != CF_SHA256_LEN) {
		st = CF_STORE_E_IO;
		goto out;
	}
	cf_hex_encode(md, CF_SHA256_LEN, hex);
	if (!cf_hex64_equals(hex, checksum_hex)) {
		st = CF_STORE_E_CHECKSUM;
	}
out:
	EVP_MD_CTX_free(ctx);
	free(buf);
	cf_store_close(fd);
	return st;
}

int cf_store_pin(const cf_store *s, const char *hex64)
{
	cf_store_loc loc;
	int fd;
	int rc;

	if (!cf_store_locate(s, hex64, &loc)) {
		return -1;
	}
	fd = cf_store_open_shard(loc.shard);
	if (fd < 0) {
		return -1;
	}
	do {
		rc = flock(fd, LOCK_SH);
	} while (rc != 0 && errno == EINTR);
	if (rc != 0) {
		cf_store_close(fd);
		return -1;
	}
	return fd;
}

void cf_store_unpin(int fd)
{
	if (fd >= 0) {
		cf_store_close(fd); /* closing the only descriptor releases the lock */
	}
}

cf_store_status cf_store_probe(const cf_store *s, const char *hex64)
{
	cf_store_loc loc;
	struct stat st;
	int dir_fd;
	int rc;

	if (!cf_store_locate(s, hex64, &loc)) {
		return CF_STORE_E_ARG;
	}
	dir_fd = cf_store_open_shard(loc.shard);
	if (dir_fd < 0) {
		switch (errno) {
		case ENOENT:
		case ENOTDIR:
			return CF_STORE_E_NOT_FOUND;
		case ELOOP:
			return CF_STORE_E_SYMLINK;
		default:
			return CF_STORE_E_IO;
		}
	}
	rc = fstatat(dir_fd, loc.name, &st, AT_SYMLINK_NOFOLLOW);
	cf_store_close(dir_fd);
	if (rc != 0) {
		return (errno == ENOENT || errno == ENOTDIR) ? CF_STORE_E_NOT_FOUND : CF_STORE_E_IO;
	}
	if (S_ISLNK(st.st_mode)) {
		return CF_STORE_E_SYMLINK;
	}
	return S_ISREG(st.st_mode) ? CF_STORE_OK : CF_STORE_E_NOT_REGULAR;
}

cf_store_status cf_store_delete(const cf_store *s, const char *hex64)
{
	cf_store_loc loc;
	int dir_fd;
	int rc;

	if (!cf_store_locate(s, hex64, &loc)) {
		return CF_STORE_E_ARG;
	}
	dir_fd = cf_store_open_shard(loc.shard);
	if (dir_fd < 0) {
		switch (errno) {
		case ENOENT:
			return CF_STORE_OK;
		case ELOOP:
		case ENOTDIR:
			return CF_STORE_E_SYMLINK_DIR;
		default:
			return CF_STORE_E_IO;
		}
	}
	rc = unlinkat(dir_fd, loc.name, 0);
	if (rc != 0 && errno == EISDIR) {
		/* A directory at the payload path: removed with its contents (links never followed). */
		rc = cf_store_remove_tree(dir_fd, loc.name, CF_STORE_TREE_DEPTH);
		if (rc != 0) {
			cf_store_close(dir_fd);
			return CF_STORE_E_NOT_REGULAR;
		}
	}
	cf_store_close(dir_fd);
	if (rc != 0) {
		return errno == ENOENT ? CF_STORE_OK : CF_STORE_E_IO;
	}
	return CF_STORE_OK;
}
