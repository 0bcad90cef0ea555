/*
 * clusterfile: counters shared by the processes of one PHP master (see metrics.h).
 */
#include "metrics.h"

#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

enum {
	CF_SLOT_EMPTY = 0,
	CF_SLOT_CLAIMING = 1, /* a process won the CAS and is writing the labels */
	CF_SLOT_READY = 2,
	CF_SLOT_DEAD = 3, /* a claim that did not finish in time (its process was killed, or stalled) */
};

/*
 * How often a lookup re-reads (yielding) a slot another process is claiming before it declares the
 * claim dead and looks further along. Writing the labels takes a few stores, so only a claimer
 * killed (or descheduled for that long) between its two state changes meets the limit; its slot is
 * then skipped by everyone at once instead of being waited for on every lookup. A stalled claimer
 * that wakes up finds its slot dead and claims another one: a label never gets two slots.
 */
#define CF_CLAIM_SPINS 1000

/* One slot's header; its cells follow, the slot padded to a cache line. */
typedef struct cf_metrics_slot_hdr {
	uint32_t state; /* CF_SLOT_*, atomic */
	uint32_t hash;
	char cache[CF_METRICS_LABEL_MAX + 1];
	char ns[CF_METRICS_LABEL_MAX + 1];
} cf_metrics_slot_hdr;

#define CF_HDR_SIZE ((sizeof(cf_metrics_slot_hdr) + 7) & ~(size_t)7)

struct cf_metrics {
	unsigned char *base; /* slot 0 is the overflow slot, 1..slots the table */
	size_t map_len;
	size_t stride;
	uint32_t slots;
	uint32_t counters;
};

static inline cf_metrics_slot_hdr *slot_at(const cf_metrics *m, uint32_t i)
{
	return (cf_metrics_slot_hdr *)(m->base + (size_t)i * m->stride);
}

static inline cf_metrics_cells *cells_of(cf_metrics_slot_hdr *h)
{
	return (cf_metrics_cells *)((unsigned char *)h + CF_HDR_SIZE);
}

cf_metrics_status cf_metrics_create(uint32_t slots, uint32_t counters, cf_metrics **out)
{
	static cf_metrics none;
	if (!out || slots == 0 || slots > CF_METRICS_SLOTS_MAX || counters == 0 || counters > CF_METRICS_COUNTERS_MAX) {
		return CF_METRICS_E_ARG;
	}
	*out = NULL;
	size_t stride = (CF_HDR_SIZE + (size_t)counters * sizeof(uint64_t) + 63) & ~(size_t)63;
	/* the handle sits in the segment's last page, so one mapping is all there is to undo */
	size_t len = stride * ((size_t)slots + 1) + sizeof(cf_metrics);
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		return CF_METRICS_E_NOMEM;
	}
	cf_metrics *m = (cf_metrics *)((unsigned char *)p + stride * ((size_t)slots + 1));
	*m = none;
	m->base = p;
	m->map_len = len;
	m->stride = stride;
	m->slots = slots;
	m->counters = counters;
	*out = m;
	return CF_METRICS_OK;
}

void cf_metrics_destroy(cf_metrics *m)
{
	if (m) {
		munmap(m->base, m->map_len);
	}
}

/* FNV-1a over cache, a NUL, ns. */
static uint32_t label_hash(const char *cache, size_t cache_len, const char *ns, size_t ns_len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < cache_len; i++) {
		h = (h ^ (unsigned char)cache[i]) * 16777619u;
	}
	h = (h ^ 0u) * 16777619u;
	for (size_t i = 0; i < ns_len; i++) {
		h = (h ^ (unsigned char)ns[i]) * 16777619u;
	}
	return h;
}

static bool label_is(
	const cf_metrics_slot_hdr *h, uint32_t hash, const char *cache, size_t cache_len, const char *ns, size_t ns_len)
{
	return h->hash == hash && strlen(h->cache) == cache_len && memcmp(h->cache, cache, cache_len) == 0 &&
		   strlen(h->ns) == ns_len && memcmp(h->ns, ns, ns_len) == 0;
}

