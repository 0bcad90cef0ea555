/*
 * clusterfile: identifiers, tags, cache names and the keys built from them.
 *
 * This module owns TYPO3's entry-identifier/tag pattern (^[a-zA-Z0-9_%\-&]{1,250}$ in PCRE, so one
 * trailing "\n" is also accepted, as TYPO3 accepts it), the stricter cache-name rule, and the
 * metadata keys and namespaced tags derived from them. Zend-free.
 *
 * Metadata key of an entry:     <cacheName>__<identifier>
 *                               (when that exceeds 250 characters: <cacheName>__%<sha256 hex of identifier>)
 * Namespace tag of a cache:     __cfb_ns__<cacheName>
 * Namespaced user tag:          __cfb_ns__<cacheName>__<tag>
 *                               (when that exceeds 250 characters: __cfb_ns__<cacheName>__%<sha256 hex of tag>)
 * A cache name matches ^[a-zA-Z0-9_%&-]{1,64}$, contains no "__" and does not end in "_", so the
 * first "__" after it always marks the boundary: no two (cache, identifier) or (cache, tag) pairs
 * share a key or tag.
 */
#ifndef CF_IDENT_H
#define CF_IDENT_H

#include <stdbool.h>
#include <stddef.h>

#define CF_IDENT_MAX      250
#define CF_CACHE_NAME_MAX 64
#define CF_NS_TAG_PREFIX  "__cfb_ns__"
/* Big enough for any key or namespaced tag plus NUL. */
#define CF_KEY_BUF (CF_IDENT_MAX + 2)

/* TYPO3's PATTERN_ENTRYIDENTIFIER / PATTERN_TAG. */
bool cf_ident_is_valid(const char *s, size_t len);
bool cf_cache_name_is_valid(const char *s, size_t len);

/* Each returns the length written to out (CF_KEY_BUF bytes, NUL-terminated), or 0 on invalid input. */
size_t cf_ident_meta_key(const char *cache, size_t cache_len, const char *id, size_t id_len, char out[CF_KEY_BUF]);
size_t cf_ident_ns_tag(const char *cache, size_t cache_len, char out[CF_KEY_BUF]);
size_t cf_ident_user_tag(const char *cache, size_t cache_len, const char *tag, size_t tag_len, char out[CF_KEY_BUF]);

/*
 * Reverse of cf_ident_meta_key for keys returned by a tag lookup: if key starts with
 * "<cacheName>__", stores the rest in *id and *id_len and returns true. *hashed is set when the rest
 * is the hashed form (the caller must then read the record to learn the identifier).
 */
bool cf_ident_split_meta_key(const char *cache, size_t cache_len, const char *key, size_t key_len, const char **id,
	size_t *id_len, bool *hashed);

#endif
