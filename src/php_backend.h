/*
 * clusterfile: the ClusterFile\NativeBackend class.
 *
 * This module owns the backend object (options, local store, metadata store, request-scoped L1s,
 * counters) and every method of the TYPO3 backend contract: the decision ladders of get/has/
 * require, the write order of set (local file first, metadata second), invalidation, and the
 * failure policy (reads miss, writes throw). It calls into the core modules for everything that
 * is not policy. It is implemented in src/php_backend*.c, which share src/php_backend_int.h.
 */
#ifndef CF_PHP_BACKEND_H
#define CF_PHP_BACKEND_H

#include "php.h"
#include "alloc.h"

extern zend_class_entry *cf_backend_ce;

/* A cf_allocator over the request heap (emalloc), for the core modules' buffers. */
extern const cf_allocator cf_emalloc_allocator;

void cf_backend_minit(void);

/*
 * For ClusterFile\check() (src/php_check.c), on a constructed backend object:
 * cf_backend_bind_probe() binds it to the cache `cache` as setCache() would (not in PhpFrontend
 * mode) and keeps its counts out of the shared metrics (a readiness probe every few seconds must
 * not move a cache's hit ratio); FAILURE with an exception pending for an invalid cache name.
 * cf_backend_probe_metadata() resolves the metadata store and reads one key no entry has: FAILURE
 * with the store's (or the resolution's) exception pending.
 */
zend_result cf_backend_bind_probe(zend_object *obj, zend_string *cache);
zend_result cf_backend_probe_metadata(zend_object *obj, zend_string *entry, const char **local_kind);
/* *local_kind (above): the short class name when the metadata cache's backend is one of TYPO3's that
 * keep their data in one process or pod (TransientMemory, Null, SimpleFile, File, Apcu), else NULL. */
/* This object's count of counter (counters.h), for the check's own bookkeeping. */
zend_long cf_backend_probe_count(zend_object *obj, int counter);
/* Creates the backend's localPath as its first write would (store.h: cf_store_ensure_root); FAILURE
 * with errno set when it cannot. */
zend_result cf_backend_probe_local_path(zend_object *obj);

#endif
