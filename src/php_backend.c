/*
 * clusterfile: the ClusterFile\NativeBackend class - the object's life: handlers, construction,
 * setCache(), reset(), the accessors and getStatistics(), the L1s' lifetime (see php_backend.h; the
 * methods' other parts are listed in php_backend_int.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <time.h>

#include "php.h"
#include "ext/date/php_date.h"
#include "SAPI.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_attributes.h"
#include "ext/standard/info.h"

#include "php_clusterfile.h"
#include "compat.h"
#include "alloc.h"
#include "codec.h"
#include "clock.h"
#include "hash.h"
#include "ident.h"
#include "lru.h"
#include "options.h"
#include "record.h"
#include "store.h"
#include "meta.h"
#include "php_backend.h"
#include "php_errors.h"
#include "php_options.h"
#include "php_typo3.h"
#include "php_gc.h"
#include "php_verified.h"
#include "php_meta_redis.h"
#include "php_shared_payload.h"
#include "counters.h"
#include "metrics.h"
#include "php_metrics.h"
#include "../stubs/backend_arginfo.h"
#include "php_backend_int.h"

zend_class_entry *cf_backend_ce;
static zend_object_handlers cf_backend_handlers;

/* The getStatistics() key of each counter. */
static const char *const cf_counter_labels[] = {
#define CF_COUNTER_LABEL(name, label) label,
	CF_COUNTERS(CF_COUNTER_LABEL)
#undef CF_COUNTER_LABEL
};

static void *cf_ealloc(size_t n, void *ctx)
{
	return emalloc(n ? n : 1);
}
static void *cf_erealloc(void *p, size_t n, void *ctx)
{
	return erealloc(p, n ? n : 1);
}
static void cf_efree(void *p, void *ctx)
{
	efree(p);
}
const cf_allocator cf_emalloc_allocator = {cf_ealloc, cf_erealloc, cf_efree, NULL};

static void cf_l1_release(void *value, void *ctx)
{
	zend_string_release((zend_string *)value);
}

static void cf_meta_l1_dtor(zval *zv)
{
	if (Z_TYPE_P(zv) == IS_PTR) {
		cf_meta_l1_entry *e = Z_PTR_P(zv);
		zval_ptr_dtor(&e->raw);
		efree(e);
	}
}

static zend_object *cf_backend_create(zend_class_entry *ce)
{
	cf_backend *b = zend_object_alloc(sizeof(cf_backend), ce);
	zend_object_std_init(&b->std, ce);
	object_properties_init(&b->std, ce);
	b->std.handlers = &cf_backend_handlers;
	ZVAL_UNDEF(&b->meta_option);
	zend_hash_init(&b->meta_l1, 8, NULL, cf_meta_l1_dtor, 0);
	zend_hash_init(&b->verified, 8, NULL, NULL, 0);
	zend_hash_init(&b->blob_missed, 8, NULL, ZVAL_PTR_DTOR, 0);
	return &b->std;
}

static void cf_backend_free(zend_object *obj)
{
	cf_backend *b = cf_backend_from_obj(obj);
	if (b->meta.ops) {
		b->meta.ops->dtor(&b->meta);
		b->meta.ops = NULL;
	}
	zval_ptr_dtor(&b->meta_option);
	cf_lru_destroy(b->payload_l1);
	zend_hash_destroy(&b->meta_l1);
	zend_hash_destroy(&b->verified);
	zend_hash_destroy(&b->blob_missed);
	if (b->cache_name) {
		zend_string_release(b->cache_name);
	}
	if (b->ns_tag) {
		zend_string_release(b->ns_tag);
	}
	if (b->constructed) {
		cf_store_dtor(&b->store);
	}
	cf_options_dtor(&b->opts);
	zend_object_std_dtor(obj);
}

static HashTable *cf_backend_get_gc(zend_object *obj, zval **table, int *n)
{
	cf_backend *b = cf_backend_from_obj(obj);
	zend_get_gc_buffer *buf = zend_get_gc_buffer_create();
	zend_get_gc_buffer_add_zval(buf, &b->meta_option);
	if (b->meta.ops) {
		b->meta.ops->get_gc(&b->meta, buf);
	}
	zend_get_gc_buffer_use(buf, table, n);
	return zend_std_get_properties(obj);
}

