/*
 * clusterfile: the metadata store over a userland cache frontend, and the record's PHP form
 * (see meta.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "meta.h"
#include "ident.h"
#include "php_errors.h"

/* Persistent interned strings: method names and record keys, made once in MINIT. */
#define CF_META_STRINGS(X)                                                                                             \
	X(get, "get")                                                                                                      \
	X(set, "set")                                                                                                      \
	X(remove, "remove")                                                                                                \
	X(flushByTag, "flushByTag")                                                                                        \
	X(flushByTags, "flushByTags")                                                                                      \
	X(findIdentifiersByTag, "findIdentifiersByTag")                                                                    \
	X(collectGarbage, "collectGarbage")                                                                                \
	X(getBackend, "getBackend")                                                                                        \
	X(identifier, "identifier")                                                                                        \
	X(hash, "hash")                                                                                                    \
	X(checksum, "checksum")                                                                                            \
	X(createdAt, "createdAt")                                                                                          \
	X(expiresAt, "expiresAt")                                                                                          \
	X(serializer, "serializer")                                                                                        \
	X(compression, "compression")                                                                                      \
	X(payloadSize, "payloadSize")                                                                                      \
	X(tags, "tags")                                                                                                    \
	X(state, "state")                                                                                                  \
	X(backendVersion, "backendVersion")

#define CF_DECLARE_STR(name, text) static zend_string *cf_s_##name;
CF_META_STRINGS(CF_DECLARE_STR)
#undef CF_DECLARE_STR

void cf_meta_minit(void)
{
#define CF_INIT_STR(name, text) cf_s_##name = zend_string_init_interned(text, sizeof(text) - 1, 1);
	CF_META_STRINGS(CF_INIT_STR)
#undef CF_INIT_STR
}

/* ---- calls into the userland frontend ------------------------------------------------------ */

/*
 * The public, non-static method of the frontend's class for *slot, looked up once per store (the
 * frontend object, so its class, is fixed for the store's life). NULL when the class has none of
 * that name (a __call proxy): the call then goes by name.
 */
static zend_function *cf_frontend_method(cf_meta *m, zend_object *obj, zend_string *method, zend_function **slot)
{
	if (m->fe_ce != obj->ce) {
		m->fe_ce = obj->ce;
		m->fe_get = m->fe_set = NULL;
	}
	if (*slot == NULL) {
		zend_function *f = zend_hash_find_ptr_lc(&obj->ce->function_table, method);
		if (f && (f->common.fn_flags & ZEND_ACC_PUBLIC) &&
			!(f->common.fn_flags & (ZEND_ACC_STATIC | ZEND_ACC_ABSTRACT))) {
			*slot = f;
		}
	}
	return *slot;
}

/*
 * Calls method on obj for store m (through the looked-up function when slot is given and the class
 * has it). FAILURE leaves an exception pending (the callee's, or ours for a missing method or a
 * metadata cycle). A returned reference is unwrapped.
 */
static zend_result cf_call_ex(
	cf_meta *m, zend_object *obj, zend_string *method, zend_function **slot, zval *rv, uint32_t argc, zval *argv)
{
	zval tmp;
	zval *ret = rv ? rv : &tmp;
	ZVAL_UNDEF(ret);
	if (m->depth >= CF_META_MAX_DEPTH) {
		cf_throw_invalid_cache(CF_E_METADATA_CACHE_SELF,
			"ClusterFileBackend: metadata calls nest %u deep (%s::%s()): the metadata cache leads back into this "
			"cache; it must use another backend",
			(unsigned)m->depth, ZSTR_VAL(obj->ce->name), ZSTR_VAL(method));
		return FAILURE;
	}
	/* the store's objects stay alive while userland runs, whatever it does to the backend */
	GC_ADDREF(obj);
	m->depth++;
	zend_function *fn = slot ? cf_frontend_method(m, obj, method, slot) : NULL;
	zend_result r = SUCCESS;
	if (fn) {
		zend_call_known_instance_method(fn, obj, ret, argc, argv);
	} else {
		r = zend_call_method_if_exists(obj, method, ret, argc, argv);
	}
	m->depth--;
	if (r == FAILURE) {
		if (!EG(exception)) {
			cf_throw_invalid_cache(CF_E_BAD_FRONTEND,
				"ClusterFileBackend: the metadata cache (%s) has no callable method %s()", ZSTR_VAL(obj->ce->name),
				ZSTR_VAL(method));
		}
		/* after the message, which reads obj */
		OBJ_RELEASE(obj);
		zval_ptr_dtor(ret);
		ZVAL_UNDEF(ret);
		return FAILURE;
	}
	OBJ_RELEASE(obj);
	if (EG(exception)) {
		zval_ptr_dtor(ret);
		ZVAL_UNDEF(ret);
		return FAILURE;
	}
	if (Z_ISREF_P(ret)) {
		zend_unwrap_reference(ret);
	}
	if (!rv) {
		zval_ptr_dtor(&tmp);
	}
	return SUCCESS;
}

