/*
 * clusterfile: the shared counters' PHP side (see php_metrics.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "php.h"
#include "ext/standard/info.h"

#include "php_clusterfile.h"
#include "alloc.h"
#include "counters.h"
#include "metrics.h"
#include "php_metrics.h"
#include "php_backend.h"

/*
 * The segment of this process, inherited by fork()ed workers. The one process-wide mutable
 * pointer of the extension: written in MINIT and MSHUTDOWN only (before and after any request),
 * read by every thread; the segment itself is only touched atomically.
 */
static cf_metrics *cf_metrics_segment;

#define CF_P "clusterfile_"

/* The labelled families: one row per label value, one help text per family. */
#define CF_MISS(index, reason)                                                                                         \
	{                                                                                                                  \
		index, CF_P "cache_miss_total", "reason", reason, CF_METRICS_COUNTER, "Misses by reason."                      \
	}
#define CF_FLUSH(index, kind)                                                                                          \
	{                                                                                                                  \
		index, CF_P "cache_flush_total", "kind", kind, CF_METRICS_COUNTER,                                             \
			"Invalidations carried out: full flushes and flushed tags."                                                \
	}
#define CF_FLUSH_ERROR(index, operation)                                                                               \
	{                                                                                                                  \
		index, CF_P "cache_flush_error_total", "operation", operation, CF_METRICS_COUNTER,                             \
			"Invalidations the metadata store did not carry out, by operation."                                        \
	}

