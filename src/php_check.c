/*
 * clusterfile: ClusterFile\check(), the readiness check of one cache configuration (see php_check.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/random.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "php.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"

#include "clock.h"
#include "counters.h"
#include "php_backend.h"
#include "php_check.h"
#include "php_errors.h"

/* The entry identifier and tag of the round trip; the payload is the same bytes on every run and pod
 * (content-addressed: one small file per localPath, however often the probe runs). */
#define CF_CHECK_TAG      "clusterfile_check"
#define CF_CHECK_LIFETIME 60

static double cf_check_now_ms(void)
{
	return (double)cf_monotonic_ns() / 1e6;
}

typedef struct cf_check_ctx {
	zval checks;    /* name -> [ok, message, ms] */
	zval failed;    /* list of names */
	double started; /* of the current check */
	bool travel;    /* an exit() (or a metadata cycle) is pending: check() returns with it at once */
} cf_check_ctx;

static void cf_check_add(cf_check_ctx *c, const char *name, bool ok, zend_string *message)
{
	zval entry;
	array_init_size(&entry, 3);
	add_assoc_bool(&entry, "ok", ok);
	add_assoc_str(&entry, "message", message);
	double now = cf_check_now_ms();
	add_assoc_double(&entry, "ms", now > c->started ? now - c->started : 0);
	add_assoc_zval(&c->checks, name, &entry);
	if (!ok) {
		add_next_index_string(&c->failed, name);
	}
	c->started = now; /* the next step's time starts here */
}

static void cf_check_addf(cf_check_ctx *c, const char *name, bool ok, const char *fmt, ...)
	ZEND_ATTRIBUTE_FORMAT(printf, 4, 5);
static void cf_check_addf(cf_check_ctx *c, const char *name, bool ok, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	zend_string *msg = zend_vstrpprintf(0, fmt, ap);
	va_end(ap);
	cf_check_add(c, name, ok, msg);
}

/*
 * The pending exception's message and those of up to two previous ones ("a: b: c"), and the
 * exception cleared. The backend's own messages say "see previous" when the store's error is the
 * previous one. NULL, with the exception left pending and c->travel set, when it must reach the
 * caller: userland's exit() inside a metadata call ends the request, a check does not swallow it.
 */
static zend_string *cf_check_take_exception(cf_check_ctx *c)
{
	if (cf_exception_must_travel()) {
		c->travel = true;
		return NULL;
	}
	smart_str out = {0};
	zend_object *ex = EG(exception);
	for (int depth = 0; ex && depth < 3; depth++) {
		zend_class_entry *base = zend_get_exception_base(ex);
		zval rv, *msg = zend_read_property_ex(base, ex, ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
		if (depth) {
			smart_str_appends(&out, ": ");
		}
		smart_str_append(&out, ex->ce->name);
		if (Z_TYPE_P(msg) == IS_STRING && Z_STRLEN_P(msg)) {
			smart_str_appends(&out, " (");
			smart_str_append(&out, Z_STR_P(msg));
			smart_str_appendc(&out, ')');
		}
		zval prv, *prev = zend_read_property_ex(base, ex, ZSTR_KNOWN(ZEND_STR_PREVIOUS), 1, &prv);
		ex = Z_TYPE_P(prev) == IS_OBJECT ? Z_OBJ_P(prev) : NULL;
	}
	zend_clear_exception();
	smart_str_0(&out);
	return out.s ? out.s : ZSTR_EMPTY_ALLOC();
}

/*
 * Run as root, a check would make directories and files (localPath, the probe payload's shard)
 * that belong to root. PHP-FPM's workers usually run as another user and could then not write
 * into that shard: 1 in 256 of their writes would fail. So as root, the check refuses a localPath
 * that another user owns or may write to (it, or the nearest directory above it that exists:
 * another owner, others' write bit, or a group's other than root's): run it as the workers' user
 * instead. A store only root writes to is checked as usual.
 */
static bool cf_check_as_root_is_unsafe(cf_check_ctx *c, const char *path)
{
	if (geteuid() != 0) {
		return false;
	}
	char dir[4096];
	struct stat st;
	snprintf(dir, sizeof(dir), "%s", path);
	while (stat(dir, &st) != 0) {
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir) {
			snprintf(dir, sizeof(dir), "/");
			if (stat(dir, &st) != 0) {
				return false;
			}
			break;
		}
		*slash = '\0';
	}
	bool shared = st.st_uid != 0 || (st.st_mode & S_IWOTH) || ((st.st_mode & S_IWGRP) && st.st_gid != 0);
	if (!shared) {
		return false;
	}
	cf_check_addf(c, "localPath", false,
		"checked as root, but %s is %s (owner uid %ld, mode %04o): what the check would create there would be "
		"root's, and PHP-FPM workers of another user could not write it; run the check as the workers' user "
		"(e.g. runuser -u www-data --)",
		dir, st.st_uid != 0 ? "another user's" : "writable by others", (long)st.st_uid, (unsigned)(st.st_mode & 07777));
	return true;
}

