/*
 * libFuzzer harness: the option contract (options.h) driven by a sequence of apply() calls.
 *
 * Input: a list of operations until the input runs out (at most MAX_OPS). Each starts with an op
 * byte:
 *   bit 7 set    "valid" op: the low bits pick an entry of valid_ops (a known key with a value
 *                that satisfies the schema, ints drawn into the allowed range). Property: such an
 *                apply adds no violation.
 *   bit 7 clear  free-form op: bits 0-1 pick the parent (NULL, "namespace", a NUL-terminated
 *                string from the input, NULL), bit 2 a known name (index byte into known_names)
 *                instead of raw name bytes (length byte + bytes), bits 3-5 the value type
 *                (NULL, BOOL, INT, FLOAT, STRING, ARRAY, OBJECT, or "no value" = v NULL; an INT is
 *                either an edge-biased int64 or an edge of a known range +-1), bit 6 a
 *                known string value instead of raw bytes (length u16 % 4500 + bytes; a NULL s
 *                with a non-zero len when the length's top bit is set).
 * Every string is an exact-size heap copy, so ASan reports any read past its length.
 *
 * Properties after cf_options_finish (any violation aborts):
 *   - the numeric fields are always within their ranges, the codecs are valid;
 *   - errors.count == number of lines of the text, 0 <=> empty text; each line starts with '[';
 *   - the error text holds only printable ASCII (0x20..0x7e) and '\n' separators, and each apply
 *     or finish call adds at most PER_CALL_MAX bytes to it (so the text is linear in the number of
 *     calls, whatever the length of a name or value);
 *   - count == 0 => localPath is set, starts with '/', has no NUL and at most 4000 bytes;
 *     namespace.environment is one of the enum; namespace.instance matches ^[a-z0-9-]{1,64}$;
 *     metadataCacheIdentifier (unless metadataCache was given) matches ^[a-zA-Z0-9_]{1,64}$;
 *     backendVersionEnvVar matches ^[A-Z_][A-Z0-9_]{0,63}$;
 *   - nothing leaks (libFuzzer's LeakSanitizer check) and dtor leaves no string behind.
 */
#include "options.h"
#include "fuzz_common.h"

#define MAX_OPS      256
#define PER_CALL_MAX 1024

static const char *const known_names[] = {
	"localPath",
	"metadataCacheIdentifier",
	"metadataCache",
	"namespace",
	"compression",
	"compressionCodec",
	"serializer",
	"defaultLifetimeSeconds",
	"defaultLifetime",
	"maxPayloadBytes",
	"minCompressedBytes",
	"payloadL1MaxEntries",
	"payloadL1MaxBytes",
	"backendVersionEnvVar",
	"fsync",
	"environment",
	"instance",
	"localpath",
	"namespace.environment",
	"",
};
#define N_KNOWN_NAMES (sizeof(known_names) / sizeof(known_names[0]))

static const char *const known_strings[] = {
	"/",
	"/var/cache/clusterfile",
	"relative/path",
	"",
	"zstd",
	"gzip",
	"none",
	"deflate",
	"igbinary",
	"php",
	"prod",
	"staging",
	"testing",
	"development",
	"Prod",
	"pod-1",
	"POD_1",
	"IMAGE_TAG",
	"_X9",
	"9X",
	"cache_meta",
	"cache-meta",
	"\xff\x01\n\t",
};
#define N_KNOWN_STRINGS (sizeof(known_strings) / sizeof(known_strings[0]))

typedef struct valid_op {
	const char *parent;
	const char *name;
	cf_value_type type;
	const char *s;    /* CF_V_STRING */
	int64_t min, max; /* CF_V_INT: drawn into [min, max] */
} valid_op;

