/*
 * clusterfile: what clusterfile knows about its host framework.
 *
 * This module owns the lazy declaration of ClusterFile\Typo3\ClusterFileBackend (a chained
 * zend_autoload hook: the class exists as soon as TYPO3's interfaces can be loaded, and never
 * under opcache preloading, where an eval-declared parent would dangle) and its having no file
 * (ReflectionClass::getFileName() is false for it: MINIT wraps that method), the recognition of a PHP
 * code frontend, and running a cached .php file through PHP's own include (so OPcache caches it
 * and the JIT sees an ordinary include).
 */
#ifndef CF_PHP_TYPO3_H
#define CF_PHP_TYPO3_H

#include "php.h"

void cf_typo3_minit(void);
void cf_typo3_mshutdown(void);

/* True for TYPO3's (or Flow/Neos') PhpFrontend and its subclasses. Never autoloads. */
bool cf_typo3_is_php_frontend(zend_class_entry *ce);

/*
 * require (once = false) or require_once (once = true) of path, through a tiny userland helper so
 * the include runs in the VM. FAILURE: could not run it (an exception may be pending - from the
 * included code itself, for instance).
 */
zend_result cf_typo3_require(zend_string *path, bool once, zval *rv);

#endif
