/*
 * clusterfile: the shared counters' PHP side (src/metrics.c is the Zend-free table).
 *
 * This module owns the process's one segment (made in MINIT from clusterfile.metrics and
 * clusterfile.metrics_slots, before PHP-FPM forks, so a pool's workers share it; unmapped in
 * MSHUTDOWN), the Prometheus names and help of the counters in src/counters.h,
 * ClusterFile\metrics() and the MINFO rows. It does not own what is counted or when (php_backend.c).
 */
#ifndef CF_PHP_METRICS_H
#define CF_PHP_METRICS_H

#include "metrics.h"

/* Makes the segment when clusterfile.metrics is on (a failure is a warning: metrics stay off). */
void cf_php_metrics_minit(void);
void cf_php_metrics_mshutdown(void);

/* The shared cells of (cache, "<environment>:<instance>"); NULL when metrics are off. */
cf_metrics_cells *cf_php_metrics_cells(const char *cache, size_t cache_len, const char *env, const char *instance);

/* The MINFO rows: segment size and use, then one row per non-zero series. */
void cf_php_metrics_minfo(void);

#endif
