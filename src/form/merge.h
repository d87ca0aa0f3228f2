/*
 * form/merge: the three-way comparison and merge of a stale save.
 *
 * Contract: form_merge_diff() compares base (the record as the user loaded
 * it; NULL when that is not known), mine (what the user has now) and theirs
 * (what another user saved meanwhile): every valued field of the record and
 * of every repeat row, rows matched by their id (never by position; id 0 is a
 * row the user added), the rows one side added or removed, and the case the
 * record belongs to. Calculated fields are left out (they follow from the
 * others). A value that is the same on both sides is no difference. Each
 * difference says who changed it since base and starts with the pick that
 * keeps every one-sided change: theirs where only they changed, mine where
 * only the user did. A difference both made, or any when base is NULL, starts
 * undecided. form_merge_apply() builds the record to save from theirs (its id
 * and version) with only the differences picked "mine" taken from mine: what
 * the user did not pick keeps the other user's value, rows they added stay,
 * rows they removed come back (as new rows) only when picked. The
 * differences point into mine and theirs, which must outlive them.
 */
#ifndef FORM_MERGE_H
#define FORM_MERGE_H

#include "form/value.h"

enum form_merge_kind {
	FM_VALUE,	/* a field's value (of the record, or of a row both hold) */
	FM_ROW,		/* a row only one side holds: added or removed */
	FM_CASE,	/* the case the record belongs to */
};

enum form_merge_who { FM_BY_THEIRS = 1, FM_BY_MINE = 2, FM_BY_BOTH = 3 };

enum form_merge_pick { FM_UNDECIDED, FM_PICK_MINE, FM_PICK_THEIRS };

struct form_merge_diff {
	enum form_merge_kind	 kind;
	enum form_merge_who	 who;
	enum form_merge_pick	 pick;
	size_t			 field;	/* field of the record: the value, or the repeat */
	bool			 in_row;	/* FM_VALUE of a row; FM_ROW always */
	size_t			 sub;	/* FM_VALUE in a row: the field of the group */
	int64_t			 row_id;	/* 0: a row the user added */
	const struct form_record *mine_row;	/* NULL: not on that side */
	const struct form_record *theirs_row;
	size_t			 mine_pos;	/* 1-based position; 0: not on that side */
	size_t			 theirs_pos;
};

struct form_merge {
	struct form_merge_diff	*d;
	size_t			 n;
	size_t			 cap;
};

void	form_merge_diff(const struct form_record *base, const struct form_record *mine,
	    const struct form_record *theirs, struct form_merge *out);
void	form_merge_free(struct form_merge *);
/* True when no difference is undecided. */
bool	form_merge_decided(const struct form_merge *);
/* Sets the pick of every difference both sides made (and every undecided one). */
void	form_merge_pick_all(struct form_merge *, enum form_merge_pick);
/* The record to save (malloc'd); every difference must be decided. */
struct form_record *form_merge_apply(const struct form_record *mine,
	    const struct form_record *theirs, const struct form_merge *);

#endif