/*
 * Empties a table whose element destructor may run userland code (a record array holding an
 * object with a __destruct that re-enters the backend): the table is detached first and a fresh
 * one takes its place, so a re-entrant lookup or insert meets the new, empty table, never a bucket
 * being destroyed.
 */
static void cf_hash_reset(HashTable *ht)
{
	if (zend_hash_num_elements(ht) == 0) {
		return;
	}
	HashTable old = *ht;
	zend_hash_init(ht, 8, NULL, old.pDestructor, 0);
	zend_hash_destroy(&old);
}

/* Empties every request-scoped structure. */
void cf_backend_clear_l1(cf_backend *b)
{
	cf_lru_clear(b->payload_l1); /* zend_strings only: no userland runs */
	cf_hash_reset(&b->meta_l1);
	cf_hash_reset(&b->verified);
	/* and localPath's kept descriptor: a unit of work never reads a localPath moved away before it */
	cf_store_release_root(&b->store);
}

/*
 * Called at the top of every method: a new request or unit of work (ClusterFile\reset()) starts
 * with empty L1s, and L1s older than l1MaxAgeSeconds are emptied, so a worker that serves many
 * units of work in one PHP request revalidates against the metadata store at least that often.
 */
void cf_backend_touch(cf_backend *b)
{
	if (b->epoch != CF_G(request_epoch)) {
		cf_backend_clear_l1(b);
		b->epoch = CF_G(request_epoch);
		b->l1_since = cf_monotonic_ms();
		return;
	}
	if (b->opts.l1_max_age_seconds > 0) {
		int64_t now = cf_monotonic_ms();
		if (now - b->l1_since >= b->opts.l1_max_age_seconds * 1000) {
			cf_backend_clear_l1(b);
			b->l1_since = now;
		}
	}
}

static void cf_read_backend_version(cf_backend *b)
{
	const char *name = b->opts.backend_version_env_var;
	size_t len = strlen(name);
	char *value = sapi_getenv(name, len);
	if (value) {
		b->backend_version = cf_backend_version(value, strlen(value));
		efree(value);
		return;
	}
	const char *env = getenv(name);
	b->backend_version = cf_backend_version(env, env ? strlen(env) : 0);
}

static void cf_set_cache_name(cf_backend *b, const char *name, size_t len)
{
	char buf[CF_KEY_BUF];
	if (b->cache_name) {
		zend_string_release(b->cache_name);
	}
	if (b->ns_tag) {
		zend_string_release(b->ns_tag);
	}
	b->cache_name = zend_string_init(name, len, 0);
	size_t n = cf_ident_ns_tag(name, len, buf);
	b->ns_tag = zend_string_init(buf, n, 0);
	b->mcells = NULL;
	b->mcells_resolved = false; /* looked up on the first count under this name */
}

/*
 * One of TYPO3's SYS.folderCreateMask / SYS.fileCreateMask when set: as TYPO3 reads them, the
 * digits of the value taken as octal ("2775", "0664", " 0775 ", or the int 664). Anything else
 * (unset, not 3-5 octal digits, a mode without the owner's rwx/rw) is CF_STORE_MODE_UMASK: the
 * process umask decides (TYPO3's octdec() would make a mode of any garbage; this falls back instead).
 */
