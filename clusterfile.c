/*
 * clusterfile: module plumbing only - the module entry, its dependencies, globals, MINIT/
 * MSHUTDOWN/RINIT/MINFO. Every concern lives in src/ (see README.md, "Map of src/").
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <zlib.h>
#include <zstd.h>

#include "php.h"
#include "ext/standard/info.h"
#include "php_clusterfile.h"
#include "src/php_backend.h"
#include "src/php_errors.h"
#include "src/meta.h"
#include "src/php_typo3.h"
#include "src/codec.h"
#include "src/php_functions.h"
#include "src/php_gc.h"
#include "src/php_check.h"
#include "src/php_meta_redis.h"
#include "src/php_verified.h"
#include "src/php_metrics.h"
#include "stubs/functions_arginfo.h"

ZEND_DECLARE_MODULE_GLOBALS(clusterfile)

/* clusterfile.metrics_slots: the label sets the shared segment holds, 1..CF_METRICS_SLOTS_MAX. */
static ZEND_INI_MH(OnUpdateMetricsSlots)
{
	zend_long v = ZEND_STRTOL(ZSTR_VAL(new_value), NULL, 10);
	if (v < 1 || v > CF_METRICS_SLOTS_MAX) {
		php_error_docref(NULL, E_WARNING, "clusterfile.metrics_slots must be between 1 and %d, \"%s\" given",
			CF_METRICS_SLOTS_MAX, ZSTR_VAL(new_value));
		return FAILURE;
	}
	return OnUpdateLong(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

PHP_INI_BEGIN()
STD_PHP_INI_BOOLEAN("clusterfile.metrics", "1", PHP_INI_SYSTEM, OnUpdateBool, metrics_enabled, zend_clusterfile_globals,
	clusterfile_globals)
STD_PHP_INI_ENTRY("clusterfile.metrics_slots", "256", PHP_INI_SYSTEM, OnUpdateMetricsSlots, metrics_slots,
	zend_clusterfile_globals, clusterfile_globals)
PHP_INI_END()

static PHP_GINIT_FUNCTION(clusterfile)
{
#if defined(COMPILE_DL_CLUSTERFILE) && defined(ZTS)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	clusterfile_globals->request_epoch = 0;
	clusterfile_globals->gc_done = NULL;
	clusterfile_globals->gc_done_epoch = 0;
	clusterfile_globals->cycle_exceptions = NULL;
	clusterfile_globals->redis_conns = NULL;
	clusterfile_globals->pins = NULL;
	clusterfile_globals->verified_files = NULL;
	clusterfile_globals->metrics_enabled = true;
	clusterfile_globals->metrics_slots = 256;
	cf_codec_state_init(&clusterfile_globals->codec);
}

static PHP_GSHUTDOWN_FUNCTION(clusterfile)
{
	cf_codec_state_release(&clusterfile_globals->codec);
	if (clusterfile_globals->redis_conns) {
		cf_meta_redis_free_connections(clusterfile_globals->redis_conns);
		clusterfile_globals->redis_conns = NULL;
	}
	if (clusterfile_globals->verified_files) {
		cf_verified_free(clusterfile_globals->verified_files);
		clusterfile_globals->verified_files = NULL;
	}
}

static PHP_MINIT_FUNCTION(clusterfile)
{
	REGISTER_INI_ENTRIES();
	cf_php_metrics_minit(); /* before PHP-FPM forks: the workers inherit the segment */
	cf_errors_minit();
	cf_meta_minit();
	cf_backend_minit();
	cf_typo3_minit();
	cf_meta_redis_minit();
	return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(clusterfile)
{
	cf_typo3_mshutdown();
	cf_php_metrics_mshutdown();
	UNREGISTER_INI_ENTRIES();
	return SUCCESS;
}

static PHP_RINIT_FUNCTION(clusterfile)
{
#if defined(COMPILE_DL_CLUSTERFILE) && defined(ZTS)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	CF_G(request_epoch)++;
	return SUCCESS;
}

static PHP_RSHUTDOWN_FUNCTION(clusterfile)
{
	cf_php_gc_rshutdown();
	cf_errors_rshutdown();
	cf_meta_redis_rshutdown();
	return SUCCESS;
}

static PHP_MINFO_FUNCTION(clusterfile)
{
	char buf[64];
	php_info_print_table_start();
	php_info_print_table_row(2, "clusterfile support", "enabled");
	php_info_print_table_row(2, "Version", PHP_CLUSTERFILE_VERSION);
	php_info_print_table_row(2, "Metadata stores",
		cf_meta_redis_available() ? "cache frontend (userland), metadataDsn (native: redis://, valkey://, unix://, "
									"redis-sentinel://, redis-cluster://)"
								  : "cache frontend (userland)");
	cf_meta_redis_minfo();
	php_info_print_table_row(2, "Codecs", "none, zstd, gzip (raw deflate)");
	php_info_print_table_row(2, "libzstd", ZSTD_versionString());
	php_info_print_table_row(2, "zlib", zlibVersion());
	php_info_print_table_row(2, "OpenSSL libcrypto (built with)", OPENSSL_VERSION_TEXT);
	php_info_print_table_row(2, "OpenSSL libcrypto (running)", OpenSSL_version(OPENSSL_VERSION));
	snprintf(buf, sizeof(buf), "%s", zend_get_module_version("igbinary") ? zend_get_module_version("igbinary") : "n/a");
	php_info_print_table_row(2, "igbinary", buf);
	php_info_print_table_row(2, "Build options",
#ifdef CF_HAVE_HIREDIS
		"hiredis=yes"
#else
		"hiredis=no"
#endif
#ifdef CF_DEBUG
		", debug=yes"
#else
		", debug=no"
#endif
#ifdef ZTS
		", zts=yes"
#else
		", zts=no"
#endif
	);
	php_info_print_table_end();
	cf_php_metrics_minfo();
	DISPLAY_INI_ENTRIES();
}

/* Reflection: MINIT wraps ReflectionClass::getFileName() (see php_typo3.c). */
static const zend_module_dep clusterfile_deps[] = {
	ZEND_MOD_REQUIRED("spl") ZEND_MOD_REQUIRED("reflection") ZEND_MOD_OPTIONAL("igbinary") ZEND_MOD_END};

zend_module_entry clusterfile_module_entry = {STANDARD_MODULE_HEADER_EX, NULL, clusterfile_deps, "clusterfile",
	ext_functions, PHP_MINIT(clusterfile), PHP_MSHUTDOWN(clusterfile), PHP_RINIT(clusterfile),
	PHP_RSHUTDOWN(clusterfile), PHP_MINFO(clusterfile), PHP_CLUSTERFILE_VERSION, PHP_MODULE_GLOBALS(clusterfile),
	PHP_GINIT(clusterfile), PHP_GSHUTDOWN(clusterfile), NULL, STANDARD_MODULE_PROPERTIES_EX};

#ifdef COMPILE_DL_CLUSTERFILE
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(clusterfile)
#endif