static zend_result cf_call(cf_meta *m, zend_object *obj, zend_string *method, zval *rv, uint32_t argc, zval *argv)
{
	return cf_call_ex(m, obj, method, NULL, rv, argc, argv);
}

static zend_result cf_fe_get(cf_meta *m, zend_string *key, zval *rv)
{
	zval arg;
	ZVAL_STR(&arg, key);
	if (cf_call_ex(m, Z_OBJ(m->frontend), cf_s_get, &m->fe_get, rv, 1, &arg) == FAILURE) {
		ZVAL_NULL(rv);
		return FAILURE;
	}
	if (Z_TYPE_P(rv) != IS_ARRAY) {
		zval_ptr_dtor(rv);
		ZVAL_NULL(rv);
	}
	return SUCCESS;
}

static zend_result cf_fe_set(cf_meta *m, zend_string *key, zval *record, zval *tags, zend_long lifetime,
	const char *shared, size_t shared_len, bool *stored)
{
	ZEND_ASSERT(shared == NULL); /* no get_shared_payload: never offered any */
	*stored = true;
	zval args[4];
	ZVAL_STR(&args[0], key);
	ZVAL_COPY_VALUE(&args[1], record);
	ZVAL_COPY_VALUE(&args[2], tags);
	ZVAL_LONG(&args[3], lifetime);
	return cf_call_ex(m, Z_OBJ(m->frontend), cf_s_set, &m->fe_set, NULL, 4, args);
}

static zend_result cf_fe_remove(cf_meta *m, zend_string *key, bool *removed)
{
	zval arg, rv;
	ZVAL_STR(&arg, key);
	if (cf_call(m, Z_OBJ(m->frontend), cf_s_remove, &rv, 1, &arg) == FAILURE) {
		return FAILURE;
	}
	*removed = zend_is_true(&rv);
	zval_ptr_dtor(&rv);
	return SUCCESS;
}

static zend_result cf_fe_flush_by_tag(cf_meta *m, zend_string *tag)
{
	zval arg;
	ZVAL_STR(&arg, tag);
	return cf_call(m, Z_OBJ(m->frontend), cf_s_flushByTag, NULL, 1, &arg);
}

static zend_result cf_fe_flush_by_tags(cf_meta *m, zval *tags)
{
	return cf_call(m, Z_OBJ(m->frontend), cf_s_flushByTags, NULL, 1, tags);
}

/* getBackend() of the frontend, cached. NULL without an exception when the frontend has no such
 * method or returns a non-object; NULL with one pending when getBackend() failed. */
static zend_object *cf_fe_backend(cf_meta *m)
{
	if (m->backend_obj) {
		return m->backend_obj;
	}
	zval rv;
	zend_function *fn = zend_hash_find_ptr_lc(&Z_OBJCE(m->frontend)->function_table, cf_s_getBackend);
	if (!fn) {
		return NULL;
	}
	if (cf_call(m, Z_OBJ(m->frontend), cf_s_getBackend, &rv, 0, NULL) == FAILURE) {
		/* NULL with the exception pending: the store failed (the caller reports it) */
		return NULL;
	}
	if (Z_TYPE(rv) != IS_OBJECT) {
		zval_ptr_dtor(&rv);
		return NULL;
	}
	if (m->backend_obj) {
		/* answered re-entrantly meanwhile */
		zval_ptr_dtor(&rv);
		return m->backend_obj;
	}
	/* Owned: a frontend may hand out a new backend object per call, so ours must stay alive. */
	m->backend_obj = Z_OBJ(rv);
	return m->backend_obj;
}