/*
 * The local store's root is a directory this process can create files in (an O_TMPFILE, never left
 * behind). A missing one is made as the backend's first write would make it.
 */
static bool cf_check_as_root_is_unsafe(cf_check_ctx *c, const char *path);

static void cf_check_local_path(cf_check_ctx *c, zend_object *obj, const char *path, const char *rnd_hex)
{
	struct stat st;
	bool created = false;
	if (cf_check_as_root_is_unsafe(c, path)) {
		return;
	}
	if (stat(path, &st) != 0 && errno == ENOENT) {
		if (cf_backend_probe_local_path(obj) == FAILURE) {
			cf_check_addf(c, "localPath", false, "%s is missing and cannot be created (%s)", path, strerror(errno));
			return;
		}
		created = true;
	}
	if (stat(path, &st) != 0) {
		cf_check_addf(c, "localPath", false, "%s cannot be reached (%s)", path, strerror(errno));
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		cf_check_addf(c, "localPath", false, "%s is not a directory", path);
		return;
	}
	int fd = open(path, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
	bool named = false;
	char tmp[4096];
	if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
		/* a filesystem without O_TMPFILE: a named file, removed at once */
		snprintf(tmp, sizeof(tmp), "%s/.clusterfile-check-%ld-%s", path, (long)getpid(), rnd_hex);
		fd = open(tmp, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0600);
		named = fd >= 0;
	}
	if (fd < 0) {
		cf_check_addf(c, "localPath", false, "%s: cannot create a file in it (%s)", path, strerror(errno));
		return;
	}
	ssize_t w = write(fd, "x", 1);
	int werr = errno;
	close(fd);
	if (named) {
		unlink(tmp);
	}
	if (w != 1) {
		cf_check_addf(c, "localPath", false, "%s: cannot write a file in it (%s)", path, strerror(werr));
		return;
	}
	struct statvfs vfs;
	if (statvfs(path, &vfs) == 0) {
		cf_check_addf(c, "localPath", true, "%s is writable%s, %.1f MiB free", path, created ? " (created)" : "",
			(double)vfs.f_bavail * (double)vfs.f_frsize / (1024.0 * 1024.0));
	} else {
		cf_check_addf(c, "localPath", true, "%s is writable%s", path, created ? " (created)" : "");
	}
}

/* obj->name(args...): the return value in rv (UNDEF when it threw). */
static bool cf_check_call(zend_object *obj, const char *name, zval *rv, uint32_t argc, zval *argv)
{
	zend_function *fn = zend_hash_str_find_ptr_lc(&obj->ce->function_table, name, strlen(name));
	ZVAL_UNDEF(rv);
	if (!fn) {
		return false;
	}
	zend_call_known_instance_method(fn, obj, rv, argc, argv);
	return !EG(exception);
}

/* What a round-trip step must answer. */
typedef enum cf_check_expect { CF_EXPECT_ANY, CF_EXPECT_PAYLOAD, CF_EXPECT_TRUE, CF_EXPECT_FALSE } cf_check_expect;

static const struct {
	const char *method;
	uint32_t argc; /* of entry, payload, tags, lifetime */
	cf_check_expect expect;
	const char *otherwise; /* the report when the answer is not the expected one */
} cf_check_steps[] = {
	{"set", 4, CF_EXPECT_ANY, NULL},
	/* the set filled this backend's L1s: the get must go to the metadata store and the file */
	{"reset", 0, CF_EXPECT_ANY, NULL},
	{"get", 1, CF_EXPECT_PAYLOAD,
		"get() after set() did not answer the bytes written: the metadata store did not keep the record (a TYPO3 "
		"RedisBackend that failed to connect drops writes silently) or the local file was not read back"},
	{"remove", 1, CF_EXPECT_TRUE, "remove() after set() and get() found no entry to remove"},
	{"has", 1, CF_EXPECT_FALSE, "has() after remove() still finds the entry"},
};

