#!/usr/bin/env bash
# The test command: installs what is missing, builds, then runs every suite and fails on any failure.
#   stubs-check  committed arginfo matches the stubs
#   format       clang-format clean
#   unit-test    cmocka suite of the Zend-free core
#   phpt         run-tests over tests/ (release PHP)
#   valgrind     the phpt suite again under valgrind (run-tests -m, USE_ZEND_ALLOC=0)
#   fuzz         libFuzzer, 20 s per target (codec, record, options, ident, store read)
#   cluster      pods as real processes on SQLite, MariaDB and Redis (userland) metadata stores
#                and on the native store (metadataDsn)
#   versions     build (-Werror), cmocka and phpt on PHP 8.4 (Debian trixie) and PHP 8.5 (sid +
#                experimental), each in a debootstrap root (tests/versions/run.sh; cached in /var/tmp)
#   sanitizers   the phpt suite on a debug+ZTS PHP and an ASan+UBSan PHP built from Debian's
#                php8.2 sources (tests/sanitizers/build-php.sh; cached in /var/tmp)
# CF_SKIP_VALGRIND=1 / CF_SKIP_SANITIZERS=1 skip those passes (quick local runs only; CI never
# sets them). CF_SKIP_VERSIONS=1 skips the 8.4/8.5 pass, except in CI (CI set), where it always runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
make stubs-check
scripts/format.sh --check
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
make unit-test 2>&1 | tee "$logs/unit.log"
igbinary="-d extension=$(php-config --extension-dir)/igbinary.so"
# run-tests arguments of both passes (the 1000-kill crash test needs more than the default 60 s on a busy box)
phpt_args="-q --show-diff --set-timeout 300 -j2 tests/"
echo "== phpt"
TEST_PHP_ARGS="$igbinary" NO_INTERACTION=1 REPORT_EXIT_STATUS=1 \
    make test TESTS="$phpt_args" 2>&1 | tee "$logs/phpt.log"
if [ -z "${CF_SKIP_VALGRIND:-}" ]; then
    echo "== phpt under valgrind"
    # the tests' own redis-server (and redis-cli) run natively: valgrind checks PHP and clusterfile
    TEST_PHP_ARGS="$igbinary -m" USE_ZEND_ALLOC=0 NO_INTERACTION=1 REPORT_EXIT_STATUS=1 \
        VALGRIND_OPTS="--trace-children-skip=*redis-server*,*redis-cli*,*php-fpm*" \
        make test TESTS="$phpt_args" 2>&1 | tee "$logs/valgrind.log"
fi
echo "== fuzz (a short libFuzzer run of every parser of untrusted bytes)"
make -C tests/fuzz run-short
echo "== cluster (pods as processes; sqlite, mariadb, redis, native metadata stores)"
tests/cluster/run.sh 2>&1 | tee "$logs/cluster.log"
if [ -z "${CF_SKIP_VERSIONS:-}" ] || [ -n "${CI:-}" ]; then
    echo "== versions (PHP 8.4 on trixie, PHP 8.5 on sid + experimental, in debootstrap roots)"
    tests/versions/run.sh all 2>&1 | tee "$logs/versions.log"
fi
if [ -z "${CF_SKIP_SANITIZERS:-}" ]; then
    echo "== sanitizers (phpt on debug+ZTS and ASan+UBSan PHP builds)"
    tests/sanitizers/build-php.sh all 2>&1 | tee "$logs/sanitizers.log"
fi
# One closing line over the suites (the valgrind pass re-runs the phpt, it is not counted twice).
unit_passed=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$logs/unit.log" | awk '{s+=$1} END {print s+0}')
unit_failed=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$logs/unit.log" | awk '{s+=$1} END {print s+0}')
phpt_count() { sed -n "s/^Tests $1 *: *\([0-9]*\).*/\1/p" "$logs/phpt.log" | head -n1; }
phpt_passed=$(phpt_count passed); phpt_failed=$(phpt_count failed); phpt_skipped=$(phpt_count skipped)
cluster_passed=$(sed -n 's/^cluster\[[a-z]*\]: \([0-9]*\) passed.*/\1/p' "$logs/cluster.log" | awk '{s+=$1} END {print s+0}')
cluster_failed=$(sed -n 's/^cluster\[[a-z]*\]: [0-9]* passed, \([0-9]*\) failed.*/\1/p' "$logs/cluster.log" | awk '{s+=$1} END {print s+0}')
echo "unit: $unit_passed passed, $unit_failed failed"
echo "phpt: ${phpt_passed:-0} passed, ${phpt_failed:-0} failed, ${phpt_skipped:-0} skipped"
echo "cluster: $cluster_passed passed, $cluster_failed failed"
grep '^versions\[' "$logs/versions.log" 2>/dev/null || true
grep '^sanitizers\[' "$logs/sanitizers.log" 2>/dev/null || true
echo "total: $((unit_passed + ${phpt_passed:-0} + cluster_passed)) passed, $((unit_failed + ${phpt_failed:-0} + cluster_failed)) failed, ${phpt_skipped:-0} skipped"
