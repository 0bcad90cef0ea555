/*
 * cmocka tests of src/options.c: option names, types, defaults, ranges, patterns and the exact
 * "[path] message" text of every violation. cf_errors and cf_options strings use malloc; run
 * under valgrind to check they are freed.
 */
#include "unit.h"

#include <stdio.h>

#include "options.h"

/* ---- values ---- */

static cf_value vnull(void)
{
	cf_value v = {CF_V_NULL};
	return v;
}
static cf_value vbool(bool b)
{
	cf_value v = {CF_V_BOOL};
	v.b = b;
	return v;
}
static cf_value vint(int64_t i)
{
	cf_value v = {CF_V_INT};
	v.i = i;
	return v;
}
static cf_value vfloat(double d)
{
	cf_value v = {CF_V_FLOAT};
	v.d = d;
	return v;
}
static cf_value vstrn(const char *s, size_t len)
{
	cf_value v = {CF_V_STRING};
	v.s = s;
	v.len = len;
	return v;
}
static cf_value vstr(const char *s)
{
	return vstrn(s, strlen(s));
}
static cf_value varr(void)
{
	cf_value v = {CF_V_ARRAY};
	return v;
}
static cf_value vobj(void)
{
	cf_value v = {CF_V_OBJECT};
	return v;
}

#define S(lit) (lit), (sizeof(lit) - 1)

/* ---- helpers ---- */

static void ap(cf_options *o, const char *name, cf_value v, cf_errors *e)
{
	cf_options_apply(o, NULL, name, strlen(name), &v, e);
}

static void ap_ns(cf_options *o, const char *name, cf_value v, cf_errors *e)
{
	cf_options_apply(o, "namespace", name, strlen(name), &v, e);
}

/* The smallest valid set, minus the top-level key `skip` (NULL: none) and namespace member `skip_ns`. */
static void apply_minimal_except(cf_options *o, cf_errors *e, const char *skip, const char *skip_ns)
{
	if (!skip || strcmp(skip, "localPath") != 0) {
		ap(o, "localPath", vstr("/var/cache/cf"), e);
	}
	if (!skip || strcmp(skip, "metadataCacheIdentifier") != 0) {
		ap(o, "metadataCacheIdentifier", vstr("cf_meta"), e);
	}
	if (!skip || strcmp(skip, "namespace") != 0) {
		ap(o, "namespace", varr(), e);
		if (!skip_ns || strcmp(skip_ns, "environment") != 0) {
			ap_ns(o, "environment", vstr("prod"), e);
		}
		if (!skip_ns || strcmp(skip_ns, "instance") != 0) {
			ap_ns(o, "instance", vstr("web-1"), e);
		}
	}
}

static void assert_errors(const cf_errors *e, const char *expected)
{
	if (!expected) {
		if (e->count != 0) {
			fail_msg("expected no errors, got %u: %s", e->count, e->buf ? e->buf : "(null)");
		}
		return;
	}
	assert_non_null(e->buf);
	assert_string_equal(e->buf, expected);
	assert_int_equal(e->len, strlen(expected));
	unsigned lines = 1;
	for (const char *p = expected; *p; p++) {
		lines += *p == '\n';
	}
	assert_int_equal(e->count, lines);
}

/* Minimal options with top-level `name` set to v (replacing the minimal value); checks the errors. */
static void check_top(const char *name, cf_value v, const char *expected)
{
	cf_options o;
	cf_errors e;
	cf_options_init(&o);
	cf_errors_init(&e);
	apply_minimal_except(&o, &e, name, NULL);
	ap(&o, name, v, &e);
	cf_options_finish(&o, &e);
	assert_errors(&e, expected);
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
}

static void check_ns(const char *name, cf_value v, const char *expected)
{
	cf_options o;
	cf_errors e;
	cf_options_init(&o);
	cf_errors_init(&e);
	apply_minimal_except(&o, &e, NULL, name);
	ap_ns(&o, name, v, &e);
	cf_options_finish(&o, &e);
	assert_errors(&e, expected);
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
}

/* Applies the minimal set plus extra settings through fn, finishes, expects no errors. */
typedef void (*setter_fn)(cf_options *o, cf_errors *e);
static void run_ok(cf_options *o, setter_fn fn)
{
	cf_errors e;
	cf_options_init(o);
	cf_errors_init(&e);
	apply_minimal_except(o, &e, NULL, NULL);
	if (fn) {
		fn(o, &e);
	}
	cf_options_finish(o, &e);
	assert_errors(&e, NULL);
	cf_errors_dtor(&e);
}

/* ---- errors ---- */

