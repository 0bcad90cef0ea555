/*
 * clusterfile: reading backend options out of a PHP array (see php_options.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "php_options.h"
#include "php_errors.h"
#include "dsn.h"

static void cf_value_from_zval(zval *zv, cf_value *v)
{
	memset(v, 0, sizeof(*v));
	ZVAL_DEREF(zv);
	switch (Z_TYPE_P(zv)) {
	case IS_FALSE:
	case IS_TRUE:
		v->type = CF_V_BOOL;
		v->b = Z_TYPE_P(zv) == IS_TRUE;
		break;
	case IS_LONG:
		v->type = CF_V_INT;
		v->i = Z_LVAL_P(zv);
		break;
	case IS_DOUBLE:
		v->type = CF_V_FLOAT;
		v->d = Z_DVAL_P(zv);
		break;
	case IS_STRING:
		v->type = CF_V_STRING;
		v->s = Z_STRVAL_P(zv);
		v->len = Z_STRLEN_P(zv);
		break;
	case IS_ARRAY:
		v->type = CF_V_ARRAY;
		break;
	case IS_OBJECT:
		v->type = CF_V_OBJECT;
		break;
	default:
		v->type = CF_V_NULL;
		break;
	}
}

/* Applies every key of ht under parent; an integer key is reported by its decimal form. */
static void cf_apply_all(cf_options *o, const char *parent, HashTable *ht, cf_errors *e, zval *metadata_cache)
{
	zend_string *key;
	zend_ulong idx;
	zval *zv;
	ZEND_HASH_FOREACH_KEY_VAL(ht, idx, key, zv)
	{
		char numbuf[MAX_LENGTH_OF_LONG + 1];
		const char *name;
		size_t name_len;
		if (key) {
			name = ZSTR_VAL(key);
			name_len = ZSTR_LEN(key);
		} else {
			name_len = (size_t)snprintf(numbuf, sizeof(numbuf), ZEND_LONG_FMT, (zend_long)idx);
			name = numbuf;
		}
		cf_value v;
		cf_value_from_zval(zv, &v);
		cf_options_apply(o, parent, name, name_len, &v, e);
		ZVAL_DEREF(zv);
		if (!parent && key && v.type == CF_V_ARRAY && zend_string_equals_literal(key, "namespace")) {
			cf_apply_all(o, "namespace", Z_ARRVAL_P(zv), e, NULL);
		}
		if (!parent && key && v.type == CF_V_OBJECT && metadata_cache &&
			zend_string_equals_literal(key, "metadataCache")) {
			zval_ptr_dtor(metadata_cache);
			ZVAL_COPY(metadata_cache, zv);
		}
	}
	ZEND_HASH_FOREACH_END();
}

zend_result cf_php_options_parse(HashTable *options, cf_options *o, zval *metadata_cache)
{
	cf_errors e;
	cf_options_init(o);
	cf_errors_init(&e);
	ZVAL_UNDEF(metadata_cache);
	cf_apply_all(o, NULL, options, &e, metadata_cache);
	cf_options_finish(o, &e);
	if (e.count > 0) {
		cf_throw_invalid_cache(CF_E_OPTIONS_INVALID, "ClusterFileBackend options invalid:\n%s", e.buf ? e.buf : "");
		cf_errors_dtor(&e);
		zval_ptr_dtor(metadata_cache);
		ZVAL_UNDEF(metadata_cache);
		return FAILURE;
	}
	cf_errors_dtor(&e);
	return SUCCESS;
}

void cf_php_options_to_array(const cf_options *o, zval *rv)
{
	zval ns;
	array_init(rv);
	add_assoc_stringl(rv, "localPath", o->local_path, o->local_path_len);
	if (o->metadata_cache_identifier) {
		add_assoc_string(rv, "metadataCacheIdentifier", o->metadata_cache_identifier);
	}
	if (o->metadata_dsn) {
		/* never the password */
		size_t len = strlen(o->metadata_dsn);
		size_t n = cf_dsn_redact(o->metadata_dsn, len, NULL, 0);
		zend_string *red = zend_string_alloc(n, 0);
		cf_dsn_redact(o->metadata_dsn, len, ZSTR_VAL(red), n + 1);
		add_assoc_str(rv, "metadataDsn", red);
		add_assoc_bool(rv, "recordKey", o->record_key != NULL);
	}
	array_init(&ns);
	add_assoc_string(&ns, "environment", o->ns_environment);
	add_assoc_string(&ns, "instance", o->ns_instance);
	add_assoc_zval(rv, "namespace", &ns);
	add_assoc_string(rv, "compression", cf_codec_name(o->compression));
	add_assoc_string(rv, "compressionCodec", cf_codec_name(o->compression_codec));
	add_assoc_string(rv, "serializer", o->serializer_igbinary ? "igbinary" : "php");
	add_assoc_long(rv, "defaultLifetimeSeconds", (zend_long)o->default_lifetime);
	add_assoc_long(rv, "maxPayloadBytes", (zend_long)o->max_payload_bytes);
	add_assoc_long(rv, "minCompressedBytes", (zend_long)o->min_compressed_bytes);
	add_assoc_long(rv, "payloadL1MaxEntries", (zend_long)o->payload_l1_max_entries);
	add_assoc_long(rv, "payloadL1MaxBytes", (zend_long)o->payload_l1_max_bytes);
	add_assoc_long(rv, "l1MaxAgeSeconds", (zend_long)o->l1_max_age_seconds);
	add_assoc_long(rv, "localMaxBytes", (zend_long)o->local_max_bytes);
	add_assoc_long(rv, "localMaxAgeSeconds", (zend_long)o->local_max_age_seconds);
	add_assoc_string(rv, "backendVersionEnvVar", o->backend_version_env_var);
	add_assoc_bool(rv, "fsync", o->fsync);
	add_assoc_long(rv, "sharedPayloadMaxBytes", (zend_long)o->shared_payload_max);
	add_assoc_bool(rv, "metadataCache", o->has_metadata_cache);
}
