/*
 * libFuzzer harness: the metadataDsn parser (dsn.h). The input is the DSN itself, handed over as
 * an exact-size heap copy without a NUL, so ASan reports any read past its length.
 *
 * Properties (any violation aborts):
 *   - nothing from the allocator is left live, after a success (and cf_dsn_free, twice) or a
 *     failure; replaying the parse with an allocator that fails at allocation k gives
 *     CF_DSN_E_NOMEM for every k below the number of allocations the parse makes, and the
 *     original result from there on;
 *   - on failure: no string is left in the struct; err is "metadataDsn: " plus printable ASCII;
 *   - on success: every field is within its documented domain (hosts per kind, characters,
 *     ports, db, prefix, master name, socket path, timeouts);
 *   - the redacted form is the input with exactly one span replaced by "***", and on success
 *     that span sits between ':' and '@' and percent-decodes to the password (no password: the
 *     redacted form is the input); a truncated redaction is a prefix of the full one;
 *   - the canonical form is not longer than the input, parses to the same struct and is its own
 *     canonical form; each endpoint string is non-empty, truncates as a prefix, and the one past
 *     the last host is empty;
 *   - the message does not depend on the password: with a well-formed password span replaced by
 *     other characters of the same length the parse gives the same status and the same err (and
 *     on success the same struct apart from the password).
 */
#include "dsn.h"
#include "fuzz_common.h"

#define ERR_SIZE 256

/* ---- an allocator failing at allocation number fail_at (-1: never), counting calls ---- */

static long fail_at = -1, n_allocs;
static void *failing_alloc(size_t n, void *ctx)
{
	if (fail_at >= 0 && n_allocs == fail_at) {
		n_allocs++;
		return NULL;
	}
	n_allocs++;
	return fuzz_alloc_fn(n, ctx);
}
static void *failing_realloc(void *p, size_t n, void *ctx)
{
	return fuzz_realloc_fn(p, n, ctx);
}
static const cf_allocator failing = {failing_alloc, failing_realloc, fuzz_free_fn, NULL};

static bool in_set(unsigned char c, const char *set)
{
	return c && strchr(set, c) != NULL;
}
#define LOWER_DIGITS "abcdefghijklmnopqrstuvwxyz0123456789"
#define WORD         "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"
#define UI_RAW       "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;="

static bool all_in(const char *s, const char *set, size_t min, size_t max)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		if (!in_set((unsigned char)s[i], set)) {
			return false;
		}
	}
	return n >= min && n <= max;
}

static int hexv(unsigned char c)
{
	return c >= '0' && c <= '9' ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1;
}

/* A password span the parser accepts: raw characters, ':' and %XX other than %00. */
static bool span_well_formed(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%') {
			if (n - i < 3 || hexv((unsigned char)s[i + 1]) < 0 || hexv((unsigned char)s[i + 2]) < 0 ||
				(s[i + 1] == '0' && s[i + 2] == '0')) {
				return false;
			}
			i += 2;
		} else if (!in_set((unsigned char)s[i], UI_RAW ":")) {
			return false;
		}
	}
	return n > 0;
}

/* Percent-decoding of s[0..n) equals pw. */
static bool decodes_to(const char *s, size_t n, const char *pw)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++, o++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%' && n - i >= 3) {
			c = (unsigned char)(hexv((unsigned char)s[i + 1]) << 4 | hexv((unsigned char)s[i + 2]));
			i += 2;
		}
		if (pw[o] == '\0' || (unsigned char)pw[o] != c) {
			return false;
		}
	}
	return pw[o] == '\0';
}

/* Where red == s[0..i) + "***" + s[i+m..), m = len + 3 - rlen. */
typedef struct spans {
	int count;          /* how many offsets i fit that shape */
	size_t first, m;    /* the first such i */
	bool password_span; /* one of them lies between ':' and '@' and percent-decodes to pw */
} spans;

static spans find_spans(const char *s, size_t len, const char *red, size_t rlen, const char *pw)
{
	spans r = {0, 0, 0, false};
	size_t cp = 0;
	if (rlen < 3 || rlen - 3 > len) {
		return r;
	}
	r.m = len - (rlen - 3);
	while (cp < rlen && cp < len && red[cp] == s[cp]) {
		cp++;
	}
	for (size_t i = 0; i <= cp && i + 3 <= rlen; i++) { /* red[0..i) == s[0..i) for every i <= cp */
		if (memcmp(red + i, "***", 3) != 0 || memcmp(red + i + 3, s + i + r.m, rlen - i - 3) != 0) {
			continue;
		}
		if (r.count++ == 0) {
			r.first = i;
		}
		if (pw && i > 0 && s[i - 1] == ':' && i + r.m < len && s[i + r.m] == '@' && decodes_to(s + i, r.m, pw)) {
			r.password_span = true;
		}
	}
	return r;
}

