/*
 * clusterfile: counters shared by the processes of one PHP master (the workers of a PHP-FPM pool).
 *
 * This module owns the shared segment: a fixed table of label sets ("slots"), each a cache
 * identifier and a namespace with one 64-bit cell per counter, and its rendering as Prometheus text.
 * It owns neither the names and meaning of the counters (the caller passes a descriptor table) nor
 * when the segment is made (the PHP glue makes it in MINIT, before PHP-FPM forks its workers, so
 * every worker, recycled ones too, inherits the same mapping). Zend-free; cmocka-tested.
 *
 * Concurrency: slots are claimed without a lock (a compare-and-swap on the slot's state word, open
 * addressing over the label hash); counters are updated with relaxed atomic adds. No lock is ever
 * taken, so a worker killed at any point leaves the table usable: a slot whose claim it interrupted
 * is declared dead by the next process that waits for it too long, and skipped from then on.
 */
#ifndef CF_METRICS_H
#define CF_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"

/* Longest cache identifier and namespace a slot keeps (each; longer ones are CF_METRICS_E_LABEL). */
#define CF_METRICS_LABEL_MAX 96
/* Most counters per slot, and most slots per segment. */
#define CF_METRICS_COUNTERS_MAX 64
#define CF_METRICS_SLOTS_MAX    65536

typedef enum cf_metrics_status {
	CF_METRICS_OK = 0,
	CF_METRICS_E_ARG,   /* zero or too many slots or counters, a NULL argument */
	CF_METRICS_E_NOMEM, /* mmap failed (errno kept) */
	CF_METRICS_E_LABEL, /* a label longer than CF_METRICS_LABEL_MAX */
	CF_METRICS_E_FULL,  /* every slot holds another label set */
} cf_metrics_status;

typedef struct cf_metrics cf_metrics;

/* A slot's counter cells; NULL means "not counted" (cf_metrics_add() accepts it). */
typedef uint64_t cf_metrics_cells;

/*
 * Maps a segment of `slots` label sets of `counters` cells each, plus the overflow slot, zeroed,
 * MAP_SHARED|MAP_ANONYMOUS: processes fork()ed after this call share it. *out is the handle (in
 * private memory of this process: a fork()ed child inherits a copy that points at the same segment).
 */
cf_metrics_status cf_metrics_create(uint32_t slots, uint32_t counters, cf_metrics **out);

/* Unmaps the segment from this process (other processes keep theirs). NULL is a no-op. */
void cf_metrics_destroy(cf_metrics *m);

/*
 * The cells of the label set (cache, ns), claiming a free slot for it the first time any process
 * asks. Never fails for a valid segment: when the label is too long (*st = CF_METRICS_E_LABEL) or
 * the table is full (*st = CF_METRICS_E_FULL) it answers the overflow slot's cells, which are
 * rendered as one series labelled overflow="true". st may be NULL. NULL m answers NULL.
 */
cf_metrics_cells *cf_metrics_slot(
	cf_metrics *m, const char *cache, size_t cache_len, const char *ns, size_t ns_len, cf_metrics_status *st);

/* Adds n to counter i of cells (relaxed atomic; NULL cells is a no-op). i < counters is the caller's. */
static inline void cf_metrics_add(cf_metrics_cells *cells, unsigned i, uint64_t n)
{
	if (cells) {
		__atomic_fetch_add(&cells[i], n, __ATOMIC_RELAXED);
	}
}

/* Sets counter i of cells to v (a gauge: the last writer wins). */
static inline void cf_metrics_set(cf_metrics_cells *cells, unsigned i, uint64_t v)
{
	if (cells) {
		__atomic_store_n(&cells[i], v, __ATOMIC_RELAXED);
	}
}

/* Reads counter i of cells (relaxed atomic). */
static inline uint64_t cf_metrics_get(const cf_metrics_cells *cells, unsigned i)
{
	return cells ? __atomic_load_n(&cells[i], __ATOMIC_RELAXED) : 0;
}

/* Label sets in use (claimed slots), the table's size, and the overflow slot's cells. */
uint32_t cf_metrics_used(const cf_metrics *m);
uint32_t cf_metrics_capacity(const cf_metrics *m);
cf_metrics_cells *cf_metrics_overflow(cf_metrics *m);

/*
 * Walks the claimed slots in table order: *pos starts at 0; each call answers true with the next
 * slot's labels (NUL-terminated, valid while the segment is mapped) and cells, false at the end.
 */
bool cf_metrics_next(cf_metrics *m, uint32_t *pos, const char **cache, const char **ns, cf_metrics_cells **cells);

typedef enum cf_metrics_type {
	CF_METRICS_COUNTER,
	CF_METRICS_GAUGE,
} cf_metrics_type;

/*
 * One rendered series per label set: cell `index` as family{cache="..",namespace="..",<extra_name>
 * ="<extra_value>"}. Descriptors of one family (same name) must be adjacent; the first one's help
 * and type are printed. extra_name NULL: no extra label.
 */
typedef struct cf_metrics_desc {
	unsigned index;
	const char *family;
	const char *extra_name;
	const char *extra_value;
	cf_metrics_type type;
	const char *help;
} cf_metrics_desc;

/*
 * Renders every claimed slot and the overflow slot (only when it counted something) as Prometheus
 * text exposition format 0.0.4 into a buffer from a: *out (NUL-terminated) and *out_len; the caller
 * frees *out with a. Label values are escaped (backslash, double quote, newline), help text too
 * (backslash, newline). Answers CF_METRICS_E_NOMEM when
 * a fails, CF_METRICS_E_ARG on a NULL argument or an index >= the segment's counters.
 */
cf_metrics_status cf_metrics_render(
	cf_metrics *m, const cf_metrics_desc *descs, size_t n_descs, const cf_allocator *a, char **out, size_t *out_len);

#ifdef CF_METRICS_TESTING
/* cmocka only: starts a claim of the label's first slot and never finishes it (a killed claimer). */
bool cf_metrics_test_abandon_claim(cf_metrics *m, const char *cache, size_t cache_len, const char *ns, size_t ns_len);
#endif

/* Escapes s for a label value into dst (room for 2 * len + 1), answers the length written. */
size_t cf_metrics_escape_label(const char *s, size_t len, char *dst);

#endif
