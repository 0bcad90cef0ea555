/*
 * clusterfile: the module's functions (see php_functions.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "php_clusterfile.h"
#include "php_functions.h"

/*
 * A new unit of work: the same signal RINIT gives. Every backend compares the epoch at its next
 * method call and empties its L1s then, so nothing is freed here while userland might hold it.
 */
ZEND_FUNCTION(ClusterFile_reset)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CF_G(request_epoch)++;
}
