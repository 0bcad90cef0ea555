/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 2699725c46a18625ea10cbb9e8520bfe4c59d025 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_ClusterFile_NativeBackend___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ClusterFile_NativeBackend_setCache, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, cache, IS_OBJECT, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ClusterFile_NativeBackend_set, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, data, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, tags, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, lifetime, IS_LONG, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ClusterFile_NativeBackend_get, 0, 1, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ClusterFile_NativeBackend_has, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, entryIdentifier, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ClusterFile_NativeBackend_remove arginfo_class_ClusterFile_NativeBackend_has

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ClusterFile_NativeBackend_flush, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ClusterFile_NativeBackend_flushByTag, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ClusterFile_NativeBackend_flushByTags, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, tags, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ClusterFile_NativeBackend_findIdentifiersByTag, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ClusterFile_NativeBackend_collectGarbage arginfo_class_ClusterFile_NativeBackend_flush

#define arginfo_class_ClusterFile_NativeBackend_requireOnce arginfo_class_ClusterFile_NativeBackend_get

#define arginfo_class_ClusterFile_NativeBackend_require arginfo_class_ClusterFile_NativeBackend_get

#define arginfo_class_ClusterFile_NativeBackend_reset arginfo_class_ClusterFile_NativeBackend_flush

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ClusterFile_NativeBackend_getOptions, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ClusterFile_NativeBackend_getStatistics arginfo_class_ClusterFile_NativeBackend_getOptions

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ClusterFile_NativeBackend_getMetadataCacheIdentifier, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ClusterFile_NativeBackend_getLocalPath arginfo_class_ClusterFile_NativeBackend_getMetadataCacheIdentifier

#define arginfo_class_ClusterFile_NativeBackend_getNamespaceEnvironment arginfo_class_ClusterFile_NativeBackend_getMetadataCacheIdentifier

#define arginfo_class_ClusterFile_NativeBackend_getNamespaceInstance arginfo_class_ClusterFile_NativeBackend_getMetadataCacheIdentifier


ZEND_METHOD(ClusterFile_NativeBackend, __construct);
ZEND_METHOD(ClusterFile_NativeBackend, setCache);
ZEND_METHOD(ClusterFile_NativeBackend, set);
ZEND_METHOD(ClusterFile_NativeBackend, get);
ZEND_METHOD(ClusterFile_NativeBackend, has);
ZEND_METHOD(ClusterFile_NativeBackend, remove);
ZEND_METHOD(ClusterFile_NativeBackend, flush);
ZEND_METHOD(ClusterFile_NativeBackend, flushByTag);
ZEND_METHOD(ClusterFile_NativeBackend, flushByTags);
ZEND_METHOD(ClusterFile_NativeBackend, findIdentifiersByTag);
ZEND_METHOD(ClusterFile_NativeBackend, collectGarbage);
ZEND_METHOD(ClusterFile_NativeBackend, requireOnce);
ZEND_METHOD(ClusterFile_NativeBackend, require);
ZEND_METHOD(ClusterFile_NativeBackend, reset);
ZEND_METHOD(ClusterFile_NativeBackend, getOptions);
ZEND_METHOD(ClusterFile_NativeBackend, getStatistics);
ZEND_METHOD(ClusterFile_NativeBackend, getMetadataCacheIdentifier);
ZEND_METHOD(ClusterFile_NativeBackend, getLocalPath);
ZEND_METHOD(ClusterFile_NativeBackend, getNamespaceEnvironment);
ZEND_METHOD(ClusterFile_NativeBackend, getNamespaceInstance);


static const zend_function_entry class_ClusterFile_NativeBackend_methods[] = {
	ZEND_ME(ClusterFile_NativeBackend, __construct, arginfo_class_ClusterFile_NativeBackend___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, setCache, arginfo_class_ClusterFile_NativeBackend_setCache, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, set, arginfo_class_ClusterFile_NativeBackend_set, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, get, arginfo_class_ClusterFile_NativeBackend_get, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, has, arginfo_class_ClusterFile_NativeBackend_has, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, remove, arginfo_class_ClusterFile_NativeBackend_remove, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, flush, arginfo_class_ClusterFile_NativeBackend_flush, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, flushByTag, arginfo_class_ClusterFile_NativeBackend_flushByTag, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, flushByTags, arginfo_class_ClusterFile_NativeBackend_flushByTags, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, findIdentifiersByTag, arginfo_class_ClusterFile_NativeBackend_findIdentifiersByTag, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, collectGarbage, arginfo_class_ClusterFile_NativeBackend_collectGarbage, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, requireOnce, arginfo_class_ClusterFile_NativeBackend_requireOnce, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, require, arginfo_class_ClusterFile_NativeBackend_require, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, reset, arginfo_class_ClusterFile_NativeBackend_reset, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, getOptions, arginfo_class_ClusterFile_NativeBackend_getOptions, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, getStatistics, arginfo_class_ClusterFile_NativeBackend_getStatistics, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, getMetadataCacheIdentifier, arginfo_class_ClusterFile_NativeBackend_getMetadataCacheIdentifier, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, getLocalPath, arginfo_class_ClusterFile_NativeBackend_getLocalPath, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, getNamespaceEnvironment, arginfo_class_ClusterFile_NativeBackend_getNamespaceEnvironment, ZEND_ACC_PUBLIC)
	ZEND_ME(ClusterFile_NativeBackend, getNamespaceInstance, arginfo_class_ClusterFile_NativeBackend_getNamespaceInstance, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_ClusterFile_NativeBackend(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ClusterFile", "NativeBackend", class_ClusterFile_NativeBackend_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_NOT_SERIALIZABLE;


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	return class_entry;
}
