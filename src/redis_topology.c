/*
 * clusterfile: one server, a Sentinel group or a Redis Cluster behind one metadataDsn (see
 * redis_topology.h). Zend-free.
 */
#include "redis_topology.h"
#include "clock.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A pause before retrying a -TRYAGAIN (a slot whose keys are being migrated), times the try. */
#define CF_TOPO_TRYAGAIN_MS 20

typedef struct topo_op {
	const cf_redis_script *script; /* NULL: a plain command */
	int nkeys;
	int argc;
	const char **argv;
	const size_t *lens;
	int key; /* the routing key's index in argv, or -1 */
} topo_op;

/* A message, cut at size (a long host name shortens it; the text is for humans). */
__attribute__((format(printf, 3, 4))) static void topo_msg(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}

#define topo_fail(t, ...) topo_msg((t)->err, sizeof((t)->err), __VA_ARGS__)

/* An error reply with this code: "CODE" alone or followed by a space. */
static bool topo_error_is(const redisReply *rep, const char *code)
{
	size_t n = strlen(code);

	return rep->type == REDIS_REPLY_ERROR && rep->len >= n && memcmp(rep->str, code, n) == 0 &&
		   (rep->len == n || rep->str[n] == ' ');
}

/* snprintf without the truncation analysis (the snprintf contract is what the caller wants). */
__attribute__((format(printf, 3, 4))) static int topo_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static redisReply *topo_send(cf_redis *r, const topo_op *op, bool asking)
{
	if (op->script != NULL) {
		return cf_redis_eval_ex(r, op->script, asking, op->nkeys, op->argc, op->argv, op->lens);
	}
	if (asking && !cf_redis_asking(r)) {
		return NULL;
	}
	return cf_redis_command(r, op->argc, op->argv, op->lens);
}