cf_metrics_cells *cf_metrics_slot(
	cf_metrics *m, const char *cache, size_t cache_len, const char *ns, size_t ns_len, cf_metrics_status *st)
{
	cf_metrics_status dummy;
	if (!st) {
		st = &dummy;
	}
	if (!m) {
		*st = CF_METRICS_E_ARG;
		return NULL;
	}
	if (cache_len > CF_METRICS_LABEL_MAX || ns_len > CF_METRICS_LABEL_MAX || (!cache && cache_len) || (!ns && ns_len)) {
		*st = CF_METRICS_E_LABEL;
		return cells_of(slot_at(m, 0));
	}
	uint32_t hash = label_hash(cache, cache_len, ns, ns_len);
	for (uint32_t probe = 0; probe < m->slots; probe++) {
		cf_metrics_slot_hdr *h = slot_at(m, 1 + (uint32_t)((hash + (uint64_t)probe) % m->slots));
		uint32_t state = __atomic_load_n(&h->state, __ATOMIC_ACQUIRE);
		if (state == CF_SLOT_EMPTY) {
			uint32_t expected = CF_SLOT_EMPTY;
			if (__atomic_compare_exchange_n(
					&h->state, &expected, CF_SLOT_CLAIMING, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
				h->hash = hash;
				memcpy(h->cache, cache, cache_len);
				h->cache[cache_len] = '\0';
				memcpy(h->ns, ns, ns_len);
				h->ns[ns_len] = '\0';
				expected = CF_SLOT_CLAIMING;
				if (__atomic_compare_exchange_n(
						&h->state, &expected, CF_SLOT_READY, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
					*st = CF_METRICS_OK;
					return cells_of(h);
				}
				continue; /* declared dead while we wrote: the label goes further along */
			}
			state = expected;
		}
		/* another process is writing this slot's labels: wait for them (a few stores), bounded */
		for (int spin = 0; state == CF_SLOT_CLAIMING && spin < CF_CLAIM_SPINS; spin++) {
			sched_yield();
			state = __atomic_load_n(&h->state, __ATOMIC_ACQUIRE);
		}
		if (state == CF_SLOT_CLAIMING) {
			uint32_t expected = CF_SLOT_CLAIMING;
			if (!__atomic_compare_exchange_n(
					&h->state, &expected, CF_SLOT_DEAD, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
				state = expected; /* it finished just now */
			}
		}
		if (state == CF_SLOT_READY && label_is(h, hash, cache, cache_len, ns, ns_len)) {
			*st = CF_METRICS_OK;
			return cells_of(h);
		}
	}
	*st = CF_METRICS_E_FULL;
	return cells_of(slot_at(m, 0));
}

uint32_t cf_metrics_used(const cf_metrics *m)
{
	uint32_t n = 0;
	for (uint32_t i = 1; m && i <= m->slots; i++) {
		n += __atomic_load_n(&slot_at(m, i)->state, __ATOMIC_ACQUIRE) == CF_SLOT_READY;
	}
	return n;
}

uint32_t cf_metrics_capacity(const cf_metrics *m)
{
	return m ? m->slots : 0;
}

cf_metrics_cells *cf_metrics_overflow(cf_metrics *m)
{
	return m ? cells_of(slot_at(m, 0)) : NULL;
}

bool cf_metrics_next(cf_metrics *m, uint32_t *pos, const char **cache, const char **ns, cf_metrics_cells **cells)
{
	while (m && *pos < m->slots) {
		cf_metrics_slot_hdr *h = slot_at(m, 1 + (*pos)++);
		if (__atomic_load_n(&h->state, __ATOMIC_ACQUIRE) == CF_SLOT_READY) {
			*cache = h->cache;
			*ns = h->ns;
			*cells = cells_of(h);
			return true;
		}
	}
	return false;
}

size_t cf_metrics_escape_label(const char *s, size_t len, char *dst)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		switch (s[i]) {
		case '\\':
			dst[n++] = '\\';
			dst[n++] = '\\';
			break;
		case '"':
			dst[n++] = '\\';
			dst[n++] = '"';
			break;
		case '\n':
			dst[n++] = '\\';
			dst[n++] = 'n';
			break;
		default:
			dst[n++] = s[i];
		}
	}
	dst[n] = '\0';
	return n;
}

/* A growable text buffer over a cf_allocator. */
typedef struct cf_text {
	const cf_allocator *a;
	char *p;
	size_t len, cap;
	bool failed;
} cf_text;

static bool text_reserve(cf_text *t, size_t more)
{
	if (t->failed) {
		return false;
	}
	if (t->len + more + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 1024;
		while (t->len + more + 1 > cap) {
			cap *= 2;
		}
		char *p = cf_realloc(t->a, t->p, cap);
		if (!p) {
			t->failed = true;
			return false;
		}
		t->p = p;
		t->cap = cap;
	}
	return true;
}

static void text_put(cf_text *t, const char *s, size_t len)
{
	if (text_reserve(t, len)) {
		memcpy(t->p + t->len, s, len);
		t->len += len;
		t->p[t->len] = '\0';
	}
}

static void text_puts(cf_text *t, const char *s)
{
	text_put(t, s, strlen(s));
}

static void text_label(cf_text *t, const char *name, const char *value, bool first)
{
	size_t vlen = strlen(value);
	if (!text_reserve(t, strlen(name) + 2 * vlen + 4)) {
		return;
	}
	if (!first) {
		text_put(t, ",", 1);
	}
	text_puts(t, name);
	text_put(t, "=\"", 2);
	t->len += cf_metrics_escape_label(value, vlen, t->p + t->len);
	text_put(t, "\"", 1);
}

static void text_help(cf_text *t, const char *help)
{
	for (const char *c = help; *c; c++) {
		if (*c == '\\') {
			text_put(t, "\\\\", 2);
		} else if (*c == '\n') {
			text_put(t, "\\n", 2);
		} else {
			text_put(t, c, 1);
		}
	}
}

static void text_series(
	cf_text *t, const cf_metrics_desc *d, const char *cache, const char *ns, const cf_metrics_cells *cells)
{
	char num[24];
	text_puts(t, d->family);
	text_put(t, "{", 1);
	if (cache) {
		text_label(t, "cache", cache, true);
		text_label(t, "namespace", ns, false);
	} else {
		text_label(t, "overflow", "true", true);
	}
	if (d->extra_name) {
		text_label(t, d->extra_name, d->extra_value, false);
	}
	int n = snprintf(num, sizeof(num), "} %" PRIu64 "\n", cf_metrics_get(cells, d->index));
	text_put(t, num, (size_t)n);
}

cf_metrics_status cf_metrics_render(
	cf_metrics *m, const cf_metrics_desc *descs, size_t n_descs, const cf_allocator *a, char **out, size_t *out_len)
{
	if (!m || !a || !out || !out_len || (n_descs && !descs)) {
		return CF_METRICS_E_ARG;
	}
	for (size_t i = 0; i < n_descs; i++) {
		if (descs[i].index >= m->counters || !descs[i].family || !descs[i].help ||
			(descs[i].extra_name && !descs[i].extra_value)) {
			return CF_METRICS_E_ARG;
		}
	}
	cf_text t = {a, NULL, 0, 0, false};
	text_reserve(&t, 0);
	cf_metrics_cells *overflow = cf_metrics_overflow(m);
	bool overflowed = false;
	for (unsigned i = 0; i < m->counters; i++) {
		overflowed |= cf_metrics_get(overflow, i) != 0;
	}
	for (size_t i = 0; i < n_descs; i++) {
		const cf_metrics_desc *d = &descs[i];
		if (i == 0 || strcmp(descs[i - 1].family, d->family) != 0) {
			text_puts(&t, "# HELP ");
			text_puts(&t, d->family);
			text_put(&t, " ", 1);
			text_help(&t, d->help);
			text_puts(&t, "\n# TYPE ");
			text_puts(&t, d->family);
			text_puts(&t, d->type == CF_METRICS_GAUGE ? " gauge\n" : " counter\n");
		}
		uint32_t pos = 0;
		const char *cache, *ns;
		cf_metrics_cells *cells;
		while (cf_metrics_next(m, &pos, &cache, &ns, &cells)) {
			text_series(&t, d, cache, ns, cells);
		}
		if (overflowed) {
			text_series(&t, d, NULL, NULL, overflow);
		}
	}
	if (t.failed) {
		cf_free(a, t.p);
		return CF_METRICS_E_NOMEM;
	}
	*out = t.p;
	*out_len = t.len;
	return CF_METRICS_OK;
}

#ifdef CF_METRICS_TESTING
bool cf_metrics_test_abandon_claim(cf_metrics *m, const char *cache, size_t cache_len, const char *ns, size_t ns_len)
{
	uint32_t hash = label_hash(cache, cache_len, ns, ns_len);
	cf_metrics_slot_hdr *h = slot_at(m, 1 + (uint32_t)(hash % m->slots));
	uint32_t expected = CF_SLOT_EMPTY;
	return __atomic_compare_exchange_n(
		&h->state, &expected, CF_SLOT_CLAIMING, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}
#endif
