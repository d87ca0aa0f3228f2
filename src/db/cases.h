/*
 * db/cases: the core "cases" table: one row per applicant's case.
 *
 * Contract: a case has a human case number ("AVRR-2026-00042", unique, made by
 * db_case_create), a status (see enum db_case_status), the client language
 * (ISO 639 code used for the client-language view), a project code, and the
 * usual id/uuid/version/created/updated columns. Creating a case and changing its
 * status are audited like records.
 */
#ifndef DB_CASES_H
#define DB_CASES_H

#include "db/db.h"
#include "form/workflow.h"

enum db_case_status {
	CASE_REGISTERED,
	CASE_COUNSELLING,
	CASE_PREPARING,		/* return preparation */
	CASE_DEPARTED,
	CASE_REINTEGRATION,
	CASE_MONITORING,
	CASE_CLOSED,
	CASE__COUNT
};

struct db_case {
	int64_t			 id;
	int64_t			 version;
	char			*case_no;
	enum db_case_status	 status;
	char			*client_lang;	/* NULL = none */
	char			*project;	/* NULL = none */
	char			*display_name;	/* "SURNAME Given", from the search index */
	char			*created_at;
	char			*updated_at;
};

const char	*db_case_status_name(enum db_case_status);	/* msgid */
const char	*db_case_status_code(enum db_case_status);	/* "registered", ... */
/* The status of a code; CASE_REGISTERED for NULL or an unknown code. */
enum db_case_status db_case_status_from_code(const char *);
/* The status a stage of the workflow table reaches (enum db_case_status), -1
 * for none; db_case_check_workflow() adds a "file:line:" error to set for a
 * status the table names that is no status code. */
int		 db_case_stage_status(const struct form_set *, enum form_wf_stage);
void		 db_case_check_workflow(struct form_set *);

enum db_status	db_case_create(struct db *, const char *project, const char *client_lang,
		    struct db_case *out, char **err);
enum db_status	db_case_load(struct db *, int64_t id, struct db_case *out, char **err);
/* The same; without display the display name is "" and the search index unread. */
enum db_status	db_case_load_ex(struct db *, int64_t id, bool display, struct db_case *out,
		    char **err);
enum db_status	db_case_set_status(struct db *, struct db_case *, enum db_case_status,
		    char **err);
enum db_status	db_case_set_client_lang(struct db *, struct db_case *, const char *lang,
		    char **err);
/* Most recently updated cases, newest first. */
enum db_status	db_case_recent(struct db *, size_t limit, struct db_case **out, size_t *n,
		    char **err);
void		db_case_clear(struct db_case *);
void		db_case_free_array(struct db_case *, size_t n);

#endif
