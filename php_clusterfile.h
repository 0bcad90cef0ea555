/*
 * clusterfile: a cluster-aware cache backend for TYPO3 and hosts of the same cache API.
 *
 * The public module header: version, module entry, globals.
 */
#ifndef PHP_CLUSTERFILE_H
#define PHP_CLUSTERFILE_H

extern zend_module_entry clusterfile_module_entry;
#define phpext_clusterfile_ptr &clusterfile_module_entry

#define PHP_CLUSTERFILE_VERSION "0.1.0"

#include "src/codec.h"

ZEND_BEGIN_MODULE_GLOBALS(clusterfile)
/* Incremented in every RINIT; a backend whose L1s were filled under another value empties them
 * before use, so request-scoped state never crosses a request even when the object does. */
zend_ulong request_epoch;
/* The garbage collection done in this unit of work, valid while gc_done_epoch == request_epoch:
 * metadata stores (object handle -> the object, one reference) and local stores (localPath ->
 * true), so collectGarbage() of several caches sharing one metadata cache or one localPath does
 * that work once. NULL until the first collectGarbage(); freed in RSHUTDOWN (src/php_gc.c). */
HashTable *gc_done;
zend_ulong gc_done_epoch;
/* The metadata-cycle exceptions (InvalidCacheException 1747500051) clusterfile threw in this
 * request, by identity: a weak set (zend_weakrefs_hash_*: an entry goes when its exception is
 * freed). NULL until the first; emptied and freed in RSHUTDOWN. See cf_exception_must_travel(). */
HashTable *cycle_exceptions;
/* The native metadata store's connections of this thread: endpoint -> connection (persistent
 * memory, kept across requests; src/php_meta_redis.c). NULL until the first. */
HashTable *redis_conns;
/* The shard pins of includes in progress (fd -> ), released in RSHUTDOWN after a bailout (src/php_gc.c). */
HashTable *pins;
/* The PhpFrontend files this thread verified (path -> identity and checksum), kept across requests
 * (persistent memory; src/php_verified.c). NULL until the first. */
HashTable *verified_files;
/* This thread's reusable zstd contexts (created on first use, freed in GSHUTDOWN). */
cf_codec_state codec;
/* clusterfile.metrics and clusterfile.metrics_slots (PHP_INI_SYSTEM): read once, in MINIT, to make
 * the shared counter segment (src/php_metrics.c). */
bool metrics_enabled;
zend_long metrics_slots;
ZEND_END_MODULE_GLOBALS(clusterfile)

ZEND_EXTERN_MODULE_GLOBALS(clusterfile)
#define CF_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(clusterfile, v)

#if defined(ZTS) && defined(COMPILE_DL_CLUSTERFILE)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

#endif
