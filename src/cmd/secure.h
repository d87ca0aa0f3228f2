/*
 * cmd/secure: start-up hardening of an avrr that runs with a group's rights
 * its user lacks (installed setgid to the database's group; README,
 * "Shared-server deployment").
 *
 * Contract: cmd_secure_start() is the first call of main, before anything
 * reads the environment. It always makes sure descriptors 0, 1 and 2 are open
 * (on /dev/null), so no file the program opens later takes their place. The
 * rest applies when the program is set-group-ID or set-user-ID (the effective
 * IDs differ from the real ones), when it was built with -DAVRR_SECURE=1, or
 * when AVRR_SECURE=1 is set (which can only add protection, never remove any):
 *   - the environment is cleared except LANG, LANGUAGE, LC_* and NO_COLOR
 *     with plain values (letters, digits and "_.@-,:") and TERM when it
 *     names an entry of cmd_secure_terms (TERM=vt100 otherwise); so
 *     AVRR_FORMS, AVRR_LOCALE, AVRR_USER, AVRR_DB, AVRR_TODAY, AVRR_LANG,
 *     LD_* and TERMINFO are ignored, forms and catalogs come from beside the
 *     binary or the installed data folder and the user is the Unix account;
 *   - the umask becomes 007 (what the program makes, the group may use);
 *   - core dumps are off (RLIMIT_CORE 0, PR_SET_DUMPABLE 0: no memory image,
 *     no ptrace by the user, no /proc/PID/mem).
 * The program never runs another program (no system, popen, exec*, fork;
 * tests/install.sh greps src for them) and keeps SQLite's temporary data in
 * memory (db/db, temp_store=MEMORY).
 */
#ifndef CMD_SECURE_H
#define CMD_SECURE_H

#include <stdbool.h>

/* Returns whether the hardening applies (and was applied). */
bool	cmd_secure_start(void);
bool	cmd_secure_active(void);

/* Whether an environment entry "NAME=value" is kept (TERM aside). */
bool	cmd_secure_env_keep(const char *entry);
/* Whether TERM=name is kept. */
bool	cmd_secure_term_ok(const char *name);

#endif
