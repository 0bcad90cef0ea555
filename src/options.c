/*
 * clusterfile: backend options - names, types, defaults, ranges, patterns (see options.h).
 *
 * Messages follow the wording of the JSON schema validator the reference used, so that a
 * configuration error reads the same: "<Found> value found, but a string is required",
 * "Must have a minimum value of N", "Does not match the regex pattern P", ...
 * Types are never coerced: an integer option takes CF_V_INT only, a boolean CF_V_BOOL only.
 */
#include "options.h"
#include "dsn.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- errors ---- */

void cf_errors_init(cf_errors *e)
{
	if (e) {
		memset(e, 0, sizeof(*e));
	}
}

void cf_errors_dtor(cf_errors *e)
{
	if (e) {
		free(e->buf);
		memset(e, 0, sizeof(*e));
	}
}

static bool errors_reserve(cf_errors *e, size_t extra)
{
	if (extra > SIZE_MAX - e->len - 1) {
		return false;
	}
	size_t need = e->len + extra + 1;
	if (need <= e->cap) {
		return true;
	}
	size_t cap = e->cap ? e->cap : 128;
	while (cap < need) {
		if (cap > SIZE_MAX / 2) {
			cap = need;
			break;
		}
		cap *= 2;
	}
	char *buf = realloc(e->buf, cap);
	if (!buf) {
		return false;
	}
	e->buf = buf;
	e->cap = cap;
	return true;
}

/*
 * Appends "[path] message" (after a "\n" unless first). count always grows, so even an
 * allocation failure (which loses the text) still reports that validation failed.
 */
void cf_errors_add(cf_errors *e, const char *path, const char *fmt, ...)
{
	if (!e || !fmt) {
		return;
	}
	e->count++;
	if (!path) {
		path = "";
	}
	va_list ap;
	va_start(ap, fmt);
	int mlen = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (mlen < 0) {
		return;
	}
	size_t plen = strlen(path);
	size_t sep = e->len > 0 ? 1 : 0;
	/* sep + "[" + path + "] " + message */
	if (plen > SIZE_MAX / 2 || !errors_reserve(e, sep + 1 + plen + 2 + (size_t)mlen)) {
		return;
	}
	char *p = e->buf + e->len;
	if (sep) {
		*p++ = '\n';
	}
	*p++ = '[';
	memcpy(p, path, plen);
	p += plen;
	*p++ = ']';
	*p++ = ' ';
	va_start(ap, fmt);
	vsnprintf(p, (size_t)mlen + 1, fmt, ap);
	va_end(ap);
	e->len += sep + 1 + plen + 2 + (size_t)mlen;
	e->buf[e->len] = '\0';
}

/* ---- bookkeeping bits in cf_options.seen ---- */

enum {
	SEEN_LOCAL_PATH = 1u << 0,
	SEEN_METADATA_CACHE_IDENTIFIER = 1u << 1,
	SEEN_METADATA_CACHE = 1u << 2,
	SEEN_NAMESPACE = 1u << 3,
	SEEN_NS_ENVIRONMENT = 1u << 4,
	SEEN_NS_INSTANCE = 1u << 5,
	SEEN_COMPRESSION = 1u << 6,
	SEEN_COMPRESSION_CODEC = 1u << 7,
	SEEN_SERIALIZER = 1u << 8,
	SEEN_DEFAULT_LIFETIME_SECONDS = 1u << 9,
	SEEN_DEFAULT_LIFETIME = 1u << 10,
	SEEN_MAX_PAYLOAD_BYTES = 1u << 11,
	SEEN_MIN_COMPRESSED_BYTES = 1u << 12,
	SEEN_PAYLOAD_L1_MAX_ENTRIES = 1u << 13,
	SEEN_PAYLOAD_L1_MAX_BYTES = 1u << 14,
	SEEN_BACKEND_VERSION_ENV_VAR = 1u << 15,
	SEEN_FSYNC = 1u << 16,
	SEEN_L1_MAX_AGE_SECONDS = 1u << 17,
	SEEN_LOCAL_MAX_BYTES = 1u << 18,
	SEEN_LOCAL_MAX_AGE_SECONDS = 1u << 19,
	SEEN_METADATA_DSN = 1u << 20,
	SEEN_RECORD_KEY = 1u << 21,
	SEEN_SHARED_PAYLOAD_MAX_BYTES = 1u << 22,
	/* state, not keys */
	F_NAMESPACE_OK = 1u << 24,        /* namespace was an array: its members are required */
	F_COMPRESSION_TRUE = 1u << 25,    /* compression: true, resolved in finish() */
	F_LIFETIME_SECONDS_OK = 1u << 26, /* a valid defaultLifetimeSeconds is in default_lifetime */
	F_LIFETIME_OK = 1u << 27,         /* a valid defaultLifetime was given */
	F_LIFETIME_CONFLICT = 1u << 28,
};

