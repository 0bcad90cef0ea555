#!/usr/bin/env bash
# clang-format over every C source and header of the project: --check fails on a difference.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files '*.c' '*.h' | grep -v '_arginfo\.h$')
if [ "${1:-}" = "--check" ]; then
    clang-format --dry-run -Werror $files
    echo "format: clean"
else
    clang-format -i $files
fi
