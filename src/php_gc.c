/*
 * clusterfile: the local store's garbage collection, PHP side (see php_gc.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "ext/date/php_date.h"
#include "zend_exceptions.h"
#include "php_clusterfile.h"
#include "php_errors.h"
#include "php_gc.h"

void cf_php_gc_limits(const cf_options *o, cf_gc_limits *lim)
{
	lim->max_bytes = o->local_max_bytes;
	lim->max_age_seconds = o->local_max_age_seconds;
	lim->temp_max_age_seconds = CF_GC_TEMP_MAX_AGE;
}

void cf_php_gc_report_to_array(const cf_gc_report *r, zval *rv)
{
	array_init_size(rv, 12);
	add_assoc_long(rv, "scannedShards", (zend_long)r->shards);
	add_assoc_long(rv, "scannedFiles", (zend_long)r->files);
	add_assoc_long(rv, "scannedBytes", (zend_long)r->bytes);
	add_assoc_long(rv, "removedTempFiles", (zend_long)r->removed_temp);
	add_assoc_long(rv, "removedExpiredFiles", (zend_long)r->removed_expired);
	add_assoc_long(rv, "removedEvictedFiles", (zend_long)r->removed_evicted);
	add_assoc_long(rv, "removedBytes", (zend_long)r->removed_bytes);
	add_assoc_long(rv, "remainingFiles", (zend_long)r->remaining_files);
	add_assoc_long(rv, "remainingBytes", (zend_long)r->remaining_bytes);
	add_assoc_long(rv, "busyShards", (zend_long)r->busy_shards);
	add_assoc_long(rv, "errors", (zend_long)r->errors);
}

/* ---- once per unit of work ------------------------------------------------------------------ */

/* The table of this unit of work: a new epoch (RINIT, ClusterFile\reset()) starts an empty one. */
static HashTable *cf_php_gc_done(void)
{
	if (CF_G(gc_done) && CF_G(gc_done_epoch) != CF_G(request_epoch)) {
		/* detached first: releasing a store object may run userland */
		HashTable *old = CF_G(gc_done);
		CF_G(gc_done) = NULL;
		zend_hash_destroy(old);
		FREE_HASHTABLE(old);
	}
	if (!CF_G(gc_done)) {
		ALLOC_HASHTABLE(CF_G(gc_done));
		zend_hash_init(CF_G(gc_done), 4, NULL, ZVAL_PTR_DTOR, 0);
		CF_G(gc_done_epoch) = CF_G(request_epoch);
	}
	return CF_G(gc_done);
}

bool cf_php_gc_meta_done(zend_object *store)
{
	return zend_hash_index_exists(cf_php_gc_done(), store->handle);
}

void cf_php_gc_meta_mark(zend_object *store)
{
	zval keep;
	/* the reference keeps the handle from being reused by another object in this unit of work */
	ZVAL_OBJ_COPY(&keep, store);
	zend_hash_index_update(cf_php_gc_done(), store->handle, &keep);
}

void cf_php_gc_meta_forget(zend_object *store)
{
	if (CF_G(gc_done)) {
		zend_hash_index_del(CF_G(gc_done), store->handle);
	}
}

/* Local stores are keyed by their path, which never looks like an integer key ('/' first). The
 * value is the budget the path was collected with: a cache sharing the path with a smaller budget
 * (or a larger age limit's complement) collects it again with its own limits. */
bool cf_php_gc_local_done(const char *path, size_t len, const cf_gc_limits *lim)
{
	zval *done = zend_hash_str_find(cf_php_gc_done(), path, len);
	if (!done || Z_TYPE_P(done) != IS_ARRAY) {
		return false;
	}
	zval *b = zend_hash_index_find(Z_ARRVAL_P(done), 0);
	zval *a = zend_hash_index_find(Z_ARRVAL_P(done), 1);
	/* done when that run was at least as strict: a budget no larger, an age limit no longer */
	bool bytes_ok = b && (lim->max_bytes == 0 || (Z_LVAL_P(b) != 0 && Z_LVAL_P(b) <= lim->max_bytes));
	bool age_ok = a && (lim->max_age_seconds == 0 || (Z_LVAL_P(a) != 0 && Z_LVAL_P(a) <= lim->max_age_seconds));
	return bytes_ok && age_ok;
}

void cf_php_gc_local_mark(const char *path, size_t len, const cf_gc_limits *lim)
{
	zval v;
	array_init_size(&v, 2);
	add_next_index_long(&v, (zend_long)lim->max_bytes);
	add_next_index_long(&v, (zend_long)lim->max_age_seconds);
	zend_hash_str_update(cf_php_gc_done(), path, len, &v);
}

void cf_php_gc_local_forget(const char *path, size_t len)
{
	if (CF_G(gc_done)) {
		zend_hash_str_del(CF_G(gc_done), path, len);
	}
}

int cf_php_gc_pin(const cf_store *store, const char *hex64)
{
	int fd = cf_store_pin(store, hex64);
	if (fd < 0) {
		return -1;
	}
	if (!CF_G(pins)) {
		ALLOC_HASHTABLE(CF_G(pins));
		zend_hash_init(CF_G(pins), 4, NULL, NULL, 0);
	}
	zend_hash_index_add_empty_element(CF_G(pins), (zend_ulong)fd);
	return fd;
}

void cf_php_gc_unpin(int fd)
{
	if (fd < 0) {
		return;
	}
	if (CF_G(pins)) {
		zend_hash_index_del(CF_G(pins), (zend_ulong)fd);
	}
	cf_store_unpin(fd);
}