/* ---- option table ---- */

typedef enum opt_kind {
	K_LOCAL_PATH,
	K_PATTERN, /* string matching a hand-written character-class pattern */
	K_ENUM,    /* string from a list */
	K_COMPRESSION,
	K_INT,
	K_BOOL,
	K_OBJECT,
	K_NAMESPACE,
	K_DSN,    /* metadataDsn: a string dsn.c accepts */
	K_SECRET, /* recordKey: 16..4096 bytes, no NUL */
} opt_kind;

typedef struct opt_def {
	const char *name;
	unsigned bit;
	opt_kind kind;
	int64_t min, max;                    /* K_INT */
	const char *pattern;                 /* K_PATTERN: the schema's pattern, for the message */
	bool (*match)(const char *, size_t); /* K_PATTERN */
	const char *const *values;           /* K_ENUM, K_COMPRESSION: NULL-terminated */
} opt_def;

#define CF_LOCAL_PATH_MAX     4000
#define CF_LOCAL_PATH_PATTERN "^/.*"

static bool is_lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}
static bool is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}
static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* ^[a-zA-Z0-9_]{1,64}$ (no trailing-newline leniency) */
static bool match_cache_identifier(const char *s, size_t len)
{
	if (len < 1 || len > 64) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!is_lower(c) && !is_upper(c) && !is_digit(c) && c != '_') {
			return false;
		}
	}
	return true;
}

/* ^[a-z0-9-]{1,64}$ */
static bool match_instance(const char *s, size_t len)
{
	if (len < 1 || len > 64) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!is_lower(c) && !is_digit(c) && c != '-') {
			return false;
		}
	}
	return true;
}

/* ^[A-Z_][A-Z0-9_]{0,63}$ */
static bool match_env_var(const char *s, size_t len)
{
	if (len < 1 || len > 64) {
		return false;
	}
	if (!is_upper((unsigned char)s[0]) && s[0] != '_') {
		return false;
	}
	for (size_t i = 1; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!is_upper(c) && !is_digit(c) && c != '_') {
			return false;
		}
	}
	return true;
}

static const char *const compression_values[] = {"zstd", "gzip", "none", NULL};
static const char *const codec_values[] = {"zstd", "gzip", NULL};
static const char *const serializer_values[] = {"igbinary", "php", NULL};
static const char *const environment_values[] = {"prod", "staging", "testing", "development", NULL};