static int cf_typo3_create_mask(const char *key, size_t key_len, int owner_needs)
{
	zval *conf;
	zval *v;
	char digits[24];
	size_t n, i;
	int mode = 0;

	conf = zend_hash_str_find_deref(&EG(symbol_table), ZEND_STRL("TYPO3_CONF_VARS"));
	if (!conf || Z_TYPE_P(conf) != IS_ARRAY) {
		return CF_STORE_MODE_UMASK;
	}
	v = zend_hash_str_find_deref(Z_ARRVAL_P(conf), ZEND_STRL("SYS"));
	if (!v || Z_TYPE_P(v) != IS_ARRAY) {
		return CF_STORE_MODE_UMASK;
	}
	v = zend_hash_str_find_deref(Z_ARRVAL_P(v), key, key_len);
	if (!v) {
		return CF_STORE_MODE_UMASK;
	}
	if (Z_TYPE_P(v) == IS_STRING) {
		n = Z_STRLEN_P(v);
		if (n >= sizeof(digits)) {
			return CF_STORE_MODE_UMASK;
		}
		memcpy(digits, Z_STRVAL_P(v), n);
	} else if (Z_TYPE_P(v) == IS_LONG && Z_LVAL_P(v) >= 0) {
		n = (size_t)snprintf(digits, sizeof(digits), ZEND_LONG_FMT, Z_LVAL_P(v));
	} else {
		return CF_STORE_MODE_UMASK;
	}
	/* surrounding whitespace (a settings file's "0775 "), then 3-5 octal digits ("664", "2775", "02775") */
	size_t start = 0;
	while (start < n && (digits[start] == ' ' || digits[start] == '\t' || digits[start] == '\n')) {
		start++;
	}
	while (n > start && (digits[n - 1] == ' ' || digits[n - 1] == '\t' || digits[n - 1] == '\n')) {
		n--;
	}
	if (n - start < 3 || n - start > 5) {
		return CF_STORE_MODE_UMASK;
	}
	for (i = start; i < n; i++) {
		if (digits[i] < '0' || digits[i] > '7') {
			return CF_STORE_MODE_UMASK;
		}
		mode = mode * 8 + (digits[i] - '0');
	}
	/* no set-id bits on files, no setuid on directories (setgid and sticky are TYPO3's folder habits) */
	int forbidden = owner_needs == 0600 ? 07000 : 04000;
	if (mode > 07777 || (mode & forbidden) || (mode & owner_needs) != owner_needs) {
		/* a mode the store's own processes could not use ("000", "0444" for directories) */
		return CF_STORE_MODE_UMASK;
	}
	return mode;
}

/* The local store for this backend's options: modes from TYPO3's masks, the atime refresh the GC needs. */
static cf_store_status cf_backend_init_store(cf_backend *b, const char *suffix)
{
	cf_gc_limits lim;
	cf_store_status st = cf_store_init(&b->store, b->opts.local_path, b->opts.local_path_len, suffix, b->opts.fsync);
	if (st != CF_STORE_OK) {
		return st;
	}
	b->store.dir_mode = cf_typo3_create_mask(ZEND_STRL("folderCreateMask"), 0700);
	b->store.file_mode = cf_typo3_create_mask(ZEND_STRL("fileCreateMask"), 0600);
	cf_php_gc_limits(&b->opts, &lim);
	b->store.touch_after = cf_gc_touch_interval(&lim);
	return CF_STORE_OK;
}

