/*
 * clusterfile: exceptions (see php_errors.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"
#include "zend_weakrefs.h"
#include "ext/spl/spl_exceptions.h"
#include "php_clusterfile.h"
#include "php_errors.h"
#include "../stubs/errors_arginfo.h"

zend_class_entry *cf_exception_ce;
zend_class_entry *cf_invalid_cache_exception_ce;
zend_class_entry *cf_invalid_data_exception_ce;

void cf_errors_minit(void)
{
	cf_exception_ce = register_class_ClusterFile_Exception(spl_ce_RuntimeException);
	cf_invalid_cache_exception_ce = register_class_ClusterFile_Exception_InvalidCacheException(cf_exception_ce);
	cf_invalid_data_exception_ce = register_class_ClusterFile_Exception_InvalidDataException(cf_exception_ce);
}

/* Remembers ex as one of ours (weakly: its entry goes when it is freed, so an object allocated
 * later at the same address is never taken for it). */
static void cf_remember_cycle_exception(zend_object *ex)
{
	if (!CF_G(cycle_exceptions)) {
		ALLOC_HASHTABLE(CF_G(cycle_exceptions));
		zend_hash_init(CF_G(cycle_exceptions), 8, NULL, NULL, 0);
	}
	zval yes;
	ZVAL_TRUE(&yes);
	zend_weakrefs_hash_add(CF_G(cycle_exceptions), ex, &yes);
}

static bool cf_is_cycle_exception(zend_object *ex)
{
	return CF_G(cycle_exceptions) && zend_hash_index_exists(CF_G(cycle_exceptions), zend_object_to_weakref_key(ex));
}

void cf_errors_rshutdown(void)
{
	HashTable *ht = CF_G(cycle_exceptions);
	if (!ht) {
		return;
	}
	zend_ulong key;
	ZEND_HASH_FOREACH_NUM_KEY(ht, key)
	{
		/* unregisters the weak reference and deletes the entry (the loop skips deleted ones) */
		zend_weakrefs_hash_del(ht, zend_weakref_key_to_object(key));
	}
	ZEND_HASH_FOREACH_END();
	zend_hash_destroy(ht);
	FREE_HASHTABLE(ht);
	CF_G(cycle_exceptions) = NULL;
}

bool cf_exception_is_exit(void)
{
	return EG(exception) && (zend_is_unwind_exit(EG(exception)) || zend_is_graceful_exit(EG(exception)));
}

bool cf_exception_must_travel(void)
{
	zend_object *ex = EG(exception);
	if (!ex) {
		return false;
	}
	if (cf_exception_is_exit()) {
		return true;
	}
	/* a metadata cycle (ours, thrown by the innermost call): a configuration error, never a miss */
	return cf_is_cycle_exception(ex);
}

bool cf_clear_exception(void)
{
	if (!EG(exception)) {
		return true;
	}
	if (cf_exception_must_travel()) {
		return false;
	}
	zend_clear_exception();
	return true;
}

/* TYPO3's class when it can be loaded and is a Throwable, else the fallback. Never leaves an exception. */
static zend_class_entry *cf_pick_class(const char *typo3_name, size_t len, zend_class_entry *fallback)
{
	zend_string *name = zend_string_init(typo3_name, len, 0);
	zend_class_entry *ce = zend_lookup_class(name);
	zend_string_release(name);
	if (EG(exception)) {
		/* an autoloader threw while looking: not our error to report (an exit stays pending) */
		cf_clear_exception();
		ce = NULL;
	}
	if (ce && instanceof_function(ce, zend_ce_throwable) && !(ce->ce_flags & ZEND_ACC_EXPLICIT_ABSTRACT_CLASS)) {
		return ce;
	}
	return fallback;
}

static void cf_vthrow(zend_class_entry *ce_or_null, const char *typo3_name, size_t typo3_len,
	zend_class_entry *fallback, zend_long code, const char *fmt, va_list ap)
{
	zend_object *previous = NULL;
	if (cf_exception_must_travel()) {
		return;
	}
	if (EG(exception)) {
		previous = EG(exception);
		GC_ADDREF(previous);
		zend_clear_exception();
	}
	zend_class_entry *ce = ce_or_null ? ce_or_null : cf_pick_class(typo3_name, typo3_len, fallback);
	if (cf_exception_is_exit()) {
		/* the autoloader asked to leave: the exit travels on, the cause is dropped */
		if (previous) {
			OBJ_RELEASE(previous);
		}
		return;
	}
	char *msg = NULL;
	zend_vspprintf(&msg, 0, fmt, ap);
	zend_object *ex = zend_throw_exception(ce, msg, code);
	efree(msg);
	if (code == CF_E_METADATA_CACHE_SELF) {
		cf_remember_cycle_exception(ex);
	}
	if (previous) {
		/* takes over our reference */
		zend_exception_set_previous(ex, previous);
	}
}

#define CF_THROW_BODY(ce, name, fallback)                                                                              \
	va_list ap;                                                                                                        \
	va_start(ap, fmt);                                                                                                 \
	cf_vthrow((ce), (name), sizeof(name) - 1, (fallback), code, fmt, ap);                                              \
	va_end(ap)

void cf_throw_invalid_cache(zend_long code, const char *fmt, ...)
{
	CF_THROW_BODY(NULL, "TYPO3\\CMS\\Core\\Cache\\Exception\\InvalidCacheException", cf_invalid_cache_exception_ce);
}

void cf_throw_invalid_data(zend_long code, const char *fmt, ...)
{
	CF_THROW_BODY(NULL, "TYPO3\\CMS\\Core\\Cache\\Exception\\InvalidDataException", cf_invalid_data_exception_ce);
}

void cf_throw_cache(zend_long code, const char *fmt, ...)
{
	CF_THROW_BODY(NULL, "TYPO3\\CMS\\Core\\Cache\\Exception", cf_exception_ce);
}

void cf_throw_invalid_argument(zend_long code, const char *fmt, ...)
{
	CF_THROW_BODY(spl_ce_InvalidArgumentException, "", NULL);
}

void cf_throw_plain(zend_long code, const char *fmt, ...)
{
	CF_THROW_BODY(cf_exception_ce, "", NULL);
}

void cf_printable(const char *s, size_t len, char out[72])
{
	size_t n = len > 64 ? 64 : len;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		out[i] = (c < 0x20 || c >= 0x7f) ? '?' : (char)c;
	}
	if (len > 64) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
}