static const opt_def top_defs[] = {
	{"localPath", SEEN_LOCAL_PATH, K_LOCAL_PATH},
	{"metadataCacheIdentifier", SEEN_METADATA_CACHE_IDENTIFIER, K_PATTERN, 0, 0, "^[a-zA-Z0-9_]{1,64}$",
		match_cache_identifier},
	{"metadataCache", SEEN_METADATA_CACHE, K_OBJECT},
	{"metadataDsn", SEEN_METADATA_DSN, K_DSN},
	{"recordKey", SEEN_RECORD_KEY, K_SECRET},
	{"namespace", SEEN_NAMESPACE, K_NAMESPACE},
	{"compression", SEEN_COMPRESSION, K_COMPRESSION, 0, 0, NULL, NULL, compression_values},
	{"compressionCodec", SEEN_COMPRESSION_CODEC, K_ENUM, 0, 0, NULL, NULL, codec_values},
	{"serializer", SEEN_SERIALIZER, K_ENUM, 0, 0, NULL, NULL, serializer_values},
	{"defaultLifetimeSeconds", SEEN_DEFAULT_LIFETIME_SECONDS, K_INT, 1, INT64_MAX},
	{"defaultLifetime", SEEN_DEFAULT_LIFETIME, K_INT, 1, INT64_MAX},
	{"maxPayloadBytes", SEEN_MAX_PAYLOAD_BYTES, K_INT, 1024, 67108864},
	{"minCompressedBytes", SEEN_MIN_COMPRESSED_BYTES, K_INT, 0, 1048576},
	{"payloadL1MaxEntries", SEEN_PAYLOAD_L1_MAX_ENTRIES, K_INT, 0, 1024},
	{"payloadL1MaxBytes", SEEN_PAYLOAD_L1_MAX_BYTES, K_INT, 0, 67108864},
	{"l1MaxAgeSeconds", SEEN_L1_MAX_AGE_SECONDS, K_INT, 0, 86400},
	{"localMaxBytes", SEEN_LOCAL_MAX_BYTES, K_INT, 0, CF_LOCAL_MAX_BYTES_MAX},
	{"localMaxAgeSeconds", SEEN_LOCAL_MAX_AGE_SECONDS, K_INT, 0, CF_LOCAL_MAX_AGE_MAX},
	{"backendVersionEnvVar", SEEN_BACKEND_VERSION_ENV_VAR, K_PATTERN, 0, 0, "^[A-Z_][A-Z0-9_]{0,63}$", match_env_var},
	{"fsync", SEEN_FSYNC, K_BOOL},
	{"sharedPayloadMaxBytes", SEEN_SHARED_PAYLOAD_MAX_BYTES, K_INT, 0, CF_SHARED_PAYLOAD_MAX},
	{NULL},
};

static const opt_def ns_defs[] = {
	{"environment", SEEN_NS_ENVIRONMENT, K_ENUM, 0, 0, NULL, NULL, environment_values},
	{"instance", SEEN_NS_INSTANCE, K_PATTERN, 0, 0, "^[a-z0-9-]{1,64}$", match_instance},
	{NULL},
};

#define CF_NS_NAME "namespace"

/* ---- helpers ---- */

static bool bytes_eq(const char *a, size_t a_len, const char *b)
{
	size_t b_len = strlen(b);
	return a_len == b_len && memcmp(a, b, b_len) == 0;
}

static const opt_def *find_def(const opt_def *defs, const char *name, size_t name_len)
{
	for (; defs->name; defs++) {
		if (bytes_eq(name, name_len, defs->name)) {
			return defs;
		}
	}
	return NULL;
}

/* Printable form of an untrusted name: bytes outside 0x20..0x7e become '?', over 64 bytes "...". */
#define CF_NAME_SHOW_MAX 64
static void escape_name(const char *name, size_t len, char out[CF_NAME_SHOW_MAX + 4])
{
	size_t n = len > CF_NAME_SHOW_MAX ? CF_NAME_SHOW_MAX : len;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		out[i] = (c < 0x20 || c >= 0x7f) ? '?' : (char)c;
	}
	if (len > CF_NAME_SHOW_MAX) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
}

static const char *found_word(cf_value_type t)
{
	switch (t) {
	case CF_V_NULL:
		return "NULL";
	case CF_V_BOOL:
		return "Boolean";
	case CF_V_INT:
		return "Integer";
	case CF_V_FLOAT:
		return "Number";
	case CF_V_STRING:
		return "String";
	case CF_V_ARRAY:
		return "Array";
	case CF_V_OBJECT:
		return "Object";
	}
	return "Unknown";
}

