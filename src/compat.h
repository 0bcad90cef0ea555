/*
 * clusterfile: every PHP-version shim in one place. The floor is PHP 8.2; each shim names the
 * version from which it can be deleted. Nothing else in the tree tests PHP_VERSION_ID.
 */
#ifndef CF_COMPAT_H
#define CF_COMPAT_H

#include "php.h"

#if PHP_VERSION_ID < 80200
#error "clusterfile needs PHP 8.2 or newer"
#endif

/* PHP 8.3 added zend_string_equals_cstr; 8.2 has only the literal form. Delete with the 8.2 floor. */
#if PHP_VERSION_ID < 80300
static zend_always_inline bool cf_zstr_equals_cstr(const zend_string *s, const char *c, size_t len)
{
	return ZSTR_LEN(s) == len && memcmp(ZSTR_VAL(s), c, len) == 0;
}
#else
#define cf_zstr_equals_cstr(s, c, len) zend_string_equals_cstr((s), (c), (len))
#endif

/* Opcache preloading marks compilation with ZEND_COMPILE_PRELOAD (7.4+). Kept behind a guard so a
 * build against a PHP that drops the flag still compiles (preload protection then simply never fires). */
#ifndef ZEND_COMPILE_PRELOAD
#define ZEND_COMPILE_PRELOAD 0
#endif

#endif
