/*
 * cmocka tests of src/dsn.c: every accepted form and default, every rejection with its exact
 * message (and that no message carries the password), redaction, endpoint strings, the canonical
 * form's round trip, allocation failures and free(). Run under valgrind to check the strings are
 * freed.
 */
#include "unit.h"

#include <stdio.h>

#include "dsn.h"

#define PW_RAW "S3cr3tPw%40x" /* the password of the error tables, as written ... */
#define PW_DEC "S3cr3tPw@x"   /* ... and decoded */

static char err[256];

static cf_dsn_status parse(const char *s, cf_dsn *d)
{
	memset(err, 'X', sizeof(err));
	return cf_dsn_parse(s, strlen(s), &cf_unit_allocator, d, err, sizeof(err));
}

static void assert_no_strings(const cf_dsn *d)
{
	for (size_t i = 0; i < CF_DSN_MAX_HOSTS; i++) {
		assert_null(d->hosts[i].host);
	}
	assert_int_equal(d->nhosts, 0);
	assert_null(d->socket_path);
	assert_null(d->user);
	assert_null(d->password);
	assert_null(d->master_name);
	assert_null(d->prefix);
}

static void assert_dsn_equal(const cf_dsn *a, const cf_dsn *b)
{
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->valkey, b->valkey);
	assert_int_equal(a->nhosts, b->nhosts);
	for (size_t i = 0; i < a->nhosts; i++) {
		assert_string_equal(a->hosts[i].host, b->hosts[i].host);
		assert_int_equal(a->hosts[i].port, b->hosts[i].port);
	}
#define STR_EQ(f) ((a->f == NULL && b->f == NULL) || (a->f && b->f && strcmp(a->f, b->f) == 0))
	assert_true(STR_EQ(socket_path));
	assert_true(STR_EQ(user));
	assert_true(STR_EQ(password));
	assert_true(STR_EQ(master_name));
	assert_true(STR_EQ(prefix));
#undef STR_EQ
	assert_int_equal(a->db, b->db);
	assert_int_equal(a->timeout_ms, b->timeout_ms);
	assert_int_equal(a->read_timeout_ms, b->read_timeout_ms);
	assert_int_equal(a->persistent, b->persistent);
}

/*
 * For every accepted DSN: the canonical form parses to the same struct and is not longer than s;
 * the redacted form is s with the password span replaced, and neither it nor any endpoint holds
 * the password.
 */
static void check_derived(const char *s, const cf_dsn *d)
{
	char canon[CF_DSN_MAX_LEN + 1], red[CF_DSN_MAX_LEN + 8], ep[CF_DSN_MAX_LEN + 8];
	size_t n = cf_dsn_canonical(d, canon, sizeof(canon));
	assert_int_equal(n, strlen(canon));
	assert_true(n <= strlen(s));
	cf_dsn again;
	if (parse(canon, &again) != CF_DSN_OK) {
		fail_msg("canonical %s of %s does not parse: %s", canon, s, err);
	}
	assert_dsn_equal(d, &again);
	cf_dsn_free(&again, &cf_unit_allocator);
	size_t rn = cf_dsn_redact(s, strlen(s), red, sizeof(red));
	assert_int_equal(rn, strlen(red));
	if (d->password && strlen(d->password) >= 4) {
		assert_null(strstr(red, d->password));
		assert_non_null(strstr(red, ":***@"));
	}
	if (!d->password) {
		assert_string_equal(red, s);
	}
	for (size_t i = 0; i < (d->kind == CF_DSN_UNIX ? 1 : d->nhosts); i++) {
		assert_true(cf_dsn_endpoint(d, i, ep, sizeof(ep)) > 0);
		if (d->password && strlen(d->password) >= 4) {
			assert_null(strstr(ep, d->password));
		}
	}
}

static void parse_ok(const char *s, cf_dsn *d)
{
	if (parse(s, d) != CF_DSN_OK) {
		fail_msg("%s: %s", s, err);
	}
	assert_string_equal(err, "");
	check_derived(s, d);
}

static void assert_defaults_except_hosts(const cf_dsn *d)
{
	assert_null(d->user);
	assert_null(d->password);
	assert_int_equal(d->db, 0);
	assert_string_equal(d->prefix, "cf");
	assert_int_equal(d->timeout_ms, 1000);
	assert_int_equal(d->read_timeout_ms, 1000);
	assert_true(d->persistent);
}

/* ---- accepted forms ---- */