/* Families must be adjacent (metrics.h); the order is the scrape's. */
static const cf_metrics_desc cf_metrics_descs[] = {
	{CF_M_HIT, CF_P "cache_hit_total", NULL, NULL, CF_METRICS_COUNTER,
		"get() hits read from the local store or a shared payload (L1 hits and require() hits are counted apart)."},
	{CF_M_L1_HIT, CF_P "cache_l1_hit_total", NULL, NULL, CF_METRICS_COUNTER,
		"Hits served from the request's payload L1 without touching the metadata store."},
	{CF_M_LOCAL_HIT, CF_P "local_payload_hit_total", NULL, NULL, CF_METRICS_COUNTER,
		"Hits whose payload was read from the pod-local store."},
	{CF_M_SHARED_PAYLOAD_HIT, CF_P "shared_payload_hit_total", NULL, NULL, CF_METRICS_COUNTER,
		"Hits whose payload came inline from the metadata store (sharedPayloadMaxBytes)."},
	{CF_M_REQUIRE_HIT, CF_P "require_hit_total", NULL, NULL, CF_METRICS_COUNTER,
		"PhpFrontend require() calls that included a file."},
	{CF_M_REQUIRE_VERIFY, CF_P "require_verify_total", NULL, NULL, CF_METRICS_COUNTER,
		"PhpFrontend files checksum-verified before their first include."},
	CF_MISS(CF_M_MISS_METADATA_ERROR, "metadata-error"),
	CF_MISS(CF_M_MISS_NO_METADATA, "no-metadata"),
	CF_MISS(CF_M_MISS_BROKEN, "broken"),
	CF_MISS(CF_M_MISS_CORRUPT, "corrupt"),
	CF_MISS(CF_M_MISS_EXPIRED, "expired"),
	{CF_M_BLOB_MISS, CF_P "blob_miss_total", NULL, NULL, CF_METRICS_COUNTER,
		"Valid metadata whose payload file this pod does not have."},
	{CF_M_DECODE_ERROR, CF_P "decode_error_total", NULL, NULL, CF_METRICS_COUNTER,
		"Payloads that failed to decompress or unserialize."},
	{CF_M_WRITE, CF_P "cache_write_total", NULL, NULL, CF_METRICS_COUNTER, "Entries set()."},
	{CF_M_REBUILD, CF_P "payload_rebuild_total", NULL, NULL, CF_METRICS_COUNTER,
		"set() calls that re-materialised a payload this pod had missed."},
	{CF_M_REPAIR, CF_P "repair_success_total", NULL, NULL, CF_METRICS_COUNTER,
		"Blob misses repaired by a set() of the same payload."},
	{CF_M_WRITE_ERROR, CF_P "cache_write_error_total", NULL, NULL, CF_METRICS_COUNTER,
		"set() calls that failed (local store or metadata store)."},
	{CF_M_WRITE_REJECTED, CF_P "metadata_write_rejected_total", NULL, NULL, CF_METRICS_COUNTER,
		"Writes the race guard refused (an invalidation came in between)."},
	{CF_M_BROKEN_MARKED, CF_P "broken_marked_total", NULL, NULL, CF_METRICS_COUNTER,
		"Records this pod re-wrote as Broken (the payload contradicted them)."},
	{CF_M_BYTES_READ, CF_P "payload_bytes_read_total", NULL, NULL, CF_METRICS_COUNTER,
		"Payload bytes read from the local store."},
	{CF_M_BYTES_WRITTEN, CF_P "payload_bytes_written_total", NULL, NULL, CF_METRICS_COUNTER,
		"Payload bytes written to the local store."},
	{CF_M_META_CALL, CF_P "metadata_round_trip_total", NULL, NULL, CF_METRICS_COUNTER,
		"Calls into the metadata store (get, set, remove, flush, find, collect)."},
	{CF_M_META_ERROR, CF_P "metadata_error_total", NULL, NULL, CF_METRICS_COUNTER,
		"Calls into the metadata store that failed."},
	{CF_M_REMOVE, CF_P "cache_remove_total", NULL, NULL, CF_METRICS_COUNTER,
		"Entries remove() found and removed (invalidations of one entry)."},
	CF_FLUSH(CF_M_FLUSH_FULL, "full"),
	CF_FLUSH(CF_M_FLUSH_TAG, "tag"),
	CF_FLUSH_ERROR(CF_M_FLUSH_ERR_FLUSH, "flush"),
	CF_FLUSH_ERROR(CF_M_FLUSH_ERR_TAG, "flushByTag"),
	CF_FLUSH_ERROR(CF_M_FLUSH_ERR_TAGS, "flushByTags"),
	CF_FLUSH_ERROR(CF_M_INVALIDATION_ERROR, "remove"),
	{CF_M_GC_RUN, CF_P "local_gc_run_total", NULL, NULL, CF_METRICS_COUNTER,
		"Full collections of the local store (collectGarbage())."},
	{CF_M_GC_STEP, CF_P "local_gc_step_total", NULL, NULL, CF_METRICS_COUNTER,
		"Incremental collection steps taken after writes."},
	{CF_M_GC_REMOVED, CF_P "local_gc_removed_files_total", NULL, NULL, CF_METRICS_COUNTER,
		"Files the collections removed (temp, expired, evicted)."},
	{CF_M_GC_REMOVED_BYTES, CF_P "local_gc_removed_bytes_total", NULL, NULL, CF_METRICS_COUNTER,
		"Disk usage the collections freed."},
	{CF_M_GC_ERROR, CF_P "local_gc_error_total", NULL, NULL, CF_METRICS_COUNTER,
		"stat/unlink failures and unusable store roots met by collections."},
	{CF_M_STORE_BYTES, CF_P "local_store_bytes", NULL, NULL, CF_METRICS_GAUGE,
		"Disk usage of the local store after the last collection or step of any worker."},
	{CF_M_STORE_FILES, CF_P "local_store_files", NULL, NULL, CF_METRICS_GAUGE,
		"Payload files in the local store after the last full collection of any worker."},
	{CF_M_LOCAL_MAX_BYTES, CF_P "local_max_bytes", NULL, NULL, CF_METRICS_GAUGE,
		"The configured disk budget of the local store (localMaxBytes; 0 = unlimited), as its last backend set it."},
};
#define CF_METRICS_N_DESCS (sizeof(cf_metrics_descs) / sizeof(cf_metrics_descs[0]))