/* No '/' or '?' before k except those of a leading "scheme://": the userinfo ends at the '@'. */
static bool plain_userinfo(const char *s, size_t k)
{
	size_t from = 0;
	for (size_t i = 0; i + 3 <= k; i++) {
		if (memcmp(s + i, "://", 3) == 0) {
			from = i + 3;
			break;
		}
		if (s[i] == '/' || s[i] == '?') {
			return false;
		}
	}
	for (size_t i = from; i < k; i++) {
		if (s[i] == '/' || s[i] == '?') {
			return false;
		}
	}
	return true;
}

static void check_valid(const cf_dsn *d)
{
	size_t min = d->kind == CF_DSN_UNIX ? 0 : 1, max = d->kind == CF_DSN_TCP ? 1 : d->kind == CF_DSN_UNIX ? 0 : 16;
	FUZZ_CHECK(
		d->kind == CF_DSN_TCP || d->kind == CF_DSN_UNIX || d->kind == CF_DSN_SENTINEL || d->kind == CF_DSN_CLUSTER);
	FUZZ_CHECK(d->nhosts >= min && d->nhosts <= max);
	for (size_t i = 0; i < CF_DSN_MAX_HOSTS; i++) {
		const cf_dsn_host *h = &d->hosts[i];
		if (i >= d->nhosts) {
			FUZZ_CHECK(h->host == NULL);
			continue;
		}
		FUZZ_CHECK(h->host != NULL);
		FUZZ_CHECK(strchr(h->host, ':') ? all_in(h->host, "0123456789abcdef:.", 2, 45)
										: all_in(h->host, LOWER_DIGITS ".-", 1, 253));
		FUZZ_CHECK(h->port >= 1 && h->port <= 65535);
	}
	FUZZ_CHECK((d->kind == CF_DSN_UNIX) == (d->socket_path != NULL));
	if (d->socket_path) {
		FUZZ_CHECK(d->socket_path[0] == '/' && strlen(d->socket_path) <= CF_DSN_MAX_SOCKET_PATH);
	}
	FUZZ_CHECK((d->kind == CF_DSN_SENTINEL) == (d->master_name != NULL));
	FUZZ_CHECK(!d->master_name || all_in(d->master_name, WORD, 1, 64));
	FUZZ_CHECK(!d->user || d->user[0] != '\0');
	FUZZ_CHECK(!d->password || d->password[0] != '\0');
	FUZZ_CHECK(!d->user || d->password);
	FUZZ_CHECK(d->db >= 0 && d->db <= CF_DSN_MAX_DB);
	FUZZ_CHECK(d->kind != CF_DSN_CLUSTER || d->db == 0);
	FUZZ_CHECK(d->prefix && all_in(d->prefix, WORD, 1, 64));
	FUZZ_CHECK(d->timeout_ms >= 1 && d->timeout_ms <= CF_DSN_MAX_TIMEOUT_MS);
	FUZZ_CHECK(d->read_timeout_ms >= 1 && d->read_timeout_ms <= CF_DSN_MAX_TIMEOUT_MS);
}

static void check_empty(const cf_dsn *d)
{
	FUZZ_CHECK(d->nhosts == 0 && !d->socket_path && !d->user && !d->password && !d->master_name && !d->prefix);
	for (size_t i = 0; i < CF_DSN_MAX_HOSTS; i++) {
		FUZZ_CHECK(d->hosts[i].host == NULL);
	}
}

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void check_same(const cf_dsn *a, const cf_dsn *b, bool password_too)
{
	FUZZ_CHECK(a->kind == b->kind && a->valkey == b->valkey && a->nhosts == b->nhosts);
	for (size_t i = 0; i < a->nhosts; i++) {
		FUZZ_CHECK(str_eq(a->hosts[i].host, b->hosts[i].host) && a->hosts[i].port == b->hosts[i].port);
	}
	FUZZ_CHECK(str_eq(a->socket_path, b->socket_path) && str_eq(a->user, b->user) &&
			   str_eq(a->master_name, b->master_name) && str_eq(a->prefix, b->prefix));
	FUZZ_CHECK(!password_too || str_eq(a->password, b->password));
	FUZZ_CHECK(a->db == b->db && a->timeout_ms == b->timeout_ms && a->read_timeout_ms == b->read_timeout_ms &&
			   a->persistent == b->persistent);
}

static void check_err(const char *err)
{
	size_t n = strlen(err);
	FUZZ_CHECK(n < ERR_SIZE && strncmp(err, "metadataDsn: ", 13) == 0 && n > 13);
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(err[i] >= 0x20 && err[i] <= 0x7e);
	}
}

static cf_dsn_status parse_counted(const char *s, size_t len, long fail, cf_dsn *d, char *err, long *allocs)
{
	fail_at = fail;
	n_allocs = 0;
	cf_dsn_status st = cf_dsn_parse(s, len, &failing, d, err, ERR_SIZE);
	if (allocs) {
		*allocs = n_allocs;
	}
	fail_at = -1;
	return st;
}

