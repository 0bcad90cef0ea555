/*
 * clusterfile: the native metadata store's record as text - the 11-field record array of meta.h
 * as one line per field ("1", identifier, hash, checksum, serializer, compression, state,
 * createdAt, expiresAt, payloadSize, backendVersion, the user tags space-separated), and back.
 * Fields are checked for type and for the separators only; cf_record_from_array() validates the
 * values as for any store. The text is what the record's HMAC covers.
 */
#ifndef CF_PHP_META_REDIS_RECORD_H
#define CF_PHP_META_REDIS_RECORD_H

#include "php.h"
#include "zend_smart_str.h"

/* record (an array) -> r; false when a field is missing, of the wrong type or holds a separator. */
bool cf_mr_encode(zval *record, smart_str *r);
/* r -> a record array in rv; false (rv undefined) when r is not of this format. */
bool cf_mr_decode(const char *r, size_t len, zval *rv);
/* Space-joined strings of a packed array; false for a non-string, an empty one or one with a space. */
bool cf_mr_join(smart_str *out, zval *arr);

#endif
