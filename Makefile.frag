# clusterfile: extra make targets (included by the phpize-generated Makefile).
#
#   make unit-test   cmocka suite of the Zend-free core (tests/unit), fails on any failure
#   make stubs       regenerate stubs/*_arginfo.h from stubs/*.stub.php (offline, Debian php-parser)
#   make stubs-check fail if a committed *_arginfo.h is not what its stub generates
#   make bench       the benchmark suite (scripts/bench.sh: servers, workers, CSV/JSON, charts, summary)
#   make bench-micro the in-process micro-benchmarks of bench/bench.php

CF_UNIT_DIR = $(builddir)/tests/unit/build
CF_UNIT_CFLAGS = -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter \
	-Wno-missing-field-initializers -I$(srcdir)/src $(LIBZSTD_CFLAGS)
CF_UNIT_LIBS = $(LIBZSTD_LIBS) $(ZLIB_LIBS) $(LIBCRYPTO_LIBS) $(HIREDIS_LIBS) -lcmocka
CF_UNIT_TESTS = hash codec store lru ident record options gc dsn metrics $(CF_UNIT_REDIS)
CF_CORE_SRC = $(addprefix $(srcdir)/,$(CLUSTERFILE_CORE_SOURCES))

# Per-test link flags: syscall failure injection through the linker's --wrap.
CF_WRAP_store = -Wl,--wrap=write,--wrap=fsync,--wrap=renameat,--wrap=openat,--wrap=mkdirat,--wrap=fchmod,--wrap=read,--wrap=futimens,--wrap=syscall
CF_WRAP_redis = -Wl,--wrap=redisConnectWithTimeout,--wrap=redisConnectUnixWithTimeout,--wrap=redisSetTimeout \
	-Wl,--wrap=redisEnableKeepAlive,--wrap=redisFree,--wrap=redisCommandArgv,--wrap=freeReplyObject
CF_WRAP_redis_topology = $(CF_WRAP_redis)
# metrics: the test seam that leaves a claim unfinished (never in the extension build)
CF_WRAP_metrics = -DCF_METRICS_TESTING
CF_WRAP_gc = -Wl,--wrap=unlinkat,--wrap=fstatat,--wrap=realloc
# codec: libzstd's context functions (context accounting, failures); -pthread for the two-thread test.
CF_WRAP_codec = -pthread -Wl,--wrap=ZSTD_createCCtx,--wrap=ZSTD_createDCtx,--wrap=ZSTD_freeCCtx,--wrap=ZSTD_freeDCtx \
	-Wl,--wrap=ZSTD_compressCCtx,--wrap=ZSTD_decompressDCtx

$(CF_UNIT_DIR)/test_%: $(srcdir)/tests/unit/test_%.c $(CF_CORE_SRC) $(srcdir)/tests/unit/unit.h $(srcdir)/tests/unit/fake_hiredis.h $(wildcard $(srcdir)/src/*.h)
	@mkdir -p $(CF_UNIT_DIR)
	$(CC) $(CF_UNIT_CFLAGS) -o $@ $< $(CF_CORE_SRC) $(CF_WRAP_$*) $(CF_UNIT_LIBS)

unit-test: $(addprefix $(CF_UNIT_DIR)/test_,$(CF_UNIT_TESTS))
	@cf_fail=0; for t in $(CF_UNIT_TESTS); do \
		echo "== unit: $$t"; \
		CMOCKA_MESSAGE_OUTPUT=stdout $(CF_UNIT_DIR)/test_$$t || cf_fail=1; \
	done; \
	if test $$cf_fail -ne 0; then echo "unit-test: FAILED"; exit 1; fi; echo "unit-test: all passed"

CF_GEN_STUB_DIR = $(builddir)/tests/unit/build/gen_stub

stubs:
	@$(srcdir)/stubs/gen.sh "$(PHP_EXECUTABLE)" "$(srcdir)"

stubs-check:
	@$(srcdir)/stubs/gen.sh "$(PHP_EXECUTABLE)" "$(srcdir)" --check

.PHONY: unit-test stubs stubs-check

bench: all
	bash $(srcdir)/scripts/bench.sh $(BENCH_ARGS)

bench-micro: all
	$(PHP_EXECUTABLE) -n -d extension=$(EXTENSION_DIR)/igbinary.so \
		-d extension=$(builddir)/modules/clusterfile.so $(srcdir)/bench/bench.php $(BENCH_ITERATIONS)

.PHONY: bench bench-micro

# make sanitizers   build a debug+ZTS PHP and an ASan+UBSan PHP 8.2 from Debian's
#                   php8.2 source package (cached in $CF_SANITIZER_CACHE, default
#                   /var/tmp/clusterfile-sanitizers) and run the phpt suite on both.
#                   Long (PHP builds); not part of `make test`. See tests/sanitizers/README.md.
sanitizers:
	$(srcdir)/tests/sanitizers/build-php.sh all

sanitizers-zts:
	$(srcdir)/tests/sanitizers/build-php.sh zts

sanitizers-asan:
	$(srcdir)/tests/sanitizers/build-php.sh asan

.PHONY: sanitizers sanitizers-zts sanitizers-asan
