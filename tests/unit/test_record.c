/*
 * cmocka tests of src/record.c: metadata record field validation and lifetime arithmetic.
 */
#include "unit.h"

#include "record.h"

#define S(lit) (lit), (sizeof(lit) - 1)

#define HEX64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static cf_record good_record(void)
{
	cf_record r;
	memset(&r, 0, sizeof(r));
	r.created_at = 1000;
	r.expires_at = 2000;
	r.payload_size = 10;
	r.backend_version = 2;
	r.compression = CF_CODEC_ZSTD;
	r.broken = false;
	return r;
}

static void test_parse_digest_valid(void **state)
{
	char out[CF_HEX64_LEN + 1];
	assert_true(cf_record_parse_digest(S("sha256:" HEX64), out));
	assert_string_equal(out, HEX64);
	assert_true(
		cf_record_parse_digest(S("sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"), out));
	assert_string_equal(out, "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_parse_digest_invalid(void **state)
{
	char out[CF_HEX64_LEN + 1];
	/* uppercase hex */
	assert_false(
		cf_record_parse_digest(S("sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef"), out));
	/* 63 and 65 hex */
	assert_false(
		cf_record_parse_digest(S("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde"), out));
	assert_false(cf_record_parse_digest(S("sha256:" HEX64 "0"), out));
	/* other or missing prefixes */
	assert_false(cf_record_parse_digest(S("md5:" HEX64), out));
	assert_false(cf_record_parse_digest(S("SHA256:" HEX64), out));
	assert_false(cf_record_parse_digest(S("sha256" HEX64 "0"), out));
	assert_false(cf_record_parse_digest(S("sha512:" HEX64), out));
	assert_false(cf_record_parse_digest(S(HEX64), out));
	assert_false(cf_record_parse_digest(S("sha256:" HEX64 "\n"), out));
	assert_false(cf_record_parse_digest(S(" sha256:" HEX64), out));
	/* embedded NUL, path tricks, non-hex */
	assert_false(cf_record_parse_digest(S("sha256:0123456789abcdef0123456789abcdef\0"
										  "123456789abcdef0123456789abcdef"),
		out));
	assert_false(cf_record_parse_digest(S("sha256\0" HEX64), out));
	assert_false(
		cf_record_parse_digest(S("sha256:../456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"), out));
	assert_false(
		cf_record_parse_digest(S("sha256:g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"), out));
	assert_false(
		cf_record_parse_digest(S("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde "), out));
	assert_false(cf_record_parse_digest(S(""), out));
	assert_false(cf_record_parse_digest(S("sha256:"), out));
	assert_false(cf_record_parse_digest(NULL, 71, out));
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_check_serializer(void **state)
{
	assert_true(cf_record_check_serializer(S("igbinary:3.2.14")));
	assert_true(cf_record_check_serializer(S("php:8.3")));
	assert_true(cf_record_check_serializer(S("php:x")));
	assert_true(cf_record_check_serializer(S("php:!~"))); /* 0x21 and 0x7e */
	assert_false(cf_record_check_serializer(S("php:")));  /* empty label */
	assert_false(cf_record_check_serializer(S("igbinary:")));
	assert_false(cf_record_check_serializer(S("igbinary")));
	assert_false(cf_record_check_serializer(S("php")));
	assert_false(cf_record_check_serializer(S("")));
	assert_false(cf_record_check_serializer(S("json:x")));
	assert_false(cf_record_check_serializer(S("PHP:x")));
	assert_false(cf_record_check_serializer(S("Igbinary:x")));
	assert_false(cf_record_check_serializer(S(":x")));
	assert_false(cf_record_check_serializer(S("php:a:b")));
	assert_false(cf_record_check_serializer(S("php::")));
	assert_false(cf_record_check_serializer(S("php:a b"))); /* 0x20 */
	assert_false(cf_record_check_serializer(S("php:a\x7f")));
	assert_false(cf_record_check_serializer(S("php:a\x80")));
	assert_false(cf_record_check_serializer(S("php:a\n")));
	assert_false(cf_record_check_serializer(S("php:a\0b")));
	assert_false(cf_record_check_serializer(S("php:\0")));
	assert_false(cf_record_check_serializer(NULL, 5));
	/* total length: 64 accepted, 65 refused */
	char buf[80];
	memcpy(buf, "php:", 4);
	memset(buf + 4, 'v', 61);
	assert_true(cf_record_check_serializer(buf, 64));
	assert_false(cf_record_check_serializer(buf, 65));
	memcpy(buf, "igbinary:", 9);
	assert_true(cf_record_check_serializer(buf, 64));
	assert_false(cf_record_check_serializer(buf, 65));
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_parse_state(void **state)
{
	bool broken = true;
	assert_true(cf_record_parse_state(S("valid"), &broken));
	assert_false(broken);
	assert_true(cf_record_parse_state(S("broken"), &broken));
	assert_true(broken);
	broken = false;
	assert_false(cf_record_parse_state(S("Valid"), &broken));
	assert_false(cf_record_parse_state(S("BROKEN"), &broken));
	assert_false(cf_record_parse_state(S("valid\0"), &broken));
	assert_false(cf_record_parse_state(S("valid "), &broken));
	assert_false(cf_record_parse_state(S("vali"), &broken));
	assert_false(cf_record_parse_state(S("broke"), &broken));
	assert_false(cf_record_parse_state(S("brokenx"), &broken));
	assert_false(cf_record_parse_state(S(""), &broken));
	assert_false(cf_record_parse_state(S("ok"), &broken));
	assert_false(cf_record_parse_state(NULL, 5, &broken));
	assert_false(broken); /* untouched on failure */
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_parse_compression(void **state)
{
	cf_codec c = CF_CODEC_NONE;
	assert_true(cf_record_parse_compression(S("zstd"), &c));
	assert_int_equal(c, CF_CODEC_ZSTD);
	assert_true(cf_record_parse_compression(S("gzip"), &c));
	assert_int_equal(c, CF_CODEC_DEFLATE);
	assert_true(cf_record_parse_compression(S("none"), &c));
	assert_int_equal(c, CF_CODEC_NONE);
	c = CF_CODEC_ZSTD;
	assert_false(cf_record_parse_compression(S("deflate"), &c));
	assert_false(cf_record_parse_compression(S("ZSTD"), &c));
	assert_false(cf_record_parse_compression(S("zstd\0"), &c));
	assert_false(cf_record_parse_compression(S("zst"), &c));
	assert_false(cf_record_parse_compression(S(""), &c));
	assert_false(cf_record_parse_compression(NULL, 4, &c));
	assert_int_equal(c, CF_CODEC_ZSTD);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_check_numbers(void **state)
{
	cf_record r = good_record();
	assert_true(cf_record_check_numbers(&r));
	assert_false(cf_record_check_numbers(NULL));

	r = good_record();
	r.created_at = 0;
	assert_false(cf_record_check_numbers(&r));
	r.created_at = -5;
	assert_false(cf_record_check_numbers(&r));
	r.created_at = 1;
	assert_true(cf_record_check_numbers(&r));

	r = good_record();
	r.expires_at = r.created_at;
	assert_false(cf_record_check_numbers(&r));
	r.expires_at = r.created_at - 1;
	assert_false(cf_record_check_numbers(&r));
	r.expires_at = 0;
	assert_false(cf_record_check_numbers(&r));
	r.expires_at = r.created_at + 1;
	assert_true(cf_record_check_numbers(&r));
	r.expires_at = CF_EXPIRES_UNLIMITED;
	assert_true(cf_record_check_numbers(&r));
	/* unlimited stays valid after 2038 */
	r.created_at = INT64_C(3000000000);
	assert_true(cf_record_check_numbers(&r));
	r.expires_at = INT64_C(3000000001);
	assert_true(cf_record_check_numbers(&r));
	r.expires_at = CF_EXPIRES_UNLIMITED + 1;
	assert_false(cf_record_check_numbers(&r)); /* finite, before createdAt */

	r = good_record();
	r.payload_size = -1;
	assert_false(cf_record_check_numbers(&r));
	r.payload_size = 0;
	assert_true(cf_record_check_numbers(&r));
	r.payload_size = INT64_MAX;
	assert_true(cf_record_check_numbers(&r));

	r = good_record();
	r.backend_version = 0;
	assert_false(cf_record_check_numbers(&r));
	r.backend_version = -1;
	assert_false(cf_record_check_numbers(&r));
	r.backend_version = 1;
	assert_true(cf_record_check_numbers(&r));
	r.backend_version = INT64_C(4294967295);
	assert_true(cf_record_check_numbers(&r));
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_live_and_expired(void **state)
{
	cf_record r = good_record(); /* expires at 2000 */
	assert_true(cf_record_is_live(&r, 1000));
	assert_true(cf_record_is_live(&r, 1999));
	assert_false(cf_record_is_expired(&r, 1999));
	/* expired exactly at expiresAt */
	assert_false(cf_record_is_live(&r, 2000));
	assert_true(cf_record_is_expired(&r, 2000));
	assert_true(cf_record_is_expired(&r, 2001));
	assert_true(cf_record_is_expired(&r, INT64_MAX));
	assert_false(cf_record_is_expired(&r, INT64_MIN));

	/* broken: never live, but not "expired" because of it */
	r.broken = true;
	assert_false(cf_record_is_live(&r, 1000));
	assert_false(cf_record_is_expired(&r, 1000));

	/* unlimited never expires, also past 2038 and at the marker value itself */
	r = good_record();
	r.expires_at = CF_EXPIRES_UNLIMITED;
	assert_true(cf_record_is_live(&r, INT64_C(3000000000)));
	assert_true(cf_record_is_live(&r, CF_EXPIRES_UNLIMITED));
	assert_true(cf_record_is_live(&r, INT64_MAX));
	assert_false(cf_record_is_expired(&r, INT64_C(3000000000)));
	assert_false(cf_record_is_expired(&r, INT64_MAX));
	r.broken = true;
	assert_false(cf_record_is_live(&r, 1000));

	/* a finite 2038+ expiry */
	r = good_record();
	r.created_at = INT64_C(3000000000);
	r.expires_at = INT64_C(3000003600);
	assert_true(cf_record_is_live(&r, INT64_C(3000003599)));
	assert_true(cf_record_is_expired(&r, INT64_C(3000003600)));
	r.created_at = CF_EXPIRES_UNLIMITED - 10;
	r.expires_at = CF_EXPIRES_UNLIMITED + 1;
	assert_true(cf_record_is_live(&r, CF_EXPIRES_UNLIMITED));
	assert_true(cf_record_is_expired(&r, CF_EXPIRES_UNLIMITED + 1));

	assert_false(cf_record_is_live(NULL, 0));
	assert_true(cf_record_is_expired(NULL, 0));
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_from_future(void **state)
{
	cf_record r = good_record(); /* created at 1000 */
	/* within the clock skew: a pod whose clock runs a little ahead wrote it */
	assert_false(cf_record_is_from_future(&r, 1000));
	assert_false(cf_record_is_from_future(&r, 1000 - CF_RECORD_MAX_CLOCK_SKEW));
	assert_false(cf_record_is_from_future(&r, INT64_MAX));
	/* beyond it: poisoned */
	assert_true(cf_record_is_from_future(&r, 1000 - CF_RECORD_MAX_CLOCK_SKEW - 1));
	assert_true(cf_record_is_from_future(&r, INT64_MIN));
	r.created_at = INT64_MAX;
	assert_true(cf_record_is_from_future(&r, 1000));
	assert_false(cf_record_is_from_future(&r, INT64_MAX - CF_RECORD_MAX_CLOCK_SKEW));
	assert_true(cf_record_is_from_future(NULL, 0));
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_store_lifetime(void **state)
{
	cf_record r = good_record(); /* expires at 2000 */
	assert_int_equal(cf_record_store_lifetime(&r, 400), 1600);
	assert_int_equal(cf_record_store_lifetime(&r, 1998), 2);
	assert_int_equal(cf_record_store_lifetime(&r, 1999), 1);
	assert_int_equal(cf_record_store_lifetime(&r, 2000), 1);
	assert_int_equal(cf_record_store_lifetime(&r, 5000), 1);
	assert_int_equal(cf_record_store_lifetime(&r, INT64_MAX), 1);
	assert_int_equal(cf_record_store_lifetime(&r, INT64_MIN), INT64_MAX); /* saturated */
	r.expires_at = CF_EXPIRES_UNLIMITED;
	assert_int_equal(cf_record_store_lifetime(&r, 400), 0);
	assert_int_equal(cf_record_store_lifetime(&r, INT64_C(3000000000)), 0);
	r.expires_at = INT64_C(3000003600);
	assert_int_equal(cf_record_store_lifetime(&r, INT64_C(3000000000)), 3600);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_broken_ttl(void **state)
{
	cf_record r = good_record();
	r.expires_at = 10000;
	assert_int_equal(cf_record_broken_ttl(&r, 10000 - 10), 60);
	assert_int_equal(cf_record_broken_ttl(&r, 10000 - 59), 60);
	assert_int_equal(cf_record_broken_ttl(&r, 10000 - 60), 60);
	assert_int_equal(cf_record_broken_ttl(&r, 10000 - 61), 61);
	assert_int_equal(cf_record_broken_ttl(&r, 10000 - 3599), 3599);
	assert_int_equal(cf_record_broken_ttl(&r, 10000 - 3600), 3600);
	assert_int_equal(cf_record_broken_ttl(&r, 10000 - 3601), 3600);
	assert_int_equal(cf_record_broken_ttl(&r, 0), 3600);
	assert_int_equal(cf_record_broken_ttl(&r, 10000), 60);
	assert_int_equal(cf_record_broken_ttl(&r, 20000), 60);
	assert_int_equal(cf_record_broken_ttl(&r, INT64_MAX), 60);
	assert_int_equal(cf_record_broken_ttl(&r, INT64_MIN), 3600);
	r.expires_at = CF_EXPIRES_UNLIMITED;
	assert_int_equal(cf_record_broken_ttl(&r, 100), 3600);
	assert_int_equal(cf_record_broken_ttl(&r, CF_EXPIRES_UNLIMITED - 100), 3600);
	assert_int_equal(cf_record_broken_ttl(&r, INT64_C(3000000000)), 3600);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_lifetime(void **state)
{
	int64_t c = -1, x = -1;
	const int64_t now = 1700000000;

	/* null lifetime: the default */
	assert_true(cf_record_lifetime(false, 0, 3600, now, &c, &x));
	assert_int_equal(c, now);
	assert_int_equal(x, now + 3600);
	assert_true(cf_record_lifetime(false, 99, 3600, now, &c, &x)); /* value ignored without has_lifetime */
	assert_int_equal(x, now + 3600);
	/* negative: the default */
	assert_true(cf_record_lifetime(true, -1, 7200, now, &c, &x));
	assert_int_equal(x, now + 7200);
	assert_true(cf_record_lifetime(true, INT64_MIN, 7200, now, &c, &x));
	assert_int_equal(x, now + 7200);
	/* 0: unlimited */
	assert_true(cf_record_lifetime(true, 0, 3600, now, &c, &x));
	assert_int_equal(c, now);
	assert_int_equal(x, CF_EXPIRES_UNLIMITED);
	/* a default of 0 is unlimited too; a negative default is refused */
	assert_true(cf_record_lifetime(false, 0, 0, now, &c, &x));
	assert_int_equal(x, CF_EXPIRES_UNLIMITED);
	c = x = 7;
	assert_false(cf_record_lifetime(false, 0, -1, now, &c, &x));
	assert_false(cf_record_lifetime(true, -5, -1, now, &c, &x));
	assert_int_equal(c, 7);
	assert_int_equal(x, 7);
	/* positive */
	assert_true(cf_record_lifetime(true, 1, 3600, now, &c, &x));
	assert_int_equal(c, now);
	assert_int_equal(x, now + 1);
	assert_true(cf_record_lifetime(true, 86400 * 365 * 50, 3600, now, &c, &x));
	assert_int_equal(x, now + 86400 * 365 * 50);
	/* 2038+ */
	assert_true(cf_record_lifetime(true, 3600, 3600, INT64_C(3000000000), &c, &x));
	assert_int_equal(c, INT64_C(3000000000));
	assert_int_equal(x, INT64_C(3000003600));
	/* a finite expiry that would equal the unlimited marker is bumped past it */
	assert_true(cf_record_lifetime(true, CF_EXPIRES_UNLIMITED - now, 3600, now, &c, &x));
	assert_int_equal(x, CF_EXPIRES_UNLIMITED + 1);
	assert_true(cf_record_lifetime(true, CF_EXPIRES_UNLIMITED - now - 1, 3600, now, &c, &x));
	assert_int_equal(x, CF_EXPIRES_UNLIMITED - 1);
	assert_true(cf_record_lifetime(true, CF_EXPIRES_UNLIMITED - now + 1, 3600, now, &c, &x));
	assert_int_equal(x, CF_EXPIRES_UNLIMITED + 1);
	assert_true(cf_record_lifetime(false, 0, CF_EXPIRES_UNLIMITED - 1, 1, &c, &x));
	assert_int_equal(x, CF_EXPIRES_UNLIMITED + 1);
	/* overflow boundary */
	assert_true(cf_record_lifetime(true, INT64_MAX - now, 3600, now, &c, &x));
	assert_int_equal(x, INT64_MAX);
	c = x = 7;
	assert_false(cf_record_lifetime(true, INT64_MAX - now + 1, 3600, now, &c, &x));
	assert_false(cf_record_lifetime(true, INT64_MAX, 3600, now, &c, &x));
	assert_false(cf_record_lifetime(false, 0, INT64_MAX, now, &c, &x));
	assert_int_equal(c, 7);
	assert_int_equal(x, 7);
	/* NULL outputs */
	assert_true(cf_record_lifetime(true, 5, 3600, now, NULL, NULL));
	/* the result of a positive lifetime passes check_numbers and is live until it expires */
	cf_record r = good_record();
	assert_true(cf_record_lifetime(true, 10, 3600, now, &r.created_at, &r.expires_at));
	assert_true(cf_record_check_numbers(&r));
	assert_true(cf_record_is_live(&r, now + 9));
	assert_true(cf_record_is_expired(&r, now + 10));
	assert_int_equal(cf_record_store_lifetime(&r, now), 10);
	CF_UNIT_ASSERT_NO_LEAKS();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_digest_valid),
		cmocka_unit_test(test_parse_digest_invalid),
		cmocka_unit_test(test_check_serializer),
		cmocka_unit_test(test_parse_state),
		cmocka_unit_test(test_parse_compression),
		cmocka_unit_test(test_check_numbers),
		cmocka_unit_test(test_live_and_expired),
		cmocka_unit_test(test_from_future),
		cmocka_unit_test(test_store_lifetime),
		cmocka_unit_test(test_broken_ttl),
		cmocka_unit_test(test_lifetime),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