static void type_error(cf_errors *e, const char *path, const cf_value *v, const char *required)
{
	cf_errors_add(e, path, "%s value found, but %s is required", found_word(v->type), required);
}

/* Index of s in values, or -1. */
static int enum_index(const char *const *values, const char *s, size_t len)
{
	for (int i = 0; values[i]; i++) {
		if (bytes_eq(s, len, values[i])) {
			return i;
		}
	}
	return -1;
}

static void enum_error(cf_errors *e, const char *path, const char *const *values)
{
	char list[128];
	size_t n = 0;
	list[n++] = '[';
	for (int i = 0; values[i]; i++) {
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s\"%s\"", i ? "," : "", values[i]);
	}
	snprintf(list + n, sizeof(list) - n, "]");
	cf_errors_add(e, path, "Does not have a value in the enumeration %s", list);
}

/* Replaces *dst with a malloc'd NUL-terminated copy of s. */
static bool set_string(char **dst, const char *s, size_t len, cf_errors *e, const char *path)
{
	char *copy = malloc(len + 1);
	if (!copy) {
		cf_errors_add(e, path, "Out of memory");
		return false;
	}
	memcpy(copy, s, len);
	copy[len] = '\0';
	free(*dst);
	*dst = copy;
	return true;
}

/* ---- public ---- */

static const char default_env_var[] = "IMAGE_TAG";

void cf_options_init(cf_options *o)
{
	memset(o, 0, sizeof(*o));
	o->compression = CF_CODEC_ZSTD;
	o->compression_codec = CF_CODEC_ZSTD;
	o->serializer_igbinary = true;
	o->default_lifetime = 3600;
	o->max_payload_bytes = 10485760;
	o->min_compressed_bytes = 1024;
	o->payload_l1_max_entries = 32;
	o->payload_l1_max_bytes = 4194304;
	o->l1_max_age_seconds = 2;
	o->local_max_bytes = 1073741824;
	o->local_max_age_seconds = 604800;
	/* NULL on allocation failure: finish() retries and reports. */
	o->backend_version_env_var = strdup(default_env_var);
	o->fsync = false;
	o->has_metadata_cache = false;
	o->seen = 0;
}

void cf_options_dtor(cf_options *o)
{
	if (!o) {
		return;
	}
	free(o->local_path);
	free(o->metadata_cache_identifier);
	free(o->metadata_dsn);
	if (o->record_key) {
		volatile char *p = o->record_key;
		while (*p) {
			*p++ = '\0';
		}
	}
	free(o->record_key);
	free(o->ns_environment);
	free(o->ns_instance);
	free(o->backend_version_env_var);
	o->local_path = NULL;
	o->local_path_len = 0;
	o->metadata_cache_identifier = NULL;
	o->metadata_dsn = NULL;
	o->record_key = NULL;
	o->ns_environment = NULL;
	o->ns_instance = NULL;
	o->backend_version_env_var = NULL;
}

static void apply_local_path(cf_options *o, const char *path, const cf_value *v, cf_errors *e)
{
	if (v->type != CF_V_STRING) {
		type_error(e, path, v, "a string");
		return;
	}
	const char *s = v->s ? v->s : "";
	size_t len = v->s ? v->len : 0;
	bool ok = true;
	if (len > CF_LOCAL_PATH_MAX) {
		cf_errors_add(e, path, "Must be at most %d characters long", CF_LOCAL_PATH_MAX);
		ok = false;
	}
	if (len < 1 || s[0] != '/') {
		cf_errors_add(e, path, "Does not match the regex pattern " CF_LOCAL_PATH_PATTERN);
		ok = false;
	}
	if (memchr(s, '\0', len)) {
		cf_errors_add(e, path, "Must not contain a NUL byte");
		ok = false;
	}
	if (ok && set_string(&o->local_path, s, len, e, path)) {
		o->local_path_len = len;
	}
}

