/*
 * cmocka suite of src/redis_topology.c: Sentinel resolution (sentinels in order, down, nil, an
 * error, a named node that is no master, every sentinel down, re-resolution after a transport
 * error and after READONLY/NOREPLICAS, one retry only, a connected reader asking again whether the
 * master moved) and Cluster routing (the key slot, MOVED
 * remembered, ASK once with ASKING, TRYAGAIN, redirection loops bounded, seeds down, a slot's node
 * down, NOSCRIPT per node, database 0 only).
 *
 * Linked with -Wl,--wrap of hiredis' connect, command, timeout, keep-alive, free and reply-free
 * functions: a fake network of servers answers instead of sockets. Each test names the servers
 * that are down and gives a function that answers a command by the server's address.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unit.h"
#include "fake_hiredis.h"

#include "redis_topology.h"

#define FAKE_CALLS 64

typedef enum { R_OK, R_ERROR, R_INT, R_STR, R_NIL, R_ARRAY, R_IO } fake_kind;

typedef struct fake_reply {
	fake_kind kind;
	const char *text; /* R_ERROR, R_STR: the text; R_ARRAY: space-separated strings */
} fake_reply;

typedef fake_reply (*fake_answer)(const char *addr, int argc, const char **argv);

typedef struct fake_ctx {
	redisContext c; /* first: the module sees a redisContext */
	char addr[64];
} fake_ctx;

static struct {
	int calls;
	const char *down[8]; /* addresses that refuse connections */
	fake_answer answer;
	char addr[FAKE_CALLS][64]; /* per call: where it went, and its first two words */
	char cmd[FAKE_CALLS][96];
	int state; /* the tests' own */
} fake;

redisContext *__wrap_redisConnectWithTimeout(const char *ip, int port, const struct timeval tv)
{
	fake_ctx *f = (fake_ctx *)fake_context_new(sizeof(*f));
	size_t i;
	(void)tv;

	snprintf(f->addr, sizeof(f->addr), "%s:%d", ip, port);
	for (i = 0; i < 8; i++) {
		if (fake.down[i] && strcmp(fake.down[i], f->addr) == 0) {
			fake_context_refuse(&f->c);
		}
	}
	return &f->c;
}

redisContext *__wrap_redisConnectUnixWithTimeout(const char *path, const struct timeval tv)
{
	return __wrap_redisConnectWithTimeout(path, 0, tv);
}

/* What a server says to what the module sends before the command itself. */
static fake_reply fake_default(const char *addr, int argc, const char **argv)
{
	(void)addr;
	(void)argc;
	if (strcmp(argv[0], "ROLE") == 0) {
		return (fake_reply){R_ARRAY, "master 0"};
	}
	return (fake_reply){R_OK, NULL};
}

