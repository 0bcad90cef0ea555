/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 7f3ede638761fa4b31f9a037c595991a31db7b5b */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_ClusterFile_reset, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()


ZEND_FUNCTION(ClusterFile_reset);


static const zend_function_entry ext_functions[] = {
	ZEND_NS_FALIAS("ClusterFile", reset, ClusterFile_reset, arginfo_ClusterFile_reset)
	ZEND_FE_END
};
