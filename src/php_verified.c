/*
 * clusterfile: the PhpFrontend files this thread has verified (see php_verified.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "php_clusterfile.h"
#include "php_verified.h"
#include "hash.h"

typedef struct cf_verified_file {
	cf_store_file_id id;
	char checksum[CF_HEX64_LEN + 1];
} cf_verified_file;

static void cf_verified_dtor(zval *zv)
{
	pefree(Z_PTR_P(zv), 1);
}

bool cf_verified_lookup(const char *path, size_t len, const char *checksum, cf_store_file_id *out)
{
	cf_verified_file *f;
	if (!CF_G(verified_files)) {
		return false;
	}
	f = zend_hash_str_find_ptr(CF_G(verified_files), path, len);
	if (!f || !cf_hex64_equals(f->checksum, checksum)) {
		return false;
	}
	*out = f->id;
	return true;
}

void cf_verified_remember(const char *path, size_t len, const char *checksum, const cf_store_file_id *id)
{
	cf_verified_file *f;
	if (!CF_G(verified_files)) {
		CF_G(verified_files) = pemalloc(sizeof(HashTable), 1);
		zend_hash_init(CF_G(verified_files), 16, NULL, cf_verified_dtor, 1);
	}
	f = zend_hash_str_find_ptr(CF_G(verified_files), path, len);
	if (!f) {
		if (zend_hash_num_elements(CF_G(verified_files)) >= CF_VERIFIED_MAX) {
			zend_hash_clean(CF_G(verified_files));
		}
		f = pemalloc(sizeof(*f), 1);
		zend_hash_str_add_new_ptr(CF_G(verified_files), path, len, f);
	}
	f->id = *id;
	memcpy(f->checksum, checksum, CF_HEX64_LEN);
	f->checksum[CF_HEX64_LEN] = '\0';
}

void cf_verified_forget(const char *path, size_t len)
{
	if (CF_G(verified_files)) {
		zend_hash_str_del(CF_G(verified_files), path, len);
	}
}

void cf_verified_free(HashTable *table)
{
	zend_hash_destroy(table);
	pefree(table, 1);
}