static void topo_sleep_ms(int ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

/* ---- init --------------------------------------------------------------------------------- */

bool cf_topo_init(cf_redis_topo *t, const cf_topo_config *cfg)
{
	cf_redis_endpoint e = cfg->node;
	size_t i, cap;

	memset(t, 0, sizeof(*t));
	t->kind = cfg->kind;
	if (cfg->kind != CF_TOPO_SINGLE) {
		if (cfg->nseeds == 0 || cfg->nseeds > CF_TOPO_MAX_SEEDS) {
			topo_fail(t, "1 to %d %s needed", CF_TOPO_MAX_SEEDS,
				cfg->kind == CF_TOPO_SENTINEL ? "sentinels are" : "seed nodes are");
			return false;
		}
		if (cfg->kind == CF_TOPO_CLUSTER && e.db != 0) {
			topo_fail(t, "a Redis Cluster has database 0 only");
			return false;
		}
		if (cfg->kind == CF_TOPO_SENTINEL && (cfg->master_name == NULL || cfg->master_name[0] == '\0')) {
			topo_fail(t, "a master name is needed");
			return false;
		}
		/* the topology retries, on another node or after asking again */
		e.attempts = 1;
		e.socket_path = NULL;
	}
	cap = cfg->kind == CF_TOPO_CLUSTER ? CF_TOPO_MAX_NODES : 1;
	t->nodes = calloc(cap, sizeof(*t->nodes));
	if (t->nodes == NULL) {
		goto nomem;
	}
	switch (cfg->kind) {
	case CF_TOPO_SINGLE:
		if (!cf_redis_init(&t->nodes[0], &e)) {
			goto nomem;
		}
		t->nnodes = 1;
		break;
	case CF_TOPO_SENTINEL: {
		/* sentinels: no AUTH, no SELECT */
		cf_redis_endpoint se = {
			cfg->seeds[0].host, cfg->seeds[0].port, NULL, NULL, NULL, 0, e.timeout_ms, e.read_timeout_ms, 1};
		e.host = NULL;
		e.port = 0;
		if (!cf_redis_init(&t->nodes[0], &e)) {
			goto nomem;
		}
		t->nnodes = 1;
		if (!cf_redis_init(&t->sentinel, &se)) {
			goto nomem;
		}
		t->recheck_ms = cfg->sentinel_recheck_ms > 0 ? cfg->sentinel_recheck_ms : CF_TOPO_SENTINEL_RECHECK_MS;
		t->master_name = strdup(cfg->master_name);
		if (t->master_name == NULL) {
			goto nomem;
		}
		for (i = 0; i < cfg->nseeds; i++) {
			t->seed_host[i] = strdup(cfg->seeds[i].host);
			t->seed_port[i] = cfg->seeds[i].port;
			if (t->seed_host[i] == NULL) {
				goto nomem;
			}
			t->nseeds = i + 1;
		}
		break;
	}
	case CF_TOPO_CLUSTER:
		t->slots = calloc(CF_CLUSTER_SLOTS, 1);
		if (t->slots == NULL) {
			goto nomem;
		}
		for (i = 0; i < cfg->nseeds; i++) {
			e.host = cfg->seeds[i].host;
			e.port = cfg->seeds[i].port;
			if (!cf_redis_init(&t->nodes[i], &e)) {
				goto nomem;
			}
			t->nnodes = t->nseeds = i + 1;
		}
		break;
	}
	return true;
nomem:
	cf_topo_dtor(t);
	topo_fail(t, "out of memory");
	return false;
}

void cf_topo_disconnect(cf_redis_topo *t)
{
	size_t i;

	for (i = 0; i < t->nnodes; i++) {
		cf_redis_disconnect(&t->nodes[i]);
	}
	cf_redis_disconnect(&t->sentinel);
}

void cf_topo_dtor(cf_redis_topo *t)
{
	size_t i;

	if (t == NULL) {
		return;
	}
	for (i = 0; i < t->nnodes; i++) {
		cf_redis_dtor(&t->nodes[i]);
	}
	free(t->nodes);
	cf_redis_dtor(&t->sentinel);
	for (i = 0; i < CF_TOPO_MAX_SEEDS; i++) {
		free(t->seed_host[i]);
	}
	free(t->master_name);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

/* ---- Sentinel ----------------------------------------------------------------------------- */

/* ROLE on the (new) connection to the named master: true when it is one. */
static bool sentinel_confirm(cf_redis_topo *t, const char *via)
{
	static const char *const argv[1] = {"ROLE"};
	static const size_t lens[1] = {4};
	cf_redis *m = &t->nodes[0];
	redisReply *rep = cf_redis_command(m, 1, (const char **)argv, lens);
	bool ok;

	if (rep == NULL) {
		topo_fail(t, "%s (named by %s)", m->err, via);
		return false;
	}
	if (topo_error_is(rep, "NOPERM")) {
		/* this ACL user may not ask: a demoted master still shows as READONLY */
		freeReplyObject(rep);
		return true;
	}
	ok = rep->type == REDIS_REPLY_ARRAY && rep->elements >= 1 && rep->element[0]->type == REDIS_REPLY_STRING &&
		 rep->element[0]->len == 6 && memcmp(rep->element[0]->str, "master", 6) == 0;
	if (!ok) {
		const redisReply *role = rep->type == REDIS_REPLY_ARRAY && rep->elements >= 1 ? rep->element[0] : rep;
		topo_fail(t, "%s:%d (named by %s) is not a master (ROLE: %.*s)", m->host, m->port, via,
			role->type == REDIS_REPLY_STRING || role->type == REDIS_REPLY_ERROR ? (int)(role->len > 64 ? 64 : role->len)
																				: 1,
			role->type == REDIS_REPLY_STRING || role->type == REDIS_REPLY_ERROR ? role->str : "?");
		cf_redis_disconnect(m);
	}
	freeReplyObject(rep);
	return ok;
}

/* A port of 1..65535 from a reply string. */
static int topo_port(const char *s, size_t len)
{
	int port = 0;
	size_t i;

	if (len == 0 || len > 5) {
		return 0;
	}
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
		port = port * 10 + (s[i] - '0');
	}
	return port <= 65535 ? port : 0;
}

/*
 * Asks one sentinel; true with nodes[0] pointed at a confirmed master (kept, connection and all,
 * when it is the one nodes[0] already points at and keep is set). last: why not.
 */
static bool sentinel_ask(cf_redis_topo *t, size_t i, bool keep, char *last, size_t lastsize)
{
	cf_redis *s = &t->sentinel;
	cf_redis *m = &t->nodes[0];
	const char *argv[3] = {"SENTINEL", "get-master-addr-by-name", t->master_name};
	size_t lens[3] = {8, 23, strlen(t->master_name)};
	char via[300], host[256];
	redisReply *rep;
	int port = 0;

	topo_msg(via, sizeof(via), "sentinel %s:%d", t->seed_host[i], t->seed_port[i]);
	if ((s->port != t->seed_port[i] || s->host == NULL || strcmp(s->host, t->seed_host[i]) != 0) &&
		!cf_redis_retarget(s, t->seed_host[i], t->seed_port[i])) {
		topo_msg(last, lastsize, "out of memory");
		return false;
	}
	rep = cf_redis_command(s, 3, argv, lens);
	if (rep == NULL) {
		topo_msg(last, lastsize, "%s", s->err);
		return false;
	}
	if (rep->type == REDIS_REPLY_ARRAY && rep->elements == 2 && rep->element[0]->type == REDIS_REPLY_STRING &&
		rep->element[1]->type == REDIS_REPLY_STRING && rep->element[0]->len > 0 &&
		rep->element[0]->len < sizeof(host)) {
		port = topo_port(rep->element[1]->str, rep->element[1]->len);
		memcpy(host, rep->element[0]->str, rep->element[0]->len);
		host[rep->element[0]->len] = '\0';
	}
	if (port == 0) {
		if (rep->type == REDIS_REPLY_NIL) {
			topo_msg(last, lastsize, "%s does not know master %s", via, t->master_name);
		} else if (rep->type == REDIS_REPLY_ERROR) {
			topo_msg(last, lastsize, "%s refused: %.*s", via, (int)(rep->len > 120 ? 120 : rep->len), rep->str);
		} else {
			topo_msg(last, lastsize, "%s: unexpected reply (type %d)", via, rep->type);
		}
		freeReplyObject(rep);
		cf_redis_disconnect(s);
		return false;
	}
	freeReplyObject(rep);
	t->confirmed_ms = cf_monotonic_ms();
	if (keep && t->master_known && m->c != NULL && m->port == port && m->host != NULL && strcmp(m->host, host) == 0) {
		return true;
	}
	if (!cf_redis_retarget(m, host, port)) {
		topo_msg(last, lastsize, "out of memory");
		return false;
	}
	t->master_known = true;
	if (!sentinel_confirm(t, via)) {
		t->master_known = false;
		topo_msg(last, lastsize, "%s", t->err);
		return false;
	}
	t->resolves++;
	return true;
}

/* The sentinels in order, until one names a master that confirms. */
static bool sentinel_resolve(cf_redis_topo *t)
{
	char last[256] = "";
	size_t i;

	cf_redis_disconnect(&t->nodes[0]);
	t->master_known = false;
	for (i = 0; i < t->nseeds; i++) {
		if (sentinel_ask(t, i, false, last, sizeof(last))) {
			return true;
		}
	}
	topo_fail(t, "no sentinel named a usable master %s (%zu asked; last: %s)", t->master_name, t->nseeds, last);
	return false;
}

/* A connection to the master: the one open, a new one to the last address (confirmed), or resolved. */
static bool sentinel_ready(cf_redis_topo *t)
{
	if (t->nodes[0].c != NULL && cf_monotonic_ms() - t->confirmed_ms >= t->recheck_ms) {
		/* still the master? The first sentinel that answers decides; none answering changes nothing */
		char last[256];
		size_t i;
		for (i = 0; i < t->nseeds; i++) {
			if (sentinel_ask(t, i, true, last, sizeof(last))) {
				return true;
			}
			if (t->nodes[0].c == NULL) {
				/* it named another master, which did not confirm: resolve from scratch */
				break;
			}
		}
		if (i == t->nseeds) {
			t->confirmed_ms = cf_monotonic_ms();
		}
	}
	if (t->nodes[0].c != NULL) {
		return true;
	}
	if (t->master_known) {
		if (sentinel_confirm(t, "an earlier sentinel answer")) {
			return true;
		}
	}
	return sentinel_resolve(t);
}

/* The error replies after which the master is resolved again: this node is no longer (or not yet) it. */
static bool sentinel_moved_on(const redisReply *rep)
{
	return rep->type == REDIS_REPLY_ERROR && (topo_error_is(rep, "READONLY") || topo_error_is(rep, "MASTERDOWN") ||
												 topo_error_is(rep, "LOADING") || topo_error_is(rep, "NOREPLICAS"));
}

static redisReply *sentinel_run(cf_redis_topo *t, const topo_op *op)
{
	int attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		redisReply *rep;

		if (!sentinel_ready(t)) {
			return NULL;
		}
		rep = topo_send(&t->nodes[0], op, false);
		if (rep == NULL) {
			topo_fail(t, "%s", t->nodes[0].err);
		} else if (attempt == 0 && sentinel_moved_on(rep)) {
			freeReplyObject(rep);
		} else {
			return rep;
		}
		/* ask the sentinels again before the retry */
		cf_redis_disconnect(&t->nodes[0]);
		t->master_known = false;
	}
	return NULL;
}

