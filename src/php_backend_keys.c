/*
 * clusterfile: ClusterFile\NativeBackend - identifiers and tags: validation with TYPO3's codes, namespacing, metadata
 * keys (see php_backend_int.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "ident.h"
#include "php_backend_int.h"

static const struct {
	zend_long path_segment; /* FileBackend: identifier contains '/' */
	zend_long empty;        /* FileBackend: empty identifier (0: FileBackend lets it through) */
	zend_long pattern;      /* TYPO3's frontend: outside the pattern (0: not validated there) */
} cf_identifier_codes[] = {
	[CF_OP_SET] = {1282073032, 1298114280, 1233058264},
	[CF_OP_GET] = {1282073033, 0, 1233058294},
	[CF_OP_HAS] = {1282073034, 0, 1233058486},
	[CF_OP_REMOVE] = {1334756960, 1334756961, 1233058495},
	[CF_OP_REQUIRE] = {1532528246, 0, 0},
	[CF_OP_REQUIRE_ONCE] = {1282073036, 0, 0},
};

cf_id_check cf_validate_identifier(const cf_backend *b, zend_string *id, cf_op op)
{
	char shown[72];

	if (cf_ident_is_valid(ZSTR_VAL(id), ZSTR_LEN(id))) {
		return CF_ID_OK;
	}
	cf_printable(ZSTR_VAL(id), ZSTR_LEN(id), shown);
	if (memchr(ZSTR_VAL(id), '/', ZSTR_LEN(id)) != NULL) {
		cf_throw_invalid_argument(cf_identifier_codes[op].path_segment,
			"The entry identifier \"%s\" must not contain a path segment.", shown);
		return CF_ID_THROWN;
	}
	if (ZSTR_LEN(id) == 0 && cf_identifier_codes[op].empty != 0) {
		cf_throw_invalid_argument(cf_identifier_codes[op].empty, "The entry identifier must not be empty.");
		return CF_ID_THROWN;
	}
	if (cf_identifier_codes[op].pattern == 0) {
		return CF_ID_MISS;
	}
	cf_throw_invalid_argument(op == CF_OP_SET && b->php_mode ? CF_E_IDENTIFIER_PHP : cf_identifier_codes[op].pattern,
		"\"%s\" is not a valid cache entry identifier.", shown);
	return CF_ID_THROWN;
}

/* Tag validation codes: TYPO3's frontend's for the same operation. */
bool cf_check_tag(const char *tag, size_t len, zend_long code)
{
	if (!cf_ident_is_valid(tag, len)) {
		char shown[72];
		cf_printable(tag, len, shown);
		cf_throw_invalid_argument(code, "\"%s\" is not a valid tag for a cache entry.", shown);
		return false;
	}
	return true;
}

static int cf_cmp_bucket_keys(Bucket *a, Bucket *c)
{
	return zend_binary_strcmp(ZSTR_VAL(a->key), ZSTR_LEN(a->key), ZSTR_VAL(c->key), ZSTR_LEN(c->key));
}

/*
 * Validates a PHP array of tags (strings or integers) and returns them de-duplicated and sorted
 * bytewise as a packed array in *out. false (exception thrown) on an invalid tag.
 */
bool cf_normalize_tags(HashTable *tags, zend_long code, zval *out)
{
	HashTable set;
	zval *zv;
	zend_hash_init(&set, tags ? zend_hash_num_elements(tags) : 0, NULL, NULL, 0);
	if (tags) {
		ZEND_HASH_FOREACH_VAL(tags, zv)
		{
			ZVAL_DEREF(zv);
			zend_string *t;
			if (Z_TYPE_P(zv) == IS_STRING) {
				t = zend_string_copy(Z_STR_P(zv));
			} else if (Z_TYPE_P(zv) == IS_LONG) {
				t = zend_long_to_str(Z_LVAL_P(zv));
			} else {
				zend_hash_destroy(&set);
				cf_throw_invalid_argument(
					code, "A tag of type %s is not a valid tag for a cache entry.", zend_zval_type_name(zv));
				return false;
			}
			if (!cf_check_tag(ZSTR_VAL(t), ZSTR_LEN(t), code)) {
				zend_string_release(t);
				zend_hash_destroy(&set);
				return false;
			}
			zend_hash_add_empty_element(&set, t);
			zend_string_release(t);
		}
		ZEND_HASH_FOREACH_END();
	}
	zend_hash_sort(&set, cf_cmp_bucket_keys, 0);
	array_init_size(out, zend_hash_num_elements(&set));
	zend_string *key;
	ZEND_HASH_FOREACH_STR_KEY(&set, key)
	{
		add_next_index_str(out, zend_string_copy(key));
	}
	ZEND_HASH_FOREACH_END();
	zend_hash_destroy(&set);
	return true;
}

/* Namespaced tags of an entry: the cache's namespace tag, then each user tag namespaced. */
void cf_namespaced_tags(cf_backend *b, zval *user_tags, bool with_ns_tag, zval *out)
{
	char buf[CF_KEY_BUF];
	zval *zv;
	array_init_size(out, zend_hash_num_elements(Z_ARRVAL_P(user_tags)) + 1);
	if (with_ns_tag) {
		add_next_index_str(out, zend_string_copy(b->ns_tag));
	}
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(user_tags), zv)
	{
		if (Z_TYPE_P(zv) != IS_STRING) {
			continue;
		}
		size_t n =
			cf_ident_user_tag(ZSTR_VAL(b->cache_name), ZSTR_LEN(b->cache_name), Z_STRVAL_P(zv), Z_STRLEN_P(zv), buf);
		if (n) {
			add_next_index_stringl(out, buf, n);
		}
	}
	ZEND_HASH_FOREACH_END();
}

zend_string *cf_meta_key(cf_backend *b, zend_string *id)
{
	char buf[CF_KEY_BUF];
	size_t n = cf_ident_meta_key(ZSTR_VAL(b->cache_name), ZSTR_LEN(b->cache_name), ZSTR_VAL(id), ZSTR_LEN(id), buf);
	ZEND_ASSERT(n > 0);
	return zend_string_init(buf, n, 0);
}

zend_string *cf_user_tag_key(cf_backend *b, zend_string *tag)
{
	char buf[CF_KEY_BUF];
	size_t n = cf_ident_user_tag(ZSTR_VAL(b->cache_name), ZSTR_LEN(b->cache_name), ZSTR_VAL(tag), ZSTR_LEN(tag), buf);
	return zend_string_init(buf, n, 0);
}
