#!/bin/sh
# Runs the unit test binaries, then the end-to-end ones, then check-forms
# (on the forms and on tests/data/types, the forms of the extra field types),
# the install modes (tests/install.sh) and the check that src starts no
# other program, and closes with one "N passed, N failed" line (counted in cmocka tests).
# Usage: run.sh UNIT... -- E2E...
export AVRR_BIN="${AVRR_BIN:-build/test/avrr}"
export AVRR_FORMS="${AVRR_FORMS:-forms}"
export AVRR_LOCALE="${AVRR_LOCALE:-build/locale}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0 broken=""
for t in "$@"; do
	[ "$t" = "--" ] && continue
	"$t" >"$tmp/err" 2>&1
	rc=$?
	cat "$tmp/err"
	n=$(sed -n 's/^\[==========\] \([0-9]*\) test(s) run\./\1/p' "$tmp/err" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s).*/\1/p' "$tmp/err" | tail -n 1)
	n=${n:-0} f=${f:-0}
	[ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
	[ "$rc" != 0 ] && broken="$broken $t"
	passed=$((passed + n - f))
	failed=$((failed + f))
done
echo "== check-forms =="
for dir in "$AVRR_FORMS" tests/data/types; do
	if "$AVRR_BIN" check-forms "$dir"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1)) broken="$broken check-forms:$dir"
	fi
done
echo "== install =="
if B="${B:-$(dirname "$(dirname "$AVRR_BIN")")}" sh tests/install.sh; then
	passed=$((passed + 1))
else
	failed=$((failed + 1)) broken="$broken install"
fi
# The program never runs another program (a setgid avrr must not): no call
# that starts one anywhere in src.
echo "== no other program =="
if grep -rnE '(^|[^a-z_])(system|popen|exec[lv]p?e?|execve|fexecve|posix_spawnp?|fork|vfork|forkpty|wordexp)\(' src; then
	echo "src must not start another program" >&2
	failed=$((failed + 1)) broken="$broken no-exec"
else
	passed=$((passed + 1))
fi
[ -n "$broken" ] && echo "failing:$broken" >&2
echo "tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
