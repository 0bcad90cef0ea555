/*
 * clusterfile: reading backend options out of a PHP array.
 *
 * This module owns the mapping of PHP values onto cf_value and the walk over the options array;
 * the contract itself (names, types, ranges) is options.c's. It owns the one exception that lists
 * every violation.
 */
#ifndef CF_PHP_OPTIONS_H
#define CF_PHP_OPTIONS_H

#include "php.h"
#include "options.h"

/*
 * Validates `options` into o (initialised here; the caller runs cf_options_dtor in every case).
 * metadata_cache receives a copy of the metadataCache object when one was given (else UNDEF).
 * On any violation throws InvalidCacheException 1747500003 and returns FAILURE.
 */
zend_result cf_php_options_parse(HashTable *options, cf_options *o, zval *metadata_cache);

/* The normalised options as an array (getOptions()). */
void cf_php_options_to_array(const cf_options *o, zval *rv);

#endif