/* set, get from the stores (the same bytes back), remove (it was there), has (it is gone). */
static void cf_check_round_trip(cf_check_ctx *c, zend_object *obj, zend_string *entry, zend_string *cache)
{
	zval args[4], rv;
	zend_string *payload = zend_strpprintf(0, "clusterfile readiness check of cache %s\n", ZSTR_VAL(cache));
	ZVAL_STR_COPY(&args[0], entry);
	ZVAL_STR_COPY(&args[1], payload);
	array_init(&args[2]);
	add_next_index_string(&args[2], CF_CHECK_TAG);
	ZVAL_LONG(&args[3], CF_CHECK_LIFETIME);
	bool passed = true;
	zend_long rejected = cf_backend_probe_count(obj, CF_M_WRITE_REJECTED);
	for (size_t i = 0; passed && i < sizeof(cf_check_steps) / sizeof(cf_check_steps[0]); i++) {
		if (!cf_check_call(obj, cf_check_steps[i].method, &rv, cf_check_steps[i].argc, args)) {
			zend_string *why =
				EG(exception) ? cf_check_take_exception(c) : zend_string_init(ZEND_STRL("no such method"), 0);
			if (!why) {
				passed = false;
				break; /* c->travel */
			}
			cf_check_addf(c, "roundTrip", false, "%s() threw %s", cf_check_steps[i].method, ZSTR_VAL(why));
			zend_string_release(why);
			passed = false;
			break;
		}
		if (i == 0 && cf_backend_probe_count(obj, CF_M_WRITE_REJECTED) != rejected) {
			zval_ptr_dtor(&rv);
			cf_check_addf(c, "roundTrip", false,
				"set() was refused by the write-after-invalidate guard: an invalidation of this cache came in "
				"between the probe's read and its write (another pod flushing); try again");
			passed = false;
			break;
		}
		switch (cf_check_steps[i].expect) {
		case CF_EXPECT_ANY:
			break;
		case CF_EXPECT_PAYLOAD:
			passed = Z_TYPE(rv) == IS_STRING && zend_string_equals(Z_STR(rv), payload);
			break;
		case CF_EXPECT_TRUE:
			passed = Z_TYPE(rv) == IS_TRUE;
			break;
		case CF_EXPECT_FALSE:
			passed = Z_TYPE(rv) == IS_FALSE;
			break;
		}
		zval_ptr_dtor(&rv);
		if (!passed) {
			cf_check_addf(c, "roundTrip", false, "%s", cf_check_steps[i].otherwise);
		}
	}
	if (passed) {
		cf_check_addf(c, "roundTrip", true, "set, get, remove and has of %s", ZSTR_VAL(entry));
	}
	for (int i = 0; i < 4; i++) {
		zval_ptr_dtor(&args[i]);
	}
	zend_string_release(payload);
}

static void cf_check_not_run(cf_check_ctx *c, const char *name, const char *because)
{
	cf_check_addf(c, name, false, "not run: %s", because);
}