static void test_errors_format(void **state)
{
	cf_errors e;
	cf_errors_init(&e);
	assert_null(e.buf);
	assert_int_equal(e.count, 0);
	cf_errors_add(&e, "", "first %d", 1);
	assert_string_equal(e.buf, "[] first 1");
	cf_errors_add(&e, "a.b", "second %s", "x");
	cf_errors_add(&e, NULL, "third");
	assert_string_equal(e.buf, "[] first 1\n[a.b] second x\n[] third");
	assert_int_equal(e.count, 3);
	assert_int_equal(e.len, strlen(e.buf));
	/* growth well past the initial capacity */
	for (int i = 0; i < 1000; i++) {
		cf_errors_add(&e, "p", "message number %d with some padding to make it longer", i);
	}
	assert_int_equal(e.count, 1003);
	assert_int_equal(e.len, strlen(e.buf));
	assert_non_null(strstr(e.buf, "\n[p] message number 999 with some padding to make it longer"));
	cf_errors_dtor(&e);
	assert_null(e.buf);
	cf_errors_dtor(&e); /* twice is fine */
	cf_errors_add(NULL, "", "ignored");
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* ---- defaults ---- */

static void test_init_defaults(void **state)
{
	cf_options o;
	cf_options_init(&o);
	assert_null(o.local_path);
	assert_int_equal(o.local_path_len, 0);
	assert_null(o.metadata_cache_identifier);
	assert_null(o.ns_environment);
	assert_null(o.ns_instance);
	assert_int_equal(o.compression_codec, CF_CODEC_ZSTD);
	assert_true(o.serializer_igbinary);
	assert_int_equal(o.default_lifetime, 3600);
	assert_int_equal(o.max_payload_bytes, 10485760);
	assert_int_equal(o.min_compressed_bytes, 1024);
	assert_int_equal(o.payload_l1_max_entries, 32);
	assert_int_equal(o.payload_l1_max_bytes, 4194304);
	assert_int_equal(o.local_max_bytes, 1073741824);
	assert_int_equal(o.local_max_age_seconds, 604800);
	assert_int_equal(o.shared_payload_max, 0);
	assert_string_equal(o.backend_version_env_var, "IMAGE_TAG");
	assert_false(o.fsync);
	assert_false(o.has_metadata_cache);
	assert_int_equal(o.seen, 0);
	cf_options_dtor(&o);
	assert_null(o.backend_version_env_var);
	cf_options_dtor(&o); /* twice is fine */
	cf_options_dtor(NULL);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_minimal_applies_defaults(void **state)
{
	cf_options o;
	run_ok(&o, NULL);
	assert_string_equal(o.local_path, "/var/cache/cf");
	assert_int_equal(o.local_path_len, 13);
	assert_string_equal(o.metadata_cache_identifier, "cf_meta");
	assert_string_equal(o.ns_environment, "prod");
	assert_string_equal(o.ns_instance, "web-1");
	assert_int_equal(o.compression, CF_CODEC_ZSTD);
	assert_int_equal(o.compression_codec, CF_CODEC_ZSTD);
	assert_true(o.serializer_igbinary);
	assert_int_equal(o.default_lifetime, 3600);
	assert_int_equal(o.max_payload_bytes, 10485760);
	assert_int_equal(o.min_compressed_bytes, 1024);
	assert_int_equal(o.payload_l1_max_entries, 32);
	assert_int_equal(o.payload_l1_max_bytes, 4194304);
	assert_int_equal(o.local_max_bytes, 1073741824);
	assert_int_equal(o.local_max_age_seconds, 604800);
	assert_int_equal(o.shared_payload_max, 0);
	assert_string_equal(o.backend_version_env_var, "IMAGE_TAG");
	assert_false(o.fsync);
	assert_false(o.has_metadata_cache);
	cf_options_dtor(&o);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void set_everything(cf_options *o, cf_errors *e)
{
	ap(o, "compression", vstr("gzip"), e);
	ap(o, "compressionCodec", vstr("gzip"), e);
	ap(o, "serializer", vstr("php"), e);
	ap(o, "defaultLifetimeSeconds", vint(60), e);
	ap(o, "maxPayloadBytes", vint(2048), e);
	ap(o, "minCompressedBytes", vint(0), e);
	ap(o, "payloadL1MaxEntries", vint(0), e);
	ap(o, "payloadL1MaxBytes", vint(0), e);
	ap(o, "localMaxBytes", vint(0), e);
	ap(o, "localMaxAgeSeconds", vint(86400), e);
	ap(o, "backendVersionEnvVar", vstr("DEPLOY_SHA"), e);
	ap(o, "fsync", vbool(true), e);
	ap(o, "metadataCache", vobj(), e);
}

static void test_every_field_set(void **state)
{
	cf_options o;
	run_ok(&o, set_everything);
	assert_int_equal(o.compression, CF_CODEC_DEFLATE);
	assert_int_equal(o.compression_codec, CF_CODEC_DEFLATE);
	assert_false(o.serializer_igbinary);
	assert_int_equal(o.default_lifetime, 60);
	assert_int_equal(o.max_payload_bytes, 2048);
	assert_int_equal(o.min_compressed_bytes, 0);
	assert_int_equal(o.payload_l1_max_entries, 0);
	assert_int_equal(o.payload_l1_max_bytes, 0);
	assert_int_equal(o.local_max_bytes, 0);
	assert_int_equal(o.local_max_age_seconds, 86400);
	assert_string_equal(o.backend_version_env_var, "DEPLOY_SHA");
	assert_true(o.fsync);
	assert_true(o.has_metadata_cache);
	assert_string_equal(o.metadata_cache_identifier, "cf_meta");
	cf_options_dtor(&o);
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* ---- required ---- */

static void test_required_all_missing(void **state)
{
	cf_options o;
	cf_errors e;
	cf_options_init(&o);
	cf_errors_init(&e);
	cf_options_finish(&o, &e);
	assert_errors(&e, "[] The property localPath is required\n"
					  "[] The property metadataCacheIdentifier is required\n"
					  "[] The property namespace is required");
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_required_each(void **state)
{
	cf_options o;
	cf_errors e;
	static const char *const keys[] = {"localPath", "metadataCacheIdentifier", "namespace"};
	for (int i = 0; i < 3; i++) {
		cf_options_init(&o);
		cf_errors_init(&e);
		apply_minimal_except(&o, &e, keys[i], NULL);
		cf_options_finish(&o, &e);
		char expected[128];
		snprintf(expected, sizeof(expected), "[] The property %s is required", keys[i]);
		assert_errors(&e, expected);
		cf_errors_dtor(&e);
		cf_options_dtor(&o);
	}
	static const char *const members[] = {"environment", "instance"};
	for (int i = 0; i < 2; i++) {
		cf_options_init(&o);
		cf_errors_init(&e);
		apply_minimal_except(&o, &e, NULL, members[i]);
		cf_options_finish(&o, &e);
		char expected[128];
		snprintf(expected, sizeof(expected), "[namespace] The property %s is required", members[i]);
		assert_errors(&e, expected);
		cf_errors_dtor(&e);
		cf_options_dtor(&o);
	}
	/* namespace given empty */
	cf_options_init(&o);
	cf_errors_init(&e);
	ap(&o, "localPath", vstr("/x"), &e);
	ap(&o, "metadataCacheIdentifier", vstr("m"), &e);
	ap(&o, "namespace", varr(), &e);
	cf_options_finish(&o, &e);
	assert_errors(&e, "[namespace] The property environment is required\n"
					  "[namespace] The property instance is required");
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_metadata_cache_object(void **state)
{
	/* metadataCache (an object) makes metadataCacheIdentifier optional */
	cf_options o;
	cf_errors e;
	cf_options_init(&o);
	cf_errors_init(&e);
	apply_minimal_except(&o, &e, "metadataCacheIdentifier", NULL);
	ap(&o, "metadataCache", vobj(), &e);
	cf_options_finish(&o, &e);
	assert_errors(&e, NULL);
	assert_true(o.has_metadata_cache);
	assert_null(o.metadata_cache_identifier);
	cf_errors_dtor(&e);
	cf_options_dtor(&o);

	/* anything but an object is a type error, and does not lift the requirement */
	cf_options_init(&o);
	cf_errors_init(&e);
	apply_minimal_except(&o, &e, "metadataCacheIdentifier", NULL);
	ap(&o, "metadataCache", varr(), &e);
	cf_options_finish(&o, &e);
	assert_errors(&e, "[metadataCache] Array value found, but an object is required\n"
					  "[] The property metadataCacheIdentifier is required");
	assert_false(o.has_metadata_cache);
	cf_errors_dtor(&e);
	cf_options_dtor(&o);

	check_top("metadataCache", vnull(), "[metadataCache] NULL value found, but an object is required");
	check_top("metadataCache", vstr("x"), "[metadataCache] String value found, but an object is required");
	check_top("metadataCache", vbool(true), "[metadataCache] Boolean value found, but an object is required");
	check_top("metadataCache", vint(1), "[metadataCache] Integer value found, but an object is required");
	check_top("metadataCache", vfloat(1.5), "[metadataCache] Number value found, but an object is required");
	check_top("metadataCache", vobj(), NULL);
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* ---- localPath ---- */

static void test_local_path(void **state)
{
	/* every found-type word */
	check_top("localPath", vnull(), "[localPath] NULL value found, but a string is required");
	check_top("localPath", vbool(false), "[localPath] Boolean value found, but a string is required");
	check_top("localPath", vint(1), "[localPath] Integer value found, but a string is required");
	check_top("localPath", vfloat(1.0), "[localPath] Number value found, but a string is required");
	check_top("localPath", varr(), "[localPath] Array value found, but a string is required");
	check_top("localPath", vobj(), "[localPath] Object value found, but a string is required");
	/* pattern ^/.* */
	check_top("localPath", vstr("relative/path"), "[localPath] Does not match the regex pattern ^/.*");
	check_top("localPath", vstr(""), "[localPath] Does not match the regex pattern ^/.*");
	check_top("localPath", vstr(" /x"), "[localPath] Does not match the regex pattern ^/.*");
	check_top("localPath", vstr("/"), NULL);
	check_top("localPath", vstr("/x y/\n"), NULL);
	/* no NUL */
	check_top("localPath", vstrn(S("/a\0b")), "[localPath] Must not contain a NUL byte");
	check_top("localPath", vstrn(S("/\0")), "[localPath] Must not contain a NUL byte");
	/* length <= 4000 */
	static char p[4002];
	memset(p, 'd', sizeof(p));
	p[0] = '/';
	check_top("localPath", vstrn(p, 4000), NULL);
	check_top("localPath", vstrn(p, 4001), "[localPath] Must be at most 4000 characters long");
	p[0] = 'x';
	check_top("localPath", vstrn(p, 4001),
		"[localPath] Must be at most 4000 characters long\n"
		"[localPath] Does not match the regex pattern ^/.*");
	/* the stored copy is exact and binary-length-tracked */
	cf_options o;
	cf_errors e;
	cf_options_init(&o);
	cf_errors_init(&e);
	p[0] = '/';
	ap(&o, "localPath", vstrn(p, 4000), &e);
	assert_int_equal(e.count, 0);
	assert_int_equal(o.local_path_len, 4000);
	assert_int_equal(strlen(o.local_path), 4000);
	assert_memory_equal(o.local_path, p, 4000);
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* ---- string patterns ---- */

static void test_metadata_cache_identifier(void **state)
{
	const char *msg = "[metadataCacheIdentifier] Does not match the regex pattern ^[a-zA-Z0-9_]{1,64}$";
	char buf[80];
	check_top("metadataCacheIdentifier", vstr("cache_Meta_09"), NULL);
	check_top("metadataCacheIdentifier", vstr("_"), NULL);
	memset(buf, 'm', 65);
	check_top("metadataCacheIdentifier", vstrn(buf, 64), NULL);
	check_top("metadataCacheIdentifier", vstrn(buf, 65), msg);
	check_top("metadataCacheIdentifier", vstr(""), msg);
	check_top("metadataCacheIdentifier", vstr("a-b"), msg);
	check_top("metadataCacheIdentifier", vstr("a b"), msg);
	check_top("metadataCacheIdentifier", vstr("a%b"), msg);
	check_top("metadataCacheIdentifier", vstr("meta\n"), msg);
	check_top("metadataCacheIdentifier", vstrn(S("a\0")), msg);
	check_top(
		"metadataCacheIdentifier", vint(5), "[metadataCacheIdentifier] Integer value found, but a string is required");
	check_top(
		"metadataCacheIdentifier", vnull(), "[metadataCacheIdentifier] NULL value found, but a string is required");
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_backend_version_env_var(void **state)
{
	const char *msg = "[backendVersionEnvVar] Does not match the regex pattern ^[A-Z_][A-Z0-9_]{0,63}$";
	char buf[80];
	check_top("backendVersionEnvVar", vstr("IMAGE_TAG"), NULL);
	check_top("backendVersionEnvVar", vstr("_"), NULL);
	check_top("backendVersionEnvVar", vstr("A"), NULL);
	check_top("backendVersionEnvVar", vstr("_9"), NULL);
	check_top("backendVersionEnvVar", vstr("GIT_SHA_1"), NULL);
	memset(buf, 'V', 65);
	check_top("backendVersionEnvVar", vstrn(buf, 64), NULL);
	check_top("backendVersionEnvVar", vstrn(buf, 65), msg);
	check_top("backendVersionEnvVar", vstr(""), msg);
	check_top("backendVersionEnvVar", vstr("image_tag"), msg);
	check_top("backendVersionEnvVar", vstr("1ABC"), msg);
	check_top("backendVersionEnvVar", vstr("A-B"), msg);
	check_top("backendVersionEnvVar", vstr("A B"), msg);
	check_top("backendVersionEnvVar", vstr("TAG\n"), msg);
	check_top(
		"backendVersionEnvVar", vbool(true), "[backendVersionEnvVar] Boolean value found, but a string is required");
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* ---- namespace ---- */

static void test_namespace(void **state)
{
	/* wrong type: no member checks follow */
	check_top("namespace", vstr("prod"), "[namespace] String value found, but an object is required");
	check_top("namespace", vobj(), "[namespace] Object value found, but an object is required");
	check_top("namespace", vnull(), "[namespace] NULL value found, but an object is required");

	/* environment */
	const char *env_msg = "[namespace.environment] Does not have a value in the enumeration "
						  "[\"prod\",\"staging\",\"testing\",\"development\"]";
	check_ns("environment", vstr("prod"), NULL);
	check_ns("environment", vstr("staging"), NULL);
	check_ns("environment", vstr("testing"), NULL);
	check_ns("environment", vstr("development"), NULL);
	check_ns("environment", vstr("Prod"), env_msg);
	check_ns("environment", vstr("production"), env_msg);
	check_ns("environment", vstr(""), env_msg);
	check_ns("environment", vstrn(S("prod\0")), env_msg);
	check_ns("environment", vint(1), "[namespace.environment] Integer value found, but a string is required");

	/* instance */
	const char *inst_msg = "[namespace.instance] Does not match the regex pattern ^[a-z0-9-]{1,64}$";
	char buf[80];
	memset(buf, 'i', 65);
	check_ns("instance", vstr("a"), NULL);
	check_ns("instance", vstr("web-01-x"), NULL);
	check_ns("instance", vstrn(buf, 64), NULL);
	check_ns("instance", vstrn(buf, 65), inst_msg);
	check_ns("instance", vstr(""), inst_msg);
	check_ns("instance", vstr("Web"), inst_msg);
	check_ns("instance", vstr("a_b"), inst_msg);
	check_ns("instance", vstr("a.b"), inst_msg);
	check_ns("instance", vstr("web\n"), inst_msg);
	check_ns("instance", vfloat(1.5), "[namespace.instance] Number value found, but a string is required");

	/* unknown member */
	check_ns("foo", vstr("x"),
		"[namespace] The property foo is not defined and the definition does not allow additional properties");

	/* the stored strings */
	cf_options o;
	cf_errors e;
	cf_options_init(&o);
	cf_errors_init(&e);
	apply_minimal_except(&o, &e, "namespace", NULL);
	ap(&o, "namespace", varr(), &e);
	ap_ns(&o, "instance", vstr("api-7"), &e);
	ap_ns(&o, "environment", vstr("development"), &e);
	cf_options_finish(&o, &e);
	assert_errors(&e, NULL);
	assert_string_equal(o.ns_environment, "development");
	assert_string_equal(o.ns_instance, "api-7");
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* ---- enums ---- */

static void test_enums(void **state)
{
	check_top("compressionCodec", vstr("zstd"), NULL);
	check_top("compressionCodec", vstr("gzip"), NULL);
	check_top("compressionCodec", vstr("none"),
		"[compressionCodec] Does not have a value in the enumeration [\"zstd\",\"gzip\"]");
	check_top("compressionCodec", vstr("deflate"),
		"[compressionCodec] Does not have a value in the enumeration [\"zstd\",\"gzip\"]");
	check_top("compressionCodec", vbool(true), "[compressionCodec] Boolean value found, but a string is required");

	check_top("serializer", vstr("igbinary"), NULL);
	check_top("serializer", vstr("php"), NULL);
	check_top(
		"serializer", vstr("json"), "[serializer] Does not have a value in the enumeration [\"igbinary\",\"php\"]");
	check_top(
		"serializer", vstr("PHP"), "[serializer] Does not have a value in the enumeration [\"igbinary\",\"php\"]");
	check_top("serializer", varr(), "[serializer] Array value found, but a string is required");

	check_top("compression", vstr("lz4"),
		"[compression] Does not have a value in the enumeration [\"zstd\",\"gzip\",\"none\"]");
	check_top(
		"compression", vstr(""), "[compression] Does not have a value in the enumeration [\"zstd\",\"gzip\",\"none\"]");
	check_top("compression", vint(1), "[compression] Integer value found, but a string or a boolean is required");
	check_top("compression", vnull(), "[compression] NULL value found, but a string or a boolean is required");
	check_top("compression", vfloat(0), "[compression] Number value found, but a string or a boolean is required");
	check_top("compression", vobj(), "[compression] Object value found, but a string or a boolean is required");
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* ---- compression resolution ---- */

static void resolve(const cf_value *compression, const cf_value *codec, cf_codec expect_primary, cf_codec expect_codec)
{
	cf_options o;
	cf_errors e;
	cf_options_init(&o);
	cf_errors_init(&e);
	apply_minimal_except(&o, &e, NULL, NULL);
	if (compression) {
		ap(&o, "compression", *compression, &e);
	}
	if (codec) {
		ap(&o, "compressionCodec", *codec, &e);
	}
	cf_options_finish(&o, &e);
	assert_errors(&e, NULL);
	assert_int_equal(o.compression, expect_primary);
	assert_int_equal(o.compression_codec, expect_codec);
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
}

static void test_compression_resolution(void **state)
{
	cf_value t = vbool(true), f = vbool(false), gz = vstr("gzip"), zs = vstr("zstd"), no = vstr("none");
	/* absent: the schema default "zstd", whatever compressionCodec says */
	resolve(NULL, NULL, CF_CODEC_ZSTD, CF_CODEC_ZSTD);
	resolve(NULL, &gz, CF_CODEC_ZSTD, CF_CODEC_DEFLATE);
	/* true: compressionCodec, whatever order the keys came in */
	resolve(&t, NULL, CF_CODEC_ZSTD, CF_CODEC_ZSTD);
	resolve(&t, &gz, CF_CODEC_DEFLATE, CF_CODEC_DEFLATE);
	/* false: none */
	resolve(&f, NULL, CF_CODEC_NONE, CF_CODEC_ZSTD);
	resolve(&f, &gz, CF_CODEC_NONE, CF_CODEC_DEFLATE);
	/* a string names the codec itself */
	resolve(&gz, NULL, CF_CODEC_DEFLATE, CF_CODEC_ZSTD);
	resolve(&no, &gz, CF_CODEC_NONE, CF_CODEC_DEFLATE);
	resolve(&zs, &gz, CF_CODEC_ZSTD, CF_CODEC_DEFLATE);

	/* compressionCodec before compression: true */
	cf_options o;
	cf_errors e;
	cf_options_init(&o);
	cf_errors_init(&e);
	apply_minimal_except(&o, &e, NULL, NULL);
	ap(&o, "compressionCodec", vstr("gzip"), &e);
	ap(&o, "compression", vbool(true), &e);
	cf_options_finish(&o, &e);
	assert_errors(&e, NULL);
	assert_int_equal(o.compression, CF_CODEC_DEFLATE);
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* ---- integers ---- */

typedef struct int_opt {
	const char *name;
	int64_t min, max;
	size_t offset;
} int_opt;

static const int_opt int_opts[] = {
	{"defaultLifetimeSeconds", 1, INT64_MAX, offsetof(cf_options, default_lifetime)},
	{"defaultLifetime", 1, INT64_MAX, offsetof(cf_options, default_lifetime)},
	{"maxPayloadBytes", 1024, 67108864, offsetof(cf_options, max_payload_bytes)},
	{"minCompressedBytes", 0, 1048576, offsetof(cf_options, min_compressed_bytes)},
	{"payloadL1MaxEntries", 0, 1024, offsetof(cf_options, payload_l1_max_entries)},
	{"payloadL1MaxBytes", 0, 67108864, offsetof(cf_options, payload_l1_max_bytes)},
	{"l1MaxAgeSeconds", 0, 86400, offsetof(cf_options, l1_max_age_seconds)},
	{"localMaxBytes", 0, (int64_t)1 << 50, offsetof(cf_options, local_max_bytes)},
	{"localMaxAgeSeconds", 0, 315360000, offsetof(cf_options, local_max_age_seconds)},
};

static void check_int_stored(const int_opt *io, int64_t value)
{
	cf_options o;
	cf_errors e;
	cf_options_init(&o);
	cf_errors_init(&e);
	apply_minimal_except(&o, &e, NULL, NULL);
	ap(&o, io->name, vint(value), &e);
	cf_options_finish(&o, &e);
	assert_errors(&e, NULL);
	int64_t got;
	memcpy(&got, (const char *)&o + io->offset, sizeof(got));
	assert_int_equal(got, value);
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
}

static void test_integers(void **state)
{
	char expected[256];
	for (size_t i = 0; i < sizeof(int_opts) / sizeof(int_opts[0]); i++) {
		const int_opt *io = &int_opts[i];
		/* exact boundaries accepted */
		check_int_stored(io, io->min);
		check_int_stored(io, io->max);
		/* just outside */
		snprintf(expected, sizeof(expected), "[%s] Must have a minimum value of %lld", io->name, (long long)io->min);
		check_top(io->name, vint(io->min - 1), expected);
		check_top(io->name, vint(INT64_MIN), expected);
		if (io->max < INT64_MAX) {
			snprintf(
				expected, sizeof(expected), "[%s] Must have a maximum value of %lld", io->name, (long long)io->max);
			check_top(io->name, vint(io->max + 1), expected);
			check_top(io->name, vint(INT64_MAX), expected);
		}
		/* no coercion: every other type is a type error */
		static const struct {
			cf_value_type t;
			const char *word;
		} wrong[] = {{CF_V_NULL, "NULL"}, {CF_V_BOOL, "Boolean"}, {CF_V_FLOAT, "Number"}, {CF_V_STRING, "String"},
			{CF_V_ARRAY, "Array"}, {CF_V_OBJECT, "Object"}};
		for (size_t w = 0; w < sizeof(wrong) / sizeof(wrong[0]); w++) {
			cf_value v = {wrong[w].t};
			v.d = 2048.0;
			v.s = "2048";
			v.len = 4;
			v.b = true;
			snprintf(
				expected, sizeof(expected), "[%s] %s value found, but an integer is required", io->name, wrong[w].word);
			check_top(io->name, v, expected);
		}
	}
	/* spot values from the contract */
	check_top("maxPayloadBytes", vint(1023), "[maxPayloadBytes] Must have a minimum value of 1024");
	check_top("maxPayloadBytes", vint(67108865), "[maxPayloadBytes] Must have a maximum value of 67108864");
	check_top("defaultLifetimeSeconds", vint(0), "[defaultLifetimeSeconds] Must have a minimum value of 1");
	check_top("defaultLifetime", vint(-1), "[defaultLifetime] Must have a minimum value of 1");
	check_top("payloadL1MaxEntries", vint(1025), "[payloadL1MaxEntries] Must have a maximum value of 1024");
	check_top("minCompressedBytes", vint(-1), "[minCompressedBytes] Must have a minimum value of 0");
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* ---- defaultLifetime synonym ---- */

static int64_t lifetime_of(const char *first, int64_t a, const char *second, int64_t b, const char *expected)
{
	cf_options o;
	cf_errors e;
	cf_options_init(&o);
	cf_errors_init(&e);
	apply_minimal_except(&o, &e, NULL, NULL);
	if (first) {
		ap(&o, first, vint(a), &e);
	}
	if (second) {
		ap(&o, second, vint(b), &e);
	}
	cf_options_finish(&o, &e);
	assert_errors(&e, expected);
	int64_t r = o.default_lifetime;
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
	return r;
}

static void test_lifetime_synonym(void **state)
{
	const char *conflict = "[defaultLifetime] Conflicts with defaultLifetimeSeconds (both given with different values)";
	assert_int_equal(lifetime_of(NULL, 0, NULL, 0, NULL), 3600);
	assert_int_equal(lifetime_of("defaultLifetime", 60, NULL, 0, NULL), 60);
	assert_int_equal(lifetime_of("defaultLifetimeSeconds", 70, NULL, 0, NULL), 70);
	/* both, equal: fine, either order */
	assert_int_equal(lifetime_of("defaultLifetime", 80, "defaultLifetimeSeconds", 80, NULL), 80);
	assert_int_equal(lifetime_of("defaultLifetimeSeconds", 80, "defaultLifetime", 80, NULL), 80);
	/* both, different: reported under defaultLifetime, either order */
	assert_int_equal(lifetime_of("defaultLifetime", 80, "defaultLifetimeSeconds", 90, conflict), 90);
	assert_int_equal(lifetime_of("defaultLifetimeSeconds", 90, "defaultLifetime", 80, conflict), 90);
	/* one invalid: only its own error, no conflict */
	assert_int_equal(lifetime_of("defaultLifetimeSeconds", 0, "defaultLifetime", 80,
						 "[defaultLifetimeSeconds] Must have a minimum value of 1"),
		80);
	assert_int_equal(lifetime_of("defaultLifetime", 0, "defaultLifetimeSeconds", 80,
						 "[defaultLifetime] Must have a minimum value of 1"),
		80);
	/* the conflict comes after the missing-required ones, from finish() */
	cf_options o;
	cf_errors e;
	cf_options_init(&o);
	cf_errors_init(&e);
	ap(&o, "defaultLifetime", vint(1), &e);
	ap(&o, "defaultLifetimeSeconds", vint(2), &e);
	assert_int_equal(e.count, 0);
	cf_options_finish(&o, &e);
	assert_errors(&e, "[] The property localPath is required\n"
					  "[] The property metadataCacheIdentifier is required\n"
					  "[] The property namespace is required\n"
					  "[defaultLifetime] Conflicts with defaultLifetimeSeconds (both given with different values)");
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* ---- booleans ---- */

static void test_fsync(void **state)
{
	cf_options o;
	cf_errors e;
	cf_options_init(&o);
	cf_errors_init(&e);
	ap(&o, "fsync", vbool(true), &e);
	assert_true(o.fsync);
	ap(&o, "fsync", vbool(false), &e);
	assert_false(o.fsync);
	assert_int_equal(e.count, 0);
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
	check_top("fsync", vint(1), "[fsync] Integer value found, but a boolean is required");
	check_top("fsync", vstr("true"), "[fsync] String value found, but a boolean is required");
	check_top("fsync", vnull(), "[fsync] NULL value found, but a boolean is required");
	check_top("fsync", vfloat(1), "[fsync] Number value found, but a boolean is required");
	check_top("fsync", varr(), "[fsync] Array value found, but a boolean is required");
	check_top("fsync", vobj(), "[fsync] Object value found, but a boolean is required");
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* ---- unknown keys ---- */

static void test_unknown_keys(void **state)
{
	const char *tail = " is not defined and the definition does not allow additional properties";
	char expected[512];

	snprintf(expected, sizeof(expected), "[] The property foo%s", tail);
	check_top("foo", vint(1), expected);
	/* case-sensitive, binary-safe names */
	snprintf(expected, sizeof(expected), "[] The property LocalPath%s", tail);
	check_top("LocalPath", vstr("/x"), expected);
	snprintf(expected, sizeof(expected), "[] The property defaultlifetime%s", tail);
	check_top("defaultlifetime", vint(5), expected);

	cf_options o;
	cf_errors e;
	cf_value v = vstr("/x");

	/* "localPath\0x" is not localPath; NUL shows as '?' */
	cf_options_init(&o);
	cf_errors_init(&e);
	apply_minimal_except(&o, &e, NULL, NULL);
	cf_options_apply(&o, NULL, S("localPath\0x"), &v, &e);
	cf_options_apply(&o, NULL, S("localPat"), &v, &e);
	cf_options_apply(&o, NULL, "", 0, &v, &e);
	cf_options_finish(&o, &e);
	snprintf(expected, sizeof(expected),
		"[] The property localPath?x%s\n[] The property localPat%s\n[] The property %s", tail, tail, tail);
	assert_errors(&e, expected);
	assert_string_equal(o.local_path, "/var/cache/cf");
	cf_errors_dtor(&e);
	cf_options_dtor(&o);

	/* control characters and non-ASCII are escaped */
	cf_options_init(&o);
	cf_errors_init(&e);
	apply_minimal_except(&o, &e, NULL, NULL);
	cf_options_apply(&o, NULL, S("evil\nname\r\t\x1b[31m\x7f\xc3\xa9"), &v, &e);
	cf_options_finish(&o, &e);
	snprintf(expected, sizeof(expected), "[] The property evil?name???[31m???%s", tail);
	assert_errors(&e, expected);
	assert_null(strchr(e.buf, '\r'));
	cf_errors_dtor(&e);
	cf_options_dtor(&o);

	/* a 10 KB name is cut at 64 bytes */
	static char big[10240];
	memset(big, 'k', sizeof(big));
	cf_options_init(&o);
	cf_errors_init(&e);
	apply_minimal_except(&o, &e, NULL, NULL);
	cf_options_apply(&o, NULL, big, sizeof(big), &v, &e);
	cf_options_finish(&o, &e);
	snprintf(expected, sizeof(expected), "[] The property %.64s...%s", big, tail);
	assert_errors(&e, expected);
	assert_true(e.len < 200);
	cf_errors_dtor(&e);
	cf_options_dtor(&o);

	/* exactly 64 bytes: not cut; 65: cut */
	cf_options_init(&o);
	cf_errors_init(&e);
	cf_options_apply(&o, NULL, big, 64, &v, &e);
	cf_options_apply(&o, NULL, big, 65, &v, &e);
	snprintf(expected, sizeof(expected), "[] The property %.64s%s\n[] The property %.64s...%s", big, tail, big, tail);
	assert_errors(&e, expected);
	cf_errors_dtor(&e);
	cf_options_dtor(&o);

	/* unknown namespace member with an escaped, long name */
	cf_options_init(&o);
	cf_errors_init(&e);
	apply_minimal_except(&o, &e, NULL, NULL);
	big[3] = '\n';
	cf_options_apply(&o, "namespace", big, 5000, &v, &e);
	big[3] = 'k';
	cf_options_finish(&o, &e);
	snprintf(expected, sizeof(expected), "[namespace] The property kkk?%.60s...%s", big, tail);
	assert_errors(&e, expected);
	cf_errors_dtor(&e);
	cf_options_dtor(&o);

	/* a top-level name is not a namespace member and vice versa */
	snprintf(expected, sizeof(expected), "[namespace] The property localPath%s", tail);
	check_ns("localPath", vstr("/x"), expected);
	snprintf(expected, sizeof(expected), "[] The property environment%s", tail);
	check_top("environment", vstr("prod"), expected);
	/* an unknown parent */
	cf_options_init(&o);
	cf_errors_init(&e);
	cf_options_apply(&o, "other", S("x"), &v, &e);
	snprintf(expected, sizeof(expected), "[other] The property x%s", tail);
	assert_errors(&e, expected);
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* ---- several errors at once ---- */

static void test_multiple_errors(void **state)
{
	cf_options o;
	cf_errors e;
	cf_options_init(&o);
	cf_errors_init(&e);
	ap(&o, "localPath", vstr("relative"), &e);
	ap(&o, "unknownOption", vbool(true), &e);
	ap(&o, "maxPayloadBytes", vint(10), &e);
	ap(&o, "compression", vstr("brotli"), &e);
	ap(&o, "fsync", vstr("yes"), &e);
	ap(&o, "namespace", varr(), &e);
	ap_ns(&o, "environment", vstr("qa"), &e);
	ap(&o, "payloadL1MaxEntries", vfloat(3.0), &e);
	ap(&o, "defaultLifetimeSeconds", vint(10), &e);
	ap(&o, "defaultLifetime", vint(20), &e);
	cf_options_finish(&o, &e);
	assert_errors(&e,
		"[localPath] Does not match the regex pattern ^/.*\n"
		"[] The property unknownOption is not defined and the definition does not allow additional properties\n"
		"[maxPayloadBytes] Must have a minimum value of 1024\n"
		"[compression] Does not have a value in the enumeration [\"zstd\",\"gzip\",\"none\"]\n"
		"[fsync] String value found, but a boolean is required\n"
		"[namespace.environment] Does not have a value in the enumeration "
		"[\"prod\",\"staging\",\"testing\",\"development\"]\n"
		"[payloadL1MaxEntries] Number value found, but an integer is required\n"
		"[] The property metadataCacheIdentifier is required\n"
		"[namespace] The property instance is required\n"
		"[defaultLifetime] Conflicts with defaultLifetimeSeconds (both given with different values)");
	assert_int_equal(e.count, 10);
	/* invalid values left the defaults alone */
	assert_null(o.local_path);
	assert_null(o.ns_environment);
	assert_int_equal(o.max_payload_bytes, 10485760);
	assert_int_equal(o.payload_l1_max_entries, 32);
	assert_false(o.fsync);
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* The glue's order (namespace members right after namespace), as in tests/options/several_violations_*.phpt. */
static void test_several_violations_like_phpt(void **state)
{
	cf_options o;
	cf_errors e;
	cf_options_init(&o);
	cf_errors_init(&e);
	ap(&o, "localPath", vstr("relative/dir"), &e);
	ap(&o, "metadataCacheIdentifier", vstr("cluster-meta"), &e);
	ap(&o, "namespace", varr(), &e);
	ap_ns(&o, "environment", vstr("production"), &e);
	ap_ns(&o, "instance", vstr("Site"), &e);
	ap(&o, "compression", vstr("lz4"), &e);
	ap(&o, "maxPayloadBytes", vint(100), &e);
	ap(&o, "payloadL1MaxEntries", vstr("8"), &e);
	ap(&o, "bogus", vbool(true), &e);
	cf_options_apply(&o, NULL, S("bad\0key\xff"), &(cf_value){CF_V_INT, .i = 1}, &e);
	cf_options_finish(&o, &e);
	assert_errors(&e,
		"[localPath] Does not match the regex pattern ^/.*\n"
		"[metadataCacheIdentifier] Does not match the regex pattern ^[a-zA-Z0-9_]{1,64}$\n"
		"[namespace.environment] Does not have a value in the enumeration "
		"[\"prod\",\"staging\",\"testing\",\"development\"]\n"
		"[namespace.instance] Does not match the regex pattern ^[a-z0-9-]{1,64}$\n"
		"[compression] Does not have a value in the enumeration [\"zstd\",\"gzip\",\"none\"]\n"
		"[maxPayloadBytes] Must have a minimum value of 1024\n"
		"[payloadL1MaxEntries] String value found, but an integer is required\n"
		"[] The property bogus is not defined and the definition does not allow additional properties\n"
		"[] The property bad?key? is not defined and the definition does not allow additional properties");
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* Applying a string key twice (not possible from PHP) does not leak. */
static void test_repeat_and_null_args(void **state)
{
	cf_options o;
	cf_errors e;
	cf_options_init(&o);
	cf_errors_init(&e);
	ap(&o, "localPath", vstr("/a"), &e);
	ap(&o, "localPath", vstr("/b"), &e);
	ap(&o, "metadataCacheIdentifier", vstr("x"), &e);
	ap(&o, "metadataCacheIdentifier", vstr("y"), &e);
	ap(&o, "backendVersionEnvVar", vstr("A"), &e);
	ap(&o, "backendVersionEnvVar", vstr("B"), &e);
	ap(&o, "namespace", varr(), &e);
	ap_ns(&o, "environment", vstr("prod"), &e);
	ap_ns(&o, "environment", vstr("testing"), &e);
	ap_ns(&o, "instance", vstr("a"), &e);
	ap_ns(&o, "instance", vstr("b"), &e);
	cf_options_finish(&o, &e);
	assert_errors(&e, NULL);
	assert_string_equal(o.local_path, "/b");
	assert_string_equal(o.metadata_cache_identifier, "y");
	assert_string_equal(o.backend_version_env_var, "B");
	assert_string_equal(o.ns_environment, "testing");
	assert_string_equal(o.ns_instance, "b");
	/* a NULL value reads as null; a NULL string pointer as "" */
	cf_options_apply(&o, NULL, S("fsync"), NULL, &e);
	cf_value v = vstrn(NULL, 0);
	cf_options_apply(&o, NULL, S("localPath"), &v, &e);
	assert_errors(&e, "[fsync] NULL value found, but a boolean is required\n"
					  "[localPath] Does not match the regex pattern ^/.*");
	/* NULL errors collector: silently ignored */
	cf_options_apply(&o, NULL, S("nope"), &v, NULL);
	cf_options_finish(&o, NULL);
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* metadataDsn: instead of the identifier (exactly one store), validated by dsn.c; recordKey beside it. */
static void test_metadata_dsn_and_record_key(void **state)
{
	cf_options o;
	cf_errors e;
	(void)state;

	/* the DSN alone is a metadata store */
	cf_options_init(&o);
	cf_errors_init(&e);
	apply_minimal_except(&o, &e, "metadataCacheIdentifier", NULL);
	ap(&o, "metadataDsn", vstr("redis://user:pw@h:6380/2?prefix=site"), &e);
	ap(&o, "recordKey", vstr("0123456789abcdef"), &e);
	cf_options_finish(&o, &e);
	assert_errors(&e, NULL);
	assert_string_equal(o.metadata_dsn, "redis://user:pw@h:6380/2?prefix=site");
	assert_string_equal(o.record_key, "0123456789abcdef");
	assert_null(o.metadata_cache_identifier);
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
	assert_null(o.metadata_dsn);
	assert_null(o.record_key);

	/* beside another store, a bad DSN (its message without the password), a non-string */
	check_top("metadataDsn", vstr("redis://h"),
		"[metadataDsn] Conflicts with metadataCacheIdentifier (give exactly one metadata store)");
	check_top("metadataDsn", vstr("redis://u:secretpw@h:0"),
		"[metadataDsn] port must be 1..65535\n"
		"[metadataDsn] Conflicts with metadataCacheIdentifier (give exactly one metadata store)");
	check_top("metadataDsn", vint(1),
		"[metadataDsn] Integer value found, but a string is required\n"
		"[metadataDsn] Conflicts with metadataCacheIdentifier (give exactly one metadata store)");
	/* recordKey only with a DSN, 16..4096 bytes, no NUL */
	check_top("recordKey", vstr("0123456789abcdef"), "[recordKey] Only applies with metadataDsn");
	check_top("recordKey", vstr("short"),
		"[recordKey] Must be 16 to 4096 bytes without a NUL byte\n[recordKey] Only applies with metadataDsn");
	check_top("recordKey", vstrn("0123456789abcdef\0x", 18),
		"[recordKey] Must be 16 to 4096 bytes without a NUL byte\n[recordKey] Only applies with metadataDsn");
	check_top("recordKey", vint(5),
		"[recordKey] Integer value found, but a string is required\n[recordKey] Only applies with metadataDsn");
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* sharedPayloadMaxBytes beside metadataDsn: the result of applying v (NULL errors: accepted). */
static void check_shared_payload(cf_value v, const char *expected, int64_t stored)
{
	cf_options o;
	cf_errors e;
	cf_options_init(&o);
	cf_errors_init(&e);
	apply_minimal_except(&o, &e, "metadataCacheIdentifier", NULL);
	ap(&o, "metadataDsn", vstr("redis://h"), &e);
	ap(&o, "sharedPayloadMaxBytes", v, &e);
	cf_options_finish(&o, &e);
	assert_errors(&e, expected);
	assert_int_equal(o.shared_payload_max, stored);
	cf_errors_dtor(&e);
	cf_options_dtor(&o);
}

/* sharedPayloadMaxBytes: an integer 0..1 MiB, default 0, only with metadataDsn (any value, 0 too). */
static void test_shared_payload_max_bytes(void **state)
{
	(void)state;
	check_shared_payload(vint(0), NULL, 0);
	check_shared_payload(vint(65536), NULL, 65536);
	check_shared_payload(vint(CF_SHARED_PAYLOAD_MAX), NULL, CF_SHARED_PAYLOAD_MAX);
	check_shared_payload(vint(-1), "[sharedPayloadMaxBytes] Must have a minimum value of 0", 0);
	check_shared_payload(vint(INT64_MIN), "[sharedPayloadMaxBytes] Must have a minimum value of 0", 0);
	check_shared_payload(
		vint(CF_SHARED_PAYLOAD_MAX + 1), "[sharedPayloadMaxBytes] Must have a maximum value of 1048576", 0);
	check_shared_payload(vstr("4096"), "[sharedPayloadMaxBytes] String value found, but an integer is required", 0);
	cf_value f = {CF_V_FLOAT};
	f.d = 4096.0;
	check_shared_payload(f, "[sharedPayloadMaxBytes] Number value found, but an integer is required", 0);
	check_shared_payload(vbool(true), "[sharedPayloadMaxBytes] Boolean value found, but an integer is required", 0);
	/* a metadata cache frontend has nowhere to keep the bytes */
	check_top("sharedPayloadMaxBytes", vint(65536),
		"[sharedPayloadMaxBytes] Only applies with metadataDsn (payloads are kept beside the record in the native "
		"store; not with metadataCacheIdentifier)");
	check_top("sharedPayloadMaxBytes", vint(0),
		"[sharedPayloadMaxBytes] Only applies with metadataDsn (payloads are kept beside the record in the native "
		"store; not with metadataCacheIdentifier)");
	check_top("sharedPayloadMaxBytes", vint(-5),
		"[sharedPayloadMaxBytes] Must have a minimum value of 0\n"
		"[sharedPayloadMaxBytes] Only applies with metadataDsn (payloads are kept beside the record in the native "
		"store; not with metadataCacheIdentifier)");
	CF_UNIT_ASSERT_NO_LEAKS();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errors_format),
		cmocka_unit_test(test_metadata_dsn_and_record_key),
		cmocka_unit_test(test_shared_payload_max_bytes),
		cmocka_unit_test(test_init_defaults),
		cmocka_unit_test(test_minimal_applies_defaults),
		cmocka_unit_test(test_every_field_set),
		cmocka_unit_test(test_required_all_missing),
		cmocka_unit_test(test_required_each),
		cmocka_unit_test(test_metadata_cache_object),
		cmocka_unit_test(test_local_path),
		cmocka_unit_test(test_metadata_cache_identifier),
		cmocka_unit_test(test_backend_version_env_var),
		cmocka_unit_test(test_namespace),
		cmocka_unit_test(test_enums),
		cmocka_unit_test(test_compression_resolution),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_lifetime_synonym),
		cmocka_unit_test(test_fsync),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_multiple_errors),
		cmocka_unit_test(test_several_violations_like_phpt),
		cmocka_unit_test(test_repeat_and_null_args),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
