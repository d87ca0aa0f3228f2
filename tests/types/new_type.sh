#!/bin/sh
# A new field type is one descriptor file: copies the lower layers (util,
# form, i18n, db) and the Makefile into a scratch folder, adds
# tests/types/type_percent.c as src/form/type_percent.c and nothing else,
# lets the Makefile's rule collect the type list, builds, and runs
# tests/types/probe.c (cmocka) against the result.
set -e
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src" "$tmp/tests/unit" "$tmp/tests/e2e"
cp Makefile "$tmp/"
cp -r src/util src/form src/i18n src/db "$tmp/src/"
cp tests/types/type_percent.c "$tmp/src/form/type_percent.c"
make -s -C "$tmp" B=b b/gen/form/type_files.h
cd "$tmp"
objs=""
for f in src/util/*.c src/form/*.c src/i18n/*.c src/db/*.c; do
	o=b/$(echo "$f" | tr / _).o
	cc -std=c11 -D_GNU_SOURCE -Isrc -Ib/gen -Wall -Wextra -Werror -Wno-unused-parameter -O0 -g \
	    $(pkg-config --cflags sqlite3 libsodium libzip expat) -c -o "$o" "$f"
	objs="$objs $o"
done
cc -std=c11 -D_GNU_SOURCE -Isrc -Ib/gen -I"$top/tests" -O0 -g -o b/probe \
    "$top/tests/types/probe.c" $objs $(pkg-config --libs sqlite3 libsodium libzip expat cmocka) \
    -lcsv -lm	# util/sheet: the readers of imported files; pow() of db/expr_fn
cd "$top"
"$tmp/b/probe"
