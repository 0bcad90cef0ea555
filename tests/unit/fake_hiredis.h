/*
 * The fake network under the cmocka suites of src/redis.c and src/redis_topology.c: the hiredis
 * functions the module calls, taken over with -Wl,--wrap (Makefile.frag, CF_WRAP_redis). This
 * header owns what both suites share - contexts and replies counted live (every test ends with
 * none), timeouts and keep-alive that always succeed, replies built and freed recursively. Each
 * suite writes its own __wrap_redisConnect* (which server refuses) and __wrap_redisCommandArgv (what
 * a server answers) on top of fake_context_new() and fake_reply_new().
 */
#ifndef CF_FAKE_HIREDIS_H
#define CF_FAKE_HIREDIS_H

#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include <hiredis/hiredis.h>

static struct {
	int connects;      /* redisConnect* calls */
	int contexts_live; /* contexts not freed */
	int replies_live;  /* top-level replies not freed */
} fake_net;

redisContext *__wrap_redisConnectWithTimeout(const char *ip, int port, const struct timeval tv);
redisContext *__wrap_redisConnectUnixWithTimeout(const char *path, const struct timeval tv);
int __wrap_redisSetTimeout(redisContext *c, const struct timeval tv);
int __wrap_redisEnableKeepAlive(redisContext *c);
void __wrap_redisFree(redisContext *c);
void *__wrap_redisCommandArgv(redisContext *c, int argc, const char **argv, const size_t *argvlen);
void __wrap_freeReplyObject(void *reply);

/* A zeroed allocation of size bytes that starts with a redisContext, counted as connected. */
static redisContext *fake_context_new(size_t size)
{
	redisContext *c = calloc(1, size);
	assert_non_null(c);
	fake_net.connects++;
	fake_net.contexts_live++;
	return c;
}

/* A context that refused: what hiredis returns for a connection that failed. */
static void fake_context_refuse(redisContext *c)
{
	c->err = REDIS_ERR_IO;
	snprintf(c->errstr, sizeof(c->errstr), "Connection refused");
}

int __wrap_redisSetTimeout(redisContext *c, const struct timeval tv)
{
	(void)c;
	(void)tv;
	return REDIS_OK;
}

int __wrap_redisEnableKeepAlive(redisContext *c)
{
	(void)c;
	return REDIS_OK;
}

void __wrap_redisFree(redisContext *c)
{
	if (c) {
		fake_net.contexts_live--;
		free(c);
	}
}

/* A reply of type; s[0..len) as its string when s is not NULL. Not counted: the suite counts the
 * top-level reply it returns (elements are freed with it). */
static redisReply *fake_reply_new(int type, const char *s, size_t len)
{
	redisReply *r = calloc(1, sizeof(*r));
	assert_non_null(r);
	r->type = type;
	if (s) {
		r->str = malloc(len + 1);
		assert_non_null(r->str);
		memcpy(r->str, s, len);
		r->str[len] = '\0';
		r->len = len;
	}
	return r;
}

static void fake_reply_free(redisReply *r)
{
	for (size_t i = 0; i < r->elements; i++) {
		fake_reply_free(r->element[i]);
	}
	free(r->element);
	free(r->str);
	free(r);
}

void __wrap_freeReplyObject(void *reply)
{
	if (reply) {
		fake_net.replies_live--;
		fake_reply_free(reply);
	}
}

/* The suites' setup resets the counts (with its own state); every test's teardown is this: nothing
 * left live after it. */
static void fake_net_reset(void)
{
	memset(&fake_net, 0, sizeof(fake_net));
}

static int fake_net_teardown(void **state)
{
	(void)state;
	assert_int_equal(fake_net.contexts_live, 0);
	assert_int_equal(fake_net.replies_live, 0);
	return 0;
}

#endif