/* ---- Cluster ------------------------------------------------------------------------------ */

unsigned cf_redis_key_slot(const char *key, size_t len)
{
	uint16_t crc = 0;
	size_t i, open, close;
	int b;

	for (open = 0; open < len && key[open] != '{'; open++) {
	}
	if (open < len) {
		for (close = open + 1; close < len && key[close] != '}'; close++) {
		}
		if (close < len && close > open + 1) {
			key += open + 1;
			len = close - open - 1;
		}
	}
	for (i = 0; i < len; i++) {
		crc ^= (uint16_t)((unsigned char)key[i] << 8);
		for (b = 0; b < 8; b++) {
			crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
		}
	}
	return crc & (CF_CLUSTER_SLOTS - 1);
}

/* The index of the node at host:port, added when not known; SIZE_MAX when there is no room. */
static size_t cluster_node(cf_redis_topo *t, const char *host, int port)
{
	const cf_redis *tmpl = &t->nodes[0];
	cf_redis_endpoint e = {host, port, NULL, tmpl->user, tmpl->password, 0, tmpl->timeout_ms, tmpl->read_timeout_ms, 1};
	size_t i;

	for (i = 0; i < t->nnodes; i++) {
		if (t->nodes[i].port == port && t->nodes[i].host != NULL && strcmp(t->nodes[i].host, host) == 0) {
			return i;
		}
	}
	if (t->nnodes == CF_TOPO_MAX_NODES || !cf_redis_init(&t->nodes[t->nnodes], &e)) {
		return SIZE_MAX;
	}
	return t->nnodes++;
}

