/*
 * clusterfile: the metadataDsn option (see dsn.h).
 *
 * One left-to-right pass over the input with a cursor. Every message is a fixed text (its only
 * arguments are names and numbers of this file), so no byte of the input, and of the password in
 * particular, can reach err. The parser and cf_dsn_redact locate the userinfo with the same
 * function, so the redacted span is exactly the password the parser decoded.
 */
#include "dsn.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Character classes; the argument is an unsigned char without side effects. */
#define IS_DIGIT(c)   ((c) >= '0' && (c) <= '9')
#define IS_ALNUM(c)   (IS_DIGIT(c) || ((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define IS_HOST(c)    (IS_ALNUM(c) || (c) == '.' || (c) == '-')
#define IS_WORD(c)    (IS_HOST(c) || (c) == '_') /* prefix, master name: [A-Za-z0-9_.-] */
#define IS_SCHEME(c)  (IS_HOST(c) || (c) == '+')
#define IS_UI_RAW(c)  (IS_ALNUM(c) || ((c) && strchr("-._~!$&'()*+,;=", (c)))) /* unreserved, sub-delims */
#define TO_LOWER(c)   ((c) >= 'A' && (c) <= 'Z' ? (c) - 'A' + 'a' : (c))
#define AT(p, i)      ((unsigned char)(p)->s[i])
#define STOPS_HOST(c) ((c) == ',' || (c) == '/' || (c) == '?')
#define DEFAULT_PORT  6379
#define SENTINEL_PORT 26379

static int hex_val(unsigned char c)
{
	return IS_DIGIT(c) ? c - '0' : ((c | 32) >= 'a' && (c | 32) <= 'f') ? (c | 32) - 'a' + 10 : -1;
}

/* [A-Za-z0-9_.-]* */
static bool all_word(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!IS_WORD((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}

static bool word_is(const char *s, size_t n, const char *w) /* w lower-case; s compared case-insensitively */
{
	size_t i = 0;
	while (i < n && w[i] && TO_LOWER((unsigned char)s[i]) == (unsigned char)w[i]) {
		i++;
	}
	return i == n && w[i] == '\0';
}

/* ---- output with snprintf semantics ---- */

typedef struct sbuf {
	char *out;
	size_t size; /* capacity incl. the NUL */
	size_t len;  /* full length so far, may exceed size */
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
	if (n > 0 && b->size > 0 && b->len < b->size - 1) {
		size_t room = b->size - 1 - b->len;
		memcpy(b->out + b->len, s, n < room ? n : room);
	}
	b->len += n;
}
/* The NUL-terminated strings up to a NULL (see SB). */
static void sb_strs(sbuf *b, ...)
{
	va_list ap;
	va_start(ap, b);
	for (const char *s; (s = va_arg(ap, const char *)) != NULL;) {
		sb_put(b, s, strlen(s));
	}
	va_end(ap);
}
#define SB(b, ...) sb_strs((b), __VA_ARGS__, (const char *)NULL)
/* before, then v in decimal */
static void sb_long(sbuf *b, const char *before, long v)
{
	char num[24];
	SB(b, before);
	sb_put(b, num, (size_t)snprintf(num, sizeof(num), "%ld", v));
}
static size_t sb_finish(sbuf *b)
{
	if (b->size > 0) {
		b->out[b->len < b->size ? b->len : b->size - 1] = '\0';
	}
	return b->len;
}
/* Percent-encodes s; ':' stays raw only when colon_raw (a password may hold it, a user not). */
static void sb_encoded(sbuf *b, const char *s, bool colon_raw)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
		bool raw = IS_UI_RAW(*p) || (colon_raw && *p == ':');
		sb_put(b, raw ? (const char *)p : e, raw ? 1 : 3);
	}
}

/* ---- scheme and userinfo location (shared by the parser and redact) ---- */

