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
/* The file name the class is compiled under: error messages about its declaration name it. */
#define CF_TYPO3_CLASS_FILE "clusterfile://ClusterFileBackend.php"

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
	if (zend_eval_stringl(cf_typo3_class_src, sizeof(cf_typo3_class_src) - 1, NULL, CF_TYPO3_CLASS_FILE) == FAILURE) {
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

/*
 * ReflectionClass::getFileName() of the declared class. The engine gives a class compiled from a
 * string the string's file name, and reflection answers it for every user class: code that stats
 * a class's file (Symfony's ReflectionClassResource, class-loading caches) then warned "Unable to
 * find the wrapper "clusterfile"". The name cannot be taken from the class (reflection, its
 * destructor and OPcache dereference it), so getFileName() of ReflectionClass and of its internal
 * subclasses (ReflectionObject, ReflectionEnum) is wrapped once in MINIT - the function entries
 * are process-wide - and answers false for this one class, as for an internal class. Subclasses
 * declared later copy the wrapped entry. Every other class gets the original answer.
 */
static zif_handler cf_get_file_name_orig;

static ZEND_NAMED_FUNCTION(cf_reflection_get_file_name)
{
	cf_get_file_name_orig(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	if (Z_TYPE_P(return_value) != IS_STRING) {
		return;
	}
	zend_class_entry *ours = zend_hash_str_find_ptr(EG(class_table), ZEND_STRL(CF_TYPO3_CLASS_LC));
	/* the very string of our class (reflection hands out ce->info.user.filename itself) */
	if (ours && ours->type == ZEND_USER_CLASS && Z_STR_P(return_value) == ours->info.user.filename) {
		zval_ptr_dtor(return_value);
		RETVAL_FALSE;
	}
}

/* Sets getFileName() of ReflectionClass and its internal subclasses from `from` to `to`. */
static void cf_swap_get_file_name(zend_class_entry *reflection_class, zif_handler from, zif_handler to)
{
	zend_class_entry *ce;
	ZEND_HASH_FOREACH_PTR(CG(class_table), ce)
	{
		if (ce->type != ZEND_INTERNAL_CLASS || !instanceof_function(ce, reflection_class)) {
			continue;
		}
		zend_function *fn = zend_hash_str_find_ptr(&ce->function_table, ZEND_STRL("getfilename"));
		if (fn && fn->type == ZEND_INTERNAL_FUNCTION && fn->internal_function.handler == from) {
			fn->internal_function.handler = to;
		}
	}
	ZEND_HASH_FOREACH_END();
}

static zend_class_entry *cf_reflection_class(void)
{
	return zend_hash_str_find_ptr(CG(class_table), ZEND_STRL("reflectionclass"));
}

void cf_typo3_minit(void)
{
	cf_previous_autoload = zend_autoload;
	zend_autoload = cf_autoload;

	zend_class_entry *rc = cf_reflection_class();
	zend_function *fn = rc ? zend_hash_str_find_ptr(&rc->function_table, ZEND_STRL("getfilename")) : NULL;
	if (fn && fn->type == ZEND_INTERNAL_FUNCTION) {
		cf_get_file_name_orig = fn->internal_function.handler;
		cf_swap_get_file_name(rc, cf_get_file_name_orig, cf_reflection_get_file_name);
	}
}

void cf_typo3_mshutdown(void)
{
	if (zend_autoload == cf_autoload) {
		zend_autoload = cf_previous_autoload;
	}
	zend_class_entry *rc = cf_reflection_class();
	if (rc && cf_get_file_name_orig) {
		cf_swap_get_file_name(rc, cf_reflection_get_file_name, cf_get_file_name_orig);
		cf_get_file_name_orig = NULL;
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