void cf_php_gc_rshutdown(void)
{
	if (CF_G(pins)) {
		zend_ulong fd;
		ZEND_HASH_FOREACH_NUM_KEY(CF_G(pins), fd)
		{
			cf_store_unpin((int)fd);
		}
		ZEND_HASH_FOREACH_END();
		zend_hash_destroy(CF_G(pins));
		FREE_HASHTABLE(CF_G(pins));
		CF_G(pins) = NULL;
	}
	if (CF_G(gc_done)) {
		HashTable *old = CF_G(gc_done);
		CF_G(gc_done) = NULL;
		zend_hash_destroy(old);
		FREE_HASHTABLE(old);
	}
}

/* ---- ClusterFile\gc() ----------------------------------------------------------------------- */

/* One limit of the $limits argument: an int in [0, max]; false with a ValueError/TypeError thrown. */
static bool cf_php_gc_limit(zend_string *key, zval *v, int64_t min, int64_t max, int64_t *out)
{
	ZVAL_DEREF(v);
	if (Z_TYPE_P(v) != IS_LONG) {
		zend_argument_type_error(2, "key \"%s\" must be of type int, %s given", ZSTR_VAL(key), zend_zval_type_name(v));
		return false;
	}
	if ((int64_t)Z_LVAL_P(v) < min || (int64_t)Z_LVAL_P(v) > max) {
		zend_argument_value_error(2, "key \"%s\" must be between %" PRId64 " and %" PRId64 ", " ZEND_LONG_FMT " given",
			ZSTR_VAL(key), min, max, Z_LVAL_P(v));
		return false;
	}
	*out = (int64_t)Z_LVAL_P(v);
	return true;
}

ZEND_FUNCTION(ClusterFile_gc)
{
	zend_string *path;
	HashTable *limits = NULL;
	ZEND_PARSE_PARAMETERS_START(1, 2)
	Z_PARAM_PATH_STR(path)
	Z_PARAM_OPTIONAL
	Z_PARAM_ARRAY_HT(limits)
	ZEND_PARSE_PARAMETERS_END();

	cf_options defaults;
	cf_gc_limits lim;
	cf_options_init(&defaults);
	cf_php_gc_limits(&defaults, &lim);
	cf_options_dtor(&defaults);
	bool scan_only = false;
	if (limits) {
		zend_string *key;
		zval *v;
		ZEND_HASH_FOREACH_STR_KEY_VAL(limits, key, v)
		{
			bool ok;
			if (!key) {
				zend_argument_value_error(
					2, "must have string keys (known: maxBytes, maxAgeSeconds, tempMaxAgeSeconds, scanOnly)");
				RETURN_THROWS();
			}
			if (zend_string_equals_literal(key, "maxBytes")) {
				ok = cf_php_gc_limit(key, v, 0, CF_LOCAL_MAX_BYTES_MAX, &lim.max_bytes);
			} else if (zend_string_equals_literal(key, "maxAgeSeconds")) {
				ok = cf_php_gc_limit(key, v, 0, CF_LOCAL_MAX_AGE_MAX, &lim.max_age_seconds);
			} else if (zend_string_equals_literal(key, "tempMaxAgeSeconds")) {
				/* a live writer's temp file is younger than a minute (a payload is at most 64 MiB): a
				 * shorter age would remove files being written */
				ok = cf_php_gc_limit(key, v, CF_GC_TEMP_MIN_AGE, CF_LOCAL_MAX_AGE_MAX, &lim.temp_max_age_seconds);
			} else if (zend_string_equals_literal(key, "scanOnly")) {
				ok = Z_TYPE_P(v) == IS_TRUE || Z_TYPE_P(v) == IS_FALSE;
				if (ok) {
					scan_only = Z_TYPE_P(v) == IS_TRUE;
				} else {
					zend_argument_type_error(
						2, "key \"scanOnly\" must be of type bool, %s given", zend_zval_type_name(v));
				}
			} else {
				char shown[72];
				cf_printable(ZSTR_VAL(key), ZSTR_LEN(key), shown);
				zend_argument_value_error(2,
					"has an unknown key \"%s\" (known: maxBytes, maxAgeSeconds, tempMaxAgeSeconds, scanOnly)", shown);
				RETURN_THROWS();
			}
			if (!ok) {
				RETURN_THROWS();
			}
		}
		ZEND_HASH_FOREACH_END();
	}
	if (ZSTR_LEN(path) == 0 || ZSTR_VAL(path)[0] != '/') {
		zend_argument_value_error(1, "must be an absolute path");
		RETURN_THROWS();
	}
	cf_gc_report r;
	/* scanOnly: the walk counts what is there and removes and writes nothing, not even temp files */
	cf_gc_status st = scan_only ? cf_gc_scan(ZSTR_VAL(path), ZSTR_LEN(path), php_time(), &r)
								: cf_gc_collect(ZSTR_VAL(path), ZSTR_LEN(path), &lim, php_time(), &r);
	if (st == CF_GC_E_ARG) {
		zend_argument_value_error(1, "is not usable as a store root (too long)");
		RETURN_THROWS();
	}
	if (st == CF_GC_E_ROOT) {
		int err = errno;
		char shown[72];
		cf_printable(ZSTR_VAL(path), ZSTR_LEN(path), shown);
		cf_throw_plain(CF_E_STORE, "ClusterFile\\gc(): localPath \"%s\" cannot be opened as a directory (errno %d: %s)",
			shown, err, strerror(err));
		RETURN_THROWS();
	}
	/* E_NOMEM: the budget pass was skipped; the report says what was done (errors counts it) */
	cf_php_gc_report_to_array(&r, return_value);
}
