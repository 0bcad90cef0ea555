/*
 * clusterfile: the metadataDsn option of the native Redis/Valkey metadata path.
 *
 * This module owns the DSN grammar (schemes, hosts, ports, db, master name, query keys, defaults
 * and ranges), its one-line error messages, the redacted form shown in messages and the
 * endpoint identity of a connection. It does not connect, resolve names or talk RESP. Zend-free:
 * every allocation goes through the caller's cf_allocator.
 *
 * Accepted forms (scheme case-insensitive; "valkey" instead of "redis" only sets the valkey label):
 *   redis://[user:password@ | :password@]host[:port][/db][?query]           port 6379
 *   unix://[userinfo@]/abs/path.sock[?query]        also redis+unix://, valkey+unix://
 *   redis-sentinel://[userinfo@]h1[:port],h2[:port].../mastername[/db][?query]    port 26379
 *   redis-cluster://[userinfo@]h1[:port],h2[:port]...[?query]                     port 6379
 * host: [IPv6], or 1..253 characters of [A-Za-z0-9.-] (names, IPv4); stored lower-cased.
 * userinfo: unreserved, sub-delims, ':' and %XX escapes; user ends at the first ':'. A user
 * always needs a password (Redis has no user-only AUTH; "redis://secret@host" would otherwise
 * show a password-meant-as-user in the redacted form).
 * Query keys (lower-case, each at most once, never empty): prefix, timeout, read_timeout,
 * persistent (0|1|true|false|on|off, any case), and db (unix only). Percent-decoding applies to
 * user and password only.
 *
 * Error messages start with "metadataDsn: ", are one line, and echo no byte of the input: they
 * can never contain the password.
 */
#ifndef CF_DSN_H
#define CF_DSN_H

#include "alloc.h"
#include <stdbool.h>
#include <stddef.h>

#define CF_DSN_MAX_LEN         4096 /* longer input: CF_DSN_E_RANGE */
#define CF_DSN_MAX_HOSTS       16
#define CF_DSN_MAX_DB          (1024L * 1024L)
#define CF_DSN_MAX_SOCKET_PATH 107 /* bytes; sun_path is 108 on Linux */
#define CF_DSN_MAX_PREFIX      64
#define CF_DSN_MAX_MASTER_NAME 64
#define CF_DSN_MAX_TIMEOUT_MS  60000
#define CF_DSN_DEFAULT_TIMEOUT 1000
#define CF_DSN_DEFAULT_PREFIX  "cf"

typedef enum cf_dsn_kind { CF_DSN_TCP, CF_DSN_UNIX, CF_DSN_SENTINEL, CF_DSN_CLUSTER } cf_dsn_kind;

typedef struct cf_dsn_host {
	char *host; /* lower-cased; an IPv6 address without its brackets */
	int port;   /* 1..65535 */
} cf_dsn_host;

/* Every string is NUL-terminated and owned by the allocator given to cf_dsn_parse. */
typedef struct cf_dsn {
	cf_dsn_kind kind;
	bool valkey; /* valkey scheme: the same protocol, a label */
	cf_dsn_host hosts[CF_DSN_MAX_HOSTS];
	size_t nhosts;       /* TCP: 1; SENTINEL: the sentinels; CLUSTER: the seed nodes; UNIX: 0 */
	char *socket_path;   /* UNIX only: absolute, as given */
	char *user;          /* NULL if none; percent-decoded */
	char *password;      /* NULL if none; percent-decoded; wiped by cf_dsn_free */
	char *master_name;   /* SENTINEL only: [A-Za-z0-9_.-]{1,64} */
	long db;             /* 0..CF_DSN_MAX_DB, default 0; CLUSTER: always 0 */
	char *prefix;        /* default "cf"; [A-Za-z0-9_.-]{1,64} (part of a Redis hash tag) */
	int timeout_ms;      /* connect timeout; query timeout=<seconds>; 1..60000, default 1000 */
	int read_timeout_ms; /* query read_timeout=<seconds>; 1..60000, default 1000 */
	bool persistent;     /* query persistent=0|1|true|false|on|off; default true */
} cf_dsn;

typedef enum cf_dsn_status {
	CF_DSN_OK,
	CF_DSN_E_SYNTAX, /* not the grammar: unknown scheme or key, bad character, empty part, ... */
	CF_DSN_E_RANGE,  /* the grammar, but a number or a length is out of range */
	CF_DSN_E_NOMEM,
} cf_dsn_status;

/*
 * Parses s[0..len) (NUL bytes are rejected, s need not be NUL-terminated). On CF_DSN_OK *out owns
 * its strings (release with cf_dsn_free and the same allocator). On any error *out holds no
 * allocation (cf_dsn_free on it is harmless) and err, when errsize > 0, receives a NUL-terminated
 * "metadataDsn: ..." message (truncated to errsize).
 */
cf_dsn_status cf_dsn_parse(const char *s, size_t len, const cf_allocator *a, cf_dsn *out, char *err, size_t errsize);

/* Releases every string (wiping the password first) and resets the pointers: idempotent, NULL-safe. */
void cf_dsn_free(cf_dsn *d, const cf_allocator *a);

/*
 * The three writers below follow snprintf: they return the length of the full result (without
 * the NUL) and write at most outsize - 1 bytes of it plus a NUL (nothing when outsize is 0).
 */

/*
 * The DSN as given with the password, and only it, replaced by "***": for messages, getOptions()
 * and phpinfo. Works on any input, valid or not: when the input does not parse, whatever could be
 * a password (all of a userinfo without ':', everything up to the last '@' if the userinfo is
 * malformed) is replaced too. Needs no allocation.
 */
size_t cf_dsn_redact(const char *s, size_t len, char *out, size_t outsize);

/*
 * The identity of one connection, without the password (one connection per process and
 * endpoint); host_index picks the host (must be 0 for UNIX; out of range: returns 0, writes "").
 *   TCP       [user@]host:port/db            IPv6 in brackets; user percent-encoded
 *   UNIX      unix:[user@]/path.sock/db
 *   SENTINEL  sentinel:[user@]host:port/mastername/db   (the sentinel itself)
 *   CLUSTER   cluster:[user@]host:port
 */
size_t cf_dsn_endpoint(const cf_dsn *d, size_t host_index, char *out, size_t outsize);

/*
 * The canonical DSN of d, WITH the password (percent-encoded): lower-case scheme, every default
 * left out, query keys in a fixed order. cf_dsn_parse of it gives back the same struct, and it is
 * never longer than the input d was parsed from. Never show it: redact it first.
 */
size_t cf_dsn_canonical(const cf_dsn *d, char *out, size_t outsize);

#endif
