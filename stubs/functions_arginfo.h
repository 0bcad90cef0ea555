/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: a8ee7628c84d4b26b1a4307b8eab128ce787ff2a */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_ClusterFile_reset, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_ClusterFile_gc, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, localPath, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, limits, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_ClusterFile_metrics, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_ClusterFile_check, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, options, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, cacheIdentifier, IS_STRING, 0, "\"clusterfile_check\"")
ZEND_END_ARG_INFO()


ZEND_FUNCTION(ClusterFile_reset);
ZEND_FUNCTION(ClusterFile_gc);
ZEND_FUNCTION(ClusterFile_metrics);
ZEND_FUNCTION(ClusterFile_check);


static const zend_function_entry ext_functions[] = {
	ZEND_NS_FALIAS("ClusterFile", reset, ClusterFile_reset, arginfo_ClusterFile_reset)
	ZEND_NS_FALIAS("ClusterFile", gc, ClusterFile_gc, arginfo_ClusterFile_gc)
	ZEND_NS_FALIAS("ClusterFile", metrics, ClusterFile_metrics, arginfo_ClusterFile_metrics)
	ZEND_NS_FALIAS("ClusterFile", check, ClusterFile_check, arginfo_ClusterFile_check)
	ZEND_FE_END
};