static zend_result cf_fe_find_by_tag(cf_meta *m, zend_string *tag, zval *rv)
{
	zend_object *backend = cf_fe_backend(m);
	array_init(rv);
	if (!backend) {
		return EG(exception) ? FAILURE : SUCCESS;
	}
	zend_function *fn = zend_hash_find_ptr_lc(&backend->ce->function_table, cf_s_findIdentifiersByTag);
	if (!fn) {
		/* not a taggable backend: nothing can be found by tag */
		return SUCCESS;
	}
	zval arg, ret;
	ZVAL_STR(&arg, tag);
	if (cf_call(m, backend, cf_s_findIdentifiersByTag, &ret, 1, &arg) == FAILURE) {
		return FAILURE;
	}
	if (Z_TYPE(ret) == IS_ARRAY) {
		zval *v;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL(ret), v)
		{
			ZVAL_DEREF(v);
			if (Z_TYPE_P(v) == IS_STRING) {
				/* may be interned (a literal of the frontend's code): never Z_ADDREF it */
				add_next_index_str(rv, zend_string_copy(Z_STR_P(v)));
			}
		}
		ZEND_HASH_FOREACH_END();
	}
	zval_ptr_dtor(&ret);
	return SUCCESS;
}

static zend_result cf_fe_collect_garbage(cf_meta *m)
{
	return cf_call(m, Z_OBJ(m->frontend), cf_s_collectGarbage, NULL, 0, NULL);
}

static zend_object *cf_fe_backend_object(cf_meta *m)
{
	return cf_fe_backend(m);
}

static void cf_fe_dtor(cf_meta *m)
{
	zval_ptr_dtor(&m->frontend);
	ZVAL_UNDEF(&m->frontend);
	if (m->backend_obj) {
		OBJ_RELEASE(m->backend_obj);
		m->backend_obj = NULL;
	}
}

static void cf_fe_get_gc(cf_meta *m, zend_get_gc_buffer *buf)
{
	zend_get_gc_buffer_add_zval(buf, &m->frontend);
	if (m->backend_obj) {
		zend_get_gc_buffer_add_obj(buf, m->backend_obj);
	}
}

static const cf_meta_ops cf_meta_frontend_ops = {
	cf_fe_get,
	cf_fe_set,
	cf_fe_remove,
	cf_fe_flush_by_tag,
	cf_fe_flush_by_tags,
	cf_fe_find_by_tag,
	cf_fe_collect_garbage,
	cf_fe_backend_object,
	cf_fe_dtor,
	cf_fe_get_gc,
	/* end_unit: nothing per unit of work; get_shared_payload: a cache frontend keeps no payloads */
	NULL,
	NULL,
};

void cf_meta_frontend_init(cf_meta *m, zval *frontend)
{
	m->ops = &cf_meta_frontend_ops;
	m->depth = 0;
	ZVAL_COPY(&m->frontend, frontend);
	m->backend_obj = NULL;
	m->native = NULL;
	m->fe_ce = NULL;
	m->fe_get = m->fe_set = NULL;
}

/* ---- the record's PHP form --------------------------------------------------------------------- */

static zval *cf_field(HashTable *ht, zend_string *key, zend_uchar type)
{
	zval *v = zend_hash_find(ht, key);
	if (!v) {
		return NULL;
	}
	ZVAL_DEREF(v);
	return Z_TYPE_P(v) == type ? v : NULL;
}