static void *cf_opt_malloc(size_t n, void *ctx)
{
	(void)ctx;
	return malloc(n ? n : 1);
}
static void *cf_opt_realloc(void *p, size_t n, void *ctx)
{
	(void)ctx;
	return realloc(p, n ? n : 1);
}
static void cf_opt_free(void *p, void *ctx)
{
	(void)ctx;
	free(p);
}
static const cf_allocator cf_opt_allocator = {cf_opt_malloc, cf_opt_realloc, cf_opt_free, NULL};

/* metadataDsn: parsed once here for its message (the store parses it again when it connects). */
static void apply_dsn(cf_options *o, const char *path, const cf_value *v, cf_errors *e)
{
	char err[256];
	cf_dsn d;

	if (v->type != CF_V_STRING) {
		type_error(e, path, v, "a string");
		return;
	}
	switch (cf_dsn_parse(v->s ? v->s : "", v->s ? v->len : 0, &cf_opt_allocator, &d, err, sizeof(err))) {
	case CF_DSN_OK:
		cf_dsn_free(&d, &cf_opt_allocator);
		set_string(&o->metadata_dsn, v->s, v->len, e, path);
		return;
	case CF_DSN_E_NOMEM:
		cf_errors_add(e, path, "Out of memory");
		return;
	default:
		/* dsn.c's messages never contain the password; the path already names the option */
		cf_errors_add(e, path, "%s", strncmp(err, "metadataDsn: ", 13) == 0 ? err + 13 : err);
		return;
	}
}

static void apply_pattern(cf_options *o, const opt_def *d, const char *path, const cf_value *v, cf_errors *e)
{
	if (v->type != CF_V_STRING) {
		type_error(e, path, v, "a string");
		return;
	}
	const char *s = v->s ? v->s : "";
	size_t len = v->s ? v->len : 0;
	if (!d->match(s, len)) {
		cf_errors_add(e, path, "Does not match the regex pattern %s", d->pattern);
		return;
	}
	char **dst;
	switch (d->bit) {
	case SEEN_METADATA_CACHE_IDENTIFIER:
		dst = &o->metadata_cache_identifier;
		break;
	case SEEN_NS_INSTANCE:
		dst = &o->ns_instance;
		break;
	default: /* SEEN_BACKEND_VERSION_ENV_VAR */
		dst = &o->backend_version_env_var;
		break;
	}
	set_string(dst, s, len, e, path);
}

static void apply_enum(cf_options *o, const opt_def *d, const char *path, const cf_value *v, cf_errors *e)
{
	if (v->type != CF_V_STRING) {
		type_error(e, path, v, "a string");
		return;
	}
	const char *s = v->s ? v->s : "";
	size_t len = v->s ? v->len : 0;
	int i = enum_index(d->values, s, len);
	if (i < 0) {
		enum_error(e, path, d->values);
		return;
	}
	switch (d->bit) {
	case SEEN_NS_ENVIRONMENT:
		set_string(&o->ns_environment, s, len, e, path);
		break;
	case SEEN_COMPRESSION_CODEC:
		cf_codec_from_name(s, len, &o->compression_codec);
		break;
	case SEEN_SERIALIZER:
		o->serializer_igbinary = (i == 0);
		break;
	default:
		break;
	}
}

static void apply_compression(cf_options *o, const opt_def *d, const char *path, const cf_value *v, cf_errors *e)
{
	if (v->type == CF_V_BOOL) {
		if (v->b) {
			o->seen |= F_COMPRESSION_TRUE;
		} else {
			o->seen &= ~(unsigned)F_COMPRESSION_TRUE;
			o->compression = CF_CODEC_NONE;
		}
		return;
	}
	if (v->type != CF_V_STRING) {
		type_error(e, path, v, "a string or a boolean");
		return;
	}
	const char *s = v->s ? v->s : "";
	size_t len = v->s ? v->len : 0;
	if (enum_index(d->values, s, len) < 0 || !cf_codec_from_name(s, len, &o->compression)) {
		enum_error(e, path, d->values);
		return;
	}
	o->seen &= ~(unsigned)F_COMPRESSION_TRUE;
}

