/*
 * cmocka tests of src/hash.c: sha256 hex, the payload hash header, identifier digests, the
 * BackendVersion fold and the hex64 helpers.
 */
#include "unit.h"

#include "hash.h"

static int reset_counters(void **state)
{
	(void)state;
	cf_unit_live_allocs = 0;
	cf_unit_fail_after = -1;
	return 0;
}

static void test_payload_hash_vector_native_zstd_backend_version_2(void **state)
{
	char hex[CF_HEX64_LEN + 1];

	assert_int_equal(cf_payload_hash("php:native", "zstd", 2, "8.5", "hello", 5, hex), 0);
	assert_string_equal(hex, "5f13ba0cd0aecd27505371226272cd9fda44667791eaba3bbe39ab460b2899ca");
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_payload_hash_vector_igbinary_env_backend_version(void **state)
{
	char hex[CF_HEX64_LEN + 1];

	assert_int_equal(cf_payload_hash("igbinary:3", "zstd", 1010208598, "8.5", "hello", 5, hex), 0);
	assert_string_equal(hex, "1ca24276d54173b76765824116ebee952dc405797b5c5d5b85ff1a13e5a4a6d2");
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_payload_hash_equals_sha256_of_header_then_payload(void **state)
{
	static const char payload[] = {'a', '\0', (char)0xff, 'b'};
	static const char concat[] = "php:native|gzip|-7|8.3|a\0\xff\x62"; /* 0x62 = 'b' */
	char via_hash[CF_HEX64_LEN + 1], via_sha[CF_HEX64_LEN + 1];

	assert_int_equal(cf_payload_hash("php:native", "gzip", -7, "8.3", payload, sizeof(payload), via_hash), 0);
	assert_int_equal(cf_sha256_hex(concat, sizeof(concat) - 1, via_sha), 0);
	assert_string_equal(via_hash, via_sha);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_payload_hash_of_empty_payload_hashes_header_only(void **state)
{
	static const char header[] = "php:native|none|2|8.5|";
	char via_hash[CF_HEX64_LEN + 1], via_null[CF_HEX64_LEN + 1], via_sha[CF_HEX64_LEN + 1];

	assert_int_equal(cf_payload_hash("php:native", "none", 2, "8.5", "", 0, via_hash), 0);
	assert_int_equal(cf_payload_hash("php:native", "none", 2, "8.5", NULL, 0, via_null), 0);
	assert_int_equal(cf_sha256_hex(header, sizeof(header) - 1, via_sha), 0);
	assert_string_equal(via_hash, via_sha);
	assert_string_equal(via_null, via_sha);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_payload_hash_refuses_labels_longer_than_64_bytes(void **state)
{
	char label64[65], label65[66], hex[CF_HEX64_LEN + 1];

	memset(label64, 'x', 64);
	label64[64] = '\0';
	memset(label65, 'x', 65);
	label65[65] = '\0';

	assert_int_equal(cf_payload_hash(label64, label64, INT64_MIN, label64, "hello", 5, hex), 0);
	assert_true(cf_is_hex64(hex, strlen(hex)));
	assert_int_equal(cf_payload_hash(label65, "zstd", 2, "8.5", "hello", 5, hex), -1);
	assert_int_equal(cf_payload_hash("php:native", label65, 2, "8.5", "hello", 5, hex), -1);
	assert_int_equal(cf_payload_hash("php:native", "zstd", 2, label65, "hello", 5, hex), -1);
	assert_int_equal(cf_payload_hash(NULL, "zstd", 2, "8.5", "hello", 5, hex), -1);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_sha256_of_leading_nul_binary_vector(void **state)
{
	char hex[CF_HEX64_LEN + 1];

	assert_int_equal(cf_sha256_hex("\x00hello", 6, hex), 0);
	assert_string_equal(hex, "8a2a5c9b768827de5a9552c38a044c66959c68f6d2f21b5260af54d2f87db827");
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_sha256_of_empty_input(void **state)
{
	char hex[CF_HEX64_LEN + 1];

	assert_int_equal(cf_sha256_hex(NULL, 0, hex), 0);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_int_equal(cf_sha256_hex_iov(NULL, 0, hex), 0);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_sha256_iov_equals_sha256_of_concatenation(void **state)
{
	const cf_iov parts[] = {{"\x00", 1}, {NULL, 0}, {"hel", 3}, {"", 0}, {"lo", 2}};
	char hex[CF_HEX64_LEN + 1];

	assert_int_equal(cf_sha256_hex_iov(parts, sizeof(parts) / sizeof(parts[0]), hex), 0);
	assert_string_equal(hex, "8a2a5c9b768827de5a9552c38a044c66959c68f6d2f21b5260af54d2f87db827");
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_identifier_digest_is_first_16_hex_of_sha256(void **state)
{
	char digest[17], full[CF_HEX64_LEN + 1];

	assert_int_equal(cf_identifier_digest("entry-a", 7, digest), 0);
	assert_string_equal(digest, "fd23070f84710335");
	assert_int_equal(cf_sha256_hex("entry-a", 7, full), 0);
	assert_memory_equal(digest, full, 16);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_hex_encode_is_lowercase_and_nul_terminated(void **state)
{
	static const unsigned char in[] = {0x00, 0x0f, 0xa5, 0xff};
	char out[9];

	memset(out, 'X', sizeof(out));
	cf_hex_encode(in, sizeof(in), out);
	assert_string_equal(out, "000fa5ff");
	cf_hex_encode(in, 0, out);
	assert_string_equal(out, "");
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_backend_version_null_or_empty_is_current(void **state)
{
	assert_int_equal(cf_backend_version(NULL, 0), CF_BACKEND_VERSION_CURRENT);
	assert_int_equal(cf_backend_version("", 0), CF_BACKEND_VERSION_CURRENT);
	assert_int_equal(cf_backend_version("ignored", 0), 2);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_backend_version_vector_differs_from_legacy_crc(void **state)
{
	int64_t v = cf_backend_version("v1.2.3", 6);

	assert_int_equal(v, 1010208598);
	/* The pre-marker format folded crc32("v1.2.3") = 590176128; the "2:" prefix separates them. */
	assert_int_not_equal(v, 590176128);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_backend_version_uses_only_first_512_bytes(void **state)
{
	char value[600];
	size_t i;
	int64_t v512, v600, v511;

	for (i = 0; i < sizeof(value); i++) {
		value[i] = (char)('a' + (i * 7) % 26);
	}
	v512 = cf_backend_version(value, 512);
	v600 = cf_backend_version(value, 600);
	v511 = cf_backend_version(value, 511);
	assert_int_equal(v600, v512);
	assert_int_not_equal(v511, v512);
	value[599] = '!';
	assert_int_equal(cf_backend_version(value, 600), v512);
	value[511] = '!';
	assert_int_not_equal(cf_backend_version(value, 600), v512);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_backend_version_is_positive_unsigned_32_bit(void **state)
{
	static const char *const values[] = {"a", "release-2024.1", "\xff\xff\xff\xff", "deploy-42"};
	size_t i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		int64_t v = cf_backend_version(values[i], strlen(values[i]));
		assert_true(v >= 1);
		assert_true(v <= (int64_t)UINT32_MAX);
	}
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_is_hex64_accepts_exactly_64_lowercase_hex(void **state)
{
	char s[66];

	memcpy(s, "5f13ba0cd0aecd27505371226272cd9fda44667791eaba3bbe39ab460b2899ca", 65);
	assert_true(cf_is_hex64(s, 64));
	assert_false(cf_is_hex64(s, 63));
	s[64] = 'a';
	s[65] = '\0';
	assert_false(cf_is_hex64(s, 65));
	s[64] = '\0';
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_is_hex64_rejects_uppercase_nul_and_non_hex(void **state)
{
	char s[65];

	memcpy(s, "5f13ba0cd0aecd27505371226272cd9fda44667791eaba3bbe39ab460b2899ca", 65);
	s[0] = 'F';
	assert_false(cf_is_hex64(s, 64));
	s[0] = '5';
	s[30] = '\0';
	assert_false(cf_is_hex64(s, 64));
	s[30] = 'g';
	assert_false(cf_is_hex64(s, 64));
	s[30] = 'a';
	assert_true(cf_is_hex64(s, 64));
	assert_false(cf_is_hex64(NULL, 64));
	assert_false(cf_is_hex64("", 0));
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_hex64_equals_compares_all_64_chars(void **state)
{
	char a[CF_HEX64_LEN + 1], b[CF_HEX64_LEN + 1];

	assert_int_equal(cf_sha256_hex("hello", 5, a), 0);
	memcpy(b, a, sizeof(b));
	assert_true(cf_hex64_equals(a, b));
	b[63] = b[63] == '0' ? '1' : '0';
	assert_false(cf_hex64_equals(a, b));
	memcpy(b, a, sizeof(b));
	b[0] = b[0] == '0' ? '1' : '0';
	assert_false(cf_hex64_equals(a, b));
	assert_false(cf_hex64_equals(a, NULL));
	assert_false(cf_hex64_equals(NULL, a));
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* RFC 4231 test cases 1 and 2, the second split over parts; an empty key is a key. */
static void test_hmac_sha256_rfc4231_vectors(void **state)
{
	unsigned char key1[20];
	char out[CF_HEX64_LEN + 1];
	cf_iov one = {"Hi There", 8};
	cf_iov two[3] = {{"what do ya", 10}, {"", 0}, {" want for nothing?", 18}};

	memset(key1, 0x0b, sizeof(key1));
	assert_int_equal(cf_hmac_sha256_hex_iov(key1, sizeof(key1), &one, 1, out), 0);
	assert_string_equal(out, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	assert_int_equal(cf_hmac_sha256_hex_iov("Jefe", 4, two, 3, out), 0);
	assert_string_equal(out, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	assert_int_equal(cf_hmac_sha256_hex_iov("", 0, &one, 1, out), 0);
	assert_true(cf_is_hex64(out, CF_HEX64_LEN));

	/* the keyed form gives the same, message after message, also for a key longer than a block
	 * (RFC 4231 case 6: 131 bytes of 0xaa) */
	cf_hmac h;
	unsigned char key6[131];
	cf_iov six = {"Test Using Larger Than Block-Size Key - Hash Key First", 54};
	assert_int_equal(cf_hmac_init(&h, key1, sizeof(key1)), 0);
	assert_int_equal(cf_hmac_hex_iov(&h, &one, 1, out), 0);
	assert_string_equal(out, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	assert_int_equal(cf_hmac_hex_iov(&h, &one, 1, out), 0);
	assert_string_equal(out, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	cf_hmac_free(&h);
	cf_hmac_free(&h); /* twice is fine */
	assert_int_equal(cf_hmac_init(&h, "Jefe", 4), 0);
	assert_int_equal(cf_hmac_hex_iov(&h, two, 3, out), 0);
	assert_string_equal(out, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	cf_hmac_free(&h);
	memset(key6, 0xaa, sizeof(key6));
	assert_int_equal(cf_hmac_init(&h, key6, sizeof(key6)), 0);
	assert_int_equal(cf_hmac_hex_iov(&h, &six, 1, out), 0);
	assert_string_equal(out, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
	cf_hmac_free(&h);
	(void)state;
}

#define T(fn) cmocka_unit_test_setup(fn, reset_counters)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_payload_hash_vector_native_zstd_backend_version_2),
		T(test_payload_hash_vector_igbinary_env_backend_version),
		T(test_payload_hash_equals_sha256_of_header_then_payload),
		T(test_payload_hash_of_empty_payload_hashes_header_only),
		T(test_payload_hash_refuses_labels_longer_than_64_bytes),
		T(test_sha256_of_leading_nul_binary_vector),
		T(test_sha256_of_empty_input),
		T(test_hmac_sha256_rfc4231_vectors),
		T(test_sha256_iov_equals_sha256_of_concatenation),
		T(test_identifier_digest_is_first_16_hex_of_sha256),
		T(test_hex_encode_is_lowercase_and_nul_terminated),
		T(test_backend_version_null_or_empty_is_current),
		T(test_backend_version_vector_differs_from_legacy_crc),
		T(test_backend_version_uses_only_first_512_bytes),
		T(test_backend_version_is_positive_unsigned_32_bit),
		T(test_is_hex64_accepts_exactly_64_lowercase_hex),
		T(test_is_hex64_rejects_uppercase_nul_and_non_hex),
		T(test_hex64_equals_compares_all_64_chars),
	};
	return cmocka_run_group_tests_name("hash", tests, NULL, NULL);
}
