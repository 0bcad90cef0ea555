/*
 * libFuzzer harness: identifiers, tags, cache names and the keys built from them (ident.h).
 *
 * Input: four length-prefixed pieces, then the rest:
 *   c1 (len u8 % 80), x1 (len u16 % 300), c2 (len u8 % 80), x2 (len u16 % 300), rest.
 * c1/c2 are used as cache names, x1/x2 as identifiers and tags; the whole input and every piece
 * are also checked as identifiers and cache names. Lengths around 250 are reachable so both the
 * plain and the hashed key forms are exercised. Every piece is an exact-size heap copy.
 *
 * Properties (any violation aborts):
 *   - cf_ident_is_valid agrees with a reference written here for ^[a-zA-Z0-9_%\-&]{1,250}$ with
 *     PCRE's "$" (one optional final "\n"); cf_cache_name_is_valid with its documented rule
 *     (^[a-zA-Z0-9_%&-]{1,64}$, no "__", no trailing "_");
 *   - meta_key / ns_tag / user_tag return 0 exactly when an input is invalid; otherwise the
 *     result is NUL-terminated at the returned length, is itself a valid identifier and has at
 *     most 250 characters plus the trailing "\n" of an identifier/tag that had one;
 *   - the key is <cache>__<id> when that fits in 250 characters, else <cache>__%<sha256 hex of id>;
 *     tags likewise behind "__cfb_ns__"; the ns tag is "__cfb_ns__<cache>";
 *   - split(cache, meta_key(cache, id)) round-trips: the plain form gives id back (hashed is set only
 *     when id itself looks like "%<64 hex>"), the hashed form gives hashed = true;
 *   - split(c2, meta_key(c1, id)) succeeds only when c2 == c1; two different (cache, id) pairs never
 *     share a key, two different (cache, tag) pairs never share a tag, no user tag equals an ns tag.
 */
#include "hash.h"
#include "ident.h"
#include "fuzz_common.h"

#define ID_CLASS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_%-&"

static bool in_class(char c)
{
	return c != '\0' && memchr(ID_CLASS, c, sizeof(ID_CLASS) - 1) != NULL;
}

/* ^[a-zA-Z0-9_%\-&]{1,250}$ in PCRE without D: a run of class characters, then nothing or one "\n". */
static bool ref_ident(const char *s, size_t len)
{
	size_t k = 0;
	while (k < len && in_class(s[k])) {
		k++;
	}
	if (k < 1 || k > 250) {
		return false;
	}
	return k == len || (k + 1 == len && s[k] == '\n');
}

static bool ref_cache_name(const char *s, size_t len)
{
	if (len < 1 || len > 64) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		if (!in_class(s[i])) {
			return false;
		}
		if (i > 0 && s[i] == '_' && s[i - 1] == '_') {
			return false;
		}
	}
	return s[len - 1] != '_';
}

static bool looks_hashed(const char *s, size_t len)
{
	if (len != 65 || s[0] != '%') {
		return false;
	}
	for (size_t i = 1; i < len; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) {
			return false;
		}
	}
	return true;
}

/* Checks a produced key/tag: NUL at n, valid identifier, bounded. */
static void check_produced(const char *out, size_t n)
{
	FUZZ_CHECK(n > 0 && n < CF_KEY_BUF);
	FUZZ_CHECK(out[n] == '\0');
	FUZZ_CHECK(strlen(out) == n);
	FUZZ_CHECK(cf_ident_is_valid(out, n));
	FUZZ_CHECK(ref_ident(out, n));
	FUZZ_CHECK(n <= CF_IDENT_MAX || (n == CF_IDENT_MAX + 1 && out[n - 1] == '\n'));
}

