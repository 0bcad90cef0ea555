/*
 * clusterfile: one connection to a Redis/Valkey server over hiredis (see redis.h). Zend-free.
 */
#include "redis.h"

#include <pthread.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include <openssl/evp.h>

/* The longest command line a script call needs: EVALSHA sha nkeys + the caller's argv. */
#define CF_REDIS_EVAL_EXTRA 3

static char *cf_redis_strdup(const char *s, bool *ok)
{
	char *d;

	if (s == NULL) {
		return NULL;
	}
	d = strdup(s);
	if (d == NULL) {
		*ok = false;
	}
	return d;
}

bool cf_redis_init(cf_redis *r, const cf_redis_endpoint *e)
{
	bool ok = true;

	memset(r, 0, sizeof(*r));
	r->host = cf_redis_strdup(e->host, &ok);
	r->socket_path = cf_redis_strdup(e->socket_path, &ok);
	r->user = cf_redis_strdup(e->user, &ok);
	r->password = cf_redis_strdup(e->password, &ok);
	r->port = e->port;
	r->db = e->db;
	r->timeout_ms = e->timeout_ms > 0 ? e->timeout_ms : 1000;
	r->read_timeout_ms = e->read_timeout_ms > 0 ? e->read_timeout_ms : 1000;
	r->attempts = e->attempts == 1 ? 1 : 2;
	if (!ok) {
		cf_redis_dtor(r);
		return false;
	}
	return true;
}

bool cf_redis_retarget(cf_redis *r, const char *host, int port)
{
	char *h = strdup(host);

	if (h == NULL) {
		return false;
	}
	cf_redis_disconnect(r);
	free(r->host);
	free(r->socket_path);
	r->socket_path = NULL;
	r->host = h;
	r->port = port;
	return true;
}

void cf_redis_disconnect(cf_redis *r)
{
	if (r->c != NULL) {
		redisFree(r->c);
		r->c = NULL;
	}
}

void cf_redis_dtor(cf_redis *r)
{
	if (r == NULL) {
		return;
	}
	cf_redis_disconnect(r);
	free(r->host);
	free(r->socket_path);
	free(r->user);
	if (r->password != NULL) {
		/* not left in freed memory */
		volatile char *p = r->password;
		while (*p) {
			*p++ = '\0';
		}
	}
	free(r->password);
	memset(r, 0, sizeof(*r));
}

static void cf_redis_fail(cf_redis *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->err, sizeof(r->err), fmt, ap);
	va_end(ap);
}

static struct timeval cf_redis_tv(int ms)
{
	struct timeval tv;

	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	return tv;
}

static const char *cf_redis_where(const cf_redis *r, char *buf, size_t size)
{
	if (r->socket_path != NULL) {
		snprintf(buf, size, "unix:%s", r->socket_path);
	} else {
		snprintf(buf, size, "%s:%d", r->host ? r->host : "", r->port);
	}
	return buf;
}

/* One command on a live connection during the handshake; false (connection dropped) on any error. */
static bool cf_redis_handshake(cf_redis *r, int argc, const char **argv, const size_t *lens, const char *what)
{
	redisReply *rep = redisCommandArgv(r->c, argc, argv, lens);
	char where[300];

	if (rep == NULL) {
		cf_redis_fail(r, "%s on %s failed: %s", what, cf_redis_where(r, where, sizeof(where)), r->c->errstr);
		cf_redis_disconnect(r);
		return false;
	}
	if (rep->type == REDIS_REPLY_ERROR) {
		/* the server's text (e.g. WRONGPASS) names no password */
		cf_redis_fail(
			r, "%s on %s refused: %.*s", what, cf_redis_where(r, where, sizeof(where)), (int)rep->len, rep->str);
		freeReplyObject(rep);
		cf_redis_disconnect(r);
		return false;
	}
	freeReplyObject(rep);
	return true;
}

/* Bumped in every child of a fork(): a connection opened before it belongs to the parent. */
static volatile unsigned long cf_redis_forks;
static pthread_once_t cf_redis_atfork_once = PTHREAD_ONCE_INIT;

static void cf_redis_in_child(void)
{
	cf_redis_forks++;
}

static void cf_redis_register_atfork(void)
{
	(void)pthread_atfork(NULL, NULL, cf_redis_in_child);
}

