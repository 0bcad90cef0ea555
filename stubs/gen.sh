#!/bin/sh
# Regenerates stubs/*_arginfo.h from stubs/*.stub.php with php-src's gen_stub.php, offline.
# gen_stub.php wants to download PHP-Parser 4.15.1; Debian's php-parser package (4.15.x) is used
# in its place through a symlink in a scratch copy of the script.
#   stubs/gen.sh PHP SRCDIR           regenerate in place
#   stubs/gen.sh PHP SRCDIR --check   exit 1 if a committed arginfo differs from what its stub gives
set -eu
php=${1:-php}
src=${2:-.}
mode=${3:-}
gen=
for cand in "$(php-config --extension-dir 2>/dev/null)/build/gen_stub.php" /usr/lib/php/*/build/gen_stub.php "$src/build/gen_stub.php"; do
    if [ -r "$cand" ]; then gen=$cand; break; fi
done
[ -r "$gen" ] || { echo "gen_stub.php not found (install php8.2-dev)" >&2; exit 2; }
parser=/usr/share/php/PhpParser
[ -d "$parser" ] || { echo "PhpParser not found (apt-get install php-parser)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$gen" "$work/gen_stub.php"
mkdir -p "$work/PHP-Parser-4.15.1/lib"
ln -s "$parser" "$work/PHP-Parser-4.15.1/lib/PhpParser"
mkdir "$work/stubs"
cp "$src"/stubs/*.stub.php "$work/stubs/"
"$php" -n -d extension=tokenizer -d error_reporting=0 "$work/gen_stub.php" -f "$work/stubs" >/dev/null 2>&1 \
    || "$php" "$work/gen_stub.php" -f "$work/stubs" >/dev/null
status=0
for f in "$work"/stubs/*_arginfo.h; do
    name=$(basename "$f")
    if [ "$mode" = "--check" ]; then
        if ! cmp -s "$f" "$src/stubs/$name"; then
            echo "stubs: $name is out of date; run 'make stubs' and commit it" >&2
            diff -u "$src/stubs/$name" "$f" >&2 || true
            status=1
        fi
    else
        cp "$f" "$src/stubs/$name"
        echo "stubs: wrote stubs/$name"
    fi
done
[ "$mode" = "--check" ] && [ $status -eq 0 ] && echo "stubs: arginfo is current"
exit $status