/*
 * "MOVED <slot> <host>:<port>" or "ASK ...": the target's index (learnt if new), SIZE_MAX when it
 * cannot be read. An empty host means the host of the node that answered.
 */
static size_t cluster_target(cf_redis_topo *t, const redisReply *rep, const cf_redis *from)
{
	char host[256];
	const char *sp, *colon, *end = rep->str + rep->len;
	size_t hlen;
	int port;

	sp = memchr(rep->str, ' ', rep->len);
	sp = sp ? memchr(sp + 1, ' ', (size_t)(end - sp - 1)) : NULL;
	if (sp == NULL) {
		return SIZE_MAX;
	}
	sp++;
	for (colon = end; colon > sp && colon[-1] != ':'; colon--) {
	}
	if (colon == sp) {
		return SIZE_MAX;
	}
	hlen = (size_t)(colon - 1 - sp);
	port = topo_port(colon, (size_t)(end - colon));
	if (port == 0 || hlen >= sizeof(host)) {
		return SIZE_MAX;
	}
	if (hlen == 0 || (hlen == 1 && sp[0] == '?')) {
		if (from->host == NULL || strlen(from->host) >= sizeof(host)) {
			return SIZE_MAX;
		}
		strcpy(host, from->host);
	} else {
		memcpy(host, sp, hlen);
		host[hlen] = '\0';
	}
	return cluster_node(t, host, port);
}