static bool cf_redis_connect(cf_redis *r)
{
	char where[300];
	char dbs[24];

	if (r->c != NULL) {
		if (r->fork_gen == cf_redis_forks) {
			return true;
		}
		/* inherited from the parent process (pcntl_fork, a forking worker manager): its replies would
		 * reach whichever process reads first. Close this process's copy of the descriptor without a
		 * word on the socket (the parent's connection is untouched) and open our own. */
		cf_redis_disconnect(r);
	}
	(void)pthread_once(&cf_redis_atfork_once, cf_redis_register_atfork);
	if (r->socket_path != NULL) {
		r->c = redisConnectUnixWithTimeout(r->socket_path, cf_redis_tv(r->timeout_ms));
	} else {
		r->c = redisConnectWithTimeout(r->host ? r->host : "", r->port, cf_redis_tv(r->timeout_ms));
	}
	if (r->c == NULL) {
		cf_redis_fail(r, "connecting to %s failed: out of memory", cf_redis_where(r, where, sizeof(where)));
		return false;
	}
	if (r->c->err) {
		cf_redis_fail(r, "connecting to %s failed: %s", cf_redis_where(r, where, sizeof(where)), r->c->errstr);
		cf_redis_disconnect(r);
		return false;
	}
	if (redisSetTimeout(r->c, cf_redis_tv(r->read_timeout_ms)) != REDIS_OK) {
		cf_redis_fail(r, "setting the read timeout on %s failed", cf_redis_where(r, where, sizeof(where)));
		cf_redis_disconnect(r);
		return false;
	}
	if (r->socket_path == NULL) {
		(void)redisEnableKeepAlive(r->c);
	}
	if (r->password != NULL) {
		const char *argv[3] = {"AUTH", r->user ? r->user : r->password, r->password};
		size_t lens[3] = {4, strlen(argv[1]), strlen(r->password)};
		if (!cf_redis_handshake(r, r->user ? 3 : 2, argv, lens, "AUTH")) {
			return false;
		}
	}
	if (r->db != 0) {
		const char *argv[2] = {"SELECT", dbs};
		size_t lens[2] = {6, 0};
		lens[1] = (size_t)snprintf(dbs, sizeof(dbs), "%ld", r->db);
		if (!cf_redis_handshake(r, 2, argv, lens, "SELECT")) {
			return false;
		}
	}
	r->connects++;
	r->fork_gen = cf_redis_forks;
	return true;
}

redisReply *cf_redis_command(cf_redis *r, int argc, const char **argv, const size_t *argvlen)
{
	int attempt;
	char where[300];

	for (attempt = 0; attempt < r->attempts; attempt++) {
		redisReply *rep;

		if (!cf_redis_connect(r)) {
			r->errors++;
			continue;
		}
		rep = redisCommandArgv(r->c, argc, argv, argvlen);
		if (rep != NULL) {
			return rep;
		}
		r->errors++;
		cf_redis_fail(r, "%.*s on %s failed: %s", (int)(argvlen[0] < 16 ? argvlen[0] : 16), argv[0],
			cf_redis_where(r, where, sizeof(where)), r->c->errstr);
		cf_redis_disconnect(r);
	}
	return NULL;
}

bool cf_redis_script_init(cf_redis_script *s, const char *body, size_t body_len)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int md_len = 0;
	unsigned int i;

	s->body = body;
	s->body_len = body_len;
	s->sha[0] = '\0';
	if (EVP_Digest(body, body_len, md, &md_len, EVP_sha1(), NULL) != 1 || md_len != 20) {
		return false;
	}
	for (i = 0; i < 20; i++) {
		s->sha[2 * i] = hex[md[i] >> 4];
		s->sha[2 * i + 1] = hex[md[i] & 0x0f];
	}
	s->sha[40] = '\0';
	return true;
}

bool cf_redis_asking(cf_redis *r)
{
	static const char *const argv[1] = {"ASKING"};
	static const size_t lens[1] = {6};
	redisReply *rep = cf_redis_command(r, 1, (const char **)argv, lens);

	if (rep == NULL) {
		return false;
	}
	if (rep->type == REDIS_REPLY_ERROR) {
		cf_redis_fail(r, "ASKING refused: %.*s", (int)(rep->len > 200 ? 200 : rep->len), rep->str);
		freeReplyObject(rep);
		return false;
	}
	freeReplyObject(rep);
	return true;
}

redisReply *cf_redis_eval(
	cf_redis *r, const cf_redis_script *s, int nkeys, int argc, const char **argv, const size_t *argvlen)
{
	return cf_redis_eval_ex(r, s, false, nkeys, argc, argv, argvlen);
}

redisReply *cf_redis_eval_ex(
	cf_redis *r, const cf_redis_script *s, bool asking, int nkeys, int argc, const char **argv, const size_t *argvlen)
{
	const char *stack_argv[64];
	size_t stack_lens[64];
	const char **av = stack_argv;
	size_t *lens = stack_lens;
	char nk[16];
	redisReply *rep;
	int n = argc + CF_REDIS_EVAL_EXTRA;

	if (n > 64) {
		av = malloc(sizeof(*av) * (size_t)n);
		lens = malloc(sizeof(*lens) * (size_t)n);
		if (av == NULL || lens == NULL) {
			free(av);
			free(lens);
			cf_redis_fail(r, "out of memory");
			return NULL;
		}
	}
	av[0] = "EVALSHA";
	lens[0] = 7;
	av[1] = s->sha;
	lens[1] = 40;
	lens[2] = (size_t)snprintf(nk, sizeof(nk), "%d", nkeys);
	av[2] = nk;
	memcpy(av + CF_REDIS_EVAL_EXTRA, argv, sizeof(*av) * (size_t)argc);
	memcpy(lens + CF_REDIS_EVAL_EXTRA, argvlen, sizeof(*lens) * (size_t)argc);
	rep = asking && !cf_redis_asking(r) ? NULL : cf_redis_command(r, n, av, lens);
	if (rep != NULL && rep->type == REDIS_REPLY_ERROR && rep->len >= 8 && memcmp(rep->str, "NOSCRIPT", 8) == 0) {
		freeReplyObject(rep);
		av[0] = "EVAL";
		lens[0] = 4;
		av[1] = s->body;
		lens[1] = s->body_len;
		rep = asking && !cf_redis_asking(r) ? NULL : cf_redis_command(r, n, av, lens);
	}
	if (av != stack_argv) {
		free(av);
		free(lens);
	}
	return rep;
}
