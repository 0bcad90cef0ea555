/*
 * clusterfile: exceptions.
 *
 * This module owns which class an error is thrown as and with which code. TYPO3's own cache
 * exception classes are used when they can be loaded (so TYPO3 code catching them keeps working);
 * otherwise the ClusterFile\Exception family with the same codes. It owns the codes as names.
 * It does not decide when to throw.
 */
#ifndef CF_PHP_ERRORS_H
#define CF_PHP_ERRORS_H

#include "php.h"

/* Codes, the reference's where it has one. */
#define CF_E_OPTIONS_INVALID        1747500003 /* InvalidCacheException: option violations */
#define CF_E_PAYLOAD_TOO_LARGE      1747500021 /* InvalidDataException: set() payload over maxPayloadBytes */
#define CF_E_WRITE_FAILED           1747500022 /* Cache\Exception: set() failed (cause in previous) */
#define CF_E_METADATA_CACHE_MISSING 1747500050 /* InvalidCacheException: metadata cache not resolvable */
#define CF_E_METADATA_CACHE_SELF    1747500051 /* InvalidCacheException: metadata cache is this cache */
#define CF_E_CACHE_NAME             1747500052 /* InvalidArgumentException: cache identifier unusable */
#define CF_E_NOT_CONSTRUCTED        1747500053 /* Error: method on an unconstructed backend */
#define CF_E_BAD_FRONTEND           1747500054 /* InvalidCacheException: metadata frontend lacks a method */
#define CF_E_STORE                  1747500060 /* ClusterFile\Exception: local store failure (a previous) */
#define CF_E_INVALIDATION_FAILED    1747500061 /* Cache\Exception: flush/flushByTag(s)/remove not carried out */
#define CF_E_META_REDIS             1747500070 /* ClusterFile\Exception: the native metadata store failed (a previous) */
/* InvalidArgumentException codes TYPO3's frontends use for the same operation (see
 * cf_validate_identifier in php_backend.c for the identifier codes of each method). */
#define CF_E_IDENTIFIER     1233058264 /* set(): entry identifier (VariableFrontend::set) */
#define CF_E_IDENTIFIER_PHP 1264023823 /* set(): entry identifier, PhpFrontend bound (PhpFrontend::set) */
#define CF_E_TAG            1233058269 /* set(): tag (VariableFrontend::set) */
#define CF_E_TAG_PHP        1264023825 /* set(): tag, PhpFrontend bound (PhpFrontend::set) */
#define CF_E_TAG_FLUSH      1233057359 /* flushByTag(): tag (AbstractFrontend::flushByTag) */
#define CF_E_TAG_FLUSH_TAGS 1233057360 /* flushByTags(): tag (AbstractFrontend::flushByTags) */

extern zend_class_entry *cf_exception_ce;
extern zend_class_entry *cf_invalid_cache_exception_ce;
extern zend_class_entry *cf_invalid_data_exception_ce;

void cf_errors_minit(void);
/* Forgets the request's metadata-cycle exceptions (before the executor frees the objects). */
void cf_errors_rshutdown(void);

/*
 * Each throws a new exception; if one is pending it becomes the new one's previous (so a caught
 * userland exception can be wrapped without exposing its message). An exception that must travel
 * (below) is never wrapped: it stays pending and nothing new is thrown.
 */
void cf_throw_invalid_cache(zend_long code, const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 2, 3);
void cf_throw_invalid_data(zend_long code, const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 2, 3);
void cf_throw_cache(zend_long code, const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 2, 3);
void cf_throw_invalid_argument(zend_long code, const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 2, 3);
void cf_throw_plain(zend_long code, const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 2, 3);

/* Whether the pending exception is PHP's unwind exit (exit()/die()) or a graceful exit. */
bool cf_exception_is_exit(void);

/*
 * Whether the pending exception must reach the caller unchanged: PHP's exit (above) or a metadata
 * cycle, which a read must not turn into a miss. A metadata cycle is recognised by identity: an
 * exception with code CF_E_METADATA_CACHE_SELF that clusterfile itself threw in this request (also
 * when userland caught and rethrew it), never by its code alone - a userland frontend's exception
 * with that code is a failure of the store like any other.
 */
bool cf_exception_must_travel(void);

/*
 * Clears a pending exception after a failed userland call whose failure is reported otherwise (a
 * miss, a counter). One that must travel is never cleared: false is returned with it still
 * pending, and the caller returns at once (RETURN_THROWS()). true when nothing is pending any more.
 */
bool cf_clear_exception(void);

/* A user-supplied string made safe for a message: at most 64 bytes, non-printables as '?'. */
void cf_printable(const char *s, size_t len, char out[72]);

#endif