static void apply_int(cf_options *o, const opt_def *d, const char *path, const cf_value *v, cf_errors *e)
{
	if (v->type != CF_V_INT) {
		type_error(e, path, v, "an integer");
		return;
	}
	if (v->i < d->min) {
		cf_errors_add(e, path, "Must have a minimum value of %" PRId64, d->min);
		return;
	}
	if (v->i > d->max) {
		cf_errors_add(e, path, "Must have a maximum value of %" PRId64, d->max);
		return;
	}
	switch (d->bit) {
	case SEEN_DEFAULT_LIFETIME_SECONDS:
		/* The canonical name wins; a differing synonym is reported by finish(). */
		if ((o->seen & F_LIFETIME_OK) && o->default_lifetime != v->i) {
			o->seen |= F_LIFETIME_CONFLICT;
		}
		o->default_lifetime = v->i;
		o->seen |= F_LIFETIME_SECONDS_OK;
		break;
	case SEEN_DEFAULT_LIFETIME:
		if (o->seen & F_LIFETIME_SECONDS_OK) {
			if (o->default_lifetime != v->i) {
				o->seen |= F_LIFETIME_CONFLICT;
			}
		} else {
			o->default_lifetime = v->i;
		}
		o->seen |= F_LIFETIME_OK;
		break;
	case SEEN_MAX_PAYLOAD_BYTES:
		o->max_payload_bytes = v->i;
		break;
	case SEEN_MIN_COMPRESSED_BYTES:
		o->min_compressed_bytes = v->i;
		break;
	case SEEN_PAYLOAD_L1_MAX_ENTRIES:
		o->payload_l1_max_entries = v->i;
		break;
	case SEEN_PAYLOAD_L1_MAX_BYTES:
		o->payload_l1_max_bytes = v->i;
		break;
	case SEEN_L1_MAX_AGE_SECONDS:
		o->l1_max_age_seconds = v->i;
		break;
	case SEEN_LOCAL_MAX_BYTES:
		o->local_max_bytes = v->i;
		break;
	case SEEN_LOCAL_MAX_AGE_SECONDS:
		o->local_max_age_seconds = v->i;
		break;
	case SEEN_SHARED_PAYLOAD_MAX_BYTES:
		o->shared_payload_max = v->i;
		break;
	default:
		break;
	}
}

void cf_options_apply(
	cf_options *o, const char *parent, const char *name, size_t name_len, const cf_value *v, cf_errors *e)
{
	static const cf_value null_value = {CF_V_NULL};
	if (!o) {
		return;
	}
	if (!v) {
		v = &null_value;
	}
	if (!name) {
		name = "";
		name_len = 0;
	}

	const opt_def *d;
	char path[CF_OPT_PATH_MAX];
	if (!parent) {
		d = find_def(top_defs, name, name_len);
		if (!d) {
			char shown[CF_NAME_SHOW_MAX + 4];
			escape_name(name, name_len, shown);
			cf_errors_add(
				e, "", "The property %s is not defined and the definition does not allow additional properties", shown);
			return;
		}
		snprintf(path, sizeof(path), "%s", d->name);
	} else {
		char shown_parent[CF_NAME_SHOW_MAX + 4];
		escape_name(parent, strlen(parent), shown_parent);
		d = strcmp(parent, CF_NS_NAME) == 0 ? find_def(ns_defs, name, name_len) : NULL;
		if (!d) {
			char shown[CF_NAME_SHOW_MAX + 4];
			escape_name(name, name_len, shown);
			cf_errors_add(e, shown_parent,
				"The property %s is not defined and the definition does not allow additional properties", shown);
			return;
		}
		snprintf(path, sizeof(path), "%s.%s", shown_parent, d->name);
	}
	o->seen |= d->bit;

	switch (d->kind) {
	case K_LOCAL_PATH:
		apply_local_path(o, path, v, e);
		break;
	case K_PATTERN:
		apply_pattern(o, d, path, v, e);
		break;
	case K_ENUM:
		apply_enum(o, d, path, v, e);
		break;
	case K_COMPRESSION:
		apply_compression(o, d, path, v, e);
		break;
	case K_INT:
		apply_int(o, d, path, v, e);
		break;
	case K_BOOL:
		if (v->type != CF_V_BOOL) {
			type_error(e, path, v, "a boolean");
			break;
		}
		o->fsync = v->b;
		break;
	case K_OBJECT:
		if (v->type != CF_V_OBJECT) {
			type_error(e, path, v, "an object");
			break;
		}
		o->has_metadata_cache = true;
		break;
	case K_DSN:
		apply_dsn(o, path, v, e);
		break;
	case K_SECRET:
		if (v->type != CF_V_STRING) {
			type_error(e, path, v, "a string");
			break;
		}
		if (!v->s || v->len < 16 || v->len > 4096 || memchr(v->s, '\0', v->len)) {
			cf_errors_add(e, path, "Must be 16 to 4096 bytes without a NUL byte");
			break;
		}
		set_string(&o->record_key, v->s, v->len, e, path);
		break;
	case K_NAMESPACE:
		if (v->type != CF_V_ARRAY) {
			type_error(e, path, v, "an object");
			break;
		}
		o->seen |= F_NAMESPACE_OK;
		break;
	}
}

