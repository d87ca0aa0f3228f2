# avrr: one plain Makefile. `make run` and `make test` are all anyone needs.
.SUFFIXES:

VERSION  = 0.1.0
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/avrr

CC      ?= cc
PKGS     = ncursesw sqlite3 libsodium xlsxwriter libzip expat
TPKGS    = cmocka vterm
# Debian packages behind them (make deps installs what is missing).
DEBS     = libncurses-dev libsqlite3-dev libsodium-dev libcmocka-dev libvterm-dev gettext iso-codes pkg-config \
           locales libxlsxwriter-dev libcsv-dev libzip-dev libexpat1-dev
# The peers make bench measures avrr against.
BENCH_DEBS = dialog sqlite3
FUZZ_DEBS = clang libclang-rt-14-dev
CLOCK_DEBS = faketime
# Dates the whole suite is run at by make test-clock (the system clock moved).
CLOCK_DATES ?= 2027-03-01 10:00:00,2030-12-31 23:59:30

WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter
BASE     = -std=c11 -D_GNU_SOURCE -Isrc -I$(B)/gen $(WARN) -DAVRR_VERSION='"$(VERSION)"' \
           -DAVRR_DATADIR='"$(DATADIR)"'
PKGCF    = $$(pkg-config --cflags $(PKGS))
# libcsv ships no pkg-config file; libm for pow() of form expressions.
PKGLIB   = $$(pkg-config --libs $(PKGS)) -lcsv -lm
TPKGCF   = $$(pkg-config --cflags $(TPKGS))
TPKGLIB  = $$(pkg-config --libs $(TPKGS))
SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRC      = $(shell find src -name '*.c' ! -name main.c | sort)
# Field types of their own files (src/form/type_*.c), each declared by one line
# FORM_TYPE_FILE(ENUM, descriptor): the list form/type_list.h includes.
TYPE_SRC = $(sort $(wildcard src/form/type_*.c))
GEN      = $(B)/gen/form/type_files.h
HDR      = $(shell find src -name '*.h') $(GEN)
UNIT     = $(shell find tests/unit -name 'test_*.c' | sort)
E2E      = $(shell find tests/e2e -name 'test_*.c' | sort)
E2ESUP   = $(shell find tests/e2e -name '*.c' ! -name 'test_*.c' | sort)
PO       = $(wildcard locale/*.po)
MO       = $(PO:locale/%.po=$(B)/locale/%.mo) $(B)/locale/templates/program.mo

REL_OBJ  = $(SRC:src/%.c=$(B)/rel/%.o)
TST_OBJ  = $(SRC:src/%.c=$(B)/test/%.o)
UNIT_BIN = $(UNIT:tests/unit/%.c=$(B)/test/unit/%)
E2E_BIN  = $(E2E:tests/e2e/%.c=$(B)/test/e2e/%)

B ?= build
DEMO_DB ?= $(B)/demo.db
DEMO_USER ?= mkovac

all: deps-check avrr $(MO)

# ---- set-up -------------------------------------------------------------
deps:
	@sh tests/deps.sh $(DEBS) $(BENCH_DEBS)

deps-check:
	@pkg-config --exists $(PKGS) || { echo "avrr: missing build libraries; run 'make deps' (as root) first" >&2; exit 1; }

# ---- the program ----------------------------------------------------------
$(GEN): $(TYPE_SRC)
	@mkdir -p $(@D)
	@sed -n 's/^FORM_TYPE_FILE(\(.*\))$$/FORM_TYPE(\1)/p' $(TYPE_SRC) > $@.tmp && mv $@.tmp $@

avrr: $(B)/rel/libavrr.a src/main.c $(HDR)
	$(CC) $(BASE) -O2 -g $(PKGCF) -o $@ src/main.c $(B)/rel/libavrr.a $(PKGLIB)

$(B)/rel/libavrr.a: $(REL_OBJ)
	@rm -f $@
	ar rcs $@ $(REL_OBJ)

$(B)/rel/%.o: src/%.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(BASE) -O2 -g $(PKGCF) -c -o $@ $<

$(B)/locale/%.mo: locale/%.po
	@mkdir -p $(@D)
	msgfmt -c -o $@ $<

# Every program msgid, for avrr i18n-status (English to English).
$(B)/locale/templates/program.mo: $(SRC) src/main.c
	@mkdir -p $(@D)
	xgettext -k_ -kN_ --from-code=UTF-8 -o $(@D)/program.pot $(SRC) src/main.c
	msgen $(@D)/program.pot | sed "s/charset=CHARSET/charset=UTF-8/" | msgfmt -o $@ -

run: deps
	@$(MAKE) --no-print-directory avrr $(MO)
	@test ! -f $(DEMO_DB) || AVRR_USER=$(DEMO_USER) ./avrr user list --db $(DEMO_DB) >/dev/null 2>&1 || \
	  { echo "avrr: $(DEMO_DB) was made before the demo users; making it again"; \
	    rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm; }
	@test -f $(DEMO_DB) || ./avrr demo --db $(DEMO_DB) --cases 300 --seed 1
	@./avrr init --db $(DEMO_DB) >/dev/null	# the tables follow the forms only here
	@echo "avrr: $(DEMO_DB) as $(DEMO_USER), a demo user with no password; the users avrr demo printed log in with --user NAME"
	./avrr --db $(DEMO_DB) --user $(DEMO_USER)

# ---- tests (ASan + UBSan) --------------------------------------------------
test: deps
	@$(MAKE) --no-print-directory test-build
	@AVRR_BIN=$(B)/test/avrr AVRR_LOCALE=$(B)/locale sh tests/run.sh $(UNIT_BIN) tests/types/new_type.sh -- $(E2E_BIN)

# The whole suite again with the system clock moved (libfaketime): nothing may
# read the wall clock except through util/date, which AVRR_TODAY fixes.
test-clock: deps
	@sh tests/deps.sh $(CLOCK_DEBS)
	@$(MAKE) --no-print-directory test-build
	@dates="$(CLOCK_DATES)"; IFS=,; for d in $$dates; do echo "== clock at $$d"; \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:verify_asan_link_order=0 \
	  AVRR_BIN=$(B)/test/avrr AVRR_LOCALE=$(B)/locale faketime "$$d" \
	  sh tests/run.sh $(UNIT_BIN) tests/types/new_type.sh -- $(E2E_BIN) || exit 1; done

test-build: $(B)/test/avrr $(UNIT_BIN) $(E2E_BIN) $(MO) avrr

$(B)/test/libavrr.a: $(TST_OBJ)
	@rm -f $@
	ar rcs $@ $(TST_OBJ)

$(B)/test/%.o: src/%.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(BASE) -O1 -g $(SAN) $(PKGCF) -c -o $@ $<

$(B)/test/avrr: $(B)/test/libavrr.a src/main.c
	$(CC) $(BASE) -O1 -g $(SAN) $(PKGCF) -o $@ src/main.c $(B)/test/libavrr.a $(PKGLIB)

$(B)/test/unit/%: tests/unit/%.c $(B)/test/libavrr.a
	@mkdir -p $(@D)
	$(CC) $(BASE) -O1 -g $(SAN) -Itests $(PKGCF) $(TPKGCF) -o $@ $< $(B)/test/libavrr.a $(PKGLIB) $(TPKGLIB)

$(B)/test/e2e/%: tests/e2e/%.c $(E2ESUP) $(B)/test/libavrr.a $(wildcard tests/e2e/*.h)
	@mkdir -p $(@D)
	$(CC) $(BASE) -O1 -g $(SAN) -Itests $(PKGCF) $(TPKGCF) -o $@ $< $(E2ESUP) $(B)/test/libavrr.a $(PKGLIB) $(TPKGLIB)

# ---- stress (kill -9 during saves; longer than a minute at full size) --------
STRESS_KILLS ?= 200
STRESS     = $(shell find tests/stress -name 'stress_*.c' | sort)
STRESS_BIN = $(STRESS:tests/stress/%.c=$(B)/test/stress/%)

stress: deps
	@$(MAKE) --no-print-directory $(B)/test/avrr $(STRESS_BIN) $(MO)
	@AVRR_BIN=$(B)/test/avrr AVRR_LOCALE=$(B)/locale STRESS_KILLS=$(STRESS_KILLS) \
	  sh tests/run.sh $(STRESS_BIN) --

$(B)/test/stress/%: tests/stress/%.c $(E2ESUP) $(B)/test/libavrr.a $(wildcard tests/e2e/*.h)
	@mkdir -p $(@D)
	$(CC) $(BASE) -O1 -g $(SAN) -Itests $(PKGCF) $(TPKGCF) -o $@ $< $(E2ESUP) $(B)/test/libavrr.a $(PKGLIB) $(TPKGLIB)

# ---- benchmarks (numbers for notes, never asserted) ---------------------------
# Each tests/bench/bench_*.c is a program; the other .c files there are what
# they share. bench_office writes its table to bench/results/DATE-COMMIT.md.
BENCH    = $(shell find tests/bench -maxdepth 1 -name 'bench_*.c' | sort)
BENCH_BIN = $(BENCH:tests/bench/%.c=$(B)/bench/%)
BENCHSUP = $(filter-out $(BENCH), $(sort $(wildcard tests/bench/*.c)))

bench: deps
	@$(MAKE) --no-print-directory avrr $(MO) $(BENCH_BIN)
	@commit=$$(git rev-parse --short HEAD 2>/dev/null || echo unknown); \
	git diff --quiet HEAD -- 2>/dev/null || commit=$$commit-dirty; \
	for b in $(BENCH_BIN); do echo "== $$b"; \
	  AVRR_BIN=./avrr AVRR_LOCALE=$(B)/locale BENCH_COMMIT=$${BENCH_COMMIT:-$$commit} $$b || exit 1; done

$(B)/bench/%: tests/bench/%.c $(BENCHSUP) $(E2ESUP) $(B)/rel/libavrr.a $(wildcard tests/bench/*.h tests/e2e/*.h)
	@mkdir -p $(@D)
	$(CC) $(BASE) -O2 -g -Itests $(PKGCF) $(TPKGCF) -o $@ $< $(BENCHSUP) $(E2ESUP) $(B)/rel/libavrr.a $(PKGLIB) $(TPKGLIB)

# Unit tests without sanitizers under valgrind (memcheck, leaks are errors).
valgrind: deps
	@$(MAKE) --no-print-directory $(B)/vg/ok

$(B)/vg/ok: $(UNIT) $(REL_OBJ) $(GEN)
	@mkdir -p $(B)/vg
	@for t in $(UNIT); do \
	  b=$(B)/vg/$$(basename $$t .c); \
	  $(CC) $(BASE) -O0 -g -Itests $(PKGCF) $(TPKGCF) -o $$b $$t $(REL_OBJ) $(PKGLIB) $(TPKGLIB) || exit 1; \
	  valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite $$b >/dev/null || exit 1; \
	done
	@touch $@

# ---- fuzzing (clang libFuzzer) --------------------------------------------
FUZZ_SECONDS ?= 30
fuzz: deps $(GEN)
	@sh tests/deps.sh $(FUZZ_DEBS)
	@mkdir -p $(B)/fuzz
	@for f in tests/fuzz/fuzz_*.c; do \
	  b=$(B)/fuzz/$$(basename $$f .c); \
	  clang $(BASE) -g -O1 -fsanitize=fuzzer,address,undefined $(PKGCF) -o $$b $$f $(SRC) $(PKGLIB) || exit 1; \
	  mkdir -p $(B)/fuzz/corpus-$$(basename $$f .c); \
	  $$b -max_total_time=$(FUZZ_SECONDS) $(B)/fuzz/corpus-$$(basename $$f .c) tests/fuzz/seed-$$(basename $$f .c) || exit 1; \
	done

# ---- translations -----------------------------------------------------------
pot:
	@mkdir -p build
	xgettext -k_ -kN_ --from-code=UTF-8 --package-name=avrr --package-version=$(VERSION) -c/ -o build/src.pot $$(find src -name '*.c' | sort)
	sh tests/forms-pot.sh forms > build/forms.pot
	msgcat --use-first build/src.pot build/forms.pot -o locale/avrr.pot

# ---- install ------------------------------------------------------------------
# The shared-server layout (README, "Shared-server deployment"): the binary
# setgid to GROUP, the database folder DBDIR 2770 of GROUP, its files 0660.
# As root without DESTDIR the group is made when missing; with DESTDIR the
# modes are set, and the group where it exists (a package sets it otherwise).
GROUP ?= avrr
DBDIR ?= /var/lib/avrr
install: avrr $(MO)
	umask 022 && install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/forms \
	    $(DESTDIR)$(DATADIR)/locale/templates $(DESTDIR)$(DBDIR)
	install -m 755 avrr $(DESTDIR)$(BINDIR)/avrr
	install -m 644 forms/*.form forms/workflow forms/retention $(DESTDIR)$(DATADIR)/forms/
	install -m 644 $(PO:locale/%.po=$(B)/locale/%.mo) $(DESTDIR)$(DATADIR)/locale/
	install -m 644 $(B)/locale/templates/program.mo $(DESTDIR)$(DATADIR)/locale/templates/
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && ! getent group $(GROUP) >/dev/null; \
	then echo "groupadd --system $(GROUP)"; groupadd --system $(GROUP) || exit 1; fi; \
	if getent group $(GROUP) >/dev/null; then \
	  chgrp $(GROUP) $(DESTDIR)$(BINDIR)/avrr $(DESTDIR)$(DBDIR) || [ -n "$(DESTDIR)" ] || exit 1; \
	  for f in $(DESTDIR)$(DBDIR)/*.db $(DESTDIR)$(DBDIR)/*.db-wal $(DESTDIR)$(DBDIR)/*.db-shm; do \
	    [ ! -f "$$f" ] || { chgrp $(GROUP) "$$f"; chmod 0660 "$$f"; } || exit 1; done; \
	else echo "avrr: no group $(GROUP) here: give $(BINDIR)/avrr and $(DBDIR) to it"; fi
	chmod 2755 $(DESTDIR)$(BINDIR)/avrr	# after chgrp, which clears setgid
	chmod 2770 $(DESTDIR)$(DBDIR)

clean:
	rm -rf $(B) avrr

.PHONY: all deps deps-check run test test-clock test-build stress bench valgrind fuzz pot install clean
