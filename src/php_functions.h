/*
 * clusterfile: the module's functions (ClusterFile\reset()).
 */
#ifndef CF_PHP_FUNCTIONS_H
#define CF_PHP_FUNCTIONS_H

#include "php.h"

/* The entries themselves are generated into stubs/functions_arginfo.h (included by clusterfile.c). */
ZEND_FUNCTION(ClusterFile_reset);

#endif
