/*
 * Writes the seed corpus of every fuzz target: `make -C tests/fuzz seeds` (output in corpus/,
 * committed). Seeds are small valid and invalid inputs in each harness's input layout (see the
 * comment at the top of each fuzz_*.c); codec seeds are real cf_codec_encode output.
 *
 * Usage: gen_seeds <corpus-dir>   (the per-target subdirectories must exist)
 */
#include "codec.h"
#include "hash.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

static const char *outdir;

/* ---- a growable byte buffer ---- */

typedef struct buf {
	unsigned char *p;
	size_t n, cap;
} buf;

static void put(buf *b, const void *d, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		if (!b->p) {
			abort();
		}
	}
	if (n) {
		memcpy(b->p + b->n, d, n);
	}
	b->n += n;
}
static void put_u8(buf *b, unsigned v)
{
	unsigned char c = (unsigned char)v;
	put(b, &c, 1);
}
static void put_u16(buf *b, unsigned v)
{
	put_u8(b, v & 0xff);
	put_u8(b, (v >> 8) & 0xff);
}
static void put_u64(buf *b, uint64_t v)
{
	for (int i = 0; i < 8; i++) {
		put_u8(b, (unsigned)(v >> (8 * i)) & 0xff);
	}
}
static void put_s(buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void save(const char *target, const char *name, const buf *b)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s/%s", outdir, target, name);
	FILE *f = fopen(path, "wb");
	if (!f || (b->n && fwrite(b->p, 1, b->n, f) != b->n) || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

/* ---- plain malloc allocator for the encoder ---- */

static void *a_alloc(size_t n, void *c)
{
	(void)c;
	return malloc(n ? n : 1);
}
static void *a_realloc(void *p, size_t n, void *c)
{
	(void)c;
	return realloc(p, n ? n : 1);
}
static void a_free(void *p, void *c)
{
	(void)c;
	free(p);
}
static const cf_allocator A = {a_alloc, a_realloc, a_free, NULL};

/* A payload file of `codec` (min_compressed 0: always that codec). */
static buf encoded(cf_codec codec, const void *raw, size_t len)
{
	char *out;
	size_t out_len;
	if (cf_codec_encode(NULL, codec, 0, raw, len, &A, &out, &out_len) != CF_CODEC_OK) {
		abort();
	}
	buf b = {0};
	put(&b, out, out_len);
	free(out);
	return b;
}

static const char text[] =
	"a:3:{s:5:\"pages\";a:2:{i:0;s:12:\"Hello, world\";i:1;s:12:\"Hello, world\";}"
	"s:4:\"tags\";a:1:{i:0;s:9:\"pageId_42\";}s:7:\"content\";s:40:\"<p>clusterfile cache entry body text</p>\";}";

/* ---- codec_decode: selector byte + file ---- */

static void codec_seed(const char *name, unsigned sel, const buf *file)
{
	buf b = {0};
	put_u8(&b, sel);
	put(&b, file->p, file->n);
	save("codec_decode", name, &b);
	free(b.p);
}

static void seeds_codec(void)
{
	/* decode mode: selector 0x04 = cap 1 MiB, 0x03 = 64 KiB, 0x02 = 1 KiB, 0x01 = 1, 0x00 = 0 */
	size_t tl = sizeof(text) - 1;
	buf none = encoded(CF_CODEC_NONE, text, tl);
	buf zstd = encoded(CF_CODEC_ZSTD, text, tl);
	buf defl = encoded(CF_CODEC_DEFLATE, text, tl);
	codec_seed("none_text", 0x04, &none);
	codec_seed("zstd_text", 0x04, &zstd);
	codec_seed("deflate_text", 0x04, &defl);
	codec_seed("zstd_text_cap_1", 0x01, &zstd);
	codec_seed("deflate_text_cap_1k", 0x02, &defl);

	buf e0 = encoded(CF_CODEC_NONE, "", 0), e1 = encoded(CF_CODEC_ZSTD, "", 0), e2 = encoded(CF_CODEC_DEFLATE, "", 0);
	codec_seed("none_empty_cap_0", 0x00, &e0);
	codec_seed("zstd_empty_cap_0", 0x00, &e1);
	codec_seed("deflate_empty_cap_0", 0x00, &e2);

	/* corruptions */
	buf t = {0};
	put(&t, zstd.p, zstd.n - 3);
	codec_seed("zstd_truncated", 0x04, &t);
	t.n = 0;
	put(&t, zstd.p, zstd.n);
	put_u8(&t, 0);
	codec_seed("zstd_trailing_byte", 0x04, &t);
	t.n = 0;
	put(&t, zstd.p, zstd.n);
	put(&t, zstd.p + 1, zstd.n - 1);
	codec_seed("zstd_two_frames", 0x04, &t);
	t.n = 0;
	put(&t, defl.p, defl.n - 2);
	codec_seed("deflate_truncated", 0x04, &t);
	t.n = 0;
	put(&t, defl.p, defl.n);
	put_s(&t, "xyz");
	codec_seed("deflate_trailing_bytes", 0x04, &t);
	t.n = 0;
	put(&t, defl.p, defl.n);
	t.p[t.n / 2] ^= 0x55;
	codec_seed("deflate_bitflip", 0x04, &t);
	t.n = 0;
	put_u8(&t, 0x03);
	put_s(&t, "abc");
	codec_seed("unknown_marker", 0x04, &t);
	t.n = 0;
	put_u8(&t, 0x01);
	codec_seed("zstd_marker_only", 0x04, &t);
	t.n = 0;
	put_u8(&t, 0x02);
	codec_seed("deflate_marker_only", 0x04, &t);
	t.n = 0;
	put_u8(&t, 0x01); /* a skippable frame (magic 0x184D2A50), not a real one */
	put_u8(&t, 0x50);
	put_u8(&t, 0x2a);
	put_u8(&t, 0x4d);
	put_u8(&t, 0x18);
	put_u8(&t, 4);
	put_u8(&t, 0);
	put_u8(&t, 0);
	put_u8(&t, 0);
	put_s(&t, "skip");
	codec_seed("zstd_skippable_frame", 0x04, &t);

	/* a zstd frame without a content size (streaming, no pledged size) */
	{
		char dst[256];
		ZSTD_CCtx *cc = ZSTD_createCCtx();
		ZSTD_CCtx_setParameter(cc, ZSTD_c_contentSizeFlag, 0);
		size_t n = ZSTD_compress2(cc, dst, sizeof(dst), "unknown size", 12);
		ZSTD_freeCCtx(cc);
		if (ZSTD_isError(n)) {
			abort();
		}
		t.n = 0;
		put_u8(&t, 0x01);
		put(&t, dst, n);
		codec_seed("zstd_no_content_size", 0x04, &t);
	}

	/* bombs: 4 MiB of zeros, decoded under a 64 KiB cap */
	{
		size_t big = (size_t)4 << 20;
		char *zeros = calloc(1, big);
		buf zb = encoded(CF_CODEC_ZSTD, zeros, big);
		buf db = encoded(CF_CODEC_DEFLATE, zeros, big);
		codec_seed("zstd_bomb_cap_64k", 0x03, &zb);
		codec_seed("deflate_bomb_cap_64k", 0x03, &db);
		free(zb.p);
		free(db.p);
		free(zeros);
	}

	/* round-trip mode: 0x80 + primary (0 none, 1 zstd, 2 deflate) + (min index << 2) */
	buf raw = {0};
	put(&raw, text, tl);
	codec_seed("roundtrip_none", 0x80, &raw);
	codec_seed("roundtrip_zstd", 0x81, &raw);
	codec_seed("roundtrip_deflate", 0x82, &raw);
	codec_seed("roundtrip_zstd_min_1024", 0x81 | (3 << 2), &raw);
	buf nothing = {0};
	codec_seed("roundtrip_deflate_empty", 0x82, &nothing);
	unsigned char bin[256];
	for (int i = 0; i < 256; i++) {
		bin[i] = (unsigned char)(i * 7);
	}
	raw.n = 0;
	put(&raw, bin, sizeof(bin));
	codec_seed("roundtrip_zstd_binary", 0x85, &raw);

	free(none.p);
	free(zstd.p);
	free(defl.p);
	free(e0.p);
	free(e1.p);
	free(e2.p);
	free(t.p);
	free(raw.p);
}

/* ---- record: flags, 7 x fuzz_i64, string ---- */

/* fuzz_i64 encodings */
static void i64_raw(buf *b, int64_t v)
{
	put_u8(b, 10);
	put_u64(b, (uint64_t)v);
}
static void i64_near(buf *b, int16_t delta)
{
	put_u8(b, 8);
	put_u16(b, (uint16_t)delta);
}

static void record_seed(const char *name, unsigned flags, int unlimited, const char *s)
{
	buf b = {0};
	put_u8(&b, flags);
	i64_raw(&b, INT64_C(1700000000)); /* now */
	i64_near(&b, -100);               /* created_at */
	if (unlimited) {
		put_u8(&b, 5); /* CF_EXPIRES_UNLIMITED */
	} else {
		i64_near(&b, 3000); /* expires_at */
	}
	i64_raw(&b, 1234); /* payload_size */
	put_u8(&b, 1);     /* backend_version = 1 */
	i64_raw(&b, 60);   /* lifetime */
	i64_raw(&b, 3600); /* default_lifetime */
	put_s(&b, s);
	save("record", name, &b);
	free(b.p);
}

static void seeds_record(void)
{
	char digest[80];
	char hex[CF_HEX64_LEN + 1];
	cf_sha256_hex("x", 1, hex);
	snprintf(digest, sizeof(digest), "sha256:%s", hex);
	record_seed("digest_valid", 0, 0, digest);
	for (char *p = digest + 7; *p; p++) {
		if (*p >= 'a' && *p <= 'f') {
			*p = (char)(*p - 'a' + 'A');
		}
	}
	record_seed("digest_uppercase", 0, 0, digest);
	record_seed("digest_short", 0, 0, "sha256:0123abcd");
	record_seed("serializer_igbinary", 2, 0, "igbinary:8.2");
	record_seed("serializer_php", 2, 1, "php:8.3");
	record_seed("serializer_colon", 0, 0, "php:8:2");
	record_seed("state_valid", 0, 0, "valid");
	record_seed("state_broken", 1, 1, "broken");
	record_seed("compression_zstd", 0, 0, "zstd");
	record_seed("compression_gzip", 3, 0, "gzip");
	record_seed("compression_none", 0, 1, "none");
	record_seed("empty_string", 0, 0, "");

	/* edge numbers: INT64_MIN now, INT64_MAX expiry, negative lifetimes */
	buf b = {0};
	put_u8(&b, 2);
	put_u8(&b, 3); /* now = INT64_MIN */
	put_u8(&b, 1); /* created = 1 */
	put_u8(&b, 4); /* expires = INT64_MAX */
	put_u8(&b, 2); /* payload = -1 */
	put_u8(&b, 0); /* version = 0 */
	put_u8(&b, 2); /* lifetime = -1 */
	put_u8(&b, 4); /* default = INT64_MAX */
	put_s(&b, "broken");
	save("record", "edge_min_now", &b);
	b.n = 0;
	put_u8(&b, 2);
	put_u8(&b, 6); /* now = UNLIMITED - 1 */
	put_u8(&b, 6);
	put_u8(&b, 7); /* expires = UNLIMITED + 1 */
	put_u8(&b, 0);
	put_u8(&b, 1);
	put_u8(&b, 1); /* lifetime = 1 -> lands on the unlimited marker */
	put_u8(&b, 0);
	save("record", "edge_unlimited_marker", &b);
	free(b.p);
}

/* ---- options: op sequences ---- */

/* valid_ops indices in fuzz_options.c */
enum {
	V_LOCAL = 0,
	V_LOCAL_ROOT,
	V_MCID,
	V_MC_OBJ,
	V_NS,
	V_ENV_PROD,
	V_ENV_DEV,
	V_INSTANCE,
	V_COMP_GZIP = 8,
	V_COMP_NONE,
	V_COMP_BOOL,
	V_CODEC_GZIP,
	V_CODEC_ZSTD,
	V_SER_PHP,
	V_SER_IGB,
	V_DLS,
	V_DL,
	V_MAXP,
	V_MINC,
	V_L1E,
	V_L1B,
	V_ENVVAR,
	V_FSYNC
};

static void valid_op(buf *b, unsigned idx)
{
	put_u8(b, 0x80 | idx);
}

/* free-form op with a raw name and a raw string value */
static void free_string_op(buf *b, unsigned parent_sel, const char *name, const char *value)
{
	put_u8(b, (parent_sel & 3) | (4u << 3)); /* raw name, STRING, raw bytes */
	if (parent_sel == 2) {
		put_u8(b, 9);
		put_s(b, "namespacX");
	}
	put_u8(b, (unsigned)strlen(name));
	put_s(b, name);
	put_u16(b, (unsigned)strlen(value));
	put_s(b, value);
}

/* free-form op with a raw name and a non-string value of type t (0 NULL,1 BOOL,2 INT,3 FLOAT,5,6,7) */
static void free_typed_op(buf *b, unsigned parent_sel, const char *name, unsigned t, uint64_t raw)
{
	put_u8(b, (parent_sel & 3) | (t << 3));
	put_u8(b, (unsigned)strlen(name));
	put_s(b, name);
	if (t == 1) {
		put_u8(b, (unsigned)raw);
	} else if (t == 2) {
		put_u8(b, 0); /* not a range edge */
		i64_raw(b, (int64_t)raw);
	} else if (t == 3) {
		put_u64(b, raw);
	}
}

static void seeds_options(void)
{
	buf b = {0};

	valid_op(&b, V_LOCAL);
	valid_op(&b, V_MCID);
	valid_op(&b, V_NS);
	valid_op(&b, V_ENV_PROD);
	valid_op(&b, V_INSTANCE);
	save("options", "minimal_valid", &b);

	b.n = 0;
	valid_op(&b, V_LOCAL_ROOT);
	valid_op(&b, V_MC_OBJ);
	valid_op(&b, V_NS);
	valid_op(&b, V_ENV_DEV);
	valid_op(&b, V_INSTANCE);
	valid_op(&b, V_COMP_BOOL);
	put_u8(&b, 1);
	valid_op(&b, V_CODEC_GZIP);
	valid_op(&b, V_SER_PHP);
	valid_op(&b, V_DLS);
	put_u64(&b, 86400);
	valid_op(&b, V_DL);
	put_u64(&b, 86400);
	valid_op(&b, V_MAXP);
	put_u64(&b, 1u << 20);
	valid_op(&b, V_MINC);
	put_u64(&b, 0);
	valid_op(&b, V_L1E);
	put_u64(&b, 64);
	valid_op(&b, V_L1B);
	put_u64(&b, 1u << 22);
	valid_op(&b, V_ENVVAR);
	valid_op(&b, V_FSYNC);
	put_u8(&b, 1);
	save("options", "every_option_valid", &b);

	b.n = 0;
	save("options", "empty", &b);

	b.n = 0;
	free_string_op(&b, 0, "localPath", "/srv/cache");
	free_string_op(&b, 0, "metadataCacheIdentifier", "cf_meta");
	free_typed_op(&b, 0, "namespace", 5, 0);
	free_string_op(&b, 1, "environment", "staging");
	free_string_op(&b, 1, "instance", "www-example-org");
	free_string_op(&b, 0, "compression", "zstd");
	save("options", "free_form_valid", &b);

	b.n = 0;
	free_string_op(&b, 0, "localPath", "relative");
	free_string_op(&b, 0, "metadataCacheIdentifier", "bad id!");
	free_string_op(&b, 0, "namespace", ""); /* a string, not a map */
	free_string_op(&b, 1, "environment", "production");
	free_string_op(&b, 1, "instance", "UPPER");
	free_string_op(&b, 2, "other", "x");
	free_typed_op(&b, 0, "maxPayloadBytes", 2, 10);
	free_typed_op(&b, 0, "minCompressedBytes", 3, 0x3ff0000000000000ULL);
	free_typed_op(&b, 0, "fsync", 2, 1);
	free_typed_op(&b, 0, "unknownKey", 0, 0);
	free_typed_op(&b, 0, "defaultLifetimeSeconds", 2, 60);
	free_typed_op(&b, 0, "defaultLifetime", 2, 61);
	free_string_op(&b, 0, "backendVersionEnvVar", "lower");
	free_string_op(&b, 0, "compression", "lz4");
	save("options", "every_violation", &b);

	b.n = 0;
	free_string_op(&b, 0, "local\x01Path\xff", "/x");
	put_u8(&b, 0 | (4u << 3)); /* a 255-byte binary name */
	put_u8(&b, 255);
	for (int i = 0; i < 255; i++) {
		put_u8(&b, (unsigned)i);
	}
	put_u16(&b, 0);
	save("options", "binary_names", &b);

	b.n = 0;
	/* localPath with an embedded NUL, and a NULL string pointer */
	put_u8(&b, 4u << 3);
	put_u8(&b, 9);
	put_s(&b, "localPath");
	put_u16(&b, 4);
	put(&b, "/a\0b", 4);
	put_u8(&b, 4u << 3);
	put_u8(&b, 9);
	put_s(&b, "localPath");
	put_u16(&b, 0x8005);
	save("options", "local_path_nul_and_null", &b);
	free(b.p);
}

/* ---- ident: c1 (u8 len), x1 (u16 len), c2 (u8 len), x2 (u16 len), rest (u16 len) ---- */

static void ident_seed(
	const char *name, const char *c1, const char *x1, const char *c2, const char *x2, const char *rest)
{
	buf b = {0};
	put_u8(&b, (unsigned)strlen(c1));
	put_s(&b, c1);
	put_u16(&b, (unsigned)strlen(x1));
	put_s(&b, x1);
	put_u8(&b, (unsigned)strlen(c2));
	put_s(&b, c2);
	put_u16(&b, (unsigned)strlen(x2));
	put_s(&b, x2);
	put_u16(&b, (unsigned)strlen(rest));
	put_s(&b, rest);
	save("ident", name, &b);
	free(b.p);
}

static void seeds_ident(void)
{
	char long_id[251], long_id2[241];
	memset(long_id, 'a', 250);
	long_id[250] = '\0';
	memset(long_id2, 'B', 240);
	long_id2[240] = '\0';
	char hashed_key[128];
	char hex[CF_HEX64_LEN + 1];
	cf_sha256_hex(long_id, 250, hex);
	snprintf(hashed_key, sizeof(hashed_key), "pages__%%%s", hex);

	ident_seed("plain", "pages", "entry_1", "pages", "entry_2", "pages__entry_1");
	ident_seed("two_caches", "cache_pages", "id", "cache-rootline", "id", "cache_pages__id\n");
	ident_seed("long_ids_hashed", "pages", long_id, "hash", long_id2, hashed_key);
	ident_seed("trailing_newline", "pages", "tag_42\n", "pages", "tag_42", "pages__\n");
	ident_seed(
		"looks_hashed", "p", "%0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "p", "x", "p__%");
	ident_seed("bad_cache_names", "a__b", "id", "ends_", "i d", "a__b__id");
	ident_seed("specials", "A-b&c%9", "&%-_", "A-b&c%", "&%-_", "A-b&c%9__&%-_");
	ident_seed("empty", "", "", "", "", "");
}

/* ---- store_read: digest sel, max_size sel, expected sel, cap sel, file ---- */

static void store_seed(
	const char *name, unsigned sel, unsigned size_sel, unsigned exp_sel, unsigned cap_sel, const buf *file)
{
	buf b = {0};
	put_u8(&b, sel);
	put_u8(&b, size_sel);
	put_u8(&b, exp_sel);
	put_u8(&b, cap_sel);
	if (file) {
		put(&b, file->p, file->n);
	}
	save("store_read", name, &b);
	free(b.p);
}

static void seeds_store(void)
{
	size_t tl = sizeof(text) - 1;
	buf none = encoded(CF_CODEC_NONE, text, tl);
	buf zstd = encoded(CF_CODEC_ZSTD, text, tl);
	buf defl = encoded(CF_CODEC_DEFLATE, text, tl);
	/* size_sel 2 = max_size len, exp_sel 2 = expected len, cap 4 = 1 MiB */
	store_seed("none_ok", 0, 2, 2, 4, &none);
	store_seed("zstd_ok", 1, 4, 0, 4, &zstd);
	store_seed("deflate_ok", 0x12, 5, 2, 2, &defl);
	store_seed("size_over_max", 3, 1, 0, 4, &zstd);
	store_seed("size_mismatch", 0, 2, 4, 4, &defl);
	store_seed("empty_file", 0x11, 0, 2, 0, NULL);
	zstd.p[zstd.n / 2] ^= 0xff;
	store_seed("zstd_corrupt", 2, 3, 5, 4, &zstd);
	free(none.p);
	free(zstd.p);
	free(defl.p);
}

/* ---- dsn: the DSN itself ---- */

static void dsn_seed(const char *name, const char *dsn)
{
	buf b = {0};
	put_s(&b, dsn);
	save("dsn", name, &b);
	free(b.p);
}

static void seeds_dsn(void)
{
	dsn_seed("minimal", "redis://h");
	dsn_seed("tcp_everything",
		"redis://app:s3cret@Cache.Example.com:6380/3?prefix=site_1&timeout=0.5&read_timeout=2.25&persistent=off");
	dsn_seed("valkey_ipv6_encoded", "valkey://us%40er:p%40ss%3A%2F:x@[2001:db8::ffff:1.2.3.4]:6379/1");
	dsn_seed("unix", "unix://u:pw@/var/run/redis.sock?db=2&prefix=x&persistent=TRUE");
	dsn_seed("sentinel", "redis-sentinel://u:pw@s1,S2:26380,[::1]/mymaster/2?timeout=0.2");
	dsn_seed("cluster", "valkey-cluster://:pw@n1:7000,n2:7001,n3?read_timeout=60");
	dsn_seed("raw_specials_in_password", "redis://u:p@ss/x?y@h:0");
	dsn_seed("bad_query", "redis://h/0?prefix=a&prefix=b&db=1&timeout=0.0001");
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s <corpus-dir>\n", argv[0]);
		return 2;
	}
	outdir = argv[1];
	seeds_codec();
	seeds_record();
	seeds_options();
	seeds_ident();
	seeds_store();
	seeds_dsn();
	return 0;
}
