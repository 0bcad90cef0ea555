/*
 * clusterfile: the backend's counters, one X-macro table (name, getStatistics() key).
 *
 * This header owns the counter indexes only. Each ClusterFile\NativeBackend keeps one cell per
 * counter for getStatistics() (src/php_backend.c) and adds the same amounts to its label set's
 * shared cells (src/php_metrics.c, rendered by ClusterFile\metrics()). getStatistics() shows the
 * counters up to SHARED_PAYLOAD_HIT; the ones after it are shared-only: BROKEN_MARKED (records
 * this pod re-wrote as Broken), META_CALL and META_ERROR (metadata store calls and their failures),
 * REMOVE (remove() calls that removed an entry), and the gauges LOCAL_MAX_BYTES (the configured
 * localMaxBytes), STORE_BYTES and STORE_FILES (the local store after this pod's last collection).
 */
#ifndef CF_COUNTERS_H
#define CF_COUNTERS_H

#define CF_COUNTERS(X)                                                                                                 \
	X(HIT, "cache_hit_total")                                                                                          \
	X(LOCAL_HIT, "local_payload_hit_total")                                                                            \
	X(L1_HIT, "cache_l1_hit_total")                                                                                    \
	X(MISS_METADATA_ERROR, "metadata-error")                                                                           \
	X(MISS_NO_METADATA, "no-metadata")                                                                                 \
	X(MISS_BROKEN, "broken")                                                                                           \
	X(MISS_CORRUPT, "corrupt")                                                                                         \
	X(MISS_EXPIRED, "expired")                                                                                         \
	X(BLOB_MISS, "blob_miss_total")                                                                                    \
	X(DECODE_ERROR, "decode_error_total")                                                                              \
	X(WRITE, "cache_write_total")                                                                                      \
	X(REBUILD, "payload_rebuild_total")                                                                                \
	X(REPAIR, "repair_success_total")                                                                                  \
	X(WRITE_ERROR, "cache_write_error_total")                                                                          \
	X(FLUSH_FULL, "full")                                                                                              \
	X(FLUSH_TAG, "tag")                                                                                                \
	X(FLUSH_ERR_FLUSH, "flush")                                                                                        \
	X(FLUSH_ERR_TAG, "flushByTag")                                                                                     \
	X(FLUSH_ERR_TAGS, "flushByTags")                                                                                   \
	X(INVALIDATION_ERROR, "remove")                                                                                    \
	X(REQUIRE_HIT, "require_hit_total")                                                                                \
	X(REQUIRE_VERIFY, "require_verify_total")                                                                          \
	X(BYTES_READ, "payload_bytes_read_total")                                                                          \
	X(BYTES_WRITTEN, "payload_bytes_written_total")                                                                    \
	X(GC_RUN, "local_gc_run_total")                                                                                    \
	X(GC_STEP, "local_gc_step_total")                                                                                  \
	X(GC_REMOVED, "local_gc_removed_files_total")                                                                      \
	X(GC_REMOVED_BYTES, "local_gc_removed_bytes_total")                                                                \
	X(GC_ERROR, "local_gc_error_total")                                                                                \
	X(WRITE_REJECTED, "metadata_write_rejected_total")                                                                 \
	X(SHARED_PAYLOAD_HIT, "shared_payload_hit_total")                                                                  \
	X(BROKEN_MARKED, "broken_marked_total")                                                                            \
	X(META_CALL, "metadata_round_trip_total")                                                                          \
	X(META_ERROR, "metadata_error_total")                                                                              \
	X(REMOVE, "cache_remove_total")                                                                                    \
	X(LOCAL_MAX_BYTES, "local_max_bytes")                                                                              \
	X(STORE_BYTES, "local_store_bytes")                                                                                \
	X(STORE_FILES, "local_store_files")

typedef enum cf_counter {
#define CF_COUNTER_ENUM(name, label) CF_M_##name,
	CF_COUNTERS(CF_COUNTER_ENUM)
#undef CF_COUNTER_ENUM
		CF_M__COUNT
} cf_counter;

#define CF_M_STATS_LAST CF_M_SHARED_PAYLOAD_HIT

#endif
