/*
 * clusterfile: the ClusterFile\NativeBackend class.
 *
 * This module owns the backend object (options, local store, metadata store, request-scoped L1s,
 * counters) and every method of the TYPO3 backend contract: the decision ladders of get/has/
 * require, the write order of set (local file first, metadata second), invalidation, and the
 * failure policy (reads miss, writes throw). It calls into the core modules for everything that
 * is not policy.
 */
#ifndef CF_PHP_BACKEND_H
#define CF_PHP_BACKEND_H

#include "php.h"
#include "alloc.h"

extern zend_class_entry *cf_backend_ce;

/* A cf_allocator over the request heap (emalloc), for the core modules' buffers. */
extern const cf_allocator cf_emalloc_allocator;

void cf_backend_minit(void);

#endif