static const valid_op valid_ops[] = {
	{NULL, "localPath", CF_V_STRING, "/var/cache/cf"},
	{NULL, "localPath", CF_V_STRING, "/"},
	{NULL, "metadataCacheIdentifier", CF_V_STRING, "cf_meta"},
	{NULL, "metadataCache", CF_V_OBJECT},
	{NULL, "namespace", CF_V_ARRAY},
	{"namespace", "environment", CF_V_STRING, "prod"},
	{"namespace", "environment", CF_V_STRING, "development"},
	{"namespace", "instance", CF_V_STRING, "site-1"},
	{NULL, "compression", CF_V_STRING, "gzip"},
	{NULL, "compression", CF_V_STRING, "none"},
	{NULL, "compression", CF_V_BOOL, NULL, 0, 1},
	{NULL, "compressionCodec", CF_V_STRING, "gzip"},
	{NULL, "compressionCodec", CF_V_STRING, "zstd"},
	{NULL, "serializer", CF_V_STRING, "php"},
	{NULL, "serializer", CF_V_STRING, "igbinary"},
	{NULL, "defaultLifetimeSeconds", CF_V_INT, NULL, 1, INT64_MAX},
	{NULL, "defaultLifetime", CF_V_INT, NULL, 1, INT64_MAX},
	{NULL, "maxPayloadBytes", CF_V_INT, NULL, 1024, 67108864},
	{NULL, "minCompressedBytes", CF_V_INT, NULL, 0, 1048576},
	{NULL, "payloadL1MaxEntries", CF_V_INT, NULL, 0, 1024},
	{NULL, "payloadL1MaxBytes", CF_V_INT, NULL, 0, 67108864},
	{NULL, "backendVersionEnvVar", CF_V_STRING, "DEPLOY_ID"},
	{NULL, "fsync", CF_V_BOOL, NULL, 0, 1},
};
#define N_VALID_OPS (sizeof(valid_ops) / sizeof(valid_ops[0]))

/* Strings allocated for the current op (freed after the apply). */
typedef struct op_mem {
	char *parent, *name, *value;
} op_mem;

static int64_t draw_in_range(uint64_t raw, int64_t min, int64_t max)
{
	uint64_t span = (uint64_t)max - (uint64_t)min; /* max >= min */
	uint64_t off = span == UINT64_MAX ? raw : raw % (span + 1);
	return (int64_t)((uint64_t)min + off);
}

static bool match_chars(const char *s, size_t len, size_t min, size_t max, const char *first, const char *rest)
{
	if (len < min || len > max || strlen(s) != len) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		const char *set = (i == 0 && first) ? first : rest;
		if (!strchr(set, s[i])) {
			return false;
		}
	}
	return true;
}

#define LOWER  "abcdefghijklmnopqrstuvwxyz"
#define UPPER  "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define DIGITS "0123456789"

static void check_ranges(const cf_options *o)
{
	FUZZ_CHECK(o->default_lifetime >= 1);
	FUZZ_CHECK(o->max_payload_bytes >= 1024 && o->max_payload_bytes <= 67108864);
	FUZZ_CHECK(o->min_compressed_bytes >= 0 && o->min_compressed_bytes <= 1048576);
	FUZZ_CHECK(o->payload_l1_max_entries >= 0 && o->payload_l1_max_entries <= 1024);
	FUZZ_CHECK(o->payload_l1_max_bytes >= 0 && o->payload_l1_max_bytes <= 67108864);
	FUZZ_CHECK(
		o->compression == CF_CODEC_NONE || o->compression == CF_CODEC_ZSTD || o->compression == CF_CODEC_DEFLATE);
	FUZZ_CHECK(o->compression_codec == CF_CODEC_ZSTD || o->compression_codec == CF_CODEC_DEFLATE);
}

static void check_error_text(const cf_errors *e)
{
	if (e->count == 0) {
		FUZZ_CHECK(e->len == 0);
		return;
	}
	FUZZ_CHECK(e->buf != NULL && e->len > 0);
	FUZZ_CHECK(e->buf[e->len] == '\0');
	FUZZ_CHECK(e->buf[0] == '[');
	unsigned lines = 1;
	for (size_t i = 0; i < e->len; i++) {
		unsigned char c = (unsigned char)e->buf[i];
		if (c == '\n') {
			lines++;
			FUZZ_CHECK(i + 1 < e->len && e->buf[i + 1] == '[');
			continue;
		}
		FUZZ_CHECK(c >= 0x20 && c <= 0x7e);
	}
	FUZZ_CHECK(lines == e->count);
}

