/*
 * cmocka tests of src/ident.c: TYPO3 identifier/tag pattern, cache names, keys and tags.
 *
 * Expected sha256 values were computed with `printf %s ... | sha256sum`.
 */
#include "unit.h"

#include <stdio.h>

#include "ident.h"

#define S(lit) (lit), (sizeof(lit) - 1)

/* A heap-free repeated-character string: buf gets n copies of c (plus an optional "\n") and a NUL. */
static const char *rep(char *buf, char c, size_t n, bool newline)
{
	memset(buf, c, n);
	if (newline) {
		buf[n++] = '\n';
	}
	buf[n] = '\0';
	return buf;
}

static void test_ident_valid_basic(void **state)
{
	assert_true(cf_ident_is_valid(S("a")));
	assert_true(cf_ident_is_valid(S("Z")));
	assert_true(cf_ident_is_valid(S("0")));
	assert_true(cf_ident_is_valid(S("_")));
	assert_true(cf_ident_is_valid(S("%")));
	assert_true(cf_ident_is_valid(S("-")));
	assert_true(cf_ident_is_valid(S("&")));
	assert_true(cf_ident_is_valid(S("azAZ09_%-&")));
	/* TYPO3-style identifiers and tags */
	assert_true(cf_ident_is_valid(S("pageId_42")));
	assert_true(cf_ident_is_valid(S("tx_news_domain_model_news_17")));
	assert_true(cf_ident_is_valid(S("fluid_template_e3b0c44298fc1c149afbf4c8996fb924")));
	assert_true(cf_ident_is_valid(S("ident-with-dashes&amp%20encoded")));
	assert_true(cf_ident_is_valid(S("%_-&%%__--&&")));
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_ident_invalid_chars(void **state)
{
	assert_false(cf_ident_is_valid(S("")));
	assert_false(cf_ident_is_valid(NULL, 0));
	assert_false(cf_ident_is_valid(S(" ")));
	assert_false(cf_ident_is_valid(S("a b")));
	assert_false(cf_ident_is_valid(S("a/b")));
	assert_false(cf_ident_is_valid(S("../x")));
	assert_false(cf_ident_is_valid(S("a.b")));
	assert_false(cf_ident_is_valid(S("a:b")));
	assert_false(cf_ident_is_valid(S("a+b")));
	assert_false(cf_ident_is_valid(S("a\\b")));
	assert_false(cf_ident_is_valid(S("a\0b")));
	assert_false(cf_ident_is_valid(S("a\0")));
	assert_false(cf_ident_is_valid(S("\0")));
	assert_false(cf_ident_is_valid(S("a\tb")));
	assert_false(cf_ident_is_valid(S("a\r")));
	assert_false(cf_ident_is_valid(S("caf\xc3\xa9")));
	assert_false(cf_ident_is_valid(S("\xff")));
	/* every byte outside the class, alone and after a valid prefix */
	for (int c = 0; c < 256; c++) {
		bool in_class = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
						c == '%' || c == '-' || c == '&';
		char one[1] = {(char)c};
		char two[3] = {'x', (char)c, 'y'};
		assert_int_equal(cf_ident_is_valid(one, 1), in_class);
		assert_int_equal(cf_ident_is_valid(two, 3), in_class);
	}
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_ident_trailing_newline(void **state)
{
	assert_true(cf_ident_is_valid(S("abc\n")));
	assert_false(cf_ident_is_valid(S("abc\n\n")));
	assert_false(cf_ident_is_valid(S("ab\nc")));
	assert_false(cf_ident_is_valid(S("\nabc")));
	assert_false(cf_ident_is_valid(S("\n")));
	assert_false(cf_ident_is_valid(S("abc\r\n")));
	assert_false(cf_ident_is_valid(S("abc\n\0")));
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_ident_length_boundaries(void **state)
{
	char buf[300];
	assert_true(cf_ident_is_valid(rep(buf, 'a', 250, false), 250));
	assert_false(cf_ident_is_valid(rep(buf, 'a', 251, false), 251));
	assert_true(cf_ident_is_valid(rep(buf, 'a', 249, false), 249));
	/* 250 characters plus the one trailing newline PCRE's $ allows */
	assert_true(cf_ident_is_valid(rep(buf, 'a', 250, true), 251));
	assert_false(cf_ident_is_valid(rep(buf, 'a', 251, true), 252));
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_cache_name(void **state)
{
	assert_true(cf_cache_name_is_valid(S("pages")));
	assert_true(cf_cache_name_is_valid(S("fluid_template")));
	assert_true(cf_cache_name_is_valid(S("cache_hash")));
	assert_true(cf_cache_name_is_valid(S("a-b%&")));
	assert_true(cf_cache_name_is_valid(S("_x")));
	assert_true(cf_cache_name_is_valid(S("a")));
	assert_true(cf_cache_name_is_valid(S("a_b_c")));
	assert_false(cf_cache_name_is_valid(S("a__b")));
	assert_false(cf_cache_name_is_valid(S("__x")));
	assert_false(cf_cache_name_is_valid(S("a_")));
	assert_false(cf_cache_name_is_valid(S("_")));
	assert_false(cf_cache_name_is_valid(S("a___b")));
	assert_false(cf_cache_name_is_valid(S("")));
	assert_false(cf_cache_name_is_valid(NULL, 0));
	assert_false(cf_cache_name_is_valid(S("pages\n"))); /* no PCRE leniency here */
	assert_false(cf_cache_name_is_valid(S("pa ges")));
	assert_false(cf_cache_name_is_valid(S("pa/ges")));
	assert_false(cf_cache_name_is_valid(S("pa.ges")));
	assert_false(cf_cache_name_is_valid(S("pa\0ges")));
	char buf[80];
	assert_true(cf_cache_name_is_valid(rep(buf, 'c', 64, false), 64));
	assert_false(cf_cache_name_is_valid(rep(buf, 'c', 65, false), 65));
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_meta_key_format(void **state)
{
	char out[CF_KEY_BUF];
	assert_int_equal(cf_ident_meta_key(S("pages"), S("abc"), out), 10);
	assert_string_equal(out, "pages__abc");
	assert_int_equal(cf_ident_meta_key(S("a-b%&"), S("x%y&z-_"), out), 14);
	assert_string_equal(out, "a-b%&__x%y&z-_");
	/* a trailing newline stays at the end of the key, which is itself a valid identifier */
	size_t n = cf_ident_meta_key(S("pages"), S("abc\n"), out);
	assert_int_equal(n, 11);
	assert_memory_equal(out, "pages__abc\n", 12);
	assert_true(cf_ident_is_valid(out, n));
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_meta_key_invalid(void **state)
{
	char out[CF_KEY_BUF];
	char buf[300];
	memcpy(out, "junk", 5);
	assert_int_equal(cf_ident_meta_key(S("a__b"), S("x"), out), 0);
	assert_string_equal(out, "");
	assert_int_equal(cf_ident_meta_key(S("a_"), S("x"), out), 0);
	assert_int_equal(cf_ident_meta_key(S(""), S("x"), out), 0);
	assert_int_equal(cf_ident_meta_key(rep(buf, 'c', 65, false), 65, S("x"), out), 0);
	assert_int_equal(cf_ident_meta_key(S("pages"), S(""), out), 0);
	assert_int_equal(cf_ident_meta_key(S("pages"), S("a/b"), out), 0);
	assert_int_equal(cf_ident_meta_key(S("pages"), S("a\n\n"), out), 0);
	assert_int_equal(cf_ident_meta_key(S("pages"), rep(buf, 'a', 251, false), 251, out), 0);
	assert_int_equal(cf_ident_meta_key(S("pages"), NULL, 0, out), 0);
	assert_int_equal(cf_ident_meta_key(NULL, 0, S("x"), out), 0);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_meta_key_hashed(void **state)
{
	char out[CF_KEY_BUF];
	char id[300];
	char expect[400];
	/* 5 + 2 + 243 = 250: kept verbatim */
	size_t n = cf_ident_meta_key(S("pages"), rep(id, 'a', 243, false), 243, out);
	assert_int_equal(n, 250);
	snprintf(expect, sizeof(expect), "pages__%s", id);
	assert_string_equal(out, expect);
	assert_true(cf_ident_is_valid(out, n));
	/* 251: hashed */
	n = cf_ident_meta_key(S("pages"), rep(id, 'a', 244, false), 244, out);
	assert_int_equal(n, 5 + 2 + 65);
	assert_string_equal(out, "pages__%ad5e672a5b109df29b0348a539299d5e1ede6c6bf8de694a6e7dc727f185a4e2");
	assert_true(cf_ident_is_valid(out, n));
	/* 243 chars + "\n" = 251: hashed over all 244 bytes, newline included */
	n = cf_ident_meta_key(S("pages"), rep(id, 'a', 243, true), 244, out);
	assert_string_equal(out, "pages__%c4e58115c9167ef4d20316cb893a6c985cd451e243c5b2887b3dd2d50a3c8faf");
	/* the longest identifier with the longest cache name */
	char cache[70];
	rep(cache, 'k', 64, false);
	n = cf_ident_meta_key(cache, 64, rep(id, 'c', 250, false), 250, out);
	assert_int_equal(n, 64 + 2 + 65);
	snprintf(expect, sizeof(expect), "%s__%%b31bdc6c1e222c18312c98cdaf932c3b20ff3453334c79b9698ecd8c65f9e503", cache);
	assert_string_equal(out, expect);
	assert_true(cf_ident_is_valid(out, n));
	/* the longest verbatim id for the longest cache name */
	n = cf_ident_meta_key(cache, 64, id, 250 - 66, out);
	assert_int_equal(n, 250);
	n = cf_ident_meta_key(cache, 64, id, 250 - 65, out);
	assert_int_equal(n, 131);
	assert_int_equal(out[66], '%');
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_ns_tag(void **state)
{
	char out[CF_KEY_BUF];
	assert_int_equal(cf_ident_ns_tag(S("pages"), out), 15);
	assert_string_equal(out, "__cfb_ns__pages");
	assert_true(cf_ident_is_valid(out, 15));
	assert_int_equal(cf_ident_ns_tag(S("a__b"), out), 0);
	assert_int_equal(cf_ident_ns_tag(S("a_"), out), 0);
	assert_int_equal(cf_ident_ns_tag(S(""), out), 0);
	char cache[70];
	rep(cache, 'k', 64, false);
	assert_int_equal(cf_ident_ns_tag(cache, 64, out), 74);
	assert_true(cf_ident_is_valid(out, 74));
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_user_tag(void **state)
{
	char out[CF_KEY_BUF];
	char tag[300];
	char expect[400];
	size_t n = cf_ident_user_tag(S("pages"), S("pageId_42"), out);
	assert_int_equal(n, 26);
	assert_string_equal(out, "__cfb_ns__pages__pageId_42");
	assert_true(cf_ident_is_valid(out, n));
	/* 17 + 233 = 250 verbatim, 251 hashed */
	n = cf_ident_user_tag(S("pages"), rep(tag, 'b', 233, false), 233, out);
	assert_int_equal(n, 250);
	snprintf(expect, sizeof(expect), "__cfb_ns__pages__%s", tag);
	assert_string_equal(out, expect);
	n = cf_ident_user_tag(S("pages"), rep(tag, 'b', 234, false), 234, out);
	assert_int_equal(n, 17 + 65);
	assert_string_equal(out, "__cfb_ns__pages__%1d0153bf096240b3e14d2dd7039db88d531d4dc3baed781c33fd03cc43367c6b");
	assert_true(cf_ident_is_valid(out, n));
	/* tag with trailing newline */
	n = cf_ident_user_tag(S("pages"), S("t\n"), out);
	assert_int_equal(n, 19);
	assert_memory_equal(out, "__cfb_ns__pages__t\n", 20);
	assert_true(cf_ident_is_valid(out, n));
	/* invalid inputs */
	assert_int_equal(cf_ident_user_tag(S("pages"), S(""), out), 0);
	assert_int_equal(cf_ident_user_tag(S("pages"), S("a b"), out), 0);
	assert_int_equal(cf_ident_user_tag(S("pages"), rep(tag, 'b', 251, false), 251, out), 0);
	assert_int_equal(cf_ident_user_tag(S("a__b"), S("c"), out), 0);
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* (cache "a", tag "b__c") vs (cache "a__b", tag "c"): the latter is refused, so no shared tag. */
static void test_no_collisions(void **state)
{
	char t1[CF_KEY_BUF], t2[CF_KEY_BUF];
	assert_int_equal(cf_ident_user_tag(S("a"), S("b__c"), t1), 17);
	assert_string_equal(t1, "__cfb_ns__a__b__c");
	assert_int_equal(cf_ident_user_tag(S("a__b"), S("c"), t2), 0);
	/* (cache "a", tag "b") can't be the namespace tag of any cache: "a__b" is not a cache name */
	assert_int_equal(cf_ident_user_tag(S("a"), S("b"), t1), 14);
	assert_string_equal(t1, "__cfb_ns__a__b");
	assert_int_equal(cf_ident_ns_tag(S("a__b"), t2), 0);
	/* meta keys: (cache "a", id "_b") vs (cache "a_", id "b") */
	assert_int_equal(cf_ident_meta_key(S("a"), S("_b"), t1), 5);
	assert_string_equal(t1, "a___b");
	assert_int_equal(cf_ident_meta_key(S("a_"), S("b"), t2), 0);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_split_round_trip(void **state)
{
	char key[CF_KEY_BUF];
	char buf[300];
	const char *id;
	size_t id_len;
	bool hashed = true;
	static const char *const ids[] = {"abc", "x%y&z-_", "__lead", "abc\n", "a"};
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		size_t n = cf_ident_meta_key(S("pages"), ids[i], strlen(ids[i]), key);
		assert_true(n > 0);
		hashed = true;
		assert_true(cf_ident_split_meta_key(S("pages"), key, n, &id, &id_len, &hashed));
		assert_int_equal(id_len, strlen(ids[i]));
		assert_memory_equal(id, ids[i], id_len);
		assert_ptr_equal(id, key + 7);
		assert_false(hashed);
	}
	/* longest verbatim */
	size_t n = cf_ident_meta_key(S("pages"), rep(buf, 'a', 243, false), 243, key);
	assert_true(cf_ident_split_meta_key(S("pages"), key, n, &id, &id_len, &hashed));
	assert_int_equal(id_len, 243);
	assert_false(hashed);
	/* hashed form */
	n = cf_ident_meta_key(S("pages"), rep(buf, 'a', 244, false), 244, key);
	assert_true(cf_ident_split_meta_key(S("pages"), key, n, &id, &id_len, &hashed));
	assert_true(hashed);
	assert_int_equal(id_len, 65);
	assert_memory_equal(id, "%ad5e672a5b109df29b0348a539299d5e1ede6c6bf8de694a6e7dc727f185a4e2", 65);
	/* a genuine identifier of that shape reads as hashed: the caller checks the record */
	const char *look = "%ad5e672a5b109df29b0348a539299d5e1ede6c6bf8de694a6e7dc727f185a4e2";
	n = cf_ident_meta_key(S("c"), look, 65, key);
	assert_int_equal(n, 68);
	assert_true(cf_ident_split_meta_key(S("c"), key, n, &id, &id_len, &hashed));
	assert_true(hashed);
	/* near misses of the hashed shape */
	assert_true(cf_ident_split_meta_key(
		S("c"), S("c__%AD5E672A5B109DF29B0348A539299D5E1EDE6C6BF8DE694A6E7DC727F185A4E2"), &id, &id_len, &hashed));
	assert_false(hashed);
	assert_true(cf_ident_split_meta_key(
		S("c"), S("c__%ad5e672a5b109df29b0348a539299d5e1ede6c6bf8de694a6e7dc727f185a4e"), &id, &id_len, &hashed));
	assert_false(hashed);
	assert_true(cf_ident_split_meta_key(
		S("c"), S("c__%ad5e672a5b109df29b0348a539299d5e1ede6c6bf8de694a6e7dc727f185a4e22"), &id, &id_len, &hashed));
	assert_false(hashed);
	assert_true(cf_ident_split_meta_key(
		S("c"), S("c__xad5e672a5b109df29b0348a539299d5e1ede6c6bf8de694a6e7dc727f185a4e2"), &id, &id_len, &hashed));
	assert_false(hashed);
	/* NULL outputs are fine */
	assert_true(cf_ident_split_meta_key(S("c"), S("c__x"), NULL, NULL, NULL));
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_split_rejects(void **state)
{
	const char *id = NULL;
	size_t id_len = 0;
	bool hashed = false;
	assert_false(cf_ident_split_meta_key(S("pages"), S("pages__"), &id, &id_len, &hashed));
	assert_false(cf_ident_split_meta_key(S("pages"), S("pages_x"), &id, &id_len, &hashed));
	assert_false(cf_ident_split_meta_key(S("pages"), S("pagesx_y"), &id, &id_len, &hashed));
	assert_false(cf_ident_split_meta_key(S("pages"), S("other__x"), &id, &id_len, &hashed));
	assert_false(cf_ident_split_meta_key(S("pages"), S("page"), &id, &id_len, &hashed));
	assert_false(cf_ident_split_meta_key(S("pages"), S(""), &id, &id_len, &hashed));
	assert_false(cf_ident_split_meta_key(S("pages"), S("pages__a/b"), &id, &id_len, &hashed));
	assert_false(cf_ident_split_meta_key(S("pages"), S("__cfb_ns__pages"), &id, &id_len, &hashed));
	assert_false(cf_ident_split_meta_key(S("pages"), NULL, 0, &id, &id_len, &hashed));
	/* a cache whose name is a prefix of another's: "pages" vs "pages_x" */
	assert_true(cf_ident_split_meta_key(S("pages_x"), S("pages_x__1"), &id, &id_len, &hashed));
	assert_false(cf_ident_split_meta_key(S("pages"), S("pages_x__1"), &id, &id_len, &hashed));
	assert_false(cf_ident_split_meta_key(S("a__b"), S("a__b__c"), &id, &id_len, &hashed));
	CF_UNIT_ASSERT_NO_LEAKS();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ident_valid_basic),
		cmocka_unit_test(test_ident_invalid_chars),
		cmocka_unit_test(test_ident_trailing_newline),
		cmocka_unit_test(test_ident_length_boundaries),
		cmocka_unit_test(test_cache_name),
		cmocka_unit_test(test_meta_key_format),
		cmocka_unit_test(test_meta_key_invalid),
		cmocka_unit_test(test_meta_key_hashed),
		cmocka_unit_test(test_ns_tag),
		cmocka_unit_test(test_user_tag),
		cmocka_unit_test(test_no_collisions),
		cmocka_unit_test(test_split_round_trip),
		cmocka_unit_test(test_split_rejects),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
