/*
 * clusterfile: backend options - names, types, defaults, ranges, patterns.
 *
 * This module owns the option contract (the same names, defaults and ranges as the reference's
 * JSON schema, shipped in schema/options.schema.json, plus the additions documented there) and
 * the collection of every violation as "[path] message" lines. The glue reads PHP values and
 * hands them over as cf_value; it never decides validity itself. Zend-free.
 */
#ifndef CF_OPTIONS_H
#define CF_OPTIONS_H

#include "codec.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum cf_value_type {
	CF_V_NULL,
	CF_V_BOOL,
	CF_V_INT,
	CF_V_FLOAT,
	CF_V_STRING,
	CF_V_ARRAY,  /* a PHP array: an object (map) for "namespace" */
	CF_V_OBJECT, /* a PHP object: only "metadataCache" takes one */
} cf_value_type;

typedef struct cf_value {
	cf_value_type type;
	bool b;
	int64_t i;
	double d;
	const char *s; /* CF_V_STRING: not NUL-terminated necessarily */
	size_t len;
} cf_value;

/* The violations, "[path] message" joined by "\n". Owned by malloc. */
typedef struct cf_errors {
	char *buf;
	size_t len;
	size_t cap;
	unsigned count;
} cf_errors;

void cf_errors_init(cf_errors *e);
void cf_errors_add(cf_errors *e, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
void cf_errors_dtor(cf_errors *e);

#define CF_OPT_PATH_MAX        4096
#define CF_LOCAL_MAX_BYTES_MAX ((int64_t)1 << 50)
#define CF_LOCAL_MAX_AGE_MAX   ((int64_t)315360000)
/* sharedPayloadMaxBytes at most: payloads beside their record in Redis are meant to be small */
#define CF_SHARED_PAYLOAD_MAX ((int64_t)1048576)

typedef struct cf_options {
	/* Strings are malloc'd and NUL-terminated. */
	char *local_path;
	size_t local_path_len;
	char *metadata_cache_identifier; /* NULL when only metadataCache (an object) was given */
	char *metadata_dsn;              /* the native store's DSN (validated by dsn.c), or NULL */
	char *record_key;                /* HMAC key of native records (16..4096 bytes), or NULL: SYS.encryptionKey */
	char *ns_environment;
	char *ns_instance;
	/* compression as given: "zstd"/"gzip"/"none", true (= compressionCodec) or false (= none) */
	cf_codec compression;           /* the resolved primary codec */
	cf_codec compression_codec;     /* what compression=true means; default zstd */
	bool serializer_igbinary;       /* serializer "igbinary" (default) or "php" */
	int64_t default_lifetime;       /* defaultLifetimeSeconds / defaultLifetime, >= 1, default 3600 */
	int64_t max_payload_bytes;      /* 1024..67108864, default 10485760 */
	int64_t min_compressed_bytes;   /* 0..1048576, default 1024 */
	int64_t payload_l1_max_entries; /* 0..1024, default 32 */
	int64_t payload_l1_max_bytes;   /* 0..67108864, default 4194304 */
	int64_t l1_max_age_seconds;     /* 0..86400, default 2; 0 = the L1s live for the request only */
	int64_t local_max_bytes;        /* 0..2^50, default 1 GiB; disk usage budget of localPath, 0 = none */
	int64_t local_max_age_seconds;  /* 0..10 years, default 7 days; since last use, 0 = none */
	int64_t shared_payload_max;     /* sharedPayloadMaxBytes: 0..CF_SHARED_PAYLOAD_MAX, 0 = off; metadataDsn only */
	char *backend_version_env_var;  /* ^[A-Z_][A-Z0-9_]{0,63}$, default IMAGE_TAG */
	bool fsync;                     /* default false */
	bool has_metadata_cache;        /* metadataCache (a frontend object) was given */
	/* bookkeeping: which keys were seen */
	unsigned seen;
} cf_options;

/* Sets every field to its default and marks nothing seen. */
void cf_options_init(cf_options *o);
void cf_options_dtor(cf_options *o);

/*
 * One option. parent is NULL for a top-level key, "namespace" for a member of namespace. For
 * "namespace" itself pass CF_V_ARRAY and then each member; for "metadataCache" pass CF_V_OBJECT.
 * Unknown names, wrong types and out-of-range values are added to e.
 */
void cf_options_apply(
	cf_options *o, const char *parent, const char *name, size_t name_len, const cf_value *v, cf_errors *e);

/* After every key: required keys, synonym conflicts, compression resolution. */
void cf_options_finish(cf_options *o, cf_errors *e);

#endif