static void test_tcp_defaults(void **state)
{
	cf_dsn d;
	parse_ok("redis://localhost", &d);
	assert_int_equal(d.kind, CF_DSN_TCP);
	assert_false(d.valkey);
	assert_int_equal(d.nhosts, 1);
	assert_string_equal(d.hosts[0].host, "localhost");
	assert_int_equal(d.hosts[0].port, 6379);
	assert_null(d.socket_path);
	assert_null(d.master_name);
	assert_defaults_except_hosts(&d);
	cf_dsn_free(&d, &cf_unit_allocator);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_tcp_everything(void **state)
{
	cf_dsn d;
	parse_ok("redis://app:s3cret@Cache.Example.com:6380/3?prefix=site_1.a-b&timeout=0.5&read_timeout=2.25&"
			 "persistent=off",
		&d);
	assert_int_equal(d.kind, CF_DSN_TCP);
	assert_string_equal(d.hosts[0].host, "cache.example.com");
	assert_int_equal(d.hosts[0].port, 6380);
	assert_string_equal(d.user, "app");
	assert_string_equal(d.password, "s3cret");
	assert_int_equal(d.db, 3);
	assert_string_equal(d.prefix, "site_1.a-b");
	assert_int_equal(d.timeout_ms, 500);
	assert_int_equal(d.read_timeout_ms, 2250);
	assert_false(d.persistent);
	cf_dsn_free(&d, &cf_unit_allocator);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_tcp_variants(void **state)
{
	cf_dsn d;
	parse_ok("valkey://10.0.0.1:7000", &d);
	assert_true(d.valkey);
	assert_int_equal(d.kind, CF_DSN_TCP);
	assert_string_equal(d.hosts[0].host, "10.0.0.1");
	assert_int_equal(d.hosts[0].port, 7000);
	cf_dsn_free(&d, &cf_unit_allocator);

	parse_ok("REDIS://h", &d);
	assert_false(d.valkey);
	cf_dsn_free(&d, &cf_unit_allocator);
	parse_ok("VaLkEy://h:1/1048576", &d);
	assert_true(d.valkey);
	assert_int_equal(d.hosts[0].port, 1);
	assert_int_equal(d.db, 1048576);
	cf_dsn_free(&d, &cf_unit_allocator);
	parse_ok("redis://h:65535/007", &d);
	assert_int_equal(d.hosts[0].port, 65535);
	assert_int_equal(d.db, 7);
	cf_dsn_free(&d, &cf_unit_allocator);
	parse_ok("redis://h:00080/0", &d);
	assert_int_equal(d.hosts[0].port, 80);
	cf_dsn_free(&d, &cf_unit_allocator);
	parse_ok("redis://h?persistent=1", &d);
	assert_true(d.persistent);
	assert_int_equal(d.db, 0);
	cf_dsn_free(&d, &cf_unit_allocator);

	/* a 253-character host name */
	char s[300] = "redis://";
	memset(s + 8, 'a', 253);
	s[8 + 253] = '\0';
	parse_ok(s, &d);
	assert_int_equal(strlen(d.hosts[0].host), 253);
	cf_dsn_free(&d, &cf_unit_allocator);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_ipv6(void **state)
{
	static const struct {
		const char *dsn, *host;
		int port;
	} ok[] = {
		{"redis://[::1]", "::1", 6379},
		{"redis://[::]:7000", "::", 7000},
		{"redis://[2001:DB8::1]:6380/2", "2001:db8::1", 6380},
		{"redis://[1:2:3:4:5:6:7:8]", "1:2:3:4:5:6:7:8", 6379},
		{"redis://[1:2:3:4:5:6:7::]", "1:2:3:4:5:6:7::", 6379},
		{"redis://[::2:3:4:5:6:7:8]", "::2:3:4:5:6:7:8", 6379},
		{"redis://[fe80::a:b]", "fe80::a:b", 6379},
		{"redis://[::ffff:192.0.2.1]:1", "::ffff:192.0.2.1", 1},
		{"redis://[1:2:3:4:5:6:1.2.3.4]", "1:2:3:4:5:6:1.2.3.4", 6379},
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		cf_dsn d;
		parse_ok(ok[i].dsn, &d);
		assert_string_equal(d.hosts[0].host, ok[i].host);
		assert_int_equal(d.hosts[0].port, ok[i].port);
		cf_dsn_free(&d, &cf_unit_allocator);
	}
	static const char *const bad[] = {"[]", "[:]", "[:1]", "[1:]", "[1:2]", "[:::]", "[1::2::3]", "[12345::]",
		"[1:2:3:4:5:6:7:8:9]", "[::1:2:3:4:5:6:7:8]", "[::g]", "[::1%eth0]", "[::1.2.3]", "[::1.2.3.256]",
		"[::1.2.3.4.5]", "[1.2.3.4]", "[::ffff:1.2.3.4:1]", "[::1", "[a:b:c:d:e:f:1:2.3.4.5]"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char s[128];
		cf_dsn d;
		snprintf(s, sizeof(s), "redis://%s", bad[i]);
		if (parse(s, &d) != CF_DSN_E_SYNTAX) {
			fail_msg("%s was accepted", s);
		}
		assert_string_equal(err, "metadataDsn: bad IPv6 address in brackets");
		assert_no_strings(&d);
	}
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_userinfo(void **state)
{
	cf_dsn d;
	parse_ok("redis://:onlypass@h", &d);
	assert_null(d.user);
	assert_string_equal(d.password, "onlypass");
	cf_dsn_free(&d, &cf_unit_allocator);

	parse_ok("redis://u:a:b:c@h", &d);
	assert_string_equal(d.user, "u");
	assert_string_equal(d.password, "a:b:c");
	cf_dsn_free(&d, &cf_unit_allocator);

	parse_ok("redis://u%40x%3Ay:p%40ss%2F%3f%23%25%20%c3%a9@h", &d);
	assert_string_equal(d.user, "u@x:y");
	assert_string_equal(d.password, "p@ss/?#% \xc3\xa9");
	cf_dsn_free(&d, &cf_unit_allocator);

	parse_ok("redis://A-._~!$&'()*+,;=:x-._~!$&'()*+,;=:@h", &d);
	assert_string_equal(d.user, "A-._~!$&'()*+,;=");
	assert_string_equal(d.password, "x-._~!$&'()*+,;=:");
	cf_dsn_free(&d, &cf_unit_allocator);

	/* percent-decoding applies to user and password only */
	assert_int_equal(parse("redis://h?prefix=a%41", &d), CF_DSN_E_SYNTAX);
	assert_int_equal(parse("unix:///tmp/a%41.sock", &d), CF_DSN_OK);
	assert_string_equal(d.socket_path, "/tmp/a%41.sock");
	cf_dsn_free(&d, &cf_unit_allocator);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_unix(void **state)
{
	cf_dsn d;
	parse_ok("unix:///var/run/redis.sock", &d);
	assert_int_equal(d.kind, CF_DSN_UNIX);
	assert_false(d.valkey);
	assert_int_equal(d.nhosts, 0);
	assert_string_equal(d.socket_path, "/var/run/redis.sock");
	assert_null(d.master_name);
	assert_defaults_except_hosts(&d);
	cf_dsn_free(&d, &cf_unit_allocator);

	parse_ok("unix://app:pw%3A1@/tmp/r.sock?db=2&prefix=x&persistent=FALSE&timeout=0.001&read_timeout=60", &d);
	assert_string_equal(d.socket_path, "/tmp/r.sock");
	assert_string_equal(d.user, "app");
	assert_string_equal(d.password, "pw:1");
	assert_int_equal(d.db, 2);
	assert_string_equal(d.prefix, "x");
	assert_false(d.persistent);
	assert_int_equal(d.timeout_ms, 1);
	assert_int_equal(d.read_timeout_ms, 60000);
	cf_dsn_free(&d, &cf_unit_allocator);

	parse_ok("redis+unix:///tmp/r.sock?db=1048576", &d);
	assert_int_equal(d.kind, CF_DSN_UNIX);
	assert_false(d.valkey);
	assert_int_equal(d.db, 1048576);
	cf_dsn_free(&d, &cf_unit_allocator);
	parse_ok("Valkey+Unix://:pw@/tmp/v.sock", &d);
	assert_int_equal(d.kind, CF_DSN_UNIX);
	assert_true(d.valkey);
	cf_dsn_free(&d, &cf_unit_allocator);

	/* '@' and ':' in the path are the path's, not a userinfo */
	parse_ok("unix:///run/a@b:c.sock", &d);
	assert_string_equal(d.socket_path, "/run/a@b:c.sock");
	assert_null(d.password);
	cf_dsn_free(&d, &cf_unit_allocator);
	parse_ok("unix://:pw@/run/a@b.sock", &d);
	assert_string_equal(d.socket_path, "/run/a@b.sock");
	assert_string_equal(d.password, "pw");
	cf_dsn_free(&d, &cf_unit_allocator);

	char s[200] = "unix://";
	memset(s + 7, 'p', 107);
	s[7] = '/';
	s[7 + 107] = '\0';
	parse_ok(s, &d);
	assert_int_equal(strlen(d.socket_path), 107);
	cf_dsn_free(&d, &cf_unit_allocator);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_sentinel(void **state)
{
	cf_dsn d;
	parse_ok("redis-sentinel://s1,S2:26380,[::1]/my-master_1.x/2?timeout=0.2", &d);
	assert_int_equal(d.kind, CF_DSN_SENTINEL);
	assert_int_equal(d.nhosts, 3);
	assert_string_equal(d.hosts[0].host, "s1");
	assert_int_equal(d.hosts[0].port, 26379);
	assert_string_equal(d.hosts[1].host, "s2");
	assert_int_equal(d.hosts[1].port, 26380);
	assert_string_equal(d.hosts[2].host, "::1");
	assert_int_equal(d.hosts[2].port, 26379);
	assert_string_equal(d.master_name, "my-master_1.x");
	assert_int_equal(d.db, 2);
	assert_int_equal(d.timeout_ms, 200);
	cf_dsn_free(&d, &cf_unit_allocator);

	parse_ok("valkey-sentinel://u:p%40w@s1/m", &d);
	assert_true(d.valkey);
	assert_int_equal(d.nhosts, 1);
	assert_string_equal(d.master_name, "m");
	assert_string_equal(d.password, "p@w");
	assert_int_equal(d.db, 0);
	assert_null(d.socket_path);
	cf_dsn_free(&d, &cf_unit_allocator);

	/* 16 hosts and a 64-character master name are the limits */
	char s[400] = "redis-sentinel://";
	for (int i = 0; i < 16; i++) {
		snprintf(s + strlen(s), sizeof(s) - strlen(s), "%sh%d", i ? "," : "", i);
	}
	strcat(s, "/");
	memset(s + strlen(s), 'm', 64);
	parse_ok(s, &d);
	assert_int_equal(d.nhosts, 16);
	assert_string_equal(d.hosts[15].host, "h15");
	assert_int_equal(strlen(d.master_name), 64);
	cf_dsn_free(&d, &cf_unit_allocator);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_cluster(void **state)
{
	cf_dsn d;
	parse_ok("redis-cluster://n1:7000,n2:7001,n3?prefix=c&read_timeout=0.75", &d);
	assert_int_equal(d.kind, CF_DSN_CLUSTER);
	assert_false(d.valkey);
	assert_int_equal(d.nhosts, 3);
	assert_int_equal(d.hosts[0].port, 7000);
	assert_int_equal(d.hosts[1].port, 7001);
	assert_string_equal(d.hosts[2].host, "n3");
	assert_int_equal(d.hosts[2].port, 6379);
	assert_int_equal(d.db, 0);
	assert_null(d.master_name);
	assert_string_equal(d.prefix, "c");
	assert_int_equal(d.read_timeout_ms, 750);
	cf_dsn_free(&d, &cf_unit_allocator);

	parse_ok("valkey-cluster://:pw@n1", &d);
	assert_true(d.valkey);
	assert_int_equal(d.kind, CF_DSN_CLUSTER);
	assert_int_equal(d.nhosts, 1);
	cf_dsn_free(&d, &cf_unit_allocator);

	char s[400] = "redis-cluster://";
	for (int i = 0; i < 16; i++) {
		snprintf(s + strlen(s), sizeof(s) - strlen(s), "%s[::%x]:%d", i ? "," : "", i + 1, 7000 + i);
	}
	parse_ok(s, &d);
	assert_int_equal(d.nhosts, 16);
	assert_int_equal(d.hosts[15].port, 7015);
	cf_dsn_free(&d, &cf_unit_allocator);
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_query_values(void **state)
{
	static const struct {
		const char *q;
		int timeout;
		bool persistent;
	} ok[] = {
		{"timeout=1", 1000, true},
		{"timeout=0.001", 1, true},
		{"timeout=60", 60000, true},
		{"timeout=60.000", 60000, true},
		{"timeout=0.250", 250, true},
		{"timeout=2.5000", 2500, true},
		{"timeout=007", 7000, true},
		{"persistent=0", 1000, false},
		{"persistent=1", 1000, true},
		{"persistent=true", 1000, true},
		{"persistent=TRUE", 1000, true},
		{"persistent=false", 1000, false},
		{"persistent=on", 1000, true},
		{"persistent=Off", 1000, false},
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		char s[128];
		cf_dsn d;
		snprintf(s, sizeof(s), "redis://h?%s", ok[i].q);
		parse_ok(s, &d);
		assert_int_equal(d.timeout_ms, ok[i].timeout);
		assert_int_equal(d.persistent, ok[i].persistent);
		cf_dsn_free(&d, &cf_unit_allocator);
	}
	cf_dsn d;
	char s[128] = "redis://h?prefix=";
	memset(s + strlen(s), 'P', 64);
	parse_ok(s, &d);
	assert_int_equal(strlen(d.prefix), 64);
	cf_dsn_free(&d, &cf_unit_allocator);
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* ---- rejections ---- */

typedef struct bad_case {
	const char *scheme; /* "redis", ... */
	const char *rest;   /* after "scheme://[userinfo@]" */
	cf_dsn_status status;
	const char *msg; /* after "metadataDsn: " */
} bad_case;

#define UNKNOWN_KEY "unknown query key (known: prefix, timeout, read_timeout, persistent, db)"
#define TIMEOUT_NUM "timeout is a number of seconds, e.g. 0.5"
#define ONE_HOST    "this scheme takes one host (several: redis-sentinel:// or redis-cluster://)"

/* Every rejection that can happen after the userinfo was read. */
static const bad_case after_userinfo[] = {
	{"redis", "", CF_DSN_E_SYNTAX, "empty host"},
	{"redis", "/0", CF_DSN_E_SYNTAX, "empty host"},
	{"redis", "?prefix=x", CF_DSN_E_SYNTAX, "empty host"},
	{"redis", ":6379", CF_DSN_E_SYNTAX, "empty host (an IPv6 address goes in [brackets])"},
	{"redis", "::1", CF_DSN_E_SYNTAX, "empty host (an IPv6 address goes in [brackets])"},
	{"redis", "h:0", CF_DSN_E_RANGE, "port must be 1..65535"},
	{"redis", "h:65536", CF_DSN_E_RANGE, "port must be 1..65535"},
	{"redis", "h:99999999999999999999999", CF_DSN_E_RANGE, "port must be 1..65535"},
	{"redis", "h:", CF_DSN_E_SYNTAX, "empty port"},
	{"redis", "h:/0", CF_DSN_E_SYNTAX, "empty port"},
	{"redis", "h:6x", CF_DSN_E_SYNTAX, "port must be a number"},
	{"redis", "h:-1", CF_DSN_E_SYNTAX, "port must be a number"},
	{"redis", "h:1:2", CF_DSN_E_SYNTAX, "port must be a number"},
	{"redis", "h_x", CF_DSN_E_SYNTAX, "a host may only hold [A-Za-z0-9.-]"},
	{"redis", "h x", CF_DSN_E_SYNTAX, "a host may only hold [A-Za-z0-9.-]"},
	{"redis", "h#frag", CF_DSN_E_SYNTAX, "a host may only hold [A-Za-z0-9.-]"},
	{"redis", "{h}", CF_DSN_E_SYNTAX, "a host may only hold [A-Za-z0-9.-]"},
	{"redis", "[::1", CF_DSN_E_SYNTAX, "bad IPv6 address in brackets"},
	{"redis", "[::1]x", CF_DSN_E_SYNTAX, "unexpected character after ']'"},
	{"redis", "[::1]]", CF_DSN_E_SYNTAX, "unexpected character after ']'"},
	{"redis", "h1,h2", CF_DSN_E_SYNTAX, ONE_HOST},
	{"redis", "h/", CF_DSN_E_SYNTAX, "empty db"},
	{"redis", "h/?prefix=x", CF_DSN_E_SYNTAX, "empty db"},
	{"redis", "h/x", CF_DSN_E_SYNTAX, "db must be a number"},
	{"redis", "h/-1", CF_DSN_E_SYNTAX, "db must be a number"},
	{"redis", "h/0#x", CF_DSN_E_SYNTAX, "db must be a number"},
	{"redis", "h/1048577", CF_DSN_E_RANGE, "db must be 0..1048576"},
	{"redis", "h/99999999999999999999", CF_DSN_E_RANGE, "db must be 0..1048576"},
	{"redis", "h/0/1", CF_DSN_E_SYNTAX, "trailing characters after the db"},
	{"redis", "h/0/", CF_DSN_E_SYNTAX, "trailing characters after the db"},
	{"redis", "h?", CF_DSN_E_SYNTAX, "empty query after '?'"},
	{"redis", "h?foo=1", CF_DSN_E_SYNTAX, UNKNOWN_KEY},
	{"redis", "h?Prefix=x", CF_DSN_E_SYNTAX, UNKNOWN_KEY},
	{"redis", "h?=x", CF_DSN_E_SYNTAX, UNKNOWN_KEY},
	{"redis", "h?password=x", CF_DSN_E_SYNTAX, UNKNOWN_KEY},
	{"redis", "h?prefix", CF_DSN_E_SYNTAX, "a query parameter needs key=value"},
	{"redis", "h?prefix=", CF_DSN_E_SYNTAX, "empty value for prefix"},
	{"redis", "h?timeout=", CF_DSN_E_SYNTAX, "empty value for timeout"},
	{"redis", "h?read_timeout=", CF_DSN_E_SYNTAX, "empty value for read_timeout"},
	{"redis", "h?persistent=", CF_DSN_E_SYNTAX, "empty value for persistent"},
	{"redis", "h?prefix=a&prefix=b", CF_DSN_E_SYNTAX, "repeated query key prefix"},
	{"redis", "h?timeout=1&timeout=1", CF_DSN_E_SYNTAX, "repeated query key timeout"},
	{"redis", "h?read_timeout=1&read_timeout=2", CF_DSN_E_SYNTAX, "repeated query key read_timeout"},
	{"redis", "h?persistent=1&persistent=1", CF_DSN_E_SYNTAX, "repeated query key persistent"},
	{"redis", "h?prefix=a&", CF_DSN_E_SYNTAX, "empty query parameter"},
	{"redis", "h?&prefix=a", CF_DSN_E_SYNTAX, "empty query parameter"},
	{"redis", "h?prefix=a&&timeout=1", CF_DSN_E_SYNTAX, "empty query parameter"},
	{"redis", "h?prefix=a{b", CF_DSN_E_SYNTAX, "prefix may only hold [A-Za-z0-9_.-]"},
	{"redis", "h?prefix=a}b", CF_DSN_E_SYNTAX, "prefix may only hold [A-Za-z0-9_.-]"},
	{"redis", "h?prefix=a:b", CF_DSN_E_SYNTAX, "prefix may only hold [A-Za-z0-9_.-]"},
	{"redis", "h?prefix=a b", CF_DSN_E_SYNTAX, "prefix may only hold [A-Za-z0-9_.-]"},
	{"redis", "h?prefix=a=b", CF_DSN_E_SYNTAX, "prefix may only hold [A-Za-z0-9_.-]"},
	{"redis", "h?prefix=%41", CF_DSN_E_SYNTAX, "prefix may only hold [A-Za-z0-9_.-]"},
	{"redis", "h?prefix=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", CF_DSN_E_RANGE,
		"prefix is at most 64 characters"},
	{"redis", "h?timeout=0", CF_DSN_E_RANGE, "timeout must be 0.001..60 seconds"},
	{"redis", "h?timeout=0.000", CF_DSN_E_RANGE, "timeout must be 0.001..60 seconds"},
	{"redis", "h?timeout=60.001", CF_DSN_E_RANGE, "timeout must be 0.001..60 seconds"},
	{"redis", "h?timeout=99999999999999", CF_DSN_E_RANGE, "timeout must be 0.001..60 seconds"},
	{"redis", "h?read_timeout=61", CF_DSN_E_RANGE, "read_timeout must be 0.001..60 seconds"},
	{"redis", "h?timeout=0.0001", CF_DSN_E_RANGE, "timeout has a resolution of 0.001 seconds"},
	{"redis", "h?read_timeout=1.2345", CF_DSN_E_RANGE, "read_timeout has a resolution of 0.001 seconds"},
	{"redis", "h?timeout=abc", CF_DSN_E_SYNTAX, TIMEOUT_NUM},
	{"redis", "h?timeout=.5", CF_DSN_E_SYNTAX, TIMEOUT_NUM},
	{"redis", "h?timeout=5.", CF_DSN_E_SYNTAX, TIMEOUT_NUM},
	{"redis", "h?timeout=-1", CF_DSN_E_SYNTAX, TIMEOUT_NUM},
	{"redis", "h?timeout=+1", CF_DSN_E_SYNTAX, TIMEOUT_NUM},
	{"redis", "h?timeout=1e3", CF_DSN_E_SYNTAX, TIMEOUT_NUM},
	{"redis", "h?timeout=1.5s", CF_DSN_E_SYNTAX, TIMEOUT_NUM},
	{"redis", "h?timeout=1,5", CF_DSN_E_SYNTAX, TIMEOUT_NUM},
	{"redis", "h?read_timeout=x", CF_DSN_E_SYNTAX, "read_timeout is a number of seconds, e.g. 0.5"},
	{"redis", "h?persistent=yes", CF_DSN_E_SYNTAX, "persistent must be 0, 1, true, false, on or off"},
	{"redis", "h?persistent=2", CF_DSN_E_SYNTAX, "persistent must be 0, 1, true, false, on or off"},
	{"redis", "h?db=1", CF_DSN_E_SYNTAX, "db= is for unix:// only (elsewhere: /db in the path)"},
	{"valkey", "h?timeout=0", CF_DSN_E_RANGE, "timeout must be 0.001..60 seconds"},
	{"redis-sentinel", "s1", CF_DSN_E_SYNTAX, "redis-sentinel:// needs /mastername after the hosts"},
	{"redis-sentinel", "s1?timeout=1", CF_DSN_E_SYNTAX, "redis-sentinel:// needs /mastername after the hosts"},
	{"redis-sentinel", "s1/", CF_DSN_E_SYNTAX, "the master name must be 1..64 characters"},
	{"redis-sentinel", "s1/?prefix=x", CF_DSN_E_SYNTAX, "the master name must be 1..64 characters"},
	{"redis-sentinel", "s1/mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm", CF_DSN_E_RANGE,
		"the master name must be 1..64 characters"},
	{"redis-sentinel", "s1/ma$ter", CF_DSN_E_SYNTAX, "the master name may only hold [A-Za-z0-9_.-]"},
	{"redis-sentinel", "s1/m:x", CF_DSN_E_SYNTAX, "the master name may only hold [A-Za-z0-9_.-]"},
	{"redis-sentinel", "s1/m/x", CF_DSN_E_SYNTAX, "db must be a number"},
	{"redis-sentinel", "s1/m/", CF_DSN_E_SYNTAX, "empty db"},
	{"redis-sentinel", "s1/m/1048577", CF_DSN_E_RANGE, "db must be 0..1048576"},
	{"redis-sentinel", "s1/m/0/1", CF_DSN_E_SYNTAX, "trailing characters after the db"},
	{"redis-sentinel", "s1/m?db=1", CF_DSN_E_SYNTAX, "db= is for unix:// only (elsewhere: /db in the path)"},
	{"redis-sentinel", "s1,,s2/m", CF_DSN_E_SYNTAX, "empty host"},
	{"redis-sentinel", "s1,/m", CF_DSN_E_SYNTAX, "empty host"},
	{"redis-sentinel", ",s1/m", CF_DSN_E_SYNTAX, "empty host"},
	{"redis-sentinel", "s1:0/m", CF_DSN_E_RANGE, "port must be 1..65535"},
	{"redis-sentinel", "h,h,h,h,h,h,h,h,h,h,h,h,h,h,h,h,h/m", CF_DSN_E_RANGE, "at most 16 hosts"},
	{"redis-cluster", "n1:7000/0", CF_DSN_E_SYNTAX, "redis-cluster:// takes no /db (a cluster has database 0 only)"},
	{"redis-cluster", "n1/", CF_DSN_E_SYNTAX, "redis-cluster:// takes no /db (a cluster has database 0 only)"},
	{"redis-cluster", "n1?db=1", CF_DSN_E_SYNTAX, "db= is for unix:// only (elsewhere: /db in the path)"},
	{"redis-cluster", "n1,", CF_DSN_E_SYNTAX, "empty host"},
	{"redis-cluster", "n1:70000", CF_DSN_E_RANGE, "port must be 1..65535"},
	{"redis-cluster", "h,h,h,h,h,h,h,h,h,h,h,h,h,h,h,h,h", CF_DSN_E_RANGE, "at most 16 hosts"},
	{"redis-cluster", "h,h,h,h,h,h,h,h,h,h,h,h,h,h,h,h,h,h,h,h,h,h", CF_DSN_E_RANGE, "at most 16 hosts"},
	{"valkey-cluster", "n1?prefix=", CF_DSN_E_SYNTAX, "empty value for prefix"},
	{"unix", "", CF_DSN_E_SYNTAX, "unix:// needs an absolute socket path"},
	{"unix", "tmp/r.sock", CF_DSN_E_SYNTAX, "unix:// needs an absolute socket path"},
	{"unix", "?db=1", CF_DSN_E_SYNTAX, "unix:// needs an absolute socket path"},
	{"unix",
		"/ppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp",
		CF_DSN_E_RANGE, "the socket path is at most 107 bytes"},
	{"unix", "/r.sock?db=x", CF_DSN_E_SYNTAX, "db must be a number"},
	{"unix", "/r.sock?db=", CF_DSN_E_SYNTAX, "empty value for db"},
	{"unix", "/r.sock?db=1048577", CF_DSN_E_RANGE, "db must be 0..1048576"},
	{"unix", "/r.sock?db=1&db=1", CF_DSN_E_SYNTAX, "repeated query key db"},
	{"unix", "/r.sock?", CF_DSN_E_SYNTAX, "empty query after '?'"},
	{"redis+unix", "/r.sock?x=1", CF_DSN_E_SYNTAX, UNKNOWN_KEY},
};

static void check_bad(const char *s, cf_dsn_status status, const char *msg)
{
	char expect[256];
	cf_dsn d;
	snprintf(expect, sizeof(expect), "metadataDsn: %s", msg);
	cf_dsn_status st = parse(s, &d);
	if (st != status || strcmp(err, expect) != 0) {
		fail_msg("%s: status %d, err \"%s\" (expected %d, \"%s\")", s, st, err, status, expect);
	}
	assert_no_strings(&d);
	cf_dsn_free(&d, &cf_unit_allocator); /* harmless after a failure */
	/* the same through the failing allocator at every allocation: the error or NOMEM, no leak */
	for (long fail_after = 0; fail_after < 24; fail_after++) {
		cf_unit_fail_after = fail_after;
		st = cf_dsn_parse(s, strlen(s), &cf_unit_failing_allocator, &d, err, sizeof(err));
		assert_true(st == status || st == CF_DSN_E_NOMEM);
		assert_no_strings(&d);
		CF_UNIT_ASSERT_NO_LEAKS();
	}
	cf_unit_fail_after = -1;
}

static void test_rejections_after_userinfo(void **state)
{
	static const char *const userinfos[] = {"", "user:" PW_RAW "@", ":" PW_RAW "@"};
	for (size_t i = 0; i < sizeof(after_userinfo) / sizeof(after_userinfo[0]); i++) {
		const bad_case *c = &after_userinfo[i];
		for (size_t u = 0; u < sizeof(userinfos) / sizeof(userinfos[0]); u++) {
			char s[512], red[600];
			snprintf(s, sizeof(s), "%s://%s%s", c->scheme, userinfos[u], c->rest);
			check_bad(s, c->status, c->msg);
			/* the message is the same with and without a password, so it cannot hold it */
			assert_null(strstr(err, "S3cr3t"));
			assert_null(strstr(err, "%40"));
			cf_dsn_redact(s, strlen(s), red, sizeof(red));
			assert_null(strstr(red, "S3cr3t"));
		}
	}
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_rejections_before_hosts(void **state)
{
	static const bad_case cases[] = {
		{NULL, "", CF_DSN_E_SYNTAX, "empty"},
		{NULL, "localhost:6379", CF_DSN_E_SYNTAX,
			"expected redis://, valkey://, unix://, redis-sentinel:// or redis-cluster://"},
		{NULL, "http://h", CF_DSN_E_SYNTAX,
			"expected redis://, valkey://, unix://, redis-sentinel:// or redis-cluster://"},
		{NULL, "rediss://h", CF_DSN_E_SYNTAX,
			"expected redis://, valkey://, unix://, redis-sentinel:// or redis-cluster://"},
		{NULL, "redis:/h", CF_DSN_E_SYNTAX,
			"expected redis://, valkey://, unix://, redis-sentinel:// or redis-cluster://"},
		{NULL, "redis:", CF_DSN_E_SYNTAX,
			"expected redis://, valkey://, unix://, redis-sentinel:// or redis-cluster://"},
		{NULL, "://h", CF_DSN_E_SYNTAX, "expected redis://, valkey://, unix://, redis-sentinel:// or redis-cluster://"},
		{NULL, " redis://h", CF_DSN_E_SYNTAX,
			"expected redis://, valkey://, unix://, redis-sentinel:// or redis-cluster://"},
		{NULL, "redis-sentinelx://h", CF_DSN_E_SYNTAX,
			"expected redis://, valkey://, unix://, redis-sentinel:// or redis-cluster://"},
		{NULL, "redis://@h", CF_DSN_E_SYNTAX, "empty user info before '@'"},
		{NULL, "redis://s3cretonly@h", CF_DSN_E_SYNTAX,
			"a user needs a password (user:password@, or :password@ alone)"},
		{NULL, "unix://s3cretonly@/tmp/r.sock", CF_DSN_E_SYNTAX,
			"a user needs a password (user:password@, or :password@ alone)"},
		{NULL, "redis://u:@h", CF_DSN_E_SYNTAX, "empty password after ':'"},
		{NULL, "redis://:@h", CF_DSN_E_SYNTAX, "empty password after ':'"},
		{NULL, "redis://u:S3cr3t%4@h", CF_DSN_E_SYNTAX, "bad percent-encoding in the user info"},
		{NULL, "redis://u:S3cr3t%@h", CF_DSN_E_SYNTAX, "bad percent-encoding in the user info"},
		{NULL, "redis://u:S3cr3t%zz@h", CF_DSN_E_SYNTAX, "bad percent-encoding in the user info"},
		{NULL, "redis://u%g1:S3cr3t@h", CF_DSN_E_SYNTAX, "bad percent-encoding in the user info"},
		{NULL, "redis://u:S3cr3t%00@h", CF_DSN_E_SYNTAX, "the user info holds an encoded NUL byte (%00)"},
		{NULL, "redis://u%00:S3cr3t@h", CF_DSN_E_SYNTAX, "the user info holds an encoded NUL byte (%00)"},
		{NULL, "redis://u:S3cr3t#q@h", CF_DSN_E_SYNTAX, "a character of the user info must be percent-encoded"},
		{NULL, "redis://u:S3cr3t@q@h", CF_DSN_E_SYNTAX, "a character of the user info must be percent-encoded"},
		{NULL, "redis://u:S3cr3t q@h", CF_DSN_E_SYNTAX, "a character of the user info must be percent-encoded"},
		{NULL, "redis://u:S3cr3t[@h", CF_DSN_E_SYNTAX, "a character of the user info must be percent-encoded"},
		{NULL, "redis://u:S3cr3t\xc3\xa9@h", CF_DSN_E_SYNTAX, "a character of the user info must be percent-encoded"},
		{NULL, "redis://u\"x:S3cr3t@h", CF_DSN_E_SYNTAX, "a character of the user info must be percent-encoded"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		check_bad(cases[i].rest, cases[i].status, cases[i].msg);
		assert_null(strstr(err, "S3cr3t"));
	}

	/* a NUL byte anywhere, and the length limit */
	static const char with_nul[] = "redis://u:S3cr3t@h\0:6379";
	cf_dsn d;
	assert_int_equal(
		cf_dsn_parse(with_nul, sizeof(with_nul) - 1, &cf_unit_allocator, &d, err, sizeof(err)), CF_DSN_E_SYNTAX);
	assert_string_equal(err, "metadataDsn: contains a NUL byte");
	assert_int_equal(cf_dsn_parse("\0", 1, &cf_unit_allocator, &d, err, sizeof(err)), CF_DSN_E_SYNTAX);
	assert_string_equal(err, "metadataDsn: contains a NUL byte");
	static char big[CF_DSN_MAX_LEN + 2];
	memcpy(big, "redis://", 8);
	memset(big + 8, 'a', sizeof(big) - 9);
	big[sizeof(big) - 1] = '\0'; /* 4097 bytes */
	check_bad(big, CF_DSN_E_RANGE, "longer than 4096 bytes");
	big[sizeof(big) - 2] = '\0'; /* 4096 bytes: only the host name is too long now */
	check_bad(big, CF_DSN_E_RANGE, "a host name is at most 253 characters");
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_bad_arguments(void **state)
{
	cf_dsn d;
	char small[8];
	assert_int_equal(cf_dsn_parse(NULL, 5, &cf_unit_allocator, &d, err, sizeof(err)), CF_DSN_E_SYNTAX);
	assert_string_equal(err, "metadataDsn: empty");
	assert_int_equal(cf_dsn_parse("redis://h", 9, &cf_unit_allocator, NULL, err, sizeof(err)), CF_DSN_E_SYNTAX);
	assert_string_equal(err, "metadataDsn: internal error: no output or allocator");
	assert_int_equal(cf_dsn_parse("redis://h", 9, NULL, &d, err, sizeof(err)), CF_DSN_E_SYNTAX);
	/* err is optional, and truncated to errsize */
	assert_int_equal(cf_dsn_parse("redis://h:0", 11, &cf_unit_allocator, &d, NULL, 0), CF_DSN_E_RANGE);
	assert_int_equal(cf_dsn_parse("redis://h:0", 11, &cf_unit_allocator, &d, small, sizeof(small)), CF_DSN_E_RANGE);
	assert_string_equal(small, "metadat");
	assert_int_equal(cf_dsn_parse("redis://h:0", 11, &cf_unit_allocator, &d, small, 1), CF_DSN_E_RANGE);
	assert_string_equal(small, "");
	memcpy(small, "abc", 4);
	assert_int_equal(cf_dsn_parse("redis://h:0", 11, &cf_unit_allocator, &d, small, 0), CF_DSN_E_RANGE);
	assert_string_equal(small, "abc");
	/* s need not be NUL-terminated: len decides */
	assert_int_equal(cf_dsn_parse("redis://h:6379/1?garbage", 16, &cf_unit_allocator, &d, err, sizeof(err)), CF_DSN_OK);
	assert_int_equal(d.db, 1);
	cf_dsn_free(&d, &cf_unit_allocator);
	/* a success clears err */
	assert_string_equal(err, "");
	CF_UNIT_ASSERT_NO_LEAKS();
}

static void test_out_of_memory(void **state)
{
	static const char *const dsns[] = {
		"redis-sentinel://us%40er:p%40ss@s1,s2:1,[::1]/master/3?prefix=pp&timeout=2",
		"unix://u:p@/tmp/r.sock?db=1&prefix=x",
		"redis-cluster://:p@n1,n2,n3,n4",
		"redis://h",
	};
	for (size_t i = 0; i < sizeof(dsns) / sizeof(dsns[0]); i++) {
		long fail_after = 0;
		for (;; fail_after++) {
			cf_dsn d;
			cf_unit_fail_after = fail_after;
			cf_dsn_status st = cf_dsn_parse(dsns[i], strlen(dsns[i]), &cf_unit_failing_allocator, &d, err, sizeof(err));
			if (st == CF_DSN_OK) {
				cf_dsn_free(&d, &cf_unit_allocator);
				CF_UNIT_ASSERT_NO_LEAKS();
				break;
			}
			assert_int_equal(st, CF_DSN_E_NOMEM);
			assert_string_equal(err, "metadataDsn: out of memory");
			assert_no_strings(&d);
			CF_UNIT_ASSERT_NO_LEAKS();
			assert_true(fail_after < 64);
		}
		assert_true(fail_after >= 1); /* at least the prefix is allocated */
	}
	cf_unit_fail_after = -1;
}

/* ---- redaction ---- */

static void check_redact(const char *s, const char *expected)
{
	char out[512];
	size_t n = cf_dsn_redact(s, strlen(s), out, sizeof(out));
	if (strcmp(out, expected) != 0) {
		fail_msg("redact(%s) = %s, expected %s", s, out, expected);
	}
	assert_int_equal(n, strlen(expected));
}

static void test_redact(void **state)
{
	/* valid: exactly the password is replaced */
	check_redact("redis://u:s3cret@h", "redis://u:***@h");
	check_redact("redis://:s3cret@h:6380/2?prefix=x", "redis://:***@h:6380/2?prefix=x");
	check_redact("redis://u:p%40ss%3A%2F@h", "redis://u:***@h");
	check_redact("redis://us%40er:a:b:c@h/0", "redis://us%40er:***@h/0");
	check_redact("redis://h:6379/0?prefix=x&timeout=1", "redis://h:6379/0?prefix=x&timeout=1");
	check_redact("unix://:pw@/tmp/a@b.sock", "unix://:***@/tmp/a@b.sock");
	check_redact("unix:///tmp/a@b.sock", "unix:///tmp/a@b.sock");
	check_redact("unix:///tmp/x:y@z.sock?db=1", "unix:///tmp/x:y@z.sock?db=1");
	check_redact("redis-sentinel://u:pw@s1,s2:1/m/2", "redis-sentinel://u:***@s1,s2:1/m/2");
	check_redact("redis-cluster://:pw@[::1]:7000,n2", "redis-cluster://:***@[::1]:7000,n2");
	check_redact("REDIS://U:PW@H", "REDIS://U:***@H");

	/* invalid: whatever could be a password goes too */
	check_redact("redis://u:p@ss@h", "redis://u:***@h");
	check_redact("redis://u:pa/ss@h/0", "redis://u:***@h/0");
	check_redact("redis://u:pa?ss@h", "redis://u:***@h");
	check_redact("redis://u:pa#ss@h", "redis://u:***@h");
	check_redact("redis://s3cretonly@h", "redis://***@h");
	check_redact("redis://@h", "redis://***@h");
	check_redact("redis://u:@h", "redis://u:***@h");
	check_redact("u:s3cret@h", "u:***@h");
	check_redact("http://u:s3cret@h", "http://u:***@h");
	check_redact("u:a://b@h", "u:***@h");
	check_redact("", "");
	check_redact("redis://", "redis://");
	check_redact("@", "***@");

	/* snprintf semantics */
	char out[8];
	const char *s = "redis://u:s3cret@h";
	assert_int_equal(cf_dsn_redact(s, strlen(s), out, sizeof(out)), 15);
	assert_string_equal(out, "redis:/");
	memcpy(out, "keep", 5);
	assert_int_equal(cf_dsn_redact(s, strlen(s), out, 0), 15);
	assert_string_equal(out, "keep");
	assert_int_equal(cf_dsn_redact(s, strlen(s), NULL, 0), 15);
	assert_int_equal(cf_dsn_redact(s, strlen(s), out, 1), 15);
	assert_string_equal(out, "");
	assert_int_equal(cf_dsn_redact(NULL, 3, out, sizeof(out)), 0);
	assert_string_equal(out, "");
	/* the length decides, not a NUL */
	assert_int_equal(cf_dsn_redact("redis://u:pw@hXXX", 14, out, sizeof(out)), 15);
}

/* ---- endpoints ---- */

static void check_endpoints(const char *s, const char *const *expected, size_t n)
{
	cf_dsn d;
	char out[512];
	parse_ok(s, &d);
	for (size_t i = 0; i < n; i++) {
		size_t len = cf_dsn_endpoint(&d, i, out, sizeof(out));
		assert_string_equal(out, expected[i]);
		assert_int_equal(len, strlen(expected[i]));
	}
	memcpy(out, "keep", 5);
	assert_int_equal(cf_dsn_endpoint(&d, n, out, sizeof(out)), 0);
	assert_string_equal(out, "");
	assert_int_equal(cf_dsn_endpoint(&d, 1000, out, sizeof(out)), 0);
	cf_dsn_free(&d, &cf_unit_allocator);
}

static void test_endpoint(void **state)
{
	static const char *const tcp[] = {"h:6380/3"};
	check_endpoints("redis://h:6380/3?prefix=x&timeout=2", tcp, 1);
	static const char *const tcp_user[] = {"app@h:6379/0"};
	check_endpoints("redis://app:s3cret@H", tcp_user, 1);
	static const char *const tcp_pw[] = {"h:6379/0"};
	check_endpoints("valkey://:s3cret@h", tcp_pw, 1);
	static const char *const tcp6[] = {"a%40b%3A@[2001:db8::1]:6379/0"};
	check_endpoints("redis://a%40b%3a:s3cret@[2001:DB8::1]", tcp6, 1);
	static const char *const unx[] = {"unix:/tmp/r.sock/2"};
	check_endpoints("unix:///tmp/r.sock?db=2", unx, 1);
	static const char *const unx_user[] = {"unix:app@/tmp/r.sock/0"};
	check_endpoints("redis+unix://app:s3cret@/tmp/r.sock", unx_user, 1);
	static const char *const sent[] = {"sentinel:u@s1:26379/m/1", "sentinel:u@s2:1/m/1", "sentinel:u@[::1]:26379/m/1"};
	check_endpoints("redis-sentinel://u:s3cret@s1,s2:1,[::1]/m/1", sent, 3);
	static const char *const clu[] = {"cluster:n1:7000", "cluster:n2:6379"};
	check_endpoints("redis-cluster://:s3cret@n1:7000,n2", clu, 2);

	/* snprintf semantics, NULL */
	cf_dsn d;
	char out[6];
	parse_ok("redis://host:6379/0", &d);
	assert_int_equal(cf_dsn_endpoint(&d, 0, out, sizeof(out)), 11);
	assert_string_equal(out, "host:");
	assert_int_equal(cf_dsn_endpoint(&d, 0, NULL, 0), 11);
	cf_dsn_free(&d, &cf_unit_allocator);
	assert_int_equal(cf_dsn_endpoint(&d, 0, out, sizeof(out)), 0); /* freed: no host left */
	assert_int_equal(cf_dsn_endpoint(NULL, 0, out, sizeof(out)), 0);
	assert_string_equal(out, "");
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* ---- canonical form ---- */

static void check_canonical(const char *s, const char *expected)
{
	cf_dsn d;
	char out[512];
	parse_ok(s, &d);
	size_t n = cf_dsn_canonical(&d, out, sizeof(out));
	if (strcmp(out, expected) != 0) {
		fail_msg("canonical(%s) = %s, expected %s", s, out, expected);
	}
	assert_int_equal(n, strlen(expected));
	cf_dsn_free(&d, &cf_unit_allocator);
}

static void test_canonical(void **state)
{
	check_canonical("redis://h", "redis://h");
	check_canonical("REDIS://App:S%65cr%2fet@Cache.Example:6379/0?timeout=1.000&persistent=TRUE&prefix=cf",
		"redis://App:Secr%2Fet@cache.example");
	check_canonical("redis://u%3Ax:a:b@h:6380/7?read_timeout=0.250&persistent=off&timeout=2&prefix=P",
		"redis://u%3Ax:a:b@h:6380/7?prefix=P&timeout=2&read_timeout=0.25&persistent=0");
	check_canonical("redis://:p%20w@[::FFFF:1.2.3.4]:6379", "redis://:p%20w@[::ffff:1.2.3.4]");
	check_canonical("VALKEY://h?timeout=0.001", "valkey://h?timeout=0.001");
	check_canonical("redis+unix:///tmp/r.sock?db=3&persistent=false", "unix:///tmp/r.sock?persistent=0&db=3");
	check_canonical("valkey+unix://:pw@/tmp/r.sock?db=0", "valkey+unix://:pw@/tmp/r.sock");
	check_canonical("redis-sentinel://s1:26379,s2:26380/m/0", "redis-sentinel://s1,s2:26380/m");
	check_canonical("valkey-sentinel://s1/m/5?timeout=59.999", "valkey-sentinel://s1/m/5?timeout=59.999");
	check_canonical("redis-cluster://n1:6379,n2:7000", "redis-cluster://n1,n2:7000");
	check_canonical("valkey-cluster://n1?persistent=on", "valkey-cluster://n1");

	char out[8];
	assert_int_equal(cf_dsn_canonical(NULL, out, sizeof(out)), 0);
	assert_string_equal(out, "");
	cf_dsn d;
	parse_ok("redis://localhost", &d);
	assert_int_equal(cf_dsn_canonical(&d, out, sizeof(out)), 17);
	assert_string_equal(out, "redis:/");
	cf_dsn_free(&d, &cf_unit_allocator);
	CF_UNIT_ASSERT_NO_LEAKS();
}

/* ---- free ---- */

static void test_free_is_idempotent(void **state)
{
	cf_dsn d;
	parse_ok("redis-sentinel://u:pw@s1,s2/m?prefix=x", &d);
	cf_dsn_free(&d, &cf_unit_allocator);
	assert_no_strings(&d);
	CF_UNIT_ASSERT_NO_LEAKS();
	cf_dsn_free(&d, &cf_unit_allocator); /* idempotent */
	assert_no_strings(&d);
	cf_dsn_free(NULL, &cf_unit_allocator);
	cf_dsn_free(NULL, NULL);

	parse_ok("unix://u:pw@/tmp/r.sock", &d);
	cf_dsn_free(&d, NULL); /* no allocator: nothing is done */
	assert_non_null(d.socket_path);
	cf_dsn_free(&d, &cf_unit_allocator);
	assert_no_strings(&d);

	cf_dsn zero;
	memset(&zero, 0, sizeof(zero));
	cf_dsn_free(&zero, &cf_unit_allocator);
	CF_UNIT_ASSERT_NO_LEAKS();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tcp_defaults),
		cmocka_unit_test(test_tcp_everything),
		cmocka_unit_test(test_tcp_variants),
		cmocka_unit_test(test_ipv6),
		cmocka_unit_test(test_userinfo),
		cmocka_unit_test(test_unix),
		cmocka_unit_test(test_sentinel),
		cmocka_unit_test(test_cluster),
		cmocka_unit_test(test_query_values),
		cmocka_unit_test(test_rejections_after_userinfo),
		cmocka_unit_test(test_rejections_before_hosts),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_out_of_memory),
		cmocka_unit_test(test_redact),
		cmocka_unit_test(test_endpoint),
		cmocka_unit_test(test_canonical),
		cmocka_unit_test(test_free_is_idempotent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
