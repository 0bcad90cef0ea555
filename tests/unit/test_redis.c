/*
 * cmocka suite of src/redis.c: one hiredis connection's life (lazy connect, AUTH, SELECT, drop after
 * a transport error, one retry on a fresh connection) and scripts (sha1, EVALSHA, EVAL on NOSCRIPT).
 *
 * Linked with -Wl,--wrap of hiredis' connect, command, timeout, keep-alive, free and reply-free
 * functions: a scripted fake server answers instead of a socket (`fake`, reset around every test).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "fake_hiredis.h"

#include "redis.h"

#define FAKE_MAX 16

typedef enum { R_NONE, R_STATUS, R_ERROR, R_INT, R_STR, R_IO } fake_kind;

static struct {
	int connect_fail; /* the next n connects fail (c->err set) */
	int calls;        /* redisCommandArgv calls */
	char argv0[FAKE_MAX][32];
	char argv1[FAKE_MAX][64];
	int argc[FAKE_MAX];
	fake_kind kind[FAKE_MAX]; /* scripted answers, in order; R_NONE: +OK */
	const char *text[FAKE_MAX];
	long long integer[FAKE_MAX];
	bool unix_socket;
} fake;

static redisContext *fake_connect(void)
{
	redisContext *c = fake_context_new(sizeof(*c));
	if (fake.connect_fail > 0) {
		fake.connect_fail--;
		fake_context_refuse(c);
	}
	return c;
}

redisContext *__wrap_redisConnectWithTimeout(const char *ip, int port, const struct timeval tv)
{
	(void)ip;
	(void)port;
	(void)tv;
	return fake_connect();
}

redisContext *__wrap_redisConnectUnixWithTimeout(const char *path, const struct timeval tv)
{
	(void)path;
	(void)tv;
	fake.unix_socket = true;
	return fake_connect();
}

void *__wrap_redisCommandArgv(redisContext *c, int argc, const char **argv, const size_t *argvlen)
{
	int i = fake.calls++;
	redisReply *r;
	assert_true(i < FAKE_MAX);
	fake.argc[i] = argc;
	snprintf(fake.argv0[i], sizeof(fake.argv0[i]), "%.*s", (int)argvlen[0], argv[0]);
	snprintf(fake.argv1[i], sizeof(fake.argv1[i]), "%.*s", argc > 1 ? (int)(argvlen[1] > 60 ? 60 : argvlen[1]) : 0,
		argc > 1 ? argv[1] : "");
	if (fake.kind[i] == R_IO) {
		c->err = REDIS_ERR_IO;
		snprintf(c->errstr, sizeof(c->errstr), "Connection reset by peer");
		return NULL;
	}
	fake_net.replies_live++;
	const char *text = fake.text[i] ? fake.text[i] : "OK";
	switch (fake.kind[i]) {
	case R_ERROR:
		return fake_reply_new(REDIS_REPLY_ERROR, text, strlen(text));
	case R_INT:
		r = fake_reply_new(REDIS_REPLY_INTEGER, NULL, 0);
		r->integer = fake.integer[i];
		return r;
	case R_STR:
		return fake_reply_new(REDIS_REPLY_STRING, text, strlen(text));
	default:
		return fake_reply_new(REDIS_REPLY_STATUS, text, strlen(text));
	}
}

static int setup(void **state)
{
	(void)state;
	memset(&fake, 0, sizeof(fake));
	fake_net_reset();
	return 0;
}

static const cf_redis_endpoint tcp = {"127.0.0.1", 6379, NULL, NULL, NULL, 0, 500, 500};

static redisReply *cmd(cf_redis *r, const char *a, const char *b)
{
	const char *argv[2] = {a, b};
	size_t lens[2] = {strlen(a), b ? strlen(b) : 0};
	return cf_redis_command(r, b ? 2 : 1, argv, lens);
}

