/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: af8af57bd66a19a79ea6808309c35d87ffa35487 */




static const zend_function_entry class_ClusterFile_Exception_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_ClusterFile_Exception_InvalidCacheException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_ClusterFile_Exception_InvalidDataException_methods[] = {
	ZEND_FE_END
};

static zend_class_entry *register_class_ClusterFile_Exception(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ClusterFile", "Exception", class_ClusterFile_Exception_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);

	return class_entry;
}

static zend_class_entry *register_class_ClusterFile_Exception_InvalidCacheException(zend_class_entry *class_entry_ClusterFile_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ClusterFile\\Exception", "InvalidCacheException", class_ClusterFile_Exception_InvalidCacheException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_ClusterFile_Exception);

	return class_entry;
}

static zend_class_entry *register_class_ClusterFile_Exception_InvalidDataException(zend_class_entry *class_entry_ClusterFile_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ClusterFile\\Exception", "InvalidDataException", class_ClusterFile_Exception_InvalidDataException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_ClusterFile_Exception);

	return class_entry;
}