static void check_valid_config(const cf_options *o)
{
	FUZZ_CHECK(o->local_path != NULL);
	FUZZ_CHECK(o->local_path[0] == '/');
	FUZZ_CHECK(strlen(o->local_path) == o->local_path_len);
	FUZZ_CHECK(o->local_path_len >= 1 && o->local_path_len <= 4000);

	FUZZ_CHECK(o->ns_environment != NULL);
	FUZZ_CHECK(!strcmp(o->ns_environment, "prod") || !strcmp(o->ns_environment, "staging") ||
			   !strcmp(o->ns_environment, "testing") || !strcmp(o->ns_environment, "development"));
	FUZZ_CHECK(o->ns_instance != NULL);
	FUZZ_CHECK(match_chars(o->ns_instance, strlen(o->ns_instance), 1, 64, NULL, LOWER DIGITS "-"));

	if (o->metadata_cache_identifier) {
		const char *m = o->metadata_cache_identifier;
		FUZZ_CHECK(match_chars(m, strlen(m), 1, 64, NULL, LOWER UPPER DIGITS "_"));
	} else {
		FUZZ_CHECK(o->has_metadata_cache);
	}
	FUZZ_CHECK(o->backend_version_env_var != NULL);
	const char *ev = o->backend_version_env_var;
	FUZZ_CHECK(match_chars(ev, strlen(ev), 1, 64, UPPER "_", UPPER DIGITS "_"));
}

