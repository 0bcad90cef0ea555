/*
 * clusterfile: the native store's record as text (see php_meta_redis_record.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_smart_str.h"
#include "php_meta_redis_record.h"

#define CF_REDIS_RECORD_VERSION "1"

/* A record field as text: strings as they are, ints in decimal; false for anything else or a newline. */
static bool cf_mr_field(smart_str *out, HashTable *rec, const char *name)
{
	zval *v = zend_hash_str_find_deref(rec, name, strlen(name));
	if (!v) {
		return false;
	}
	if (Z_TYPE_P(v) == IS_LONG) {
		smart_str_append_long(out, Z_LVAL_P(v));
	} else if (Z_TYPE_P(v) == IS_STRING && !memchr(Z_STRVAL_P(v), '\n', Z_STRLEN_P(v)) &&
			   !memchr(Z_STRVAL_P(v), '\0', Z_STRLEN_P(v))) {
		smart_str_append(out, Z_STR_P(v));
	} else {
		return false;
	}
	smart_str_appendc(out, '\n');
	return true;
}

/* Space-joined strings of a packed array (tags: [a-zA-Z0-9_%&-], never a space). */
bool cf_mr_join(smart_str *out, zval *arr)
{
	zval *v;
	bool first = true;
	if (Z_TYPE_P(arr) != IS_ARRAY) {
		return false;
	}
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(arr), v)
	{
		ZVAL_DEREF(v);
		if (Z_TYPE_P(v) != IS_STRING || Z_STRLEN_P(v) == 0 || memchr(Z_STRVAL_P(v), ' ', Z_STRLEN_P(v)) ||
			memchr(Z_STRVAL_P(v), '\n', Z_STRLEN_P(v))) {
			return false;
		}
		if (!first) {
			smart_str_appendc(out, ' ');
		}
		smart_str_append(out, Z_STR_P(v));
		first = false;
	}
	ZEND_HASH_FOREACH_END();
	return true;
}

static const char *const cf_mr_text_fields[] = {"identifier", "hash", "checksum", "serializer", "compression", "state"};
static const char *const cf_mr_int_fields[] = {"createdAt", "expiresAt", "payloadSize", "backendVersion"};

/* r: version, the text fields, the int fields, then the user tags, one per line. */
bool cf_mr_encode(zval *record, smart_str *r)
{
	size_t i;
	HashTable *rec;
	if (Z_TYPE_P(record) != IS_ARRAY) {
		return false;
	}
	rec = Z_ARRVAL_P(record);
	smart_str_appends(r, CF_REDIS_RECORD_VERSION "\n");
	for (i = 0; i < sizeof(cf_mr_text_fields) / sizeof(cf_mr_text_fields[0]); i++) {
		zval *v = zend_hash_str_find_deref(rec, cf_mr_text_fields[i], strlen(cf_mr_text_fields[i]));
		if (!v || Z_TYPE_P(v) != IS_STRING || !cf_mr_field(r, rec, cf_mr_text_fields[i])) {
			return false;
		}
	}
	for (i = 0; i < sizeof(cf_mr_int_fields) / sizeof(cf_mr_int_fields[0]); i++) {
		zval *v = zend_hash_str_find_deref(rec, cf_mr_int_fields[i], strlen(cf_mr_int_fields[i]));
		if (!v || Z_TYPE_P(v) != IS_LONG || !cf_mr_field(r, rec, cf_mr_int_fields[i])) {
			return false;
		}
	}
	zval *tags = zend_hash_str_find_deref(rec, "tags", 4);
	if (!tags || !cf_mr_join(r, tags)) {
		return false;
	}
	smart_str_0(r);
	return true;
}

/* The record array back from r (its HMAC verified); false for anything malformed (a miss). */
bool cf_mr_decode(const char *r, size_t len, zval *rv)
{
	const char *p = r;
	const char *end = r + len;
	const char *lines[12];
	size_t lens[12];
	size_t n = 0;
	size_t i;

	while (n < 12) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			lines[n] = p;
			lens[n] = (size_t)(end - p);
			n++;
			break;
		}
		lines[n] = p;
		lens[n] = (size_t)(nl - p);
		n++;
		p = nl + 1;
	}
	if (n != 12 || lens[0] != 1 || lines[0][0] != '1') {
		return false;
	}
	array_init_size(rv, 11);
	/* the reference's key order: identifier, hash, checksum, createdAt, expiresAt, serializer,
	 * compression, payloadSize, tags, state, backendVersion */
	zend_long ints[4];
	for (i = 0; i < 4; i++) {
		const char *s = lines[7 + i];
		if (lens[7 + i] == 0 || lens[7 + i] > 20) {
			zval_ptr_dtor(rv);
			return false;
		}
		char buf[24];
		memcpy(buf, s, lens[7 + i]);
		buf[lens[7 + i]] = '\0';
		char *e = NULL;
		ints[i] = ZEND_STRTOL(buf, &e, 10);
		if (!e || *e != '\0') {
			zval_ptr_dtor(rv);
			return false;
		}
	}
	add_assoc_stringl(rv, "identifier", (char *)lines[1], lens[1]);
	add_assoc_stringl(rv, "hash", (char *)lines[2], lens[2]);
	add_assoc_stringl(rv, "checksum", (char *)lines[3], lens[3]);
	add_assoc_long(rv, "createdAt", ints[0]);
	add_assoc_long(rv, "expiresAt", ints[1]);
	add_assoc_stringl(rv, "serializer", (char *)lines[4], lens[4]);
	add_assoc_stringl(rv, "compression", (char *)lines[5], lens[5]);
	add_assoc_long(rv, "payloadSize", ints[2]);
	zval tags;
	array_init(&tags);
	const char *t = lines[11];
	const char *tend = lines[11] + lens[11];
	while (t < tend) {
		const char *sp = memchr(t, ' ', (size_t)(tend - t));
		const char *e = sp ? sp : tend;
		if (e > t) {
			add_next_index_stringl(&tags, t, (size_t)(e - t));
		}
		t = e + 1;
	}
	add_assoc_zval(rv, "tags", &tags);
	add_assoc_stringl(rv, "state", (char *)lines[6], lens[6]);
	add_assoc_long(rv, "backendVersion", ints[3]);
	return true;
}