static void check_derived(const char *s, size_t len, const cf_dsn *d)
{
	static char buf[CF_DSN_MAX_LEN + 1], again[CF_DSN_MAX_LEN + 1], ep[2 * CF_DSN_MAX_LEN], small[8];
	char err[ERR_SIZE];
	cf_dsn d2;

	size_t n = cf_dsn_canonical(d, buf, sizeof(buf));
	FUZZ_CHECK(n <= len && strlen(buf) == n);
	FUZZ_CHECK(cf_dsn_parse(buf, n, &fuzz_allocator, &d2, err, sizeof(err)) == CF_DSN_OK);
	check_same(d, &d2, true);
	FUZZ_CHECK(cf_dsn_canonical(&d2, again, sizeof(again)) == n && strcmp(buf, again) == 0);
	cf_dsn_free(&d2, &fuzz_allocator);

	size_t count = d->kind == CF_DSN_UNIX ? 1 : d->nhosts;
	for (size_t i = 0; i < count; i++) {
		size_t e = cf_dsn_endpoint(d, i, ep, sizeof(ep));
		FUZZ_CHECK(e > 0 && e == strlen(ep));
		FUZZ_CHECK(cf_dsn_endpoint(d, i, small, sizeof(small)) == e && strncmp(small, ep, sizeof(small) - 1) == 0);
	}
	FUZZ_CHECK(cf_dsn_endpoint(d, count, ep, sizeof(ep)) == 0 && ep[0] == '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char red[CF_DSN_MAX_LEN * 2 + 8], red2[CF_DSN_MAX_LEN * 2 + 8];
	char err[ERR_SIZE], err2[ERR_SIZE], small[8];
	char *s = fuzz_dup(data, size, false);
	cf_dsn d, d2;
	long allocs;

	cf_dsn_status st = parse_counted(s, size, -1, &d, err, &allocs);
	FUZZ_CHECK(st == CF_DSN_OK || st == CF_DSN_E_SYNTAX || st == CF_DSN_E_RANGE);
	FUZZ_CHECK(allocs >= 0 && allocs <= 24);
	if (st == CF_DSN_OK) {
		FUZZ_CHECK(err[0] == '\0');
		check_valid(&d);
		check_derived(s, size, &d);
	} else {
		check_err(err);
		check_empty(&d);
		FUZZ_CHECK(fuzz_live_allocs == 0);
	}

	/* redaction: one span replaced; on success exactly the password's */
	size_t rlen = cf_dsn_redact(s, size, red, sizeof(red));
	FUZZ_CHECK(rlen < sizeof(red) && red[rlen] == '\0'); /* NUL bytes of the input are copied */
	FUZZ_CHECK(cf_dsn_redact(s, size, small, sizeof(small)) == rlen && memcmp(small, red, strlen(small)) == 0);
	bool changed = rlen != size || memcmp(red, s, size) != 0;
	spans sp = find_spans(s, size, red, rlen, st == CF_DSN_OK ? d.password : NULL);
	FUZZ_CHECK(!changed || sp.count >= 1);
	if (st == CF_DSN_OK) {
		FUZZ_CHECK(d.password ? sp.password_span : !changed);
	}

	/* the message (and the rest of the struct) does not depend on the password */
	size_t k = sp.first, m = sp.m;
	if (changed && sp.count == 1 && k > 0 && s[k - 1] == ':' && span_well_formed(s + k, m) && plain_userinfo(s, k)) {
		char *s2 = fuzz_dup((const uint8_t *)s, size, false);
		for (size_t i = 0; i < m; i++) {
			s2[k + i] = "Zz9"[i % 3];
		}
		cf_dsn_status st2 = parse_counted(s2, size, -1, &d2, err2, NULL);
		FUZZ_CHECK(st2 == st && strcmp(err, err2) == 0);
		FUZZ_CHECK(cf_dsn_redact(s2, size, red2, sizeof(red2)) == rlen && strcmp(red, red2) == 0);
		if (st == CF_DSN_OK) {
			check_same(&d, &d2, false);
			cf_dsn_free(&d2, &failing);
		}
		free(s2);
	}
	if (st == CF_DSN_OK) {
		cf_dsn_free(&d, &failing);
		check_empty(&d);
		cf_dsn_free(&d, &failing); /* idempotent */
	}
	FUZZ_CHECK(fuzz_live_allocs == 0);

	/* allocation failures: NOMEM at every allocation point, the same result past the last */
	for (long f = 0; f <= allocs; f++) {
		cf_dsn_status fst = parse_counted(s, size, f, &d2, err2, NULL);
		FUZZ_CHECK(f < allocs ? fst == CF_DSN_E_NOMEM : fst == st);
		if (fst != CF_DSN_OK) {
			check_empty(&d2);
			check_err(err2);
		}
		cf_dsn_free(&d2, &failing);
		FUZZ_CHECK(fuzz_live_allocs == 0);
	}
	if (fuzz_debug()) {
		fprintf(stderr, "dsn: status %d, %ld allocation(s), err \"%s\", redacted \"%s\"\n", st, allocs, err, red);
	}
	free(s);
	return 0;
}
