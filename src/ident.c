/*
 * clusterfile: identifiers, tags, cache names and the keys built from them (see ident.h).
 */
#include "ident.h"
#include "hash.h"

#include <string.h>

#define CF_NS_TAG_PREFIX_LEN (sizeof(CF_NS_TAG_PREFIX) - 1)

/* [a-zA-Z0-9_%&-]: the one character class of identifiers, tags and cache names. */
static bool ident_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '%' ||
		   c == '&' || c == '-';
}

static bool all_ident_chars(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (!ident_char((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}

bool cf_ident_is_valid(const char *s, size_t len)
{
	if (!s) {
		return false;
	}
	/* PCRE's $ (no D modifier) also matches before one final "\n". */
	if (len > 0 && s[len - 1] == '\n') {
		len--;
	}
	return len >= 1 && len <= CF_IDENT_MAX && all_ident_chars(s, len);
}

bool cf_cache_name_is_valid(const char *s, size_t len)
{
	if (!s || len < 1 || len > CF_CACHE_NAME_MAX || !all_ident_chars(s, len)) {
		return false;
	}
	if (s[len - 1] == '_') {
		return false;
	}
	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] == '_' && s[i + 1] == '_') {
			return false;
		}
	}
	return true;
}

/*
 * out = prefix + name (+ "__" + item, or "__%" + sha256(item) when that would exceed
 * CF_IDENT_MAX). item NULL: no suffix at all. Returns the length or 0.
 */
static size_t build_key(const char *prefix, size_t prefix_len, const char *name, size_t name_len, const char *item,
	size_t item_len, char out[CF_KEY_BUF])
{
	size_t n = 0;
	memcpy(out, prefix, prefix_len);
	n += prefix_len;
	memcpy(out + n, name, name_len);
	n += name_len;
	if (item) {
		out[n++] = '_';
		out[n++] = '_';
		if (n + item_len <= CF_IDENT_MAX) {
			memcpy(out + n, item, item_len);
			n += item_len;
		} else {
			char hex[CF_HEX64_LEN + 1];
			if (cf_sha256_hex(item, item_len, hex) != 0) {
				out[0] = '\0';
				return 0;
			}
			out[n++] = '%';
			memcpy(out + n, hex, CF_HEX64_LEN);
			n += CF_HEX64_LEN;
		}
	}
	out[n] = '\0';
	return n;
}

size_t cf_ident_meta_key(const char *cache, size_t cache_len, const char *id, size_t id_len, char out[CF_KEY_BUF])
{
	if (!out) {
		return 0;
	}
	out[0] = '\0';
	if (!cf_cache_name_is_valid(cache, cache_len) || !cf_ident_is_valid(id, id_len)) {
		return 0;
	}
	return build_key("", 0, cache, cache_len, id, id_len, out);
}

size_t cf_ident_ns_tag(const char *cache, size_t cache_len, char out[CF_KEY_BUF])
{
	if (!out) {
		return 0;
	}
	out[0] = '\0';
	if (!cf_cache_name_is_valid(cache, cache_len)) {
		return 0;
	}
	return build_key(CF_NS_TAG_PREFIX, CF_NS_TAG_PREFIX_LEN, cache, cache_len, NULL, 0, out);
}

size_t cf_ident_user_tag(const char *cache, size_t cache_len, const char *tag, size_t tag_len, char out[CF_KEY_BUF])
{
	if (!out) {
		return 0;
	}
	out[0] = '\0';
	if (!cf_cache_name_is_valid(cache, cache_len) || !cf_ident_is_valid(tag, tag_len)) {
		return 0;
	}
	return build_key(CF_NS_TAG_PREFIX, CF_NS_TAG_PREFIX_LEN, cache, cache_len, tag, tag_len, out);
}

bool cf_ident_split_meta_key(
	const char *cache, size_t cache_len, const char *key, size_t key_len, const char **id, size_t *id_len, bool *hashed)
{
	if (!key || !cf_cache_name_is_valid(cache, cache_len)) {
		return false;
	}
	if (key_len <= cache_len + 2 || memcmp(key, cache, cache_len) != 0 || key[cache_len] != '_' ||
		key[cache_len + 1] != '_') {
		return false;
	}
	const char *rest = key + cache_len + 2;
	size_t rest_len = key_len - cache_len - 2;
	if (!cf_ident_is_valid(rest, rest_len)) {
		return false;
	}
	if (id) {
		*id = rest;
	}
	if (id_len) {
		*id_len = rest_len;
	}
	if (hashed) {
		*hashed = rest_len == 1 + CF_HEX64_LEN && rest[0] == '%' && cf_is_hex64(rest + 1, CF_HEX64_LEN);
	}
	return true;
}
