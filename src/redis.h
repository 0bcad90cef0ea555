/*
 * clusterfile: one connection to a Redis/Valkey server over hiredis (0.14 API), for the native
 * metadata store.
 *
 * This module owns a connection's life: connecting lazily with the connect timeout, AUTH (with an ACL
 * user when given) and SELECT, the read timeout, dropping a connection after any transport error
 * (a hiredis context is unusable after one) and reconnecting at the next command, one retry of a
 * command whose transport failed, and scripts run by EVALSHA with a fall-back to EVAL when the
 * server does not have them (NOSCRIPT: a restart, SCRIPT FLUSH, a failover). It knows nothing of
 * records or keys. Error texts never contain the password. Zend-free; memory is malloc'd (a
 * connection outlives requests).
 */
#ifndef CF_REDIS_H
#define CF_REDIS_H

#include <stdbool.h>
#include <stddef.h>

#include <hiredis/hiredis.h>

typedef struct cf_redis_endpoint {
	const char *host; /* TCP host (NULL with a socket path) */
	int port;
	const char *socket_path; /* unix socket, or NULL */
	const char *user;        /* ACL user, or NULL */
	const char *password;    /* or NULL */
	long db;
	int timeout_ms;      /* connect */
	int read_timeout_ms; /* each reply */
	int attempts;        /* transport attempts per command: 1, or 2 (0 = the default, 2) */
} cf_redis_endpoint;

typedef struct cf_redis {
	redisContext *c; /* NULL while not connected */
	char *host;
	int port;
	char *socket_path;
	char *user;
	char *password;
	long db;
	int timeout_ms;
	int read_timeout_ms;
	int attempts;           /* 2: a failed transport is retried once on a fresh connection */
	unsigned long fork_gen; /* cf_redis_fork_generation() when c was opened: a child never uses the parent's socket */
	unsigned long connects; /* successful connects (1 = never reconnected) */
	unsigned long errors;   /* transport errors seen */
	char err[256];          /* the last error, for messages */
} cf_redis;

typedef struct cf_redis_script {
	const char *body;
	size_t body_len;
	char sha[41]; /* sha1 of body, lowercase hex */
} cf_redis_script;

/* Copies the endpoint. false when out of memory. */
bool cf_redis_init(cf_redis *r, const cf_redis_endpoint *e);
/* Points r at another TCP server (same credentials, db and timeouts); closes the connection.
 * false when out of memory (r keeps its old address). */
bool cf_redis_retarget(cf_redis *r, const char *host, int port);
/* Closes the connection (the next command reconnects). */
void cf_redis_disconnect(cf_redis *r);
void cf_redis_dtor(cf_redis *r);

/*
 * Sends one command and returns its reply (freeReplyObject it), or NULL with r->err set when the
 * transport failed r->attempts times (with 2, a fresh connection is tried once after a failure). An error reply
 * (REDIS_REPLY_ERROR) is a reply: what it means is the caller's.
 */
redisReply *cf_redis_command(cf_redis *r, int argc, const char **argv, const size_t *argvlen);

/* s->sha from s->body. false when libcrypto fails. */
bool cf_redis_script_init(cf_redis_script *s, const char *body, size_t body_len);

/*
 * EVALSHA s nkeys keys... args... (argv holds the keys, then the args, argc of them in all); on a
 * NOSCRIPT error EVAL with the body. Same return contract as cf_redis_command.
 */
redisReply *cf_redis_eval(
	cf_redis *r, const cf_redis_script *s, int nkeys, int argc, const char **argv, const size_t *argvlen);

/* ASKING on the current connection (connecting first when needed); false with r->err set when the
 * transport failed or the server refused it. */
bool cf_redis_asking(cf_redis *r);

/*
 * cf_redis_eval preceded by ASKING on the same connection when asking (a Cluster -ASK redirection:
 * the target serves the next command for a slot it is importing); ASKING again before the EVAL of
 * a NOSCRIPT fall-back. Use with attempts = 1: a reconnect in between would lose the ASKING (the
 * node then answers -MOVED, which the caller handles).
 */
redisReply *cf_redis_eval_ex(
	cf_redis *r, const cf_redis_script *s, bool asking, int nkeys, int argc, const char **argv, const size_t *argvlen);

#endif