/* Offset just after "scheme://" when s starts with a scheme token [A-Za-z][A-Za-z0-9+.-]*, else 0. */
static size_t after_scheme(const char *s, size_t len, size_t *scheme_len)
{
	size_t i = 0;
	while (i < len && IS_SCHEME((unsigned char)s[i])) {
		i++;
	}
	*scheme_len = i;
	if (i == 0 || IS_DIGIT((unsigned char)s[0]) || s[0] == '+' || s[0] == '-' || s[0] == '.' || len - i < 3 ||
		memcmp(s + i, "://", 3) != 0) {
		*scheme_len = 0;
		return 0;
	}
	return i + 3;
}

/*
 * The position of the last '@' after start and before the first '/' or '?' (anywhere when
 * anywhere is set): the userinfo is s[start..*at). A rest starting with '/' (unix://<path>) has
 * none. Returns false without one.
 */
static bool find_at(const char *s, size_t len, size_t start, bool anywhere, size_t *at)
{
	bool found = false;
	for (size_t i = start; i < len && s[start] != '/' && (anywhere || (s[i] != '/' && s[i] != '?')); i++) {
		if (s[i] == '@') {
			*at = i;
			found = true;
		}
	}
	return found;
}

size_t cf_dsn_redact(const char *s, size_t len, char *out, size_t outsize)
{
	sbuf b = {out, outsize, 0};
	size_t sl, at = 0;
	if (!s) {
		len = 0;
	}
	size_t start = after_scheme(s, len, &sl);
	/* The second look covers a raw '/' or '?' inside a password (which does not parse): a valid
	 * DSN without userinfo has no '@' after start at all, so it never changes one. */
	if (!find_at(s, len, start, false, &at) && !find_at(s, len, start, true, &at)) {
		sb_put(&b, s, len);
		return sb_finish(&b);
	}
	const char *colon = memchr(s + start, ':', at - start);
	size_t from = colon ? (size_t)(colon - s) + 1 : start; /* no ':': all of the userinfo */
	sb_put(&b, s, from);
	SB(&b, "***");
	sb_put(&b, s + at, len - at);
	return sb_finish(&b);
}

/* ---- parser ---- */

typedef struct parser {
	const char *s;
	size_t len, pos;
	const cf_allocator *a;
	cf_dsn *d;
	char *err;
	size_t errsize;
} parser;