void *__wrap_redisCommandArgv(redisContext *c, int argc, const char **argv, const size_t *argvlen)
{
	fake_ctx *f = (fake_ctx *)c;
	int i = fake.calls++;
	fake_reply a;
	redisReply *r;
	(void)argvlen;

	assert_true(i < FAKE_CALLS);
	snprintf(fake.addr[i], sizeof(fake.addr[i]), "%s", f->addr);
	snprintf(fake.cmd[i], sizeof(fake.cmd[i]), "%s%s%.48s", argv[0], argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
	a = fake.answer ? fake.answer(f->addr, argc, argv) : fake_default(f->addr, argc, argv);
	switch (a.kind) {
	case R_IO:
		c->err = REDIS_ERR_IO;
		snprintf(c->errstr, sizeof(c->errstr), "Connection reset by peer");
		return NULL;
	case R_ERROR:
		r = fake_reply_new(REDIS_REPLY_ERROR, a.text, strlen(a.text));
		break;
	case R_STR:
		r = fake_reply_new(REDIS_REPLY_STRING, a.text, strlen(a.text));
		break;
	case R_INT:
		r = fake_reply_new(REDIS_REPLY_INTEGER, NULL, 0);
		r->integer = 1;
		break;
	case R_NIL:
		r = fake_reply_new(REDIS_REPLY_NIL, NULL, 0);
		break;
	case R_ARRAY: {
		const char *p = a.text;
		r = fake_reply_new(REDIS_REPLY_ARRAY, NULL, 0);
		r->element = calloc(8, sizeof(*r->element));
		assert_non_null(r->element);
		while (*p) {
			const char *e = strchr(p, ' ');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			assert_true(r->elements < 8);
			r->element[r->elements++] = fake_reply_new(REDIS_REPLY_STRING, p, n);
			p += n;
			while (*p == ' ') {
				p++;
			}
		}
		break;
	}
	default:
		r = fake_reply_new(REDIS_REPLY_STATUS, "OK", 2);
		break;
	}
	fake_net.replies_live++;
	return r;
}

static int setup(void **state)
{
	(void)state;
	memset(&fake, 0, sizeof(fake));
	fake_net_reset();
	return 0;
}

/* The calls made, one "addr CMD arg1" per line, from call `from` on. */
static const char *calls_from(int from)
{
	static char buf[4096];
	size_t n = 0;
	int i;

	buf[0] = '\0';
	for (i = from; i < fake.calls; i++) {
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s %s\n", fake.addr[i], fake.cmd[i]);
	}
	return buf;
}

static void sleep_ms(int ms)
{
	struct timespec ts = {0, (long)ms * 1000000L};
	nanosleep(&ts, NULL);
}

static bool is(const char *argv0, const char *want)
{
	return strcmp(argv0, want) == 0;
}

/* ---- Sentinel ----------------------------------------------------------------------------- */

static const cf_topo_addr sentinels[3] = {{"10.0.0.1", 26379}, {"10.0.0.2", 26379}, {"10.0.0.3", 26379}};

static cf_topo_config sentinel_config(void)
{
	cf_topo_config c;
	memset(&c, 0, sizeof(c));
	c.kind = CF_TOPO_SENTINEL;
	c.node.user = "app";
	c.node.password = "s3cret-pw";
	c.node.db = 2;
	c.node.timeout_ms = 200;
	c.node.read_timeout_ms = 200;
	c.seeds = sentinels;
	c.nseeds = 3;
	c.master_name = "mymaster";
	return c;
}

static redisReply *get(cf_redis_topo *t, const char *key)
{
	const char *argv[2] = {"GET", key};
	size_t lens[2] = {3, strlen(key)};
	return cf_topo_command(t, 1, 2, argv, lens);
}

static void expect_str(redisReply *rep, const char *s)
{
	assert_non_null(rep);
	assert_int_equal(rep->type, REDIS_REPLY_STRING);
	assert_string_equal(rep->str, s);
	freeReplyObject(rep);
}

/* sentinel 1 down, 2 does not know the master, 3 names 10.0.1.5:6380 */
static fake_reply a_sentinel_order(const char *addr, int argc, const char **argv)
{
	if (is(argv[0], "SENTINEL")) {
		assert_int_equal(argc, 3);
		assert_string_equal(argv[1], "get-master-addr-by-name");
		assert_string_equal(argv[2], "mymaster");
		if (strcmp(addr, "10.0.0.2:26379") == 0) {
			return (fake_reply){R_NIL, NULL};
		}
		return (fake_reply){R_ARRAY, "10.0.1.5 6380"};
	}
	if (is(argv[0], "GET")) {
		assert_string_equal(addr, "10.0.1.5:6380");
		return (fake_reply){R_STR, "v"};
	}
	return fake_default(addr, argc, argv);
}

static void test_sentinel_asks_in_order_skipping_a_down_and_a_nil_sentinel(void **state)
{
	cf_topo_config c = sentinel_config();
	cf_redis_topo t;
	char d[256];
	(void)state;

	fake.down[0] = "10.0.0.1:26379";
	fake.answer = a_sentinel_order;
	assert_true(cf_topo_init(&t, &c));
	assert_int_equal(fake_net.connects, 0);
	cf_topo_describe(&t, d, sizeof(d));
	assert_string_equal(d, "sentinel: master mymaster not resolved");
	expect_str(get(&t, "k"), "v");
	/* no AUTH to a sentinel; the master gets the DSN's AUTH and SELECT, then ROLE */
	assert_string_equal(calls_from(0), "10.0.0.2:26379 SENTINEL get-master-addr-by-name\n"
									   "10.0.0.3:26379 SENTINEL get-master-addr-by-name\n"
									   "10.0.1.5:6380 AUTH app\n"
									   "10.0.1.5:6380 SELECT 2\n"
									   "10.0.1.5:6380 ROLE\n"
									   "10.0.1.5:6380 GET k\n");
	/* the connection is kept: no sentinel asked again */
	expect_str(get(&t, "k"), "v");
	assert_int_equal(fake.calls, 7);
	assert_int_equal(t.resolves, 1);
	cf_topo_describe(&t, d, sizeof(d));
	assert_string_equal(d, "sentinel: master mymaster at 10.0.1.5:6380 (resolved 1 times)");
	assert_null(strstr(d, "s3cret"));
	/* a closed connection (request end, persistent=0) is reopened to the same master, confirmed */
	cf_topo_disconnect(&t);
	expect_str(get(&t, "k"), "v");
	assert_string_equal(calls_from(7), "10.0.1.5:6380 AUTH app\n"
									   "10.0.1.5:6380 SELECT 2\n"
									   "10.0.1.5:6380 ROLE\n"
									   "10.0.1.5:6380 GET k\n");
	cf_topo_dtor(&t);
}

static fake_reply a_sentinels_nil_or_refusing(const char *addr, int argc, const char **argv)
{
	if (is(argv[0], "SENTINEL")) {
		return strcmp(addr, "10.0.0.2:26379") == 0 ? (fake_reply){R_ERROR, "NOAUTH Authentication required."}
												   : (fake_reply){R_NIL, NULL};
	}
	return fake_default(addr, argc, argv);
}

static void test_sentinel_all_down_nil_or_refusing_is_an_error_without_the_password(void **state)
{
	cf_topo_config c = sentinel_config();
	cf_redis_topo t;
	(void)state;

	fake.down[0] = "10.0.0.1:26379";
	fake.down[1] = "10.0.0.2:26379";
	fake.down[2] = "10.0.0.3:26379";
	assert_true(cf_topo_init(&t, &c));
	assert_null(get(&t, "k"));
	assert_string_equal(t.err, "no sentinel named a usable master mymaster (3 asked; last: connecting to "
							   "10.0.0.3:26379 failed: Connection refused)");
	assert_int_equal(fake_net.connects, 3);
	/* the next command asks again (each sentinel once: no retry when none answered) */
	assert_null(get(&t, "k"));
	assert_int_equal(fake_net.connects, 6);

	memset(fake.down, 0, sizeof(fake.down));
	fake.answer = a_sentinels_nil_or_refusing;
	assert_null(get(&t, "k"));
	assert_string_equal(t.err, "no sentinel named a usable master mymaster (3 asked; last: sentinel 10.0.0.3:26379 "
							   "does not know master mymaster)");
	cf_topo_dtor(&t);

	c.nseeds = 2;
	assert_true(cf_topo_init(&t, &c));
	assert_null(get(&t, "k"));
	assert_non_null(strstr(t.err, "last: sentinel 10.0.0.2:26379 refused: NOAUTH Authentication required."));
	assert_null(strstr(t.err, "s3cret"));
	cf_topo_dtor(&t);
}

/* sentinel 1 names a replica (a stale view), sentinel 2 the master */
static fake_reply a_stale_sentinel(const char *addr, int argc, const char **argv)
{
	if (is(argv[0], "SENTINEL")) {
		return strcmp(addr, "10.0.0.1:26379") == 0 ? (fake_reply){R_ARRAY, "10.0.1.1 6379"}
												   : (fake_reply){R_ARRAY, "10.0.1.2 6379"};
	}
	if (is(argv[0], "ROLE")) {
		return strcmp(addr, "10.0.1.1:6379") == 0 ? (fake_reply){R_ARRAY, "slave 10.0.1.2 6379 connected"}
												  : (fake_reply){R_ARRAY, "master 100"};
	}
	if (is(argv[0], "GET")) {
		assert_string_equal(addr, "10.0.1.2:6379");
		return (fake_reply){R_STR, "from the master"};
	}
	return fake_default(addr, argc, argv);
}

static void test_sentinel_skips_a_named_node_that_is_not_a_master(void **state)
{
	cf_topo_config c = sentinel_config();
	cf_redis_topo t;
	(void)state;

	c.node.user = NULL;
	c.node.password = NULL;
	c.node.db = 0;
	fake.answer = a_stale_sentinel;
	assert_true(cf_topo_init(&t, &c));
	expect_str(get(&t, "k"), "from the master");
	assert_string_equal(calls_from(0), "10.0.0.1:26379 SENTINEL get-master-addr-by-name\n"
									   "10.0.1.1:6379 ROLE\n"
									   "10.0.0.2:26379 SENTINEL get-master-addr-by-name\n"
									   "10.0.1.2:6379 ROLE\n"
									   "10.0.1.2:6379 GET k\n");
	assert_int_equal(t.resolves, 1);
	cf_topo_dtor(&t);

	/* only the replica named: the error says so */
	c.nseeds = 1;
	assert_true(cf_topo_init(&t, &c));
	assert_null(get(&t, "k"));
	assert_non_null(
		strstr(t.err, "last: 10.0.1.1:6379 (named by sentinel 10.0.0.1:26379) is not a master (ROLE: slave)"));
	cf_topo_dtor(&t);
}

/*
 * A failover: the sentinels name A until A refuses writes (state 1 on), then B. fake.state: 0 A
 * serves; 1 A answers `readonly_error`; 2 A's connection breaks (and A is down).
 */
static const char *readonly_error = "READONLY You can't write against a read only replica.";

static fake_reply a_failover(const char *addr, int argc, const char **argv)
{
	bool on_a = strcmp(addr, "10.0.1.1:6379") == 0;
	if (is(argv[0], "SENTINEL")) {
		return fake.state == 0 ? (fake_reply){R_ARRAY, "10.0.1.1 6379"} : (fake_reply){R_ARRAY, "10.0.1.2 6379"};
	}
	if (is(argv[0], "ROLE")) {
		return on_a && fake.state != 0 ? (fake_reply){R_ARRAY, "slave 10.0.1.2 6379"}
									   : (fake_reply){R_ARRAY, "master 1"};
	}
	if (is(argv[0], "SET")) {
		if (on_a && fake.state == 1) {
			return (fake_reply){R_ERROR, readonly_error};
		}
		if (on_a && fake.state == 2) {
			return (fake_reply){R_IO, NULL};
		}
		return (fake_reply){R_STR, on_a ? "A" : "B"};
	}
	return fake_default(addr, argc, argv);
}

static redisReply *set(cf_redis_topo *t)
{
	const char *argv[3] = {"SET", "k", "v"};
	size_t lens[3] = {3, 1, 1};
	return cf_topo_command(t, 1, 3, argv, lens);
}

static void test_sentinel_resolves_again_after_readonly_or_a_transport_error_and_retries_once(void **state)
{
	cf_topo_config c = sentinel_config();
	cf_redis_topo t;
	int from;
	(void)state;

	c.node.user = NULL;
	c.node.password = NULL;
	c.node.db = 0;
	fake.answer = a_failover;
	assert_true(cf_topo_init(&t, &c));
	expect_str(set(&t), "A");
	/* A was demoted: READONLY, the sentinels are asked again, B takes the retry */
	fake.state = 1;
	from = fake.calls;
	expect_str(set(&t), "B");
	assert_string_equal(calls_from(from), "10.0.1.1:6379 SET k\n"
										  "10.0.0.1:26379 SENTINEL get-master-addr-by-name\n"
										  "10.0.1.2:6379 ROLE\n"
										  "10.0.1.2:6379 SET k\n");
	assert_int_equal(t.resolves, 2);
	cf_topo_dtor(&t);

	/* a transport error: the same */
	memset(&fake, 0, sizeof(fake));
	fake.answer = a_failover;
	assert_true(cf_topo_init(&t, &c));
	expect_str(set(&t), "A");
	fake.state = 2;
	fake.down[0] = "10.0.1.1:6379";
	from = fake.calls;
	expect_str(set(&t), "B");
	assert_string_equal(calls_from(from), "10.0.1.1:6379 SET k\n"
										  "10.0.0.1:26379 SENTINEL get-master-addr-by-name\n"
										  "10.0.1.2:6379 ROLE\n"
										  "10.0.1.2:6379 SET k\n");
	cf_topo_dtor(&t);
}

/* every node answers READONLY (a group whose sentinels lag): one retry, then the caller's error */
static fake_reply a_readonly_everywhere(const char *addr, int argc, const char **argv)
{
	if (is(argv[0], "SENTINEL")) {
		return (fake_reply){R_ARRAY, "10.0.1.1 6379"};
	}
	if (is(argv[0], "SET")) {
		return fake.state++ == 0 ? (fake_reply){R_ERROR, "NOREPLICAS Not enough good replicas to write."}
								 : (fake_reply){R_ERROR, readonly_error};
	}
	if (is(argv[0], "GET")) {
		return (fake_reply){R_IO, NULL};
	}
	return fake_default(addr, argc, argv);
}

static void test_sentinel_retries_only_once(void **state)
{
	cf_topo_config c = sentinel_config();
	cf_redis_topo t;
	redisReply *rep;
	(void)state;

	c.node.password = NULL;
	c.node.user = NULL;
	fake.answer = a_readonly_everywhere;
	assert_true(cf_topo_init(&t, &c));
	rep = set(&t);
	assert_non_null(rep);
	assert_int_equal(rep->type, REDIS_REPLY_ERROR);
	assert_string_equal(rep->str, readonly_error);
	freeReplyObject(rep);
	assert_int_equal(fake.state, 2);
	assert_int_equal(t.resolves, 2);
	/* a transport error twice: NULL, the node's error */
	assert_null(get(&t, "k"));
	assert_string_equal(t.err, "GET on 10.0.1.1:6379 failed: Connection reset by peer");
	cf_topo_dtor(&t);
}

/* the sentinels name A, then (state 1) B; A keeps saying master (not demoted yet) */
static fake_reply a_moved_master(const char *addr, int argc, const char **argv)
{
	if (is(argv[0], "SENTINEL")) {
		return fake.state == 0 ? (fake_reply){R_ARRAY, "10.0.1.1 6379"} : (fake_reply){R_ARRAY, "10.0.1.2 6379"};
	}
	if (is(argv[0], "GET")) {
		return (fake_reply){R_STR, addr};
	}
	return fake_default(addr, argc, argv);
}

static void test_sentinel_a_connected_reader_rechecks_the_master(void **state)
{
	cf_topo_config c = sentinel_config();
	cf_redis_topo t;
	int from;
	(void)state;

	c.node.user = NULL;
	c.node.password = NULL;
	c.node.db = 0;
	c.sentinel_recheck_ms = 5;
	fake.answer = a_moved_master;
	assert_true(cf_topo_init(&t, &c));
	expect_str(get(&t, "k"), "10.0.1.1:6379");
	/* within the interval: no sentinel asked */
	from = fake.calls;
	expect_str(get(&t, "k"), "10.0.1.1:6379");
	assert_string_equal(calls_from(from), "10.0.1.1:6379 GET k\n");
	/* after it, the same master named: the connection stays, the sentinel's too */
	sleep_ms(10);
	from = fake.calls;
	expect_str(get(&t, "k"), "10.0.1.1:6379");
	assert_string_equal(calls_from(from), "10.0.0.1:26379 SENTINEL get-master-addr-by-name\n"
										  "10.0.1.1:6379 GET k\n");
	assert_int_equal(fake_net.connects, 2);
	/* the sentinels moved the master while A still says master: the reader moves */
	fake.state = 1;
	sleep_ms(10);
	from = fake.calls;
	expect_str(get(&t, "k"), "10.0.1.2:6379");
	assert_string_equal(calls_from(from), "10.0.0.1:26379 SENTINEL get-master-addr-by-name\n"
										  "10.0.1.2:6379 ROLE\n"
										  "10.0.1.2:6379 GET k\n");
	assert_int_equal(t.resolves, 2);
	/* every sentinel down: the master in use stays */
	fake.down[0] = "10.0.0.1:26379";
	fake.down[1] = "10.0.0.2:26379";
	fake.down[2] = "10.0.0.3:26379";
	cf_redis_disconnect(&t.sentinel);
	sleep_ms(10);
	expect_str(get(&t, "k"), "10.0.1.2:6379");
	cf_topo_dtor(&t);
}

static fake_reply a_role_noperm(const char *addr, int argc, const char **argv)
{
	if (is(argv[0], "SENTINEL")) {
		return (fake_reply){R_ARRAY, "10.0.1.1 6379"};
	}
	if (is(argv[0], "ROLE")) {
		return (fake_reply){R_ERROR, "NOPERM this user has no permissions to run the 'role' command"};
	}
	if (is(argv[0], "GET")) {
		return (fake_reply){R_STR, "v"};
	}
	return fake_default(addr, argc, argv);
}

static void test_sentinel_role_noperm_is_accepted(void **state)
{
	cf_topo_config c = sentinel_config();
	cf_redis_topo t;
	(void)state;

	fake.answer = a_role_noperm;
	assert_true(cf_topo_init(&t, &c));
	expect_str(get(&t, "k"), "v");
	cf_topo_dtor(&t);
}

/* ---- Cluster ------------------------------------------------------------------------------ */

static void test_key_slot(void **state)
{
	(void)state;
	/* the Cluster specification's CRC16 check value, and hash tags */
	assert_int_equal(cf_redis_key_slot("123456789", 9), 0x31C3);
	assert_int_equal(cf_redis_key_slot("cf:{pages}:s", 12), 5680);
	assert_int_equal(cf_redis_key_slot("cf:{pages}:m:abc", 16), 5680);
	assert_int_equal(cf_redis_key_slot("pages", 5), 5680);
	assert_int_equal(cf_redis_key_slot("{user1000}.following", 20), cf_redis_key_slot("user1000", 8));
	assert_true(cf_redis_key_slot("foo{}{bar}", 10) != cf_redis_key_slot("bar", 3));
	assert_int_equal(cf_redis_key_slot("foo{{bar}}zap", 13), cf_redis_key_slot("{bar", 4));
	assert_int_equal(cf_redis_key_slot("foo{bar}{zap}", 13), cf_redis_key_slot("bar", 3));
	assert_int_equal(cf_redis_key_slot("", 0), 0);
}

static const cf_topo_addr seeds[3] = {{"10.0.2.1", 7000}, {"10.0.2.2", 7001}, {"10.0.2.3", 7002}};

static cf_topo_config cluster_config(void)
{
	cf_topo_config c;
	memset(&c, 0, sizeof(c));
	c.kind = CF_TOPO_CLUSTER;
	c.node.password = "s3cret-pw";
	c.node.timeout_ms = 200;
	c.node.read_timeout_ms = 200;
	c.seeds = seeds;
	c.nseeds = 3;
	return c;
}

/* A cluster topology over the seeds, no password, whose servers answer with answer. */
static void cluster_up(cf_redis_topo *t, fake_answer answer)
{
	cf_topo_config c = cluster_config();
	c.node.password = NULL;
	fake.answer = answer;
	assert_true(cf_topo_init(t, &c));
}

/* slot of "{pages}" at 10.0.2.3:7002; every other node redirects there */
static fake_reply a_owner_7002(const char *addr, int argc, const char **argv)
{
	if (is(argv[0], "GET") || is(argv[0], "EVALSHA")) {
		if (strcmp(addr, "10.0.2.3:7002") == 0) {
			return (fake_reply){R_STR, addr};
		}
		return (fake_reply){R_ERROR, "MOVED 5680 10.0.2.3:7002"};
	}
	return fake_default(addr, argc, argv);
}

static void test_cluster_moved_is_followed_and_remembered(void **state)
{
	cf_topo_config c = cluster_config();
	cf_redis_topo t;
	char d[256];
	(void)state;

	fake.answer = a_owner_7002;
	assert_true(cf_topo_init(&t, &c));
	expect_str(get(&t, "cf1:{pages}:seq"), "10.0.2.3:7002");
	assert_string_equal(calls_from(0), "10.0.2.1:7000 AUTH s3cret-pw\n"
									   "10.0.2.1:7000 GET cf1:{pages}:seq\n"
									   "10.0.2.3:7002 AUTH s3cret-pw\n"
									   "10.0.2.3:7002 GET cf1:{pages}:seq\n");
	/* remembered: straight to the owner, no SELECT ever */
	expect_str(get(&t, "cf1:{pages}:m:x"), "10.0.2.3:7002");
	assert_string_equal(fake.addr[4], "10.0.2.3:7002");
	assert_int_equal(fake.calls, 5);
	assert_int_equal(t.redirects, 1);
	cf_topo_describe(&t, d, sizeof(d));
	assert_string_equal(d, "cluster: 3 nodes known, 1 slots mapped, 1 redirections followed");
	/* another slot still starts at the seed */
	expect_str(get(&t, "cf1:{other}:seq"), "10.0.2.3:7002");
	assert_string_equal(fake.addr[5], "10.0.2.1:7000");
	cf_topo_dtor(&t);
}

/* a MOVED to a node not among the seeds, with an empty host (the answering node's host) */
static fake_reply a_moved_unknown_node(const char *addr, int argc, const char **argv)
{
	if (is(argv[0], "GET")) {
		if (strcmp(addr, "10.0.2.1:7005") == 0) {
			return (fake_reply){R_STR, addr};
		}
		return (fake_reply){R_ERROR, "MOVED 5680 :7005"};
	}
	return fake_default(addr, argc, argv);
}

static void test_cluster_learns_a_node_and_an_empty_host_is_the_answering_one(void **state)
{
	cf_redis_topo t;
	(void)state;

	cluster_up(&t, a_moved_unknown_node);
	expect_str(get(&t, "cf1:{pages}:seq"), "10.0.2.1:7005");
	assert_int_equal(t.nnodes, 4);
	cf_topo_dtor(&t);
}

/* 7000 owns the slot but is migrating it: the key is on 7001 already (ASK) */
static fake_reply a_ask(const char *addr, int argc, const char **argv)
{
	bool on_7000 = strcmp(addr, "10.0.2.1:7000") == 0;
	if (is(argv[0], "ASKING")) {
		assert_string_equal(addr, "10.0.2.2:7001");
		fake.state = 1;
		return (fake_reply){R_OK, NULL};
	}
	if (is(argv[0], "EVALSHA") || is(argv[0], "EVAL") || is(argv[0], "GET")) {
		if (on_7000) {
			return (fake_reply){R_ERROR, "ASK 5680 10.0.2.2:7001"};
		}
		/* the importing node serves only right after ASKING */
		if (fake.state != 1) {
			return (fake_reply){R_ERROR, "MOVED 5680 10.0.2.1:7000"};
		}
		fake.state = 0;
		if (is(argv[0], "EVALSHA")) {
			return (fake_reply){R_ERROR, "NOSCRIPT No matching script. Please use EVAL."};
		}
		return (fake_reply){R_STR, argv[0]};
	}
	return fake_default(addr, argc, argv);
}

static void test_cluster_ask_sends_asking_once_and_is_not_remembered(void **state)
{
	cf_redis_topo t;
	cf_redis_script s;
	const char *argv[2] = {"cf1:{pages}:m:x", "arg"};
	size_t lens[2] = {15, 3};
	int from;
	(void)state;

	cluster_up(&t, a_ask);
	expect_str(get(&t, "cf1:{pages}:m:x"), "GET");
	assert_string_equal(calls_from(0), "10.0.2.1:7000 GET cf1:{pages}:m:x\n"
									   "10.0.2.2:7001 ASKING\n"
									   "10.0.2.2:7001 GET cf1:{pages}:m:x\n");
	/* not remembered; a script whose node lacks it: ASKING again before the EVAL */
	assert_true(cf_redis_script_init(&s, "return 1", 8));
	from = fake.calls;
	expect_str(cf_topo_eval(&t, &s, 1, 2, argv, lens), "EVAL");
	assert_string_equal(calls_from(from), "10.0.2.1:7000 EVALSHA e0e1f9fabfc9d4800c877a703b823ac0578ff8db\n"
										  "10.0.2.2:7001 ASKING\n"
										  "10.0.2.2:7001 EVALSHA e0e1f9fabfc9d4800c877a703b823ac0578ff8db\n"
										  "10.0.2.2:7001 ASKING\n"
										  "10.0.2.2:7001 EVAL return 1\n");
	cf_topo_dtor(&t);
}

/* 7000 and 7001 send each other the slot (a broken or changing cluster) */
static fake_reply a_redirect_loop(const char *addr, int argc, const char **argv)
{
	if (is(argv[0], "GET")) {
		return strcmp(addr, "10.0.2.1:7000") == 0 ? (fake_reply){R_ERROR, "MOVED 5680 10.0.2.2:7001"}
												  : (fake_reply){R_ERROR, "MOVED 5680 10.0.2.1:7000"};
	}
	if (is(argv[0], "SET")) {
		return (fake_reply){R_ERROR, "ASK 5680 10.0.2.2:7001"};
	}
	return fake_default(addr, argc, argv);
}

static void test_cluster_redirect_loops_are_bounded(void **state)
{
	cf_redis_topo t;
	(void)state;

	cluster_up(&t, a_redirect_loop);
	assert_null(get(&t, "cf1:{pages}:seq"));
	assert_string_equal(t.err, "slot 5680: more than 5 redirections (last: MOVED 5680 10.0.2.1:7000)");
	assert_int_equal(fake.calls, 6);
	assert_null(set(&t));
	assert_non_null(strstr(t.err, "more than 5 redirections (last: ASK 5680 10.0.2.2:7001)"));
	cf_topo_dtor(&t);
}

static fake_reply a_tryagain(const char *addr, int argc, const char **argv)
{
	if (is(argv[0], "GET")) {
		return fake.state++ < 2 ? (fake_reply){R_ERROR, "TRYAGAIN Multiple keys request during rehashing of slot"}
								: (fake_reply){R_STR, "v"};
	}
	return fake_default(addr, argc, argv);
}

static void test_cluster_tryagain_waits_and_retries(void **state)
{
	cf_redis_topo t;
	(void)state;

	cluster_up(&t, a_tryagain);
	expect_str(get(&t, "cf1:{pages}:seq"), "v");
	assert_int_equal(fake.calls, 3);
	cf_topo_dtor(&t);
}

static void test_cluster_seeds_are_tried_in_order_when_down(void **state)
{
	cf_topo_config c = cluster_config();
	cf_redis_topo t;
	(void)state;

	c.node.password = NULL;
	fake.answer = a_owner_7002;
	fake.down[0] = "10.0.2.1:7000";
	assert_true(cf_topo_init(&t, &c));
	expect_str(get(&t, "cf1:{pages}:seq"), "10.0.2.3:7002");
	assert_string_equal(calls_from(0), "10.0.2.2:7001 GET cf1:{pages}:seq\n"
									   "10.0.2.3:7002 GET cf1:{pages}:seq\n");
	/* every seed down */
	fake.down[1] = "10.0.2.2:7001";
	fake.down[2] = "10.0.2.3:7002";
	cf_topo_disconnect(&t);
	assert_null(get(&t, "cf1:{other}:seq"));
	assert_string_equal(t.err, "no seed node answered (3 tried; last: connecting to 10.0.2.1:7000 failed: Connection "
							   "refused)");
	cf_topo_dtor(&t);
}

/* the slot's node 7002 went away and 7001 took the slot over (a cluster failover) */
static fake_reply a_node_replaced(const char *addr, int argc, const char **argv)
{
	if (is(argv[0], "GET")) {
		if (fake.state == 0) {
			return strcmp(addr, "10.0.2.3:7002") == 0 ? (fake_reply){R_STR, addr}
													  : (fake_reply){R_ERROR, "MOVED 5680 10.0.2.3:7002"};
		}
		return strcmp(addr, "10.0.2.2:7001") == 0 ? (fake_reply){R_STR, addr}
												  : (fake_reply){R_ERROR, "MOVED 5680 10.0.2.2:7001"};
	}
	return fake_default(addr, argc, argv);
}

static void test_cluster_a_slot_node_down_is_forgotten_and_the_seeds_asked(void **state)
{
	cf_redis_topo t;
	int from;
	(void)state;

	cluster_up(&t, a_node_replaced);
	expect_str(get(&t, "cf1:{pages}:seq"), "10.0.2.3:7002");
	fake.state = 1;
	fake.down[0] = "10.0.2.3:7002";
	cf_topo_disconnect(&t);
	from = fake.calls;
	expect_str(get(&t, "cf1:{pages}:seq"), "10.0.2.2:7001");
	assert_string_equal(calls_from(from), "10.0.2.1:7000 GET cf1:{pages}:seq\n"
										  "10.0.2.2:7001 GET cf1:{pages}:seq\n");
	assert_int_equal(t.slots[5680], 2);

	/* a node that dies under a command: the seeds are asked once, then it is an error */
	fake.state = 0;
	from = fake.calls;
	assert_null(get(&t, "cf1:{pages}:seq"));
	assert_string_equal(t.err, "connecting to 10.0.2.3:7002 failed: Connection refused");
	cf_topo_dtor(&t);
}

static void test_cluster_refuses_a_database_and_needs_seeds(void **state)
{
	cf_topo_config c = cluster_config();
	cf_redis_topo t;
	(void)state;

	c.node.db = 3;
	assert_false(cf_topo_init(&t, &c));
	assert_string_equal(t.err, "a Redis Cluster has database 0 only");
	c.node.db = 0;
	c.nseeds = 0;
	assert_false(cf_topo_init(&t, &c));
	assert_string_equal(t.err, "1 to 16 seed nodes are needed");
	c = sentinel_config();
	c.master_name = "";
	assert_false(cf_topo_init(&t, &c));
	assert_string_equal(t.err, "a master name is needed");
}

static void test_single_server_keeps_the_redis_c_policy(void **state)
{
	cf_topo_config c;
	cf_redis_topo t;
	char d[64];
	(void)state;

	memset(&c, 0, sizeof(c));
	c.kind = CF_TOPO_SINGLE;
	c.node.host = "127.0.0.1";
	c.node.port = 6379;
	fake.answer = a_tryagain;
	assert_true(cf_topo_init(&t, &c));
	cf_topo_describe(&t, d, sizeof(d));
	assert_string_equal(d, "server 127.0.0.1:6379");
	/* no redirection handling on a single server: an error reply is the caller's */
	redisReply *rep = get(&t, "k");
	assert_int_equal(rep->type, REDIS_REPLY_ERROR);
	freeReplyObject(rep);
	assert_int_equal(t.nodes[0].attempts, 2);
	cf_topo_dtor(&t);
	cf_topo_dtor(NULL);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, fake_net_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_sentinel_asks_in_order_skipping_a_down_and_a_nil_sentinel),
		T(test_sentinel_all_down_nil_or_refusing_is_an_error_without_the_password),
		T(test_sentinel_skips_a_named_node_that_is_not_a_master),
		T(test_sentinel_resolves_again_after_readonly_or_a_transport_error_and_retries_once),
		T(test_sentinel_retries_only_once),
		T(test_sentinel_a_connected_reader_rechecks_the_master),
		T(test_sentinel_role_noperm_is_accepted),
		T(test_key_slot),
		T(test_cluster_moved_is_followed_and_remembered),
		T(test_cluster_learns_a_node_and_an_empty_host_is_the_answering_one),
		T(test_cluster_ask_sends_asking_once_and_is_not_remembered),
		T(test_cluster_redirect_loops_are_bounded),
		T(test_cluster_tryagain_waits_and_retries),
		T(test_cluster_seeds_are_tried_in_order_when_down),
		T(test_cluster_a_slot_node_down_is_forgotten_and_the_seeds_asked),
		T(test_cluster_refuses_a_database_and_needs_seeds),
		T(test_single_server_keeps_the_redis_c_policy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
