/*
 * clusterfile: the local store's garbage collection, PHP side (see gc.h for the collector).
 *
 * This module owns what the PHP world sees of it: the limits taken from a backend's options, the
 * report as an array, the module function ClusterFile\gc() (for a sidecar or CronJob), and the
 * bookkeeping that lets collectGarbage() of many caches do each piece of work once per unit of work.
 */
#ifndef CF_PHP_GC_H
#define CF_PHP_GC_H

#include "php.h"
#include "gc.h"
#include "store.h"
#include "options.h"

/* The collector's limits from a backend's options (localMaxBytes, localMaxAgeSeconds). */
void cf_php_gc_limits(const cf_options *o, cf_gc_limits *lim);

/* The report as ClusterFile\gc() returns it. */
void cf_php_gc_report_to_array(const cf_gc_report *r, zval *rv);

/*
 * The work done in this unit of work (request, or until ClusterFile\reset()): metadata stores whose
 * GC ran (by object handle, holding one reference) and local stores collected (by localPath).
 * *_done() asks, *_mark() records (after the work succeeded), *_forget() lets it run again.
 */
bool cf_php_gc_meta_done(zend_object *store);
void cf_php_gc_meta_mark(zend_object *store);
void cf_php_gc_meta_forget(zend_object *store);
bool cf_php_gc_local_done(const char *path, size_t len, const cf_gc_limits *lim);
void cf_php_gc_local_mark(const char *path, size_t len, const cf_gc_limits *lim);
void cf_php_gc_local_forget(const char *path, size_t len);

/* RSHUTDOWN: releases the bookkeeping. */
/* cf_store_pin for this request: a pin a bailout left behind is released in RSHUTDOWN. -1: none. */
int cf_php_gc_pin(const cf_store *store, const char *hex64);
void cf_php_gc_unpin(int fd);

void cf_php_gc_rshutdown(void);

ZEND_FUNCTION(ClusterFile_gc);

#endif