static redisReply *cluster_run(cf_redis_topo *t, const topo_op *op)
{
	unsigned slot = op->key >= 0 ? cf_redis_key_slot(op->argv[op->key], op->lens[op->key]) : 0;
	size_t next = SIZE_MAX; /* the node a redirection named for the next try */
	bool next_asking = false;
	size_t seed_failures = 0;
	int redirects = 0, node_failures = 0;

	for (;;) {
		bool asking = false, from_seed = false;
		size_t n;
		cf_redis *r;
		redisReply *rep;

		if (next != SIZE_MAX) {
			n = next;
			asking = next_asking;
			next = SIZE_MAX;
		} else if (op->key >= 0 && t->slots[slot] != 0) {
			n = (size_t)t->slots[slot] - 1;
		} else {
			n = t->seed_next % t->nseeds;
			from_seed = true;
		}
		r = &t->nodes[n];
		rep = topo_send(r, op, asking);
		if (rep == NULL) {
			if (from_seed) {
				/* this seed is down: the next one, until every seed was tried */
				t->seed_next++;
				if (++seed_failures >= t->nseeds) {
					topo_fail(t, "no seed node answered (%zu tried; last: %s)", t->nseeds, r->err);
					return NULL;
				}
			} else {
				/* the slot's node is down: ask the seeds where it went, once */
				if (op->key >= 0 && t->slots[slot] == n + 1) {
					t->slots[slot] = 0;
				}
				if (++node_failures >= 2) {
					topo_fail(t, "%s", r->err);
					return NULL;
				}
			}
			continue;
		}
		if (rep->type != REDIS_REPLY_ERROR ||
			!(topo_error_is(rep, "MOVED") || topo_error_is(rep, "ASK") || topo_error_is(rep, "TRYAGAIN"))) {
			return rep;
		}
		if (++redirects > CF_TOPO_MAX_REDIRECTS) {
			topo_fail(t, "slot %u: more than %d redirections (last: %.*s)", slot, CF_TOPO_MAX_REDIRECTS,
				(int)(rep->len > 120 ? 120 : rep->len), rep->str);
			freeReplyObject(rep);
			return NULL;
		}
		if (topo_error_is(rep, "TRYAGAIN")) {
			freeReplyObject(rep);
			topo_sleep_ms(CF_TOPO_TRYAGAIN_MS * redirects);
			continue;
		}
		next = cluster_target(t, rep, r);
		if (next == SIZE_MAX) {
			/* unreadable, or no room for another node: the caller's error */
			return rep;
		}
		t->redirects++;
		next_asking = rep->str[0] == 'A';
		if (!next_asking && op->key >= 0) {
			t->slots[slot] = (unsigned char)(next + 1);
		}
		freeReplyObject(rep);
	}
}

/* ---- commands ----------------------------------------------------------------------------- */

static redisReply *topo_run(cf_redis_topo *t, const topo_op *op)
{
	redisReply *rep;

	switch (t->kind) {
	case CF_TOPO_SENTINEL:
		return sentinel_run(t, op);
	case CF_TOPO_CLUSTER:
		return cluster_run(t, op);
	case CF_TOPO_SINGLE:
	default:
		rep = topo_send(&t->nodes[0], op, false);
		if (rep == NULL) {
			topo_fail(t, "%s", t->nodes[0].err);
		}
		return rep;
	}
}

redisReply *cf_topo_command(cf_redis_topo *t, int key_arg, int argc, const char **argv, const size_t *argvlen)
{
	topo_op op = {NULL, 0, argc, argv, argvlen, key_arg >= 0 && key_arg < argc ? key_arg : -1};

	return topo_run(t, &op);
}

redisReply *cf_topo_eval(
	cf_redis_topo *t, const cf_redis_script *s, int nkeys, int argc, const char **argv, const size_t *argvlen)
{
	topo_op op = {s, nkeys, argc, argv, argvlen, nkeys > 0 && argc > 0 ? 0 : -1};

	return topo_run(t, &op);
}

size_t cf_topo_describe(const cf_redis_topo *t, char *out, size_t outsize)
{
	const cf_redis *m = &t->nodes[0];
	size_t mapped = 0, i;
	int n;

	switch (t->kind) {
	case CF_TOPO_SENTINEL:
		if (t->master_known && m->host != NULL) {
			n = topo_snprintf(out, outsize, "sentinel: master %s at %s:%d (resolved %lu times)", t->master_name,
				m->host, m->port, t->resolves);
		} else {
			n = topo_snprintf(out, outsize, "sentinel: master %s not resolved", t->master_name);
		}
		break;
	case CF_TOPO_CLUSTER:
		for (i = 0; i < CF_CLUSTER_SLOTS; i++) {
			mapped += t->slots[i] != 0;
		}
		n = topo_snprintf(out, outsize, "cluster: %zu nodes known, %zu slots mapped, %lu redirections followed",
			t->nnodes, mapped, t->redirects);
		break;
	case CF_TOPO_SINGLE:
	default:
		if (m->socket_path != NULL) {
			n = topo_snprintf(out, outsize, "server unix:%s", m->socket_path);
		} else {
			n = topo_snprintf(out, outsize, "server %s:%d", m->host ? m->host : "", m->port);
		}
		break;
	}
	return n > 0 ? (size_t)n : 0;
}