/* Reads one free-form op; returns false when the op could not be built (input exhausted). */
static void read_free_op(fuzz_reader *rd, uint8_t op, op_mem *mem, const char **parent, const char **name,
	size_t *name_len, cf_value *v, bool *v_null)
{
	size_t got;
	const uint8_t *p;

	switch (op & 3) {
	case 1:
		*parent = "namespace";
		break;
	case 2: {
		p = fuzz_bytes(rd, fuzz_u8(rd) % 80, &got);
		mem->parent = fuzz_dup(p, got, true); /* strlen() may stop early at an embedded NUL */
		*parent = mem->parent;
		break;
	}
	default:
		*parent = NULL;
		break;
	}

	if (op & 4) {
		const char *k = known_names[fuzz_u8(rd) % N_KNOWN_NAMES];
		*name_len = strlen(k);
		mem->name = fuzz_dup((const uint8_t *)k, *name_len, false);
	} else {
		p = fuzz_bytes(rd, fuzz_u8(rd), &got);
		mem->name = fuzz_dup(p, got, false);
		*name_len = got;
	}
	*name = mem->name;

	memset(v, 0, sizeof(*v));
	*v_null = false;
	switch ((op >> 3) & 7) {
	case 0:
		v->type = CF_V_NULL;
		break;
	case 1:
		v->type = CF_V_BOOL;
		v->b = fuzz_u8(rd) & 1;
		break;
	case 2: {
		v->type = CF_V_INT;
		uint8_t how = fuzz_u8(rd);
		if (how < 0x80) {
			v->i = fuzz_i64(rd, 1024);
		} else {
			/* An edge of some option's range: min - 1, min, max, max + 1 (wrapping, never UB). */
			const valid_op *vo = &valid_ops[how % N_VALID_OPS];
			uint8_t edge = fuzz_u8(rd);
			bool hi = edge & 2, outside = edge & 1;
			uint64_t base = (uint64_t)(hi ? vo->max : vo->min);
			uint64_t delta = !outside ? 0 : hi ? 1 : UINT64_MAX; /* max + 1 or min - 1 */
			v->i = (int64_t)(base + delta);
		}
		break;
	}
	case 3: {
		v->type = CF_V_FLOAT;
		uint64_t bits = fuzz_u64(rd);
		memcpy(&v->d, &bits, sizeof(v->d));
		break;
	}
	case 4:
		v->type = CF_V_STRING;
		if (op & 0x40) {
			const char *k = known_strings[fuzz_u8(rd) % N_KNOWN_STRINGS];
			v->len = strlen(k);
			mem->value = fuzz_dup((const uint8_t *)k, v->len, false);
			v->s = mem->value;
		} else {
			uint16_t l = fuzz_u16(rd);
			if (l & 0x8000) {
				v->s = NULL; /* the API treats a NULL s as "" whatever len says */
				v->len = l & 0x7fff;
			} else {
				p = fuzz_bytes(rd, l % 4500, &got);
				mem->value = fuzz_dup(p, got, false);
				v->s = mem->value;
				v->len = got;
			}
		}
		break;
	case 5:
		v->type = CF_V_ARRAY;
		break;
	case 6:
		v->type = CF_V_OBJECT;
		break;
	default:
		*v_null = true;
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader rd = {data, size};
	cf_options o;
	cf_errors e;

	cf_options_init(&o);
	cf_errors_init(&e);
	check_ranges(&o);

	for (int n = 0; n < MAX_OPS && fuzz_left(&rd) > 0; n++) {
		uint8_t op = fuzz_u8(&rd);
		op_mem mem = {NULL, NULL, NULL};
		unsigned count_before = e.count;
		size_t len_before = e.len;

		if (op & 0x80) {
			const valid_op *vo = &valid_ops[(op & 0x7f) % N_VALID_OPS];
			cf_value v;
			memset(&v, 0, sizeof(v));
			v.type = vo->type;
			if (vo->type == CF_V_STRING) {
				v.len = strlen(vo->s);
				mem.value = fuzz_dup((const uint8_t *)vo->s, v.len, false);
				v.s = mem.value;
			} else if (vo->type == CF_V_INT) {
				v.i = draw_in_range(fuzz_u64(&rd), vo->min, vo->max);
			} else if (vo->type == CF_V_BOOL) {
				v.b = fuzz_u8(&rd) & 1;
			}
			size_t name_len = strlen(vo->name);
			mem.name = fuzz_dup((const uint8_t *)vo->name, name_len, false);
			cf_options_apply(&o, vo->parent, mem.name, name_len, &v, &e);
			/* A valid key with a valid value is never a violation. */
			FUZZ_CHECK(e.count == count_before);
			FUZZ_CHECK(e.len == len_before);
		} else {
			const char *parent, *name;
			size_t name_len;
			cf_value v;
			bool v_null;
			read_free_op(&rd, op, &mem, &parent, &name, &name_len, &v, &v_null);
			cf_options_apply(&o, parent, name, name_len, v_null ? NULL : &v, &e);
		}
		FUZZ_CHECK(e.count >= count_before && e.count - count_before <= 3);
		FUZZ_CHECK(e.len >= len_before && e.len - len_before <= PER_CALL_MAX);
		free(mem.parent);
		free(mem.name);
		free(mem.value);
		check_ranges(&o);
	}

	size_t len_before = e.len;
	cf_options_finish(&o, &e);
	FUZZ_CHECK(e.len - len_before <= PER_CALL_MAX);
	check_ranges(&o);
	check_error_text(&e);
	if (fuzz_debug()) {
		fprintf(stderr, "options: %u violation(s)%s%s\n", e.count, e.count ? ":\n" : "", e.count ? e.buf : "");
	}
	if (e.count == 0) {
		check_valid_config(&o);
	}

	cf_options_dtor(&o);
	FUZZ_CHECK(o.local_path == NULL && o.metadata_cache_identifier == NULL && o.ns_environment == NULL &&
			   o.ns_instance == NULL && o.backend_version_env_var == NULL);
	cf_options_dtor(&o); /* idempotent */
	cf_errors_dtor(&e);
	FUZZ_CHECK(e.buf == NULL && e.len == 0 && e.count == 0);

	/* The NULL-tolerant entry points. */
	cf_options_apply(NULL, NULL, "localPath", 9, NULL, NULL);
	cf_options_finish(NULL, NULL);
	cf_options_dtor(NULL);
	cf_errors_add(NULL, "x", "y");
	return 0;
}