ZEND_FUNCTION(ClusterFile_check)
{
	HashTable *options;
	zend_string *cache = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
	Z_PARAM_ARRAY_HT(options)
	Z_PARAM_OPTIONAL
	Z_PARAM_STR(cache)
	ZEND_PARSE_PARAMETERS_END();

	double t0 = cf_check_now_ms();
	cf_check_ctx c;
	array_init(&c.checks);
	array_init(&c.failed);
	c.started = t0;
	c.travel = false;
	zend_string *cache_name = cache ? zend_string_copy(cache) : zend_string_init(ZEND_STRL("clusterfile_check"), 0);

	/* an entry identifier no other probe uses: pods (and workers) check the same cache concurrently */
	char host[64] = "";
	if (gethostname(host, sizeof(host) - 1) != 0) {
		host[0] = '\0';
	}
	for (char *p = host; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-')) {
			*p = '-';
		}
	}
	unsigned char rnd[6];
	char rnd_hex[13];
	if (getrandom(rnd, sizeof(rnd), GRND_NONBLOCK) != (ssize_t)sizeof(rnd)) {
		uint64_t t = (uint64_t)(cf_check_now_ms() * 1000.0);
		memcpy(rnd, &t, sizeof(rnd)); /* the pid and host still tell probes apart */
	}
	for (size_t i = 0; i < sizeof(rnd); i++) {
		snprintf(rnd_hex + 2 * i, 3, "%02x", rnd[i]);
	}
	zend_string *entry =
		zend_strpprintf(0, "clusterfile_check-%.40s-%ld-%s", host[0] ? host : "pod", (long)getpid(), rnd_hex);

	zval obj, opts;
	ZVAL_UNDEF(&obj);
	object_init_ex(&obj, cf_backend_ce);
	ZVAL_ARR(&opts, zend_array_dup(options));
	zend_call_known_instance_method_with_1_params(cf_backend_ce->constructor, Z_OBJ(obj), NULL, &opts);
	zval_ptr_dtor(&opts);
	bool constructed = !EG(exception);
	if (!constructed || cf_backend_bind_probe(Z_OBJ(obj), cache_name) == FAILURE) {
		constructed = false;
		zend_string *why = cf_check_take_exception(&c);
		if (!why) {
			goto travel;
		}
		cf_check_add(&c, "options", false, why);
	} else {
		cf_check_addf(&c, "options", true, "valid");
	}
	if (!constructed) {
		cf_check_not_run(&c, "localPath", "the options are not valid");
		cf_check_not_run(&c, "metadata", "the options are not valid");
		cf_check_not_run(&c, "roundTrip", "the options are not valid");
	} else {
		zval lp;
		if (cf_check_call(Z_OBJ(obj), "getLocalPath", &lp, 0, NULL) && Z_TYPE(lp) == IS_STRING) {
			cf_check_local_path(&c, Z_OBJ(obj), Z_STRVAL(lp), rnd_hex);
		} else {
			zend_clear_exception(); /* an internal accessor: it does not throw once constructed */
			cf_check_addf(&c, "localPath", false, "the backend did not tell its localPath");
		}
		zval_ptr_dtor(&lp);
		bool local_ok = zend_hash_num_elements(Z_ARRVAL(c.failed)) == 0;
		const char *local_kind = NULL;
		bool meta_ok = cf_backend_probe_metadata(Z_OBJ(obj), entry, &local_kind) == SUCCESS;
		if (meta_ok && local_kind) {
			meta_ok = false;
			cf_check_addf(&c, "metadata", false,
				"the metadata cache's backend is %s, which keeps its data in this %s: other pods never see this "
				"pod's records or invalidations; give it a shared backend (database, Redis/Valkey) or use metadataDsn",
				local_kind, strstr(local_kind, "Transient") || strstr(local_kind, "Null") ? "process" : "pod");
		} else if (meta_ok) {
			cf_check_addf(&c, "metadata", true, "the metadata store answered a read");
		} else {
			zend_string *why = EG(exception) ? cf_check_take_exception(&c) : zend_string_init(ZEND_STRL("failed"), 0);
			if (!why) {
				goto travel;
			}
			cf_check_add(&c, "metadata", false, why);
		}
		if (!local_ok) {
			cf_check_not_run(&c, "roundTrip", "localPath is not usable");
		} else if (!meta_ok) {
			cf_check_not_run(&c, "roundTrip", "the metadata store did not answer");
		} else {
			cf_check_round_trip(&c, Z_OBJ(obj), entry, cache_name);
			if (c.travel) {
				goto travel;
			}
		}
	}
	zval_ptr_dtor(&obj);
	if (EG(exception) && !cf_clear_exception()) {
		goto travel_released; /* a destructor's exit() (there is no destructor today) */
	}

	array_init_size(return_value, 5);
	add_assoc_str(return_value, "cache", cache_name);
	add_assoc_bool(return_value, "ok", zend_hash_num_elements(Z_ARRVAL(c.failed)) == 0);
	add_assoc_zval(return_value, "failed", &c.failed);
	add_assoc_zval(return_value, "checks", &c.checks);
	double ms = cf_check_now_ms() - t0;
	add_assoc_double(return_value, "ms", ms < 0 ? 0 : ms);
	zend_string_release(entry);
	return;

travel:
	zval_ptr_dtor(&obj);
travel_released:
	zval_ptr_dtor(&c.checks);
	zval_ptr_dtor(&c.failed);
	zend_string_release(cache_name);
	zend_string_release(entry);
	RETURN_THROWS();
}
