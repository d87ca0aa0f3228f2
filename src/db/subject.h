/*
 * db/subject: everything the database holds about the person of one case,
 * as one JSON document, for a data subject's request (avrr subject-export).
 *
 * Contract: db_subject_export() finds the case by its number (DB_NOTFOUND
 * when there is none) and writes into out, with the writer of db/json:
 *   {"case":{"case_no":..,"status":..,"client_lang":..,"project":..,
 *            "created_at":..,"updated_at":..},
 *    "records":[{"form":..,"id":N,"created_at":..,"created_by":..,
 *                "updated_at":..,"updated_by":..,"values":{..}}, ..],
 *    "drafts":[{"form":..,"user":..,"updated_at":..,"data":{..}}, ..],
 *    "audit":[{"id":N,"at":..,"user":..,"table":..,"row":N,"action":..,
 *              "changes":{..}}, ..]}
 * records: every record of every form that belongs to the case, the calls
 * linked to it included, each with its repeat rows in "values" (the audit
 * style of db/json); drafts: the drafts of the case and of its records;
 * audit: every audit row of the case or of one of those records, oldest
 * first (who saw and changed what, when). Nothing of another case is
 * written. The export writes its own audit row (the case, "subject_export")
 * in its transaction, before the audit is read, so the document lists it.
 */
#ifndef DB_SUBJECT_H
#define DB_SUBJECT_H

#include "db/db.h"
#include "util/str.h"

enum db_status	db_subject_export(struct db *, const char *case_no, struct strbuf *out,
		    char **err);

#endif
