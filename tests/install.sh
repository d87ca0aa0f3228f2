#!/bin/sh
# `make install DESTDIR=...` under umask 000 and 077: the binary is setgid,
# the database folder 2770, forms and catalogs 0644 in 0755 folders, and
# nothing it installs is writable by others. Run by tests/run.sh from the
# top of the tree with B set to the build folder.
B="${B:-build}"
fail=0
for mask in 000 077; do
	d=$(mktemp -d)
	if ! (umask $mask && make --no-print-directory -s B="$B" install \
	    DESTDIR="$d" PREFIX=/usr/local DBDIR=/var/lib/avrr) >"$d.log" 2>&1; then
		cat "$d.log"
		echo "install.sh: make install failed under umask $mask" >&2
		fail=1
	fi
	check() {	# path, wanted octal mode
		got=$(stat -c %a "$d$1" 2>/dev/null)
		if [ "$got" != "$2" ]; then
			echo "install.sh: umask $mask: $1 is ${got:-missing}, not $2" >&2
			fail=1
		fi
	}
	check /usr/local/bin/avrr 2755
	check /var/lib/avrr 2770
	check /usr/local/share/avrr/forms 755
	check /usr/local/share/avrr/forms/registration.form 644
	check /usr/local/share/avrr/locale/sk.mo 644
	check /usr/local/share/avrr/locale/templates/program.mo 644
	ww=$(find "$d" -mindepth 1 -perm -0002 ! -type l)
	if [ -n "$ww" ]; then
		echo "install.sh: umask $mask: writable by others:" $ww >&2
		fail=1
	fi
	rm -rf "$d" "$d.log"
done
[ $fail = 0 ] && echo "install.sh: make install modes under umask 000 and 077: ok"
exit $fail
