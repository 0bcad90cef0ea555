/*
 * clusterfile: the metadata record, field by field (see record.h).
 */
#include "record.h"

#include <string.h>

#define CF_DIGEST_PREFIX_LEN (sizeof(CF_DIGEST_PREFIX) - 1)

static bool has_prefix(const char *s, size_t len, const char *prefix, size_t prefix_len)
{
	return len >= prefix_len && memcmp(s, prefix, prefix_len) == 0;
}

bool cf_record_parse_digest(const char *s, size_t len, char out[CF_HEX64_LEN + 1])
{
	if (!s || !out || len != CF_DIGEST_PREFIX_LEN + CF_HEX64_LEN ||
		!has_prefix(s, len, CF_DIGEST_PREFIX, CF_DIGEST_PREFIX_LEN)) {
		return false;
	}
	if (!cf_is_hex64(s + CF_DIGEST_PREFIX_LEN, CF_HEX64_LEN)) {
		return false;
	}
	memcpy(out, s + CF_DIGEST_PREFIX_LEN, CF_HEX64_LEN);
	out[CF_HEX64_LEN] = '\0';
	return true;
}

bool cf_record_check_serializer(const char *s, size_t len)
{
	if (!s || len > CF_SERIALIZER_LABEL_MAX) {
		return false;
	}
	size_t start;
	if (has_prefix(s, len, "igbinary:", 9)) {
		start = 9;
	} else if (has_prefix(s, len, "php:", 4)) {
		start = 4;
	} else {
		return false;
	}
	if (start == len) {
		return false;
	}
	for (size_t i = start; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x21 || c > 0x7e || c == ':') {
			return false;
		}
	}
	return true;
}

bool cf_record_parse_state(const char *s, size_t len, bool *broken)
{
	if (!s) {
		return false;
	}
	bool b;
	if (len == 5 && memcmp(s, "valid", 5) == 0) {
		b = false;
	} else if (len == 6 && memcmp(s, "broken", 6) == 0) {
		b = true;
	} else {
		return false;
	}
	if (broken) {
		*broken = b;
	}
	return true;
}

bool cf_record_parse_compression(const char *s, size_t len, cf_codec *out)
{
	cf_codec c;
	if (!s || !cf_codec_from_name(s, len, &c)) {
		return false;
	}
	if (out) {
		*out = c;
	}
	return true;
}

bool cf_record_check_numbers(const cf_record *r)
{
	if (!r || r->created_at <= 0) {
		return false;
	}
	if (r->expires_at != CF_EXPIRES_UNLIMITED && r->expires_at <= r->created_at) {
		return false;
	}
	return r->payload_size >= 0 && r->backend_version >= 1;
}

bool cf_record_is_from_future(const cf_record *r, int64_t now)
{
	int64_t limit;

	if (!r) {
		return true;
	}
	if (__builtin_add_overflow(now, (int64_t)CF_RECORD_MAX_CLOCK_SKEW, &limit)) {
		return false;
	}
	return r->created_at > limit;
}

bool cf_record_is_expired(const cf_record *r, int64_t now)
{
	if (!r) {
		return true;
	}
	return r->expires_at != CF_EXPIRES_UNLIMITED && now >= r->expires_at;
}

bool cf_record_is_live(const cf_record *r, int64_t now)
{
	return r && !r->broken && !cf_record_is_expired(r, now);
}

/* expires_at - now, saturated to the int64 range. */
static int64_t remaining(const cf_record *r, int64_t now)
{
	int64_t d;
	if (__builtin_sub_overflow(r->expires_at, now, &d)) {
		return now < 0 ? INT64_MAX : INT64_MIN;
	}
	return d;
}

int64_t cf_record_store_lifetime(const cf_record *r, int64_t now)
{
	if (r->expires_at == CF_EXPIRES_UNLIMITED) {
		return 0;
	}
	int64_t d = remaining(r, now);
	return d < 1 ? 1 : d;
}

int64_t cf_record_broken_ttl(const cf_record *r, int64_t now)
{
	if (r->expires_at == CF_EXPIRES_UNLIMITED) {
		return CF_BROKEN_TTL_MAX;
	}
	int64_t d = remaining(r, now);
	if (d > CF_BROKEN_TTL_MAX) {
		d = CF_BROKEN_TTL_MAX;
	}
	return d < CF_BROKEN_TTL_MIN ? CF_BROKEN_TTL_MIN : d;
}

bool cf_record_lifetime(bool has_lifetime, int64_t lifetime, int64_t default_lifetime, int64_t now, int64_t *created_at,
	int64_t *expires_at)
{
	if (!has_lifetime || lifetime < 0) {
		lifetime = default_lifetime;
	}
	if (lifetime < 0) {
		/* A negative default is a caller bug, not "unlimited". */
		return false;
	}
	int64_t expires;
	if (lifetime == 0) {
		expires = CF_EXPIRES_UNLIMITED;
	} else {
		if (__builtin_add_overflow(now, lifetime, &expires)) {
			return false;
		}
		/* A finite expiry must not read back as the unlimited marker. */
		if (expires == CF_EXPIRES_UNLIMITED) {
			expires = CF_EXPIRES_UNLIMITED + 1;
		}
	}
	if (created_at) {
		*created_at = now;
	}
	if (expires_at) {
		*expires_at = expires;
	}
	return true;
}
