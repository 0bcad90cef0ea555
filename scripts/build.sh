#!/usr/bin/env bash
# Builds the extension in this checkout (phpize, configure, make). Extra args go to configure.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f Makefile ] || [ config.m4 -nt Makefile ] || [ -n "${CF_RECONFIGURE:-}" ]; then
    phpize >/dev/null
    # -Werror is the project's own bar (CI), not the default build's
    ./configure --enable-clusterfile --enable-clusterfile-dev --with-hiredis=yes "$@" >/dev/null
fi
make -j"$(nproc)" >/dev/null
echo "build: modules/clusterfile.so"
