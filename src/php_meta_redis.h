/*
 * clusterfile: the native metadata store - Redis/Valkey from C over hiredis, one round trip per
 * operation (src/redis_scripts.h), tag marks instead of tag sets, the write-after-invalidate guard,
 * HMAC-authenticated records. Implements src/meta.h.
 */
#ifndef CF_PHP_META_REDIS_H
#define CF_PHP_META_REDIS_H

#include "php.h"
#include "meta.h"
#include "options.h"

/* Whether this build has the native store (hiredis at build time). */
bool cf_meta_redis_available(void);

/*
 * At construction: what can be refused before any connection - a build without hiredis, a Cluster
 * DSN with a database, no record key. FAILURE with InvalidCacheException 1747500003 pending.
 */
zend_result cf_meta_redis_check(const cf_options *o);

/*
 * The store of one cache: the DSN of o, the namespace "<prefix>/<cache>", the record key (o's
 * recordKey, else TYPO3's SYS.encryptionKey). FAILURE with an exception pending (a bad DSN, no record
 * key, a build without hiredis). Connects lazily, on the first operation.
 */
zend_result cf_meta_redis_init(cf_meta *m, const cf_options *o, zend_string *cache_name);

/* The DSN with its password replaced by "***" (getOptions(), messages). */
zend_string *cf_meta_redis_redacted_dsn(const char *dsn, size_t len);

void cf_meta_redis_minit(void);
void cf_meta_redis_rshutdown(void);
/* Closes and frees a thread's connections (GSHUTDOWN: the table of that thread's globals). */
void cf_meta_redis_free_connections(HashTable *conns);
/* php --ri: hiredis version, the scripts' SHAs, the connections of this process (each: its endpoint
 * without the password, and the server, the resolved master or the cluster nodes known). */
void cf_meta_redis_minfo(void);

#endif
