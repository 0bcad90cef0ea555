/*
 * clusterfile: the host framework glue (see php_typo3.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"
#include "compat.h"
#include "php_typo3.h"

#define CF_TYPO3_CLASS_LC "clusterfile\\typo3\\clusterfilebackend"

/* The one-class declaration. The methods all come from ClusterFile\NativeBackend, whose arginfo
 * carries TYPO3 14's exact signatures. */
static const char cf_typo3_class_src[] = "namespace ClusterFile\\Typo3;\n"
										 "class ClusterFileBackend extends \\ClusterFile\\NativeBackend implements "
										 "\\TYPO3\\CMS\\Core\\Cache\\Backend\\TaggableBackendInterface, "
										 "\\TYPO3\\CMS\\Core\\Cache\\Backend\\PhpCapableBackendInterface {}\n";

/* The include helpers: the included file sees only $__cf_file. */
#define CF_REQUIRE_FN      "clusterfile\\internal\\require_file"
#define CF_REQUIRE_ONCE_FN "clusterfile\\internal\\require_once_file"
static const char cf_require_src[] =
	"namespace ClusterFile\\Internal;\n"
	"function require_file(string $__cf_file): mixed { return require $__cf_file; }\n"
	"function require_once_file(string $__cf_file): mixed { return require_once $__cf_file; }\n";

/* Set once in MINIT (process-wide, like the engine's own hook), restored in MSHUTDOWN. */
static zend_class_entry *(*cf_previous_autoload)(zend_string *name, zend_string *lc_name);

static bool cf_interface_loadable(const char *name, size_t len)
{
	zend_string *s = zend_string_init(name, len, 0);
	zend_class_entry *ce = zend_lookup_class(s);
	zend_string_release(s);
	return ce && !EG(exception) && (ce->ce_flags & ZEND_ACC_INTERFACE);
}

static zend_class_entry *cf_declare_typo3_class(zend_string *lc_name)
{
	if (CG(compiler_options) & ZEND_COMPILE_PRELOAD) {
		/* a preloaded child of an eval-declared class would keep a dangling parent */
		return NULL;
	}
	if (!cf_interface_loadable(ZEND_STRL("TYPO3\\CMS\\Core\\Cache\\Backend\\TaggableBackendInterface")) ||
		!cf_interface_loadable(ZEND_STRL("TYPO3\\CMS\\Core\\Cache\\Backend\\PhpCapableBackendInterface"))) {
		return NULL;
	}
	if (zend_eval_stringl(cf_typo3_class_src, sizeof(cf_typo3_class_src) - 1, NULL,
			"clusterfile://ClusterFileBackend.php") == FAILURE) {
		return NULL;
	}
	return zend_hash_find_ptr(EG(class_table), lc_name);
}

static zend_class_entry *cf_autoload(zend_string *name, zend_string *lc_name)
{
	zend_class_entry *ce = cf_previous_autoload ? cf_previous_autoload(name, lc_name) : NULL;
	if (ce || EG(exception)) {
		return ce;
	}
	if (cf_zstr_equals_cstr(lc_name, CF_TYPO3_CLASS_LC, sizeof(CF_TYPO3_CLASS_LC) - 1)) {
		return cf_declare_typo3_class(lc_name);
	}
	return NULL;
}

void cf_typo3_minit(void)
{
	cf_previous_autoload = zend_autoload;
	zend_autoload = cf_autoload;
}

void cf_typo3_mshutdown(void)
{
	if (zend_autoload == cf_autoload) {
		zend_autoload = cf_previous_autoload;
	}
}

bool cf_typo3_is_php_frontend(zend_class_entry *ce)
{
	static const char *const names[] = {
		"typo3\\cms\\core\\cache\\frontend\\phpfrontend",
		"neos\\cache\\frontend\\phpfrontend",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		zend_class_entry *php = zend_hash_str_find_ptr(EG(class_table), names[i], strlen(names[i]));
		if (php && instanceof_function(ce, php)) {
			return true;
		}
	}
	return false;
}

zend_result cf_typo3_require(zend_string *path, bool once, zval *rv)
{
	const char *fname = once ? CF_REQUIRE_ONCE_FN : CF_REQUIRE_FN;
	size_t flen = once ? sizeof(CF_REQUIRE_ONCE_FN) - 1 : sizeof(CF_REQUIRE_FN) - 1;
	zend_function *fn = zend_hash_str_find_ptr(EG(function_table), fname, flen);
	if (!fn) {
		if (CG(compiler_options) & ZEND_COMPILE_PRELOAD) {
			return FAILURE;
		}
		if (zend_eval_stringl(cf_require_src, sizeof(cf_require_src) - 1, NULL, "clusterfile://require.php") ==
			FAILURE) {
			return FAILURE;
		}
		fn = zend_hash_str_find_ptr(EG(function_table), fname, flen);
		if (!fn) {
			return FAILURE;
		}
	}
	zval arg;
	ZVAL_STR(&arg, path);
	zend_call_known_function(fn, NULL, NULL, rv, 1, &arg, NULL);
	return EG(exception) ? FAILURE : SUCCESS;
}
