/*
 * clusterfile: the PhpFrontend files this thread has verified, kept across requests.
 *
 * The require path checks a .php payload's sha256 before PHP includes it; for a large file that is
 * most of a warm request (OPcache serves the compiled script anyway). A file verified once is
 * remembered by its path, the checksum it matched and its identity (device, inode, size, mtime,
 * ctime: src/store.h); while all of these are unchanged it is not read again. Persistent memory in
 * the module globals, at most CF_VERIFIED_MAX entries (beyond that the table starts over), freed in
 * GSHUTDOWN.
 */
#ifndef CF_PHP_VERIFIED_H
#define CF_PHP_VERIFIED_H

#include "php.h"
#include "store.h"

#define CF_VERIFIED_MAX 4096

/* The identity path had when it last matched checksum (64 hex), or false. */
bool cf_verified_lookup(const char *path, size_t len, const char *checksum, cf_store_file_id *out);
/* Remembers that path, with identity id, matched checksum. */
void cf_verified_remember(const char *path, size_t len, const char *checksum, const cf_store_file_id *id);
/* Forgets path (it failed a check, or was removed). */
void cf_verified_forget(const char *path, size_t len);
/* GSHUTDOWN: frees a thread's table. */
void cf_verified_free(HashTable *table);

#endif
