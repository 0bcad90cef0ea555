/*
 * libFuzzer harness: the metadata record validators and the lifetime arithmetic (record.h).
 *
 * Input layout: one flag byte (broken, has_lifetime), then seven int64 values drawn through
 * fuzz_i64() (edge-biased: 0, +-1, INT64_MIN/MAX, CF_EXPIRES_UNLIMITED and its neighbours,
 * values near "now", or raw bytes): now, created_at, expires_at, payload_size, backend_version,
 * lifetime, default_lifetime. Every remaining byte is the string handed to each string validator
 * (as an exact-size heap copy, so ASan sees any over-read).
 *
 * Each function is compared with a reference written here independently (__int128 arithmetic
 * for the lifetimes), and:
 *   - parse_digest true  => out is 64 lowercase hex + NUL and input == "sha256:" + out;
 *   - broken_ttl is always within [60, 3600]; store_lifetime is always >= 0 (0 iff unlimited);
 *   - cf_record_lifetime's result, read back through is_expired/store_lifetime at "now", gives
 *     the lifetime that was asked for;
 *   - no undefined behaviour (built with -fsanitize=undefined -fno-sanitize-recover=undefined).
 */
#include "record.h"
#include "fuzz_common.h"

static bool is_lower_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static bool ref_digest(const char *s, size_t len)
{
	if (len != 7 + 64 || memcmp(s, "sha256:", 7) != 0) {
		return false;
	}
	for (size_t i = 7; i < len; i++) {
		if (!is_lower_hex((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}

static bool ref_serializer(const char *s, size_t len)
{
	size_t skip;
	if (len > 64) {
		return false;
	}
	if (len >= 9 && memcmp(s, "igbinary:", 9) == 0) {
		skip = 9;
	} else if (len >= 4 && memcmp(s, "php:", 4) == 0) {
		skip = 4;
	} else {
		return false;
	}
	if (len == skip) {
		return false;
	}
	for (size_t i = skip; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(c > ' ' && c < 0x7f) || c == ':') {
			return false;
		}
	}
	return true;
}

static bool str_is(const char *s, size_t len, const char *lit)
{
	return len == strlen(lit) && memcmp(s, lit, len) == 0;
}

static void check_strings(const char *s, size_t len)
{
	/* digest */
	char out[CF_HEX64_LEN + 1];
	memset(out, 'X', sizeof(out));
	bool ok = cf_record_parse_digest(s, len, out);
	FUZZ_CHECK(ok == ref_digest(s, len));
	if (ok) {
		FUZZ_CHECK(out[CF_HEX64_LEN] == '\0');
		FUZZ_CHECK(strlen(out) == CF_HEX64_LEN);
		for (size_t i = 0; i < CF_HEX64_LEN; i++) {
			FUZZ_CHECK(is_lower_hex((unsigned char)out[i]));
		}
		FUZZ_CHECK(len == 7 + CF_HEX64_LEN);
		FUZZ_CHECK(memcmp(s, CF_DIGEST_PREFIX, 7) == 0 && memcmp(s + 7, out, CF_HEX64_LEN) == 0);
		FUZZ_CHECK(cf_is_hex64(out, CF_HEX64_LEN));
	}

	/* serializer label */
	FUZZ_CHECK(cf_record_check_serializer(s, len) == ref_serializer(s, len));

	/* state */
	bool broken = false;
	bool st = cf_record_parse_state(s, len, &broken);
	FUZZ_CHECK(st == (str_is(s, len, "valid") || str_is(s, len, "broken")));
	if (st) {
		FUZZ_CHECK(broken == str_is(s, len, "broken"));
	}
	FUZZ_CHECK(cf_record_parse_state(s, len, NULL) == st);

	/* compression */
	cf_codec c = (cf_codec)0x7f;
	bool cp = cf_record_parse_compression(s, len, &c);
	FUZZ_CHECK(cp == (str_is(s, len, "zstd") || str_is(s, len, "gzip") || str_is(s, len, "none")));
	if (cp) {
		cf_codec want = str_is(s, len, "zstd")   ? CF_CODEC_ZSTD
						: str_is(s, len, "gzip") ? CF_CODEC_DEFLATE
												 : CF_CODEC_NONE;
		FUZZ_CHECK(c == want);
		FUZZ_CHECK(str_is(s, len, cf_codec_name(c)));
	} else {
		FUZZ_CHECK(c == (cf_codec)0x7f);
	}
	FUZZ_CHECK(cf_record_parse_compression(s, len, NULL) == cp);
}

static void check_numbers(const cf_record *r, int64_t now)
{
	const bool unlimited = r->expires_at == CF_EXPIRES_UNLIMITED;

	bool ref_ok = r->created_at > 0 && (unlimited || r->expires_at > r->created_at) && r->payload_size >= 0 &&
				  r->backend_version >= 1;
	FUZZ_CHECK(cf_record_check_numbers(r) == ref_ok);

	bool ref_expired = !unlimited && now >= r->expires_at;
	FUZZ_CHECK(cf_record_is_expired(r, now) == ref_expired);
	FUZZ_CHECK(cf_record_is_live(r, now) == (!r->broken && !ref_expired));

	__int128 remaining = (__int128)r->expires_at - (__int128)now;

	int64_t sl = cf_record_store_lifetime(r, now);
	FUZZ_CHECK(sl >= 0);
	FUZZ_CHECK((sl == 0) == unlimited);
	if (!unlimited) {
		__int128 want = remaining < 1 ? 1 : remaining > INT64_MAX ? INT64_MAX : remaining;
		FUZZ_CHECK((__int128)sl == want);
	}

	int64_t ttl = cf_record_broken_ttl(r, now);
	FUZZ_CHECK(ttl >= CF_BROKEN_TTL_MIN && ttl <= CF_BROKEN_TTL_MAX);
	if (unlimited) {
		FUZZ_CHECK(ttl == CF_BROKEN_TTL_MAX);
	} else {
		__int128 want = remaining > CF_BROKEN_TTL_MAX ? CF_BROKEN_TTL_MAX : remaining;
		want = want < CF_BROKEN_TTL_MIN ? CF_BROKEN_TTL_MIN : want;
		FUZZ_CHECK((__int128)ttl == want);
	}
}

static void check_lifetime(bool has_lifetime, int64_t lifetime, int64_t default_lifetime, int64_t now)
{
	int64_t created = 0x5a5a, expires = 0x5a5a;
	bool ok = cf_record_lifetime(has_lifetime, lifetime, default_lifetime, now, &created, &expires);

	int64_t eff = (!has_lifetime || lifetime < 0) ? default_lifetime : lifetime;
	bool ref_ok;
	__int128 ref_expires = 0;
	if (eff < 0) {
		ref_ok = false;
	} else if (eff == 0) {
		ref_ok = true;
		ref_expires = CF_EXPIRES_UNLIMITED;
	} else {
		ref_expires = (__int128)now + eff;
		ref_ok = ref_expires <= INT64_MAX;
		if (ref_expires == CF_EXPIRES_UNLIMITED) {
			ref_expires = (__int128)CF_EXPIRES_UNLIMITED + 1;
		}
	}
	FUZZ_CHECK(ok == ref_ok);
	if (!ok) {
		FUZZ_CHECK(created == 0x5a5a && expires == 0x5a5a);
		return;
	}
	FUZZ_CHECK(created == now);
	FUZZ_CHECK((__int128)expires == ref_expires);
	FUZZ_CHECK(cf_record_lifetime(has_lifetime, lifetime, default_lifetime, now, NULL, NULL));

	/* Read back at "now": an entry that was just written is not expired, and keeps its lifetime. */
	cf_record r;
	memset(&r, 0, sizeof(r));
	r.created_at = created;
	r.expires_at = expires;
	r.payload_size = 0;
	r.backend_version = 1;
	FUZZ_CHECK(!cf_record_is_expired(&r, now));
	FUZZ_CHECK(cf_record_is_live(&r, now));
	if (eff == 0) {
		FUZZ_CHECK(cf_record_store_lifetime(&r, now) == 0);
	} else {
		int64_t sl = cf_record_store_lifetime(&r, now);
		/* +1 only when the finite expiry was moved off the unlimited marker. */
		FUZZ_CHECK(sl == eff || (sl == eff + 1 && (__int128)now + eff == CF_EXPIRES_UNLIMITED));
	}
	if (now > 0) {
		FUZZ_CHECK(cf_record_check_numbers(&r));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader rd = {data, size};
	uint8_t flags = fuzz_u8(&rd);
	int64_t now = fuzz_i64(&rd, INT64_C(1700000000));

	cf_record r;
	memset(&r, 0, sizeof(r));
	r.created_at = fuzz_i64(&rd, now);
	r.expires_at = fuzz_i64(&rd, now);
	r.payload_size = fuzz_i64(&rd, 0);
	r.backend_version = fuzz_i64(&rd, 1);
	r.broken = (flags & 1) != 0;
	r.compression = (cf_codec)((flags >> 2) % 3);
	int64_t lifetime = fuzz_i64(&rd, 3600);
	int64_t default_lifetime = fuzz_i64(&rd, 3600);

	check_numbers(&r, now);
	check_lifetime((flags & 2) != 0, lifetime, default_lifetime, now);

	size_t len;
	const uint8_t *rest = fuzz_bytes(&rd, fuzz_left(&rd), &len);
	char *s = fuzz_dup(rest, len, false);
	check_strings(s, len);
	free(s);

	/* NULL never parses. */
	char out[CF_HEX64_LEN + 1];
	FUZZ_CHECK(!cf_record_parse_digest(NULL, 71, out));
	FUZZ_CHECK(!cf_record_check_serializer(NULL, 5));
	FUZZ_CHECK(!cf_record_parse_state(NULL, 5, NULL));
	FUZZ_CHECK(!cf_record_parse_compression(NULL, 4, NULL));
	FUZZ_CHECK(!cf_record_check_numbers(NULL));
	FUZZ_CHECK(cf_record_is_expired(NULL, now) && !cf_record_is_live(NULL, now));
	return 0;
}
