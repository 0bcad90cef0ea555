/*
 * clusterfile: module plumbing only - the module entry, its dependencies, globals, MINIT/
 * MSHUTDOWN/RINIT/MINFO. Every concern lives in src/ (see README.md, "Map of src/").
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

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
#include "src/php_meta_redis.h"
#include "src/php_verified.h"
#include "stubs/functions_arginfo.h"

ZEND_DECLARE_MODULE_GLOBALS(clusterfile)

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
	snprintf(buf, sizeof(buf), "%s", zend_get_module_version("igbinary") ? zend_get_module_version("igbinary") : "n/a");
	php_info_print_table_row(2, "igbinary", buf);
#ifdef CF_DEBUG
	php_info_print_table_row(2, "Debug build", "yes");
#endif
	php_info_print_table_end();
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
