/*
 * db/expr_fn: the XLSForm functions of form expressions (db/expr), as SQLite
 * functions of the expressions' private connection.
 *
 * Contract: db_expr_fn_register() adds, once per connection, concat, int,
 * regex, string_length, contains, starts_with, ends_with, number, string,
 * boolean_from_string, pow, true, false, selected_at, format_date and
 * format_date_time (XLSForm names with '-' written '_'). Each is
 * deterministic and innocuous; a NULL argument gives NULL unless its comment
 * in expr_fn.c says otherwise; a value that is not what a function takes (a
 * number, a date) gives NULL, never an error. The one run-time error is a
 * regex pattern that does not compile. Reals read as text are written as
 * db_expr_eval() shows them (%.15g, whatever the locale). Regex patterns are
 * POSIX extended, matched in C.UTF-8 whatever the user's locale, and kept
 * compiled per connection. SQLite's own coalesce, round, abs, substr,
 * max, min and date are not redefined. Dies (util_die) when SQLite refuses
 * a registration.
 */
#ifndef DB_EXPR_FN_H
#define DB_EXPR_FN_H

#include <sqlite3.h>

void	db_expr_fn_register(sqlite3 *);

#endif