static void test_connects_lazily_and_keeps_the_connection(void **state)
{
	cf_redis r;
	redisReply *rep;
	(void)state;

	assert_true(cf_redis_init(&r, &tcp));
	assert_int_equal(fake_net.connects, 0);
	rep = cmd(&r, "PING", NULL);
	assert_non_null(rep);
	freeReplyObject(rep);
	rep = cmd(&r, "PING", NULL);
	freeReplyObject(rep);
	assert_int_equal(fake_net.connects, 1);
	assert_int_equal(r.connects, 1);
	assert_int_equal(fake.calls, 2); /* no AUTH, no SELECT */
	cf_redis_dtor(&r);
	cf_redis_dtor(NULL);
}

static void test_auth_with_and_without_a_user_and_select(void **state)
{
	cf_redis_endpoint e = tcp;
	cf_redis r;
	redisReply *rep;
	(void)state;

	e.user = "app";
	e.password = "s3cret";
	e.db = 7;
	assert_true(cf_redis_init(&r, &e));
	rep = cmd(&r, "PING", NULL);
	freeReplyObject(rep);
	assert_string_equal(fake.argv0[0], "AUTH");
	assert_int_equal(fake.argc[0], 3);
	assert_string_equal(fake.argv1[0], "app");
	assert_string_equal(fake.argv0[1], "SELECT");
	assert_string_equal(fake.argv1[1], "7");
	assert_string_equal(fake.argv0[2], "PING");
	cf_redis_dtor(&r);

	memset(&fake, 0, sizeof(fake));
	e.user = NULL;
	e.db = 0;
	assert_true(cf_redis_init(&r, &e));
	rep = cmd(&r, "PING", NULL);
	freeReplyObject(rep);
	assert_int_equal(fake.argc[0], 2);
	assert_string_equal(fake.argv1[0], "s3cret");
	assert_string_equal(fake.argv0[1], "PING");
	cf_redis_dtor(&r);
}

static void test_a_refused_auth_fails_without_the_password_in_the_error(void **state)
{
	cf_redis_endpoint e = tcp;
	cf_redis r;
	(void)state;

	e.password = "s3cret";
	fake.kind[0] = R_ERROR;
	fake.text[0] = "WRONGPASS invalid username-password pair";
	fake.kind[1] = R_ERROR;
	fake.text[1] = "WRONGPASS invalid username-password pair";
	assert_true(cf_redis_init(&r, &e));
	assert_null(cmd(&r, "PING", NULL));
	assert_non_null(strstr(r.err, "AUTH on 127.0.0.1:6379 refused: WRONGPASS"));
	assert_null(strstr(r.err, "s3cret"));
	assert_int_equal(fake_net.connects, 2); /* tried twice */
	assert_null(r.c);
	cf_redis_dtor(&r);
}

static void test_connect_failure_is_retried_once(void **state)
{
	cf_redis r;
	redisReply *rep;
	(void)state;

	assert_true(cf_redis_init(&r, &tcp));
	fake.connect_fail = 1;
	rep = cmd(&r, "PING", NULL);
	assert_non_null(rep);
	freeReplyObject(rep);
	assert_int_equal(fake_net.connects, 2);
	assert_int_equal(r.errors, 1);

	cf_redis_disconnect(&r);
	fake.connect_fail = 2;
	assert_null(cmd(&r, "PING", NULL));
	assert_non_null(strstr(r.err, "connecting to 127.0.0.1:6379 failed: Connection refused"));
	cf_redis_dtor(&r);
}

static void test_a_transport_error_drops_the_connection_and_retries_on_a_new_one(void **state)
{
	cf_redis r;
	redisReply *rep;
	(void)state;

	assert_true(cf_redis_init(&r, &tcp));
	fake.kind[0] = R_IO;
	rep = cmd(&r, "GET", "k");
	assert_non_null(rep);
	freeReplyObject(rep);
	assert_int_equal(fake_net.connects, 2);
	assert_int_equal(fake.calls, 2);
	/* twice in a row: NULL, and the next command connects again */
	fake.kind[2] = R_IO;
	fake.kind[3] = R_IO;
	assert_null(cmd(&r, "GET", "k"));
	assert_non_null(strstr(r.err, "GET on 127.0.0.1:6379 failed: Connection reset by peer"));
	assert_null(r.c);
	rep = cmd(&r, "GET", "k");
	assert_non_null(rep);
	freeReplyObject(rep);
	assert_int_equal(fake_net.connects, 4);
	cf_redis_dtor(&r);
}