bool cf_record_from_array(zval *arr, const char *identifier, size_t identifier_len, cf_record *out)
{
	if (Z_TYPE_P(arr) != IS_ARRAY) {
		return false;
	}
	HashTable *ht = Z_ARRVAL_P(arr);
	zval *id = cf_field(ht, cf_s_identifier, IS_STRING);
	zval *hash = cf_field(ht, cf_s_hash, IS_STRING);
	zval *checksum = cf_field(ht, cf_s_checksum, IS_STRING);
	zval *created = cf_field(ht, cf_s_createdAt, IS_LONG);
	zval *expires = cf_field(ht, cf_s_expiresAt, IS_LONG);
	zval *serializer = cf_field(ht, cf_s_serializer, IS_STRING);
	zval *compression = cf_field(ht, cf_s_compression, IS_STRING);
	zval *size = cf_field(ht, cf_s_payloadSize, IS_LONG);
	zval *tags = cf_field(ht, cf_s_tags, IS_ARRAY);
	zval *state = cf_field(ht, cf_s_state, IS_STRING);
	zval *version = cf_field(ht, cf_s_backendVersion, IS_LONG);
	if (!id || !hash || !checksum || !created || !expires || !serializer || !compression || !size || !tags || !state ||
		!version) {
		return false;
	}
	if (Z_STRLEN_P(id) != identifier_len || memcmp(Z_STRVAL_P(id), identifier, identifier_len) != 0) {
		return false;
	}
	/* As the reference: non-string tags are ignored, every string must be a valid tag. */
	zval *tag;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(tags), tag)
	{
		ZVAL_DEREF(tag);
		if (Z_TYPE_P(tag) == IS_STRING && !cf_ident_is_valid(Z_STRVAL_P(tag), Z_STRLEN_P(tag))) {
			return false;
		}
	}
	ZEND_HASH_FOREACH_END();
	if (!cf_record_parse_digest(Z_STRVAL_P(hash), Z_STRLEN_P(hash), out->hash) ||
		!cf_record_parse_digest(Z_STRVAL_P(checksum), Z_STRLEN_P(checksum), out->checksum) ||
		!cf_record_check_serializer(Z_STRVAL_P(serializer), Z_STRLEN_P(serializer)) ||
		!cf_record_parse_compression(Z_STRVAL_P(compression), Z_STRLEN_P(compression), &out->compression) ||
		!cf_record_parse_state(Z_STRVAL_P(state), Z_STRLEN_P(state), &out->broken)) {
		return false;
	}
	out->created_at = Z_LVAL_P(created);
	out->expires_at = Z_LVAL_P(expires);
	out->payload_size = Z_LVAL_P(size);
	out->backend_version = Z_LVAL_P(version);
	return cf_record_check_numbers(out);
}

void cf_record_to_array(
	zval *rv, const char *identifier, size_t identifier_len, const cf_record *r, const char *serializer, zval *tags)
{
	zval v;
	char digest[sizeof(CF_DIGEST_PREFIX) + CF_HEX64_LEN];
	array_init_size(rv, 11);
	HashTable *ht = Z_ARRVAL_P(rv);

	ZVAL_STRINGL(&v, identifier, identifier_len);
	zend_hash_add_new(ht, cf_s_identifier, &v);
	snprintf(digest, sizeof(digest), CF_DIGEST_PREFIX "%s", r->hash);
	ZVAL_STRINGL(&v, digest, sizeof(digest) - 1);
	zend_hash_add_new(ht, cf_s_hash, &v);
	snprintf(digest, sizeof(digest), CF_DIGEST_PREFIX "%s", r->checksum);
	ZVAL_STRINGL(&v, digest, sizeof(digest) - 1);
	zend_hash_add_new(ht, cf_s_checksum, &v);
	ZVAL_LONG(&v, r->created_at);
	zend_hash_add_new(ht, cf_s_createdAt, &v);
	ZVAL_LONG(&v, r->expires_at);
	zend_hash_add_new(ht, cf_s_expiresAt, &v);
	ZVAL_STRING(&v, serializer);
	zend_hash_add_new(ht, cf_s_serializer, &v);
	ZVAL_STRING(&v, cf_codec_name(r->compression));
	zend_hash_add_new(ht, cf_s_compression, &v);
	ZVAL_LONG(&v, r->payload_size);
	zend_hash_add_new(ht, cf_s_payloadSize, &v);
	ZVAL_COPY(&v, tags);
	zend_hash_add_new(ht, cf_s_tags, &v);
	ZVAL_STRING(&v, r->broken ? "broken" : "valid");
	zend_hash_add_new(ht, cf_s_state, &v);
	ZVAL_LONG(&v, r->backend_version);
	zend_hash_add_new(ht, cf_s_backendVersion, &v);
}
