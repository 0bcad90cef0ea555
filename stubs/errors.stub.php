<?php

/**
 * @generate-class-entries
 * @undocumentable
 */

namespace ClusterFile {
    /** Base of clusterfile's exceptions, thrown where TYPO3's own cache exceptions are not loadable. */
    class Exception extends \RuntimeException {}
}

namespace ClusterFile\Exception {
    /** Same code and meaning as TYPO3\CMS\Core\Cache\Exception\InvalidCacheException. */
    class InvalidCacheException extends \ClusterFile\Exception {}

    /** Same code and meaning as TYPO3\CMS\Core\Cache\Exception\InvalidDataException. */
    class InvalidDataException extends \ClusterFile\Exception {}
}