void cf_php_metrics_minit(void)
{
	if (!CF_G(metrics_enabled)) {
		return;
	}
	cf_metrics_status st = cf_metrics_create((uint32_t)CF_G(metrics_slots), CF_M__COUNT, &cf_metrics_segment);
	if (st != CF_METRICS_OK) {
		cf_metrics_segment = NULL;
		php_error_docref(NULL, E_WARNING, "clusterfile: cannot map the metrics segment (%s); metrics are off",
			st == CF_METRICS_E_NOMEM ? strerror(errno) : "bad size");
	}
}

void cf_php_metrics_mshutdown(void)
{
	cf_metrics_destroy(cf_metrics_segment);
	cf_metrics_segment = NULL;
}

cf_metrics_cells *cf_php_metrics_cells(const char *cache, size_t cache_len, const char *env, const char *instance)
{
	if (!cf_metrics_segment) {
		return NULL;
	}
	char ns[2 * CF_METRICS_LABEL_MAX + 2];
	int n = snprintf(ns, sizeof(ns), "%s:%s", env ? env : "", instance ? instance : "");
	return cf_metrics_slot(cf_metrics_segment, cache, cache_len, ns, (size_t)n, NULL);
}

/* The Prometheus text of every label set of this master's workers (a comment when metrics are off). */
ZEND_FUNCTION(ClusterFile_metrics)
{
	ZEND_PARSE_PARAMETERS_NONE();
	if (!cf_metrics_segment) {
		RETURN_STRING("# clusterfile metrics are off (clusterfile.metrics=0 or no segment)\n");
	}
	char *out;
	size_t len;
	if (cf_metrics_render(cf_metrics_segment, cf_metrics_descs, CF_METRICS_N_DESCS, &cf_emalloc_allocator, &out,
			&len) != CF_METRICS_OK) {
		/* the descriptor table is static and emalloc bails out: unreachable */
		zend_throw_error(NULL, "ClusterFile\\metrics(): rendering failed");
		RETURN_THROWS();
	}
	RETVAL_STRINGL(out, len);
	efree(out);
}

/* One MINFO row per non-zero cell of cells, its key starting with label ("<cache> <namespace>"). */
static void cf_php_metrics_minfo_cells(const char *label, const cf_metrics_cells *cells)
{
	char key[512], val[32];
	for (size_t i = 0; i < CF_METRICS_N_DESCS; i++) {
		const cf_metrics_desc *d = &cf_metrics_descs[i];
		uint64_t v = cf_metrics_get(cells, d->index);
		if (v == 0) {
			continue;
		}
		snprintf(key, sizeof(key), "%s %s%s%s", label, d->family + sizeof(CF_P) - 1, d->extra_value ? " " : "",
			d->extra_value ? d->extra_value : "");
		snprintf(val, sizeof(val), "%" PRIu64, v);
		php_info_print_table_row(2, key, val);
	}
}

void cf_php_metrics_minfo(void)
{
	char label[2 * CF_METRICS_LABEL_MAX + 4], val[32];
	php_info_print_table_start();
	php_info_print_table_header(2, "Shared metrics (all workers of this master)", "");
	if (!cf_metrics_segment) {
		php_info_print_table_row(2, "State", "off");
		php_info_print_table_end();
		return;
	}
	snprintf(
		val, sizeof(val), "%u of %u", cf_metrics_used(cf_metrics_segment), cf_metrics_capacity(cf_metrics_segment));
	php_info_print_table_row(2, "Label sets in use", val);
	uint32_t pos = 0;
	const char *cache, *ns;
	cf_metrics_cells *cells;
	while (cf_metrics_next(cf_metrics_segment, &pos, &cache, &ns, &cells)) {
		snprintf(label, sizeof(label), "%s %s", cache, ns);
		cf_php_metrics_minfo_cells(label, cells);
	}
	cf_php_metrics_minfo_cells("(overflow)", cf_metrics_overflow(cf_metrics_segment));
	php_info_print_table_end();
}