/* Expected key: prefix + cache + "__" + item, or "__%" + sha256(item) past 250 characters. */
static size_t expected_key(
	const char *prefix, const char *cache, size_t cache_len, const char *item, size_t item_len, char *buf)
{
	size_t n = strlen(prefix);
	memcpy(buf, prefix, n);
	memcpy(buf + n, cache, cache_len);
	n += cache_len;
	memcpy(buf + n, "__", 2);
	n += 2;
	if (n + item_len <= 250) {
		memcpy(buf + n, item, item_len);
		return n + item_len;
	}
	char hex[CF_HEX64_LEN + 1];
	FUZZ_CHECK(cf_sha256_hex(item, item_len, hex) == 0);
	buf[n++] = '%';
	memcpy(buf + n, hex, CF_HEX64_LEN);
	return n + CF_HEX64_LEN;
}

static size_t meta_key_checked(const char *c, size_t cl, const char *x, size_t xl, char out[CF_KEY_BUF])
{
	memset(out, 'Z', CF_KEY_BUF);
	size_t n = cf_ident_meta_key(c, cl, x, xl, out);
	bool valid_in = ref_cache_name(c, cl) && ref_ident(x, xl);
	FUZZ_CHECK((n > 0) == valid_in);
	if (!valid_in) {
		FUZZ_CHECK(out[0] == '\0');
		return 0;
	}
	check_produced(out, n);
	char want[600];
	size_t wn = expected_key("", c, cl, x, xl, want);
	FUZZ_CHECK(wn == n && memcmp(want, out, n) == 0);

	/* split round trip */
	const char *id = NULL;
	size_t id_len = 0;
	bool hashed = false;
	FUZZ_CHECK(cf_ident_split_meta_key(c, cl, out, n, &id, &id_len, &hashed));
	FUZZ_CHECK(id == out + cl + 2);
	if (cl + 2 + xl <= CF_IDENT_MAX) {
		FUZZ_CHECK(id_len == xl && memcmp(id, x, xl) == 0);
		FUZZ_CHECK(hashed == looks_hashed(x, xl));
	} else {
		FUZZ_CHECK(hashed);
		FUZZ_CHECK(id_len == 1 + CF_HEX64_LEN);
	}
	FUZZ_CHECK(cf_ident_split_meta_key(c, cl, out, n, NULL, NULL, NULL));
	return n;
}

static size_t user_tag_checked(const char *c, size_t cl, const char *t, size_t tl, char out[CF_KEY_BUF])
{
	memset(out, 'Z', CF_KEY_BUF);
	size_t n = cf_ident_user_tag(c, cl, t, tl, out);
	bool valid_in = ref_cache_name(c, cl) && ref_ident(t, tl);
	FUZZ_CHECK((n > 0) == valid_in);
	if (!valid_in) {
		FUZZ_CHECK(out[0] == '\0');
		return 0;
	}
	check_produced(out, n);
	char want[600];
	size_t wn = expected_key(CF_NS_TAG_PREFIX, c, cl, t, tl, want);
	FUZZ_CHECK(wn == n && memcmp(want, out, n) == 0);
	return n;
}

static size_t ns_tag_checked(const char *c, size_t cl, char out[CF_KEY_BUF])
{
	memset(out, 'Z', CF_KEY_BUF);
	size_t n = cf_ident_ns_tag(c, cl, out);
	FUZZ_CHECK((n > 0) == ref_cache_name(c, cl));
	if (n == 0) {
		FUZZ_CHECK(out[0] == '\0');
		return 0;
	}
	check_produced(out, n);
	FUZZ_CHECK(n == 10 + cl && memcmp(out, "__cfb_ns__", 10) == 0 && memcmp(out + 10, c, cl) == 0);
	return n;
}

static void check_validators(const char *s, size_t len)
{
	FUZZ_CHECK(cf_ident_is_valid(s, len) == ref_ident(s, len));
	FUZZ_CHECK(cf_cache_name_is_valid(s, len) == ref_cache_name(s, len));
}