PHP_METHOD(ClusterFile_NativeBackend, __construct)
{
	HashTable *options = NULL;
	ZEND_PARSE_PARAMETERS_START(0, 1)
	Z_PARAM_OPTIONAL
	Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	cf_backend *b = Z_CF_BACKEND_P(ZEND_THIS);
	if (b->constructed) {
		zend_throw_error(NULL, "Cannot call constructor twice");
		RETURN_THROWS();
	}
	/* a constructor that failed before may have left parsed options behind */
	cf_options_dtor(&b->opts);
	zval_ptr_dtor(&b->meta_option);
	ZVAL_UNDEF(&b->meta_option);
	HashTable empty;
	if (!options) {
		zend_hash_init(&empty, 0, NULL, NULL, 0);
		options = &empty;
	}
	zend_result r = cf_php_options_parse(options, &b->opts, &b->meta_option);
	if (options == &empty) {
		zend_hash_destroy(&empty);
	}
	if (r == FAILURE) {
		RETURN_THROWS();
	}
	if (cf_meta_redis_check(&b->opts) == FAILURE) {
		RETURN_THROWS();
	}
	if (cf_backend_init_store(b, NULL) != CF_STORE_OK) {
		cf_throw_invalid_cache(
			CF_E_OPTIONS_INVALID, "ClusterFileBackend options invalid:\n[localPath] is not usable as a store root");
		RETURN_THROWS();
	}
	b->primary = b->opts.compression;
	if (b->opts.serializer_igbinary && zend_hash_str_exists(&module_registry, ZEND_STRL("igbinary"))) {
		const char *v = zend_get_module_version("igbinary");
		size_t major = v ? strcspn(v, ".") : 0;
		if (major > 0 && major <= 16) {
			snprintf(b->serializer, sizeof(b->serializer), "igbinary:%.*s", (int)major, v);
		} else {
			snprintf(b->serializer, sizeof(b->serializer), "igbinary:unknown");
		}
	} else {
		snprintf(b->serializer, sizeof(b->serializer), "php:native");
	}
	cf_read_backend_version(b);
	b->payload_l1 = cf_lru_create((size_t)b->opts.payload_l1_max_entries, (size_t)b->opts.payload_l1_max_bytes,
		&cf_emalloc_allocator, cf_l1_release, NULL);
	cf_set_cache_name(b, ZEND_STRL("unbound"));
	b->epoch = CF_G(request_epoch);
	b->l1_since = cf_monotonic_ms();
	b->constructed = true;
}

zend_result cf_backend_bind_probe(zend_object *obj, zend_string *cache)
{
	cf_backend *b = cf_backend_from_obj(obj);
	ZEND_ASSERT(b->constructed);
	if (!cf_cache_name_is_valid(ZSTR_VAL(cache), ZSTR_LEN(cache))) {
		char shown[72];
		cf_printable(ZSTR_VAL(cache), ZSTR_LEN(cache), shown);
		cf_throw_invalid_argument(CF_E_CACHE_NAME,
			"ClusterFileBackend cannot serve the cache \"%s\": a cache identifier must match ^[a-zA-Z0-9_%%&-]{1,64}$, "
			"contain no \"__\" and not end in \"_\"",
			shown);
		return FAILURE;
	}
	cf_set_cache_name(b, ZSTR_VAL(cache), ZSTR_LEN(cache));
	b->mcells = NULL;
	b->mcells_resolved = true;
	return SUCCESS;
}

/* TYPO3's cache backends that keep their data in one process or one pod: a metadata cache on one of
 * them is not shared, whatever it answers. */
static const char *const cf_local_backends[] = {
	"TYPO3\\CMS\\Core\\Cache\\Backend\\TransientMemoryBackend",
	"TYPO3\\CMS\\Core\\Cache\\Backend\\NullBackend",
	"TYPO3\\CMS\\Core\\Cache\\Backend\\SimpleFileBackend",
	"TYPO3\\CMS\\Core\\Cache\\Backend\\FileBackend",
	"TYPO3\\CMS\\Core\\Cache\\Backend\\ApcuBackend",
};

zend_result cf_backend_probe_metadata(zend_object *obj, zend_string *entry, const char **local_kind)
{
	cf_backend *b = cf_backend_from_obj(obj);
	*local_kind = NULL;
	cf_meta *m = cf_backend_meta(b);
	if (!m) {
		return FAILURE;
	}
	zval rv;
	zend_string *key = cf_meta_key(b, entry);
	zend_result r = cf_meta_counted(b, m->ops->get(m, key, &rv));
	zend_string_release(key);
	if (r == FAILURE) {
		return FAILURE;
	}
	zval_ptr_dtor(&rv);
	zend_object *backend = m->ops->backend_object(m); /* NULL for the native store */
	if (EG(exception)) {
		return FAILURE;
	}
	for (zend_class_entry *ce = backend ? backend->ce : NULL; ce; ce = ce->parent) {
		for (size_t i = 0; i < sizeof(cf_local_backends) / sizeof(cf_local_backends[0]); i++) {
			if (zend_binary_strcasecmp(
					ZSTR_VAL(ce->name), ZSTR_LEN(ce->name), cf_local_backends[i], strlen(cf_local_backends[i])) == 0) {
				*local_kind = cf_local_backends[i] + sizeof("TYPO3\\CMS\\Core\\Cache\\Backend\\") - 1;
				return SUCCESS;
			}
		}
	}
	return SUCCESS;
}