void cf_options_finish(cf_options *o, cf_errors *e)
{
	if (!o) {
		return;
	}
	if (!o->backend_version_env_var) {
		o->backend_version_env_var = strdup(default_env_var);
		if (!o->backend_version_env_var) {
			cf_errors_add(e, "backendVersionEnvVar", "Out of memory");
		}
	}
	if (!(o->seen & SEEN_LOCAL_PATH)) {
		cf_errors_add(e, "", "The property localPath is required");
	}
	if (!(o->seen & (SEEN_METADATA_CACHE_IDENTIFIER | SEEN_METADATA_DSN)) && !o->has_metadata_cache) {
		cf_errors_add(e, "", "The property metadataCacheIdentifier is required");
	}
	if ((o->seen & SEEN_METADATA_DSN) && ((o->seen & SEEN_METADATA_CACHE_IDENTIFIER) || o->has_metadata_cache)) {
		cf_errors_add(e, "metadataDsn", "Conflicts with %s (give exactly one metadata store)",
			o->has_metadata_cache ? "metadataCache" : "metadataCacheIdentifier");
	}
	if ((o->seen & SEEN_RECORD_KEY) && !(o->seen & SEEN_METADATA_DSN)) {
		cf_errors_add(e, "recordKey", "Only applies with metadataDsn");
	}
	if ((o->seen & SEEN_SHARED_PAYLOAD_MAX_BYTES) && !(o->seen & SEEN_METADATA_DSN)) {
		/* a metadata cache frontend has no place beside its record for the bytes */
		cf_errors_add(e, "sharedPayloadMaxBytes",
			"Only applies with metadataDsn (payloads are kept beside the record in the native store; not with %s)",
			o->has_metadata_cache ? "metadataCache" : "metadataCacheIdentifier");
	}
	if (!(o->seen & SEEN_NAMESPACE)) {
		cf_errors_add(e, "", "The property namespace is required");
	}
	if (o->seen & F_NAMESPACE_OK) {
		if (!(o->seen & SEEN_NS_ENVIRONMENT)) {
			cf_errors_add(e, CF_NS_NAME, "The property environment is required");
		}
		if (!(o->seen & SEEN_NS_INSTANCE)) {
			cf_errors_add(e, CF_NS_NAME, "The property instance is required");
		}
	}
	if (o->seen & F_LIFETIME_CONFLICT) {
		cf_errors_add(e, "defaultLifetime", "Conflicts with defaultLifetimeSeconds (both given with different values)");
	}
	/* compression: true means compressionCodec; absent keeps the schema default "zstd". */
	if (o->seen & F_COMPRESSION_TRUE) {
		o->compression = o->compression_codec;
	}
}
