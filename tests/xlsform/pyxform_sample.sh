#!/bin/sh
# Runs avrr xlsform on every .xlsx of a folder (a sample of another
# project's XLSForm test files, kept outside this tree) and counts the
# forms converted whole (no line on stderr, the form passes check-forms),
# converted with reported losses, and refused (exit 1); then the most
# frequent reasons, the messages grouped by their text without the names.
# Not part of make test. Usage: tests/xlsform/pyxform_sample.sh DIR [TOP]
# (AVRR_BIN: the binary, build/test/avrr unless set).
set -u
dir=${1:?usage: $0 DIR [TOP]}
top=${2:-15}
bin=${AVRR_BIN:-build/test/avrr}
work=$(mktemp -d /tmp/xlsform-sample.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
whole=0 losses=0 refused=0 bad=0 n=0
: > "$work/reasons"
for f in "$dir"/*.xlsx; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	out="$work/out$n"
	if "$bin" xlsform "$f" --output "$out" > "$work/stdout" 2> "$work/stderr"; then
		if ! "$bin" check-forms "$out" > /dev/null 2>&1; then
			bad=$((bad + 1))
			echo "check-forms refuses the form of $f" >&2
		fi
		if [ -s "$work/stderr" ]; then
			losses=$((losses + 1))
			status="losses $(wc -l < "$work/stderr")"
		else
			whole=$((whole + 1))
			status=whole
		fi
	else
		refused=$((refused + 1))
		status="refused: $(tail -n 1 "$work/stderr")"
	fi
	cat "$work/stderr" >> "$work/reasons"
	printf '%s\t%s\n' "$(basename "$f")" "$status"
done
echo
echo "files: $n; converted whole: $whole; converted with reported losses: $losses; refused: $refused"
[ "$bad" -eq 0 ] || echo "written forms check-forms refuses: $bad"
echo
echo "most frequent reasons (lines, then the message without its names):"
# FILE:SHEET:ROW: away; quoted names, ${names}, numbers and what stands
# in parentheses made placeholders.
sed -e 's/^[^:]*:[a-z]*:[0-9]*: //' -e 's/^avrr: .*: /avrr: /' \
    -e "s/'[^']*'/'…'/g" -e 's/\${[^}]*}/${…}/g' -e 's/"[^"]*"/"…"/g' \
    -e 's/([^()]*)/(…)/g' -e 's/[0-9][0-9]*/N/g' "$work/reasons" |
	sort | uniq -c | sort -rn | head -n "$top"