zend_long cf_backend_probe_count(zend_object *obj, int counter)
{
	return cf_backend_from_obj(obj)->counters[counter];
}

zend_result cf_backend_probe_local_path(zend_object *obj)
{
	return cf_store_ensure_root(&cf_backend_from_obj(obj)->store) == CF_STORE_OK ? SUCCESS : FAILURE;
}

PHP_METHOD(ClusterFile_NativeBackend, setCache)
{
	zval *cache;
	ZEND_PARSE_PARAMETERS_START(1, 1)
	Z_PARAM_OBJECT(cache)
	ZEND_PARSE_PARAMETERS_END();
	CF_BACKEND_FETCH(b);

	zval id;
	zend_string *method = zend_string_init_fast(ZEND_STRL("getIdentifier"));
	zend_result r = zend_call_method_if_exists(Z_OBJ_P(cache), method, &id, 0, NULL);
	zend_string_release(method);
	if (r == FAILURE || EG(exception)) {
		if (!EG(exception)) {
			zend_argument_type_error(1, "must be a cache frontend with a getIdentifier() method, %s given",
				ZSTR_VAL(Z_OBJCE_P(cache)->name));
		}
		RETURN_THROWS();
	}
	if (Z_TYPE(id) != IS_STRING || !cf_cache_name_is_valid(Z_STRVAL(id), Z_STRLEN(id))) {
		char shown[72] = "";
		if (Z_TYPE(id) == IS_STRING) {
			cf_printable(Z_STRVAL(id), Z_STRLEN(id), shown);
		}
		zval_ptr_dtor(&id);
		cf_throw_invalid_argument(CF_E_CACHE_NAME,
			"ClusterFileBackend cannot serve the cache \"%s\": a cache identifier must match ^[a-zA-Z0-9_%%&-]{1,64}$, "
			"contain no \"__\" and not end in \"_\"",
			shown);
		RETURN_THROWS();
	}
	bool php_mode = cf_typo3_is_php_frontend(Z_OBJCE_P(cache));
	if (php_mode != b->php_mode || !b->cache_name || !zend_string_equals(b->cache_name, Z_STR(id))) {
		cf_store_dtor(&b->store);
		if (cf_backend_init_store(b, php_mode ? ".php" : NULL) != CF_STORE_OK) {
			/* the same root was accepted at construction; only allocation can fail here */
			zval_ptr_dtor(&id);
			zend_throw_error(NULL, "ClusterFileBackend: cannot re-initialise the local store");
			RETURN_THROWS();
		}
		b->php_mode = php_mode;
		b->primary = php_mode ? CF_CODEC_NONE : b->opts.compression;
	}
	cf_set_cache_name(b, Z_STRVAL(id), Z_STRLEN(id));
	zval_ptr_dtor(&id);
	if (b->meta.ops && b->meta.native) {
		/* the native store's namespace is the cache's: made again for the new name on first use */
		b->meta.ops->dtor(&b->meta);
		b->meta.ops = NULL;
	}
	cf_backend_clear_l1(b);
}

PHP_METHOD(ClusterFile_NativeBackend, reset)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CF_BACKEND_FETCH(b);
	cf_backend_clear_l1(b);
	if (b->meta.ops && b->meta.ops->end_unit) {
		b->meta.ops->end_unit(&b->meta);
	}
	cf_php_gc_local_forget(b->opts.local_path, b->opts.local_path_len);
	if (b->meta.ops && Z_TYPE(b->meta.frontend) == IS_OBJECT) {
		cf_php_gc_meta_forget(Z_OBJ(b->meta.frontend));
	}
}

PHP_METHOD(ClusterFile_NativeBackend, getOptions)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CF_BACKEND_FETCH(b);
	cf_php_options_to_array(&b->opts, return_value);
}