static char *piece(fuzz_reader *rd, size_t max, bool wide, size_t *len)
{
	size_t want = wide ? fuzz_u16(rd) % max : fuzz_u8(rd) % max;
	const uint8_t *p = fuzz_bytes(rd, want, len);
	return fuzz_dup(p, *len, false);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The whole input as one candidate. */
	char *all = fuzz_dup(data, size, false);
	check_validators(all, size);
	free(all);

	fuzz_reader rd = {data, size};
	size_t c1l, x1l, c2l, x2l, rl;
	char *c1 = piece(&rd, 80, false, &c1l);
	char *x1 = piece(&rd, 300, true, &x1l);
	char *c2 = piece(&rd, 80, false, &c2l);
	char *x2 = piece(&rd, 300, true, &x2l);
	char *rest = piece(&rd, 65536, true, &rl);
	check_validators(c1, c1l);
	check_validators(x1, x1l);
	check_validators(c2, c2l);
	check_validators(x2, x2l);
	check_validators(rest, rl);

	char k1[CF_KEY_BUF], k2[CF_KEY_BUF], t1[CF_KEY_BUF], t2[CF_KEY_BUF], n1[CF_KEY_BUF], n2[CF_KEY_BUF];
	size_t k1n = meta_key_checked(c1, c1l, x1, x1l, k1);
	size_t k2n = meta_key_checked(c2, c2l, x2, x2l, k2);
	size_t t1n = user_tag_checked(c1, c1l, x1, x1l, t1);
	size_t t2n = user_tag_checked(c2, c2l, x2, x2l, t2);
	size_t n1n = ns_tag_checked(c1, c1l, n1);
	size_t n2n = ns_tag_checked(c2, c2l, n2);

	bool same_cache = c1l == c2l && memcmp(c1, c2, c1l) == 0;
	bool same_item = x1l == x2l && memcmp(x1, x2, x1l) == 0;

	/* Keys: injective in (cache, id); a key splits only under its own cache. */
	if (k1n && k2n) {
		bool same_key = k1n == k2n && memcmp(k1, k2, k1n) == 0;
		FUZZ_CHECK(same_key == (same_cache && same_item));
	}
	if (k1n && ref_cache_name(c2, c2l)) {
		FUZZ_CHECK(cf_ident_split_meta_key(c2, c2l, k1, k1n, NULL, NULL, NULL) == same_cache);
	}
	/* Tags: injective in (cache, tag); never equal to a namespace tag. */
	if (t1n && t2n) {
		bool same_tag = t1n == t2n && memcmp(t1, t2, t1n) == 0;
		FUZZ_CHECK(same_tag == (same_cache && same_item));
	}
	if (t1n && n2n) {
		FUZZ_CHECK(!(t1n == n2n && memcmp(t1, n2, t1n) == 0));
	}
	if (n1n && n2n) {
		FUZZ_CHECK((n1n == n2n && memcmp(n1, n2, n1n) == 0) == same_cache);
	}

	/* split over arbitrary keys: any success hands back a valid identifier inside the key. */
	const char *id = NULL;
	size_t id_len = 0;
	bool hashed = false;
	if (cf_ident_split_meta_key(c1, c1l, rest, rl, &id, &id_len, &hashed)) {
		FUZZ_CHECK(ref_cache_name(c1, c1l));
		FUZZ_CHECK(rl > c1l + 2 && memcmp(rest, c1, c1l) == 0 && rest[c1l] == '_' && rest[c1l + 1] == '_');
		FUZZ_CHECK(id == rest + c1l + 2 && id_len == rl - c1l - 2);
		FUZZ_CHECK(ref_ident(id, id_len));
		FUZZ_CHECK(hashed == looks_hashed(id, id_len));
	}

	/* NULL inputs are refused, not dereferenced. */
	char out[CF_KEY_BUF];
	FUZZ_CHECK(!cf_ident_is_valid(NULL, 3));
	FUZZ_CHECK(!cf_cache_name_is_valid(NULL, 3));
	FUZZ_CHECK(cf_ident_meta_key(c1, c1l, NULL, 3, out) == 0);
	FUZZ_CHECK(cf_ident_user_tag(NULL, 3, x1, x1l, out) == 0);
	FUZZ_CHECK(!cf_ident_split_meta_key(c1, c1l, NULL, 3, NULL, NULL, NULL));

	free(c1);
	free(x1);
	free(c2);
	free(x2);
	free(rest);
	return 0;
}
