/*
 * clusterfile: ClusterFile\check(), the readiness check of one cache configuration.
 *
 * This module owns the check's steps and its report: the options are valid (a backend is
 * constructed from them and bound to the cache identifier), localPath is a directory this process
 * can create files in (made when missing, as the first write would), the metadata store answers a
 * read, and a set/get/remove/has round trip of one probe entry (unique per call, 60 s lifetime,
 * tagged clusterfile_check) comes back as written. A failed check is reported, never thrown; later
 * checks that depend on it are "not run". The probe's backend counts nothing into the shared
 * metrics.
 */
#ifndef CF_PHP_CHECK_H
#define CF_PHP_CHECK_H

#include "php.h"

ZEND_FUNCTION(ClusterFile_check);

#endif