PHP_METHOD(ClusterFile_NativeBackend, getStatistics)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CF_BACKEND_FETCH(b);
	zval miss, flush, flush_err;
	array_init(return_value);
	add_assoc_str(return_value, "cacheName", zend_string_copy(b->cache_name));
	char ns[256];
	snprintf(ns, sizeof(ns), "cfb:%s:%s:%s", b->opts.ns_environment, b->opts.ns_instance, ZSTR_VAL(b->cache_name));
	add_assoc_string(return_value, "namespace", ns);
	add_assoc_long(return_value, "backendVersion", (zend_long)b->backend_version);
	add_assoc_string(return_value, "serializer", b->serializer);
	add_assoc_string(return_value, "compression", cf_compression_name(b));
	add_assoc_long(return_value, cf_counter_labels[CF_M_HIT], b->counters[CF_M_HIT]);
	add_assoc_long(return_value, cf_counter_labels[CF_M_LOCAL_HIT], b->counters[CF_M_LOCAL_HIT]);
	add_assoc_long(return_value, cf_counter_labels[CF_M_L1_HIT], b->counters[CF_M_L1_HIT]);
	array_init(&miss);
	for (int i = CF_M_MISS_METADATA_ERROR; i <= CF_M_MISS_EXPIRED; i++) {
		add_assoc_long(&miss, cf_counter_labels[i], b->counters[i]);
	}
	add_assoc_zval(return_value, "cache_miss_total", &miss);
	for (int i = CF_M_BLOB_MISS; i <= CF_M_WRITE_ERROR; i++) {
		add_assoc_long(return_value, cf_counter_labels[i], b->counters[i]);
	}
	array_init(&flush);
	add_assoc_long(&flush, cf_counter_labels[CF_M_FLUSH_FULL], b->counters[CF_M_FLUSH_FULL]);
	add_assoc_long(&flush, cf_counter_labels[CF_M_FLUSH_TAG], b->counters[CF_M_FLUSH_TAG]);
	add_assoc_zval(return_value, "cache_flush_total", &flush);
	array_init(&flush_err);
	for (int i = CF_M_FLUSH_ERR_FLUSH; i <= CF_M_INVALIDATION_ERROR; i++) {
		add_assoc_long(&flush_err, cf_counter_labels[i], b->counters[i]);
	}
	add_assoc_zval(return_value, "cache_flush_error_total", &flush_err);
	for (int i = CF_M_REQUIRE_HIT; i <= CF_M_STATS_LAST; i++) {
		add_assoc_long(return_value, cf_counter_labels[i], b->counters[i]);
	}
	add_assoc_long(return_value, "payload_l1_entries", (zend_long)cf_lru_count(b->payload_l1));
	add_assoc_long(return_value, "payload_l1_bytes", (zend_long)cf_lru_bytes(b->payload_l1));
}

PHP_METHOD(ClusterFile_NativeBackend, getMetadataCacheIdentifier)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CF_BACKEND_FETCH(b);
	RETURN_STRING(b->opts.metadata_cache_identifier ? b->opts.metadata_cache_identifier : "");
}

PHP_METHOD(ClusterFile_NativeBackend, getLocalPath)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CF_BACKEND_FETCH(b);
	RETURN_STRINGL(b->opts.local_path, b->opts.local_path_len);
}

PHP_METHOD(ClusterFile_NativeBackend, getNamespaceEnvironment)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CF_BACKEND_FETCH(b);
	RETURN_STRING(b->opts.ns_environment);
}

PHP_METHOD(ClusterFile_NativeBackend, getNamespaceInstance)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CF_BACKEND_FETCH(b);
	RETURN_STRING(b->opts.ns_instance);
}

void cf_backend_minit(void)
{
	cf_backend_ce = register_class_ClusterFile_NativeBackend();
	cf_backend_ce->create_object = cf_backend_create;
	memcpy(&cf_backend_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	cf_backend_handlers.offset = XtOffsetOf(cf_backend, std);
	cf_backend_handlers.free_obj = cf_backend_free;
	cf_backend_handlers.clone_obj = NULL;
	cf_backend_handlers.get_gc = cf_backend_get_gc;
}
