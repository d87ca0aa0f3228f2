#!/bin/sh
# Prints a .pot of the English strings of the form definitions: every label,
# title, hint, say and message, every section and group heading and choice label of
# DIR/*.form (default: forms), each with its file:line references. Used by
# `make pot`, which merges it with the strings of src/ into locale/avrr.pot.
# Usage: tests/forms-pot.sh [DIR]
dir=${1:-forms}
set -- "$dir"/*.form
[ -e "$1" ] || set --
cat <<'HEAD'
# Strings of the form definitions (forms/*.form), made by tests/forms-pot.sh.
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: avrr\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
HEAD
[ $# -eq 0 ] && exit 0
awk '
# The first double-quoted string of s, escapes kept as written (the .po
# syntax uses the same \" and \\); "" when there is none.
function quoted(s,    i, c, out, start) {
	start = index(s, "\"")
	if (start == 0)
		return ""
	out = ""
	for (i = start + 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\") {
			out = out c substr(s, i + 1, 1)
			i++
		} else if (c == "\"") {
			return out
		} else {
			out = out c
		}
	}
	return ""	# unterminated: check-forms reports it
}
function add(id, ref) {
	if (id == "")
		return
	if (!(id in refs)) {
		order[++n] = id
		refs[id] = ref
	} else {
		refs[id] = refs[id] " " ref
	}
}
FNR == 1 { block = "" }
/^[ \t]*#/ || /^[ \t]*$/ { next }
/^[^ \t]/ {
	block = $1
	if ($1 == "section" || $1 == "group")
		add(quoted($0), FILENAME ":" FNR)
	next
}
{
	key = $1
	if (key == "label" || key == "title" || key == "hint" || key == "say" ||
	    key == "message" || (block == "choices" && key !~ /^"/))
		add(quoted($0), FILENAME ":" FNR)
}
END {
	for (i = 1; i <= n; i++) {
		printf "\n#: %s\nmsgid \"%s\"\nmsgstr \"\"\n", refs[order[i]], order[i]
	}
}
' "$@"