/* fmt and its arguments are texts and numbers of this file, never input bytes. */
static cf_dsn_status fail(parser *p, cf_dsn_status st, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
static cf_dsn_status fail(parser *p, cf_dsn_status st, const char *fmt, ...)
{
	if (p->err && p->errsize > 0) {
		int n = snprintf(p->err, p->errsize, "metadataDsn: ");
		if (n > 0 && (size_t)n < p->errsize) {
			va_list ap;
			va_start(ap, fmt);
			vsnprintf(p->err + n, p->errsize - (size_t)n, fmt, ap);
			va_end(ap);
		}
	}
	return st;
}

#define TRY(expr)                                                                                                      \
	do {                                                                                                               \
		cf_dsn_status st_ = (expr);                                                                                    \
		if (st_ != CF_DSN_OK) {                                                                                        \
			return st_;                                                                                                \
		}                                                                                                              \
	} while (0)

static cf_dsn_status dup_range(parser *p, const char *s, size_t n, bool lowercase, char **dst)
{
	char *c = cf_alloc(p->a, n + 1);
	if (!c) {
		return fail(p, CF_DSN_E_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		c[i] = lowercase ? (char)TO_LOWER((unsigned char)s[i]) : s[i];
	}
	c[n] = '\0';
	*dst = c;
	return CF_DSN_OK;
}

/* Digits only, min..max ("what" names it in the messages); many digits are a range error. */
static cf_dsn_status parse_number(parser *p, const char *s, size_t n, long min, long max, const char *what, long *v)
{
	long acc = 0;
	if (n == 0) {
		return fail(p, CF_DSN_E_SYNTAX, "empty %s", what);
	}
	for (size_t i = 0; i < n; i++) {
		if (!IS_DIGIT((unsigned char)s[i])) {
			return fail(p, CF_DSN_E_SYNTAX, "%s must be a number", what);
		}
		acc = acc > max ? acc : acc * 10 + (s[i] - '0');
	}
	if (acc < min || acc > max) {
		return fail(p, CF_DSN_E_RANGE, "%s must be %ld..%ld", what, min, max);
	}
	*v = acc;
	return CF_DSN_OK;
}

/* Validates s[0..n) as a user or password, then stores its percent-decoding (empty: NULL). */
static cf_dsn_status decode_part(parser *p, const char *s, size_t n, bool is_password, char **dst)
{
	size_t out_len = 0, o = 0;
	for (size_t i = 0; i < n; i++, out_len++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			if (n - i < 3 || hex_val((unsigned char)s[i + 1]) < 0 || hex_val((unsigned char)s[i + 2]) < 0) {
				return fail(p, CF_DSN_E_SYNTAX, "bad percent-encoding in the user info");
			}
			if (s[i + 1] == '0' && s[i + 2] == '0') {
				return fail(p, CF_DSN_E_SYNTAX, "the user info holds an encoded NUL byte (%%00)");
			}
			i += 2;
		} else if (!IS_UI_RAW(c) && !(is_password && c == ':')) {
			return fail(p, CF_DSN_E_SYNTAX, "a character of the user info must be percent-encoded");
		}
	}
	*dst = NULL;
	if (out_len == 0) {
		return CF_DSN_OK;
	}
	char *c = cf_alloc(p->a, out_len + 1);
	if (!c) {
		return fail(p, CF_DSN_E_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		bool esc = s[i] == '%';
		c[o++] = esc ? (char)(hex_val((unsigned char)s[i + 1]) << 4 | hex_val((unsigned char)s[i + 2])) : s[i];
		i += esc ? 2 : 0;
	}
	c[o] = '\0';
	*dst = c;
	return CF_DSN_OK;
}

static cf_dsn_status parse_userinfo(parser *p)
{
	size_t at;
	if (!find_at(p->s, p->len, p->pos, false, &at)) {
		return CF_DSN_OK;
	}
	const char *u = p->s + p->pos;
	size_t n = at - p->pos;
	const char *colon = memchr(u, ':', n);
	if (n == 0) {
		return fail(p, CF_DSN_E_SYNTAX, "empty user info before '@'");
	}
	if (!colon) {
		return fail(p, CF_DSN_E_SYNTAX, "a user needs a password (user:password@, or :password@ alone)");
	}
	size_t ulen = (size_t)(colon - u);
	if (ulen + 1 == n) {
		return fail(p, CF_DSN_E_SYNTAX, "empty password after ':'");
	}
	TRY(decode_part(p, u, ulen, false, &p->d->user));
	TRY(decode_part(p, colon + 1, n - ulen - 1, true, &p->d->password));
	p->pos = at + 1;
	return CF_DSN_OK;
}

/* ---- hosts ---- */

static bool ipv4_ok(const char *s, size_t n)
{
	size_t i = 0;
	for (int part = 0; part < 4; part++) {
		size_t j = i;
		int v = 0;
		while (j < n && IS_DIGIT((unsigned char)s[j]) && j - i < 3) {
			v = v * 10 + (s[j++] - '0');
		}
		if (j == i || v > 255 || (part < 3 && (j >= n || s[j] != '.'))) {
			return false;
		}
		i = part < 3 ? j + 1 : j;
	}
	return i == n;
}

/* RFC 4291 text form: 8 groups of 1..4 hex digits, at most one "::", optionally an IPv4 tail. */
static bool ipv6_ok(const char *s, size_t n)
{
	size_t i = 0, j;
	int groups = 0;
	bool dbl = n >= 2 && s[0] == ':' && s[1] == ':';
	if (n < 2 || n > 45 || (s[0] == ':' && !dbl)) {
		return false;
	}
	for (i = dbl ? 2 : 0; i < n; groups++) {
		for (j = i; j < n && j - i < 5 && hex_val((unsigned char)s[j]) >= 0; j++) {
		}
		if (j < n && s[j] == '.') {
			if (!ipv4_ok(s + i, n - i)) {
				return false;
			}
			groups += 2; /* an IPv4 tail is two groups */
			break;
		}
		if (j == i || j - i > 4 || (j < n && (s[j] != ':' || j + 1 == n))) {
			return false; /* empty or long group, not a separator, or a single trailing ':' */
		}
		i = j < n ? j + 1 : j;
		if (i < n && s[i] == ':') {
			if (dbl) {
				return false;
			}
			dbl = true;
			i++;
		}
	}
	return dbl ? groups <= 7 : groups == 8;
}

/* One host[:port], ending at ',', '/', '?' or the end. */
static cf_dsn_status parse_host(parser *p, int default_port)
{
	size_t start = p->pos, end = start, next;
	bool v6 = start < p->len && p->s[start] == '[';
	long port = default_port;
	if (p->d->nhosts == CF_DSN_MAX_HOSTS) {
		return fail(p, CF_DSN_E_RANGE, "at most %d hosts", CF_DSN_MAX_HOSTS);
	}
	if (v6) {
		const char *close = memchr(p->s + start, ']', p->len - start);
		if (!close || !ipv6_ok(p->s + start + 1, (size_t)(close - p->s) - start - 1)) {
			return fail(p, CF_DSN_E_SYNTAX, "bad IPv6 address in brackets");
		}
		end = (size_t)(close - p->s) + 1;
	}
	while (!v6 && end < p->len && IS_HOST(AT(p, end))) {
		end++;
	}
	if (end == start && (end == p->len || STOPS_HOST(AT(p, end)) || AT(p, end) == ':')) {
		return fail(p, CF_DSN_E_SYNTAX, "empty host%s",
			end < p->len && AT(p, end) == ':' ? " (an IPv6 address goes in [brackets])" : "");
	}
	if (!v6 && end - start > 253) {
		return fail(p, CF_DSN_E_RANGE, "a host name is at most 253 characters");
	}
	for (next = end; next < p->len && !STOPS_HOST(AT(p, next)); next++) {
	}
	if (next > end && AT(p, end) != ':') {
		return fail(p, CF_DSN_E_SYNTAX, v6 ? "unexpected character after ']'" : "a host may only hold [A-Za-z0-9.-]");
	}
	if (next > end) {
		TRY(parse_number(p, p->s + end + 1, next - end - 1, 1, 65535, "port", &port));
	}
	cf_dsn_host *h = &p->d->hosts[p->d->nhosts];
	TRY(dup_range(p, p->s + start + v6, end - start - 2 * v6, true, &h->host));
	h->port = (int)port;
	p->d->nhosts++;
	p->pos = next;
	return CF_DSN_OK;
}

static cf_dsn_status parse_hosts(parser *p, int default_port, bool many)
{
	TRY(parse_host(p, default_port));
	while (p->pos < p->len && AT(p, p->pos) == ',') {
		if (!many) {
			return fail(
				p, CF_DSN_E_SYNTAX, "this scheme takes one host (several: redis-sentinel:// or redis-cluster://)");
		}
		p->pos++;
		TRY(parse_host(p, default_port));
	}
	return CF_DSN_OK;
}

/* ---- path ---- */

/* A path segment after the '/' at pos: [A-Za-z0-9_.-] up to '/', '?' or the end. */
static size_t segment(parser *p)
{
	size_t st = ++p->pos;
	while (p->pos < p->len && AT(p, p->pos) != '/' && AT(p, p->pos) != '?') {
		p->pos++;
	}
	return st;
}

static cf_dsn_status parse_db_segment(parser *p)
{
	size_t st = segment(p);
	TRY(parse_number(p, p->s + st, p->pos - st, 0, CF_DSN_MAX_DB, "db", &p->d->db));
	if (p->pos < p->len && AT(p, p->pos) == '/') {
		return fail(p, CF_DSN_E_SYNTAX, "trailing characters after the db");
	}
	return CF_DSN_OK;
}

static cf_dsn_status parse_master(parser *p)
{
	if (p->pos >= p->len || AT(p, p->pos) != '/') {
		return fail(p, CF_DSN_E_SYNTAX, "redis-sentinel:// needs /mastername after the hosts");
	}
	size_t st = segment(p);
	if (!all_word(p->s + st, p->pos - st)) {
		return fail(p, CF_DSN_E_SYNTAX, "the master name may only hold [A-Za-z0-9_.-]");
	}
	if (p->pos == st || p->pos - st > CF_DSN_MAX_MASTER_NAME) {
		return fail(p, p->pos == st ? CF_DSN_E_SYNTAX : CF_DSN_E_RANGE, "the master name must be 1..%d characters",
			CF_DSN_MAX_MASTER_NAME);
	}
	TRY(dup_range(p, p->s + st, p->pos - st, false, &p->d->master_name));
	return p->pos < p->len && AT(p, p->pos) == '/' ? parse_db_segment(p) : CF_DSN_OK;
}

static cf_dsn_status parse_socket_path(parser *p)
{
	size_t st = p->pos;
	if (st >= p->len || AT(p, st) != '/') {
		return fail(p, CF_DSN_E_SYNTAX, "unix:// needs an absolute socket path");
	}
	while (p->pos < p->len && AT(p, p->pos) != '?') {
		p->pos++;
	}
	if (p->pos - st > CF_DSN_MAX_SOCKET_PATH) {
		return fail(p, CF_DSN_E_RANGE, "the socket path is at most %d bytes", CF_DSN_MAX_SOCKET_PATH);
	}
	return dup_range(p, p->s + st, p->pos - st, false, &p->d->socket_path);
}

/* ---- query ---- */

/* Seconds with at most three significant decimals ("0.5", "2", "0.250") -> 1..60000 ms. */
static cf_dsn_status parse_seconds(parser *p, const char *s, size_t n, const char *key, int *ms)
{
	size_t i = 0, f;
	long whole = 0, frac = 0, scale = 1000;
	for (; i < n && IS_DIGIT((unsigned char)s[i]); i++) {
		whole = whole > CF_DSN_MAX_TIMEOUT_MS ? whole : whole * 10 + (s[i] - '0');
	}
	f = i + 1;
	if (i > 0 && i < n && s[i] == '.') {
		for (i = f; i < n && IS_DIGIT((unsigned char)s[i]); i++) {
			if (scale == 1 && s[i] != '0') {
				return fail(p, CF_DSN_E_RANGE, "%s has a resolution of 0.001 seconds", key);
			}
			scale = scale == 1 ? 1 : scale / 10;
			frac += (s[i] - '0') * scale;
		}
	}
	if (i == 0 || i != n || i == f) {
		return fail(p, CF_DSN_E_SYNTAX, "%s is a number of seconds, e.g. 0.5", key);
	}
	long total = whole * 1000 + frac; /* whole <= 600009: no overflow */
	if (total < 1 || total > CF_DSN_MAX_TIMEOUT_MS) {
		return fail(p, CF_DSN_E_RANGE, "%s must be 0.001..%d seconds", key, CF_DSN_MAX_TIMEOUT_MS / 1000);
	}
	*ms = (int)total;
	return CF_DSN_OK;
}

enum { Q_PREFIX, Q_TIMEOUT, Q_READ_TIMEOUT, Q_PERSISTENT, Q_DB, Q_COUNT };
static const char *const query_keys[Q_COUNT] = {"prefix", "timeout", "read_timeout", "persistent", "db"};

static cf_dsn_status parse_param(parser *p, const char *s, size_t n, unsigned *seen)
{
	const char *eq = memchr(s, '=', n);
	int k = 0;
	if (n == 0 || !eq) {
		return fail(p, CF_DSN_E_SYNTAX, n ? "a query parameter needs key=value" : "empty query parameter");
	}
	const char *v = eq + 1;
	size_t klen = (size_t)(eq - s), vlen = n - klen - 1;
	while (k < Q_COUNT && !(strlen(query_keys[k]) == klen && memcmp(query_keys[k], s, klen) == 0)) {
		k++;
	}
	if (k == Q_COUNT) {
		return fail(p, CF_DSN_E_SYNTAX, "unknown query key (known: prefix, timeout, read_timeout, persistent, db)");
	}
	if (*seen & (1u << k) || vlen == 0) {
		return fail(p, CF_DSN_E_SYNTAX, vlen ? "repeated query key %s" : "empty value for %s", query_keys[k]);
	}
	*seen |= 1u << k;
	cf_dsn *d = p->d;
	switch (k) {
	case Q_PREFIX:
		if (!all_word(v, vlen)) {
			return fail(p, CF_DSN_E_SYNTAX, "prefix may only hold [A-Za-z0-9_.-]");
		}
		if (vlen > CF_DSN_MAX_PREFIX) {
			return fail(p, CF_DSN_E_RANGE, "prefix is at most %d characters", CF_DSN_MAX_PREFIX);
		}
		cf_free(p->a, d->prefix);
		d->prefix = NULL;
		return dup_range(p, v, vlen, false, &d->prefix);
	case Q_TIMEOUT:
		return parse_seconds(p, v, vlen, "timeout", &d->timeout_ms);
	case Q_READ_TIMEOUT:
		return parse_seconds(p, v, vlen, "read_timeout", &d->read_timeout_ms);
	case Q_PERSISTENT:
		d->persistent = word_is(v, vlen, "1") || word_is(v, vlen, "true") || word_is(v, vlen, "on");
		if (!d->persistent && !word_is(v, vlen, "0") && !word_is(v, vlen, "false") && !word_is(v, vlen, "off")) {
			return fail(p, CF_DSN_E_SYNTAX, "persistent must be 0, 1, true, false, on or off");
		}
		return CF_DSN_OK;
	default:
		if (d->kind != CF_DSN_UNIX) {
			return fail(p, CF_DSN_E_SYNTAX, "db= is for unix:// only (elsewhere: /db in the path)");
		}
		return parse_number(p, v, vlen, 0, CF_DSN_MAX_DB, "db", &d->db);
	}
}

static cf_dsn_status parse_query(parser *p)
{
	unsigned seen = 0;
	if (p->pos < p->len && AT(p, p->pos) != '?') {
		return fail(p, CF_DSN_E_SYNTAX, "trailing characters (expected '?' or the end)");
	}
	if (p->pos + 1 == p->len) {
		return fail(p, CF_DSN_E_SYNTAX, "empty query after '?'");
	}
	while (p->pos < p->len) {
		const char *amp = memchr(p->s + p->pos + 1, '&', p->len - p->pos - 1);
		size_t end = amp ? (size_t)(amp - p->s) : p->len;
		TRY(parse_param(p, p->s + p->pos + 1, end - p->pos - 1, &seen));
		p->pos = end; /* at the '&' or the end */
	}
	return CF_DSN_OK;
}

/* ---- entry points ---- */

static const struct scheme {
	const char *name;
	cf_dsn_kind kind;
	bool valkey;
} schemes[] = {
	{"redis", CF_DSN_TCP, false},
	{"valkey", CF_DSN_TCP, true},
	{"unix", CF_DSN_UNIX, false},
	{"redis+unix", CF_DSN_UNIX, false},
	{"valkey+unix", CF_DSN_UNIX, true},
	{"redis-sentinel", CF_DSN_SENTINEL, false},
	{"valkey-sentinel", CF_DSN_SENTINEL, true},
	{"redis-cluster", CF_DSN_CLUSTER, false},
	{"valkey-cluster", CF_DSN_CLUSTER, true},
};
/* The canonical scheme of each [valkey][kind]. */
static const char *const canonical_schemes[2][4] = {{"redis", "unix", "redis-sentinel", "redis-cluster"},
	{"valkey", "valkey+unix", "valkey-sentinel", "valkey-cluster"}};
static const int default_ports[4] = {DEFAULT_PORT, 0, SENTINEL_PORT, DEFAULT_PORT};

static cf_dsn_status parse(parser *p)
{
	cf_dsn *d = p->d;
	size_t sl, i = 0, nschemes = sizeof(schemes) / sizeof(schemes[0]);
	if (p->len == 0 || memchr(p->s, '\0', p->len)) {
		return fail(p, CF_DSN_E_SYNTAX, p->len ? "contains a NUL byte" : "empty");
	}
	if (p->len > CF_DSN_MAX_LEN) {
		return fail(p, CF_DSN_E_RANGE, "longer than %d bytes", CF_DSN_MAX_LEN);
	}
	p->pos = after_scheme(p->s, p->len, &sl);
	while (p->pos && i < nschemes && !word_is(p->s, sl, schemes[i].name)) {
		i++;
	}
	if (!p->pos || i == nschemes) {
		return fail(p, CF_DSN_E_SYNTAX, "expected redis://, valkey://, unix://, redis-sentinel:// or redis-cluster://");
	}
	d->kind = schemes[i].kind;
	d->valkey = schemes[i].valkey;
	TRY(dup_range(p, CF_DSN_DEFAULT_PREFIX, strlen(CF_DSN_DEFAULT_PREFIX), false, &d->prefix));
	TRY(parse_userinfo(p));
	if (d->kind == CF_DSN_UNIX) {
		TRY(parse_socket_path(p));
	} else {
		TRY(parse_hosts(p, default_ports[d->kind], d->kind != CF_DSN_TCP));
	}
	if (d->kind == CF_DSN_SENTINEL) {
		TRY(parse_master(p));
	} else if (d->kind != CF_DSN_UNIX && p->pos < p->len && AT(p, p->pos) == '/') {
		if (d->kind == CF_DSN_CLUSTER) {
			return fail(p, CF_DSN_E_SYNTAX, "redis-cluster:// takes no /db (a cluster has database 0 only)");
		}
		TRY(parse_db_segment(p));
	}
	return parse_query(p);
}

cf_dsn_status cf_dsn_parse(const char *s, size_t len, const cf_allocator *a, cf_dsn *out, char *err, size_t errsize)
{
	parser p = {s, s ? len : 0, 0, a, out, err, errsize};
	if (err && errsize > 0) {
		err[0] = '\0';
	}
	if (!out || !a) {
		return fail(&p, CF_DSN_E_SYNTAX, "internal error: no output or allocator");
	}
	memset(out, 0, sizeof(*out));
	out->timeout_ms = CF_DSN_DEFAULT_TIMEOUT;
	out->read_timeout_ms = CF_DSN_DEFAULT_TIMEOUT;
	out->persistent = true;
	cf_dsn_status st = parse(&p);
	if (st != CF_DSN_OK) {
		cf_dsn_free(out, a);
	}
	return st;
}

static void free_str(const cf_allocator *a, char **s, bool wipe)
{
	for (volatile char *v = *s; wipe && v && *v; v++) {
		*v = '\0';
	}
	cf_free(a, *s);
	*s = NULL;
}

void cf_dsn_free(cf_dsn *d, const cf_allocator *a)
{
	if (!d || !a) {
		return;
	}
	for (size_t i = 0; i < CF_DSN_MAX_HOSTS; i++) {
		free_str(a, &d->hosts[i].host, false);
	}
	d->nhosts = 0;
	free_str(a, &d->socket_path, false);
	free_str(a, &d->user, false);
	free_str(a, &d->password, true);
	free_str(a, &d->master_name, false);
	free_str(a, &d->prefix, false);
}

static void sb_host(sbuf *b, const cf_dsn_host *h, bool with_port)
{
	bool v6 = strchr(h->host, ':') != NULL;
	SB(b, v6 ? "[" : "", h->host, v6 ? "]" : "");
	if (with_port) {
		sb_long(b, ":", h->port);
	}
}

size_t cf_dsn_endpoint(const cf_dsn *d, size_t host_index, char *out, size_t outsize)
{
	static const char *const kinds[4] = {"", "unix:", "sentinel:", "cluster:"};
	sbuf b = {out, outsize, 0};
	bool is_unix = d && d->kind == CF_DSN_UNIX;
	if (!d || host_index >= (is_unix ? 1 : d->nhosts) || host_index >= CF_DSN_MAX_HOSTS ||
		!(is_unix ? d->socket_path : d->hosts[host_index].host)) {
		return sb_finish(&b);
	}
	SB(&b, kinds[d->kind]);
	if (d->user) {
		sb_encoded(&b, d->user, false);
		SB(&b, "@");
	}
	if (is_unix) {
		SB(&b, d->socket_path);
	} else {
		sb_host(&b, &d->hosts[host_index], true);
	}
	if (d->kind == CF_DSN_SENTINEL && d->master_name) {
		SB(&b, "/", d->master_name);
	}
	if (d->kind != CF_DSN_CLUSTER) {
		sb_long(&b, "/", d->db);
	}
	return sb_finish(&b);
}

/* "?key=" or "&key=" */
static void sb_key(sbuf *b, bool *first, const char *key)
{
	SB(b, *first ? "?" : "&", key, "=");
	*first = false;
}

/* Seconds as the shortest decimal: 1000 -> "1", 500 -> "0.5", 1 -> "0.001". */
static void sb_seconds(sbuf *b, int ms)
{
	char frac[8];
	size_t n = (size_t)snprintf(frac, sizeof(frac), ".%03d", (ms % 1000 + 1000) % 1000);
	sb_long(b, "", ms / 1000);
	while (n > 1 && frac[n - 1] == '0') {
		n--;
	}
	sb_put(b, frac, n > 1 ? n : 0);
}

size_t cf_dsn_canonical(const cf_dsn *d, char *out, size_t outsize)
{
	sbuf b = {out, outsize, 0};
	bool first = true;
	if (!d || (unsigned)d->kind > CF_DSN_CLUSTER) {
		return sb_finish(&b);
	}
	SB(&b, canonical_schemes[d->valkey][d->kind], "://");
	if (d->password) {
		sb_encoded(&b, d->user ? d->user : "", false);
		SB(&b, ":");
		sb_encoded(&b, d->password, true);
		SB(&b, "@");
	}
	SB(&b, d->kind == CF_DSN_UNIX && d->socket_path ? d->socket_path : "");
	for (size_t i = 0; d->kind != CF_DSN_UNIX && i < d->nhosts && i < CF_DSN_MAX_HOSTS; i++) {
		SB(&b, i ? "," : "");
		sb_host(&b, &d->hosts[i], d->hosts[i].port != default_ports[d->kind]);
	}
	if (d->kind == CF_DSN_SENTINEL) {
		SB(&b, "/", d->master_name ? d->master_name : "");
	}
	if (d->db != 0 && (d->kind == CF_DSN_TCP || d->kind == CF_DSN_SENTINEL)) {
		sb_long(&b, "/", d->db);
	}
	if (d->prefix && strcmp(d->prefix, CF_DSN_DEFAULT_PREFIX) != 0) {
		sb_key(&b, &first, "prefix");
		SB(&b, d->prefix);
	}
	if (d->timeout_ms != CF_DSN_DEFAULT_TIMEOUT) {
		sb_key(&b, &first, "timeout");
		sb_seconds(&b, d->timeout_ms);
	}
	if (d->read_timeout_ms != CF_DSN_DEFAULT_TIMEOUT) {
		sb_key(&b, &first, "read_timeout");
		sb_seconds(&b, d->read_timeout_ms);
	}
	if (!d->persistent) {
		sb_key(&b, &first, "persistent");
		SB(&b, "0");
	}
	if (d->db != 0 && d->kind == CF_DSN_UNIX) {
		sb_key(&b, &first, "db");
		sb_long(&b, "", d->db);
	}
	return sb_finish(&b);
}
