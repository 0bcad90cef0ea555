dnl config.m4 for extension clusterfile

PHP_ARG_ENABLE([clusterfile],
  [whether to enable clusterfile support],
  [AS_HELP_STRING([--enable-clusterfile],
    [Enable the cluster-aware cache backend])],
  [no])

PHP_ARG_ENABLE([clusterfile-debug],
  [whether to enable clusterfile debug checks],
  [AS_HELP_STRING([--enable-clusterfile-debug],
    [clusterfile: extra assertions for development builds])],
  [no], [no])

PHP_ARG_ENABLE([clusterfile-dev],
  [whether to build clusterfile with -Werror],
  [AS_HELP_STRING([--enable-clusterfile-dev],
    [clusterfile: treat compiler warnings as errors (the project's CI; off for pecl and distribution builds)])],
  [no], [no])

PHP_ARG_WITH([libzstd],
  [for the zstd library],
  [AS_HELP_STRING([[--with-libzstd[=DIR]]],
    [clusterfile: use libzstd installed under DIR when pkg-config cannot find it])],
  [yes], [no])

PHP_ARG_WITH([hiredis],
  [for hiredis (the native Redis/Valkey metadata store, option metadataDsn)],
  [AS_HELP_STRING([[--with-hiredis[=yes|no|auto]]],
    [clusterfile: build the native metadata store over hiredis >= 0.14 (default: auto, when pkg-config finds it)])],
  [auto], [no])

if test "$PHP_CLUSTERFILE" != "no"; then
  PKG_PROG_PKG_CONFIG

  dnl --- libzstd >= 1.4.0: pkg-config first, then a directory search -------
  CF_ZSTD_MIN=1.4.0
  if test "$PHP_LIBZSTD" = "yes" && $PKG_CONFIG --atleast-version=$CF_ZSTD_MIN libzstd 2>/dev/null; then
    LIBZSTD_CFLAGS=`$PKG_CONFIG --cflags libzstd`
    LIBZSTD_LIBS=`$PKG_CONFIG --libs libzstd`
    dnl (AC_MSG_NOTICE prints backquotes literally: the version is read first)
    CF_ZSTD_VERSION=`$PKG_CONFIG --modversion libzstd`
    AC_MSG_NOTICE([clusterfile: libzstd $CF_ZSTD_VERSION via pkg-config])
  else
    for cf_dir in $PHP_LIBZSTD /usr/local /usr; do
      if test -r "$cf_dir/include/zstd.h"; then
        LIBZSTD_CFLAGS="-I$cf_dir/include"
        LIBZSTD_LIBS="-L$cf_dir/$PHP_LIBDIR -lzstd"
        break
      fi
    done
    if test -z "$LIBZSTD_LIBS"; then
      AC_MSG_ERROR([clusterfile needs libzstd >= $CF_ZSTD_MIN (Debian: apt-get install libzstd-dev)])
    fi
    PHP_CHECK_LIBRARY(zstd, ZSTD_getFrameContentSize, [],
      [AC_MSG_ERROR([libzstd in $cf_dir is older than $CF_ZSTD_MIN])], [$LIBZSTD_LIBS])
  fi
  PHP_EVAL_INCLINE($LIBZSTD_CFLAGS)
  PHP_EVAL_LIBLINE($LIBZSTD_LIBS, CLUSTERFILE_SHARED_LIBADD)

  dnl --- zlib >= 1.2.11 (raw deflate, crc32) -------------------------------
  PKG_CHECK_MODULES([ZLIB], [zlib >= 1.2.11], [],
    [AC_MSG_ERROR([clusterfile needs zlib >= 1.2.11 (Debian: apt-get install zlib1g-dev)])])
  PHP_EVAL_INCLINE($ZLIB_CFLAGS)
  PHP_EVAL_LIBLINE($ZLIB_LIBS, CLUSTERFILE_SHARED_LIBADD)

  dnl --- OpenSSL libcrypto >= 1.1.1 (sha256) -------------------------------
  PKG_CHECK_MODULES([LIBCRYPTO], [libcrypto >= 1.1.1], [],
    [AC_MSG_ERROR([clusterfile needs OpenSSL libcrypto >= 1.1.1 (Debian: apt-get install libssl-dev)])])
  PHP_EVAL_INCLINE($LIBCRYPTO_CFLAGS)
  PHP_EVAL_LIBLINE($LIBCRYPTO_LIBS, CLUSTERFILE_SHARED_LIBADD)

  dnl --- hiredis >= 0.14: optional; without it metadataDsn is a construction error ---------
  CF_HIREDIS_SOURCES=""
  CF_UNIT_REDIS=""
  HIREDIS_LIBS=""
  if test "$PHP_HIREDIS" != "no"; then
    if $PKG_CONFIG --atleast-version=0.14 hiredis 2>/dev/null; then
      HIREDIS_CFLAGS=`$PKG_CONFIG --cflags hiredis | sed 's/-D_FILE_OFFSET_BITS=64//'`
      HIREDIS_LIBS=`$PKG_CONFIG --libs hiredis`
      CF_HIREDIS_VERSION=`$PKG_CONFIG --modversion hiredis`
      AC_MSG_NOTICE([clusterfile: hiredis $CF_HIREDIS_VERSION via pkg-config: native metadata store on])
      PHP_EVAL_INCLINE($HIREDIS_CFLAGS)
      PHP_EVAL_LIBLINE($HIREDIS_LIBS, CLUSTERFILE_SHARED_LIBADD)
      AC_DEFINE([CF_HAVE_HIREDIS], [1], [clusterfile: the native metadata store over hiredis])
      CF_HIREDIS_SOURCES="src/redis.c src/redis_topology.c"
      CF_UNIT_REDIS="redis redis_topology"
    elif test "$PHP_HIREDIS" = "yes"; then
      AC_MSG_ERROR([--with-hiredis: hiredis >= 0.14 not found by pkg-config (Debian: apt-get install libhiredis-dev)])
    else
      AC_MSG_NOTICE([clusterfile: hiredis not found: built without the native metadata store])
    fi
  fi

  dnl --- igbinary: optional. Only its version string is read (the serializer label), so no
  dnl headers are needed; when it is loaded it loads first.
  PHP_ADD_EXTENSION_DEP(clusterfile, igbinary, true)
  PHP_ADD_EXTENSION_DEP(clusterfile, spl)
  PHP_ADD_EXTENSION_DEP(clusterfile, reflection)

  if test "$PHP_CLUSTERFILE_DEBUG" != "no"; then
    AC_DEFINE([CF_DEBUG], [1], [clusterfile debug build])
  fi

  dnl Warnings: -Wall -Wextra always; -Werror only with --enable-clusterfile-dev (CI), so a newer
  dnl compiler's new warning never breaks a user's build.
  CF_WARN_CFLAGS="-Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers"
  if test "$PHP_CLUSTERFILE_DEV" != "no"; then
    CF_WARN_CFLAGS="$CF_WARN_CFLAGS -Werror"
  fi

  CLUSTERFILE_CORE_SOURCES="src/hash.c src/codec.c src/store.c src/lru.c src/ident.c src/record.c src/options.c src/gc.c src/dsn.c src/metrics.c $CF_HIREDIS_SOURCES"
  CLUSTERFILE_GLUE_SOURCES="src/php_errors.c src/php_options.c src/php_meta.c src/php_backend.c src/php_backend_keys.c src/php_backend_records.c src/php_backend_read.c src/php_backend_write.c src/php_typo3.c src/php_functions.c src/php_gc.c src/php_meta_redis.c src/php_meta_redis_record.c src/php_verified.c src/php_shared_payload.c src/php_metrics.c src/php_check.c"

  PHP_NEW_EXTENSION(clusterfile,
    clusterfile.c $CLUSTERFILE_CORE_SOURCES $CLUSTERFILE_GLUE_SOURCES,
    $ext_shared,, [$CF_WARN_CFLAGS -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1])
  PHP_ADD_BUILD_DIR([$ext_builddir/src])
  PHP_ADD_INCLUDE([$ext_srcdir/src])
  PHP_SUBST(CLUSTERFILE_SHARED_LIBADD)
  PHP_SUBST(LIBZSTD_CFLAGS)
  PHP_SUBST(LIBZSTD_LIBS)
  PHP_SUBST(ZLIB_LIBS)
  PHP_SUBST(LIBCRYPTO_LIBS)
  PHP_SUBST(HIREDIS_LIBS)
  PHP_SUBST(CF_UNIT_REDIS)
  PHP_SUBST(CLUSTERFILE_CORE_SOURCES)
  PHP_ADD_MAKEFILE_FRAGMENT
fi
