/*
 * clusterfile: where the commands of one metadataDsn go - one server, the master of a Sentinel
 * group, or the Redis Cluster node that owns a key's slot - over src/redis.c connections.
 *
 * Single server: one connection, src/redis.c's own policy (reconnect and one retry).
 *
 * Sentinel: the master's address is asked from the sentinels in the configured order
 * (SENTINEL get-master-addr-by-name, each with the connect and read timeouts; a sentinel that is
 * down, refuses or answers nil is skipped), then every new connection to it is confirmed with
 * ROLE (a node that says it is not a master is skipped as if its sentinel had not answered; a
 * NOPERM answer is taken as yes: an ACL user may lack ROLE). Sentinels get no AUTH: the DSN's
 * credentials are the data node's. After a transport error, or an error reply READONLY,
 * MASTERDOWN, LOADING or NOREPLICAS (the old master of a failover refusing writes), the master is
 * resolved again and the command retried once. A connected process asks again at most every
 * CF_TOPO_SENTINEL_RECHECK_MS (before its next command) and moves when the sentinels name another
 * master: an old master that still says "master" (sentinels demote it only seconds later) serves a
 * reader for at most that long. The sentinel that answered last stays connected.
 *
 * Cluster: a command goes to the node its routing key's slot is known at, else to a seed (the
 * seeds in the configured order, the next one after a seed was unreachable). -MOVED remembers
 * the slot's node and retries there; -ASK sends ASKING and the command to the target once,
 * without remembering it; -TRYAGAIN (a slot half migrated) waits briefly and retries. At most
 * CF_TOPO_MAX_REDIRECTS of those per command, then an error naming the last one. A transport
 * error on a slot's node forgets the slot (the seeds are asked again), once. Nodes are learnt
 * from redirections, each with the DSN's credentials; database 0 only (no SELECT). Scripts run
 * per node with the NOSCRIPT fall-back of src/redis.c (each node has its own script cache).
 *
 * Every command returns a reply (an error reply that is not one of the above is the caller's),
 * or NULL with t->err set. No message contains a password. Zend-free, malloc'd (a topology
 * outlives requests).
 */
#ifndef CF_REDIS_TOPOLOGY_H
#define CF_REDIS_TOPOLOGY_H

#include <stdbool.h>
#include <stddef.h>

#include "redis.h"

#define CF_TOPO_MAX_SEEDS     16
#define CF_TOPO_MAX_NODES     64 /* Cluster nodes known at once (seeds included) */
#define CF_TOPO_MAX_REDIRECTS 5  /* MOVED, ASK and TRYAGAIN answers followed per command */
#define CF_CLUSTER_SLOTS      16384
/* A connected process asks the sentinels again whether the master moved at most this often (on
 * its next command): how long a process that only reads can read an old master after a failover. */
#define CF_TOPO_SENTINEL_RECHECK_MS 1000

typedef enum cf_topo_kind { CF_TOPO_SINGLE, CF_TOPO_SENTINEL, CF_TOPO_CLUSTER } cf_topo_kind;

typedef struct cf_topo_addr {
	const char *host;
	int port;
} cf_topo_addr;

typedef struct cf_topo_config {
	cf_topo_kind kind;
	/* SINGLE: the server. SENTINEL, CLUSTER: the data nodes' user, password, db (CLUSTER: must be
	 * 0) and timeouts; host, port, socket_path and attempts are not used. */
	cf_redis_endpoint node;
	const cf_topo_addr *seeds; /* SENTINEL: the sentinels; CLUSTER: the seed nodes (1..16) */
	size_t nseeds;
	const char *master_name; /* SENTINEL */
	int sentinel_recheck_ms; /* SENTINEL: 0 = CF_TOPO_SENTINEL_RECHECK_MS */
} cf_topo_config;

typedef struct cf_redis_topo {
	cf_topo_kind kind;
	cf_redis *nodes; /* SINGLE, SENTINEL: one (the server, the master); CLUSTER: seeds first, then learnt */
	size_t nnodes;
	char *seed_host[CF_TOPO_MAX_SEEDS]; /* SENTINEL: the sentinels */
	int seed_port[CF_TOPO_MAX_SEEDS];
	size_t nseeds;          /* SENTINEL: the sentinels; CLUSTER: nodes[0..nseeds) are the seeds */
	char *master_name;      /* SENTINEL */
	bool master_known;      /* SENTINEL: nodes[0] points at the address a sentinel named */
	cf_redis sentinel;      /* SENTINEL: the connection to the sentinel asked last */
	long long confirmed_ms; /* SENTINEL: when a sentinel last named nodes[0] (monotonic clock) */
	int recheck_ms;
	unsigned char *slots;    /* CLUSTER: per slot the index + 1 of the node serving it, 0 = not known */
	size_t seed_next;        /* CLUSTER: the seed asked for a slot not known */
	unsigned long resolves;  /* SENTINEL: masters resolved (and confirmed) */
	unsigned long redirects; /* CLUSTER: MOVED and ASK answers followed */
	char err[256];           /* the last error, for messages */
} cf_redis_topo;

/* Copies everything. false when out of memory or the configuration is unusable (no seed, a
 * Cluster db other than 0), with t->err set when t could hold it. */
bool cf_topo_init(cf_redis_topo *t, const cf_topo_config *cfg);
/* Closes every connection (what was learnt is kept; a new master connection is confirmed again). */
void cf_topo_disconnect(cf_redis_topo *t);
void cf_topo_dtor(cf_redis_topo *t);

/* One command; key_arg: the index in argv of the key that routes it on a Cluster (-1: any node). */
redisReply *cf_topo_command(cf_redis_topo *t, int key_arg, int argc, const char **argv, const size_t *argvlen);

/* cf_redis_eval on the node of the first key (argv[0]; any node when nkeys is 0). */
redisReply *cf_topo_eval(
	cf_redis_topo *t, const cf_redis_script *s, int nkeys, int argc, const char **argv, const size_t *argvlen);

/* The Cluster hash slot of a key: CRC16 (XMODEM) of its hash tag, or of the whole key, mod 16384. */
unsigned cf_redis_key_slot(const char *key, size_t len);

/* One line for php --ri, without any password; snprintf contract. */
size_t cf_topo_describe(const cf_redis_topo *t, char *out, size_t outsize);

#endif
