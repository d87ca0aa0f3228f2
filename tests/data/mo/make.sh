#!/bin/sh
# Rebuilds the .mo fixtures of tests/data/mo from the .po files beside this
# script, and the malformed catalogs derived from good.mo:
#   good.mo        little-endian catalog (msgfmt's default on x86)
#   good-be.mo     the same, big-endian
#   truncated.mo   good.mo cut in the middle of its tables
#   badmagic.mo    good.mo with a wrong magic number
#   table.mo       good.mo whose originals table starts past the end
#   string.mo      good.mo whose first original string lies past the end
#   unsorted.mo    good.mo with the first two originals swapped
#   empty.mo       zero bytes
#   cat/           ar.mo, sk.mo and uk.mo for tests/unit/test_i18n.c
#   mixed/         sk.mo (good) and ru.mo (truncated): i18n_init's errors
set -e
cd "$(dirname "$0")"
patch() { printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null; }
msgfmt -o good.mo good.po
msgfmt --endianness=big -o good-be.mo good.po
head -c 40 good.mo > truncated.mo
cp good.mo badmagic.mo && patch badmagic.mo 0 '\336\300\255\336'
cp good.mo table.mo && patch table.mo 12 '\000\000\000\177'
cp good.mo string.mo
off=$(od -An -tu4 -j12 -N4 good.mo | tr -d ' ')
patch string.mo $((off + 12)) '\000\000\000\177'
# swap the first two (length, offset) pairs after the header entry
cp good.mo unsorted.mo
dd if=good.mo of=unsorted.mo bs=1 skip=$((off + 8)) seek=$((off + 16)) count=8 conv=notrunc 2>/dev/null
dd if=good.mo of=unsorted.mo bs=1 skip=$((off + 16)) seek=$((off + 8)) count=8 conv=notrunc 2>/dev/null
: > empty.mo
msgfmt -o cat/sk.mo cat/sk.po
msgfmt -o cat/uk.mo cat/uk.po
msgfmt -o cat/ar.mo cat/ar.po
mkdir -p mixed
cp cat/sk.mo mixed/sk.mo
cp truncated.mo mixed/ru.mo