static void test_unix_socket_and_defaults(void **state)
{
	cf_redis_endpoint e = {NULL, 0, "/run/redis.sock", NULL, NULL, 0, 0, 0};
	cf_redis r;
	redisReply *rep;
	(void)state;

	assert_true(cf_redis_init(&r, &e));
	assert_int_equal(r.timeout_ms, 1000);
	assert_int_equal(r.read_timeout_ms, 1000);
	fake.connect_fail = 2;
	assert_null(cmd(&r, "PING", NULL));
	assert_true(fake.unix_socket);
	assert_non_null(strstr(r.err, "unix:/run/redis.sock"));
	rep = cmd(&r, "PING", NULL);
	freeReplyObject(rep);
	cf_redis_dtor(&r);
}

static void test_scripts_evalsha_then_eval_on_noscript(void **state)
{
	cf_redis_script s;
	cf_redis r;
	redisReply *rep;
	const char *argv[3] = {"key", "arg1", "arg2"};
	size_t lens[3] = {3, 4, 4};
	(void)state;

	/* the sha1 Redis itself computes for this body (its documentation's example) */
	assert_true(cf_redis_script_init(&s, "return 1", 8));
	assert_string_equal(s.sha, "e0e1f9fabfc9d4800c877a703b823ac0578ff8db");

	assert_true(cf_redis_init(&r, &tcp));
	fake.kind[0] = R_INT;
	fake.integer[0] = 1;
	rep = cf_redis_eval(&r, &s, 1, 3, argv, lens);
	assert_non_null(rep);
	assert_int_equal(rep->integer, 1);
	freeReplyObject(rep);
	assert_string_equal(fake.argv0[0], "EVALSHA");
	assert_string_equal(fake.argv1[0], s.sha);
	assert_int_equal(fake.argc[0], 6);

	fake.kind[1] = R_ERROR;
	fake.text[1] = "NOSCRIPT No matching script. Please use EVAL.";
	fake.kind[2] = R_INT;
	fake.integer[2] = 2;
	rep = cf_redis_eval(&r, &s, 1, 3, argv, lens);
	assert_non_null(rep);
	assert_int_equal(rep->integer, 2);
	freeReplyObject(rep);
	assert_string_equal(fake.argv0[2], "EVAL");
	assert_string_equal(fake.argv1[2], "return 1");

	/* another error is the caller's */
	fake.kind[3] = R_ERROR;
	fake.text[3] = "ERR something";
	rep = cf_redis_eval(&r, &s, 1, 3, argv, lens);
	assert_int_equal(rep->type, REDIS_REPLY_ERROR);
	freeReplyObject(rep);
	assert_int_equal(fake.calls, 4);
	cf_redis_dtor(&r);
}

static void test_long_script_calls(void **state)
{
	cf_redis_script s;
	cf_redis r;
	redisReply *rep;
	const char *argv[100];
	size_t lens[100];
	int i;
	(void)state;

	for (i = 0; i < 100; i++) {
		argv[i] = "k";
		lens[i] = 1;
	}
	assert_true(cf_redis_script_init(&s, "return 1", 8));
	assert_true(cf_redis_init(&r, &tcp));
	rep = cf_redis_eval(&r, &s, 100, 100, argv, lens);
	freeReplyObject(rep);
	assert_int_equal(fake.argc[0], 103);
	cf_redis_dtor(&r);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, fake_net_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_connects_lazily_and_keeps_the_connection),
		T(test_auth_with_and_without_a_user_and_select),
		T(test_a_refused_auth_fails_without_the_password_in_the_error),
		T(test_connect_failure_is_retried_once),
		T(test_a_transport_error_drops_the_connection_and_retries_on_a_new_one),
		T(test_unix_socket_and_defaults),
		T(test_scripts_evalsha_then_eval_on_noscript),
		T(test_long_script_calls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
