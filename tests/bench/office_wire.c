/* bench/office_wire: bytes on the wire through the pty (see office.h). */
#include "bench/office.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

#define BENCH_WROWS	24

/* The number of a CSI sequence's first parameter (1 when there is none). */
static int
bench_csi_arg(const char *p, const char *end)
{
	int n = 0;

	while (p < end && *p >= '0' && *p <= '9')
		n = n * 10 + (*p++ - '0');
	return n > 0 ? n : 1;
}

/* Where a CSI sequence ends (at its final byte, 0x40..0x7e). */
static const char *
bench_csi_end(const char *p, const char *end)
{
	while (p < end && !(*p >= 0x40 && *p <= 0x7e))
		p++;
	return p;
}

static void
bench_mark(bool *written, int rows, int from, int to)
{
	for (; from <= to; from++)
		if (from >= 0 && from < rows)
			written[from] = true;
}

/* One CSI sequence (p after "ESC ["): moves the row, or writes rows. */
static void
bench_csi(const char *p, const char *fin, int rows, int *row, bool *written)
{
	int n = bench_csi_arg(p, fin);

	if (*p == '?' || *p == '>')
		return;		/* modes */
	switch (*fin) {
	case 'H': case 'f': *row = p == fin || *p == ';' ? 0 : n - 1; break;
	case 'd': *row = n - 1; break;
	case 'A': case 'F': *row -= n; break;
	case 'B': case 'E': *row += n; break;
	case 'K': case 'X': case '@': case 'P': bench_mark(written, rows, *row, *row); break;
	case 'J': bench_mark(written, rows, *row, rows - 1); break;
	case 'S': case 'T': case 'L': case 'M': bench_mark(written, rows, 0, rows - 1); break;
	default: break;
	}
}

void
bench_wire_rows(const char *out, size_t len, int rows, int row, bool *written)
{
	const char *p = out, *end = out + len, *fin;
	int saved = row;

	memset(written, 0, (size_t)rows * sizeof *written);
	while (p < end) {
		if (*p == '\033' && p + 1 < end && p[1] == '[') {
			fin = bench_csi_end(p + 2, end);
			if (fin < end)
				bench_csi(p + 2, fin, rows, &row, written);
			p = fin + 1;
			continue;
		}
		if (*p == '\033' && p + 1 < end) {
			if (p[1] == '7')
				saved = row;
			else if (p[1] == '8')
				row = saved;
			else if (p[1] == 'M' || p[1] == 'D')
				bench_mark(written, rows, 0, rows - 1);	/* a scroll */
			p += (p[1] == '(' || p[1] == ')') && p + 2 < end ? 3 : 2;
			continue;
		}
		if (*p == '\n')
			row++;
		else if ((unsigned char)*p >= 0x20 && *p != 0x7f)
			bench_mark(written, rows, row, row);
		p++;
	}
}

/* Bytes for one act, read until the output is quiet. */
static size_t
bench_wire_act(struct vt *vt, void (*act)(struct vt *), const char *until)
{
	vt_bytes_reset(vt);
	act(vt);
	if (until != NULL && !vt_wait_text(vt, until, 10000))
		fprintf(stderr, "bench: \"%s\" did not show\n", until);
	bench_pty_settle(vt, 60, 3000);
	return vt_bytes(vt);
}

static void bench_act_form(struct vt *vt) { vt_ctrl(vt, 'n'); }
static void bench_act_tab(struct vt *vt) { vt_key(vt, VT_TAB); }
static void bench_act_esc(struct vt *vt) { vt_key(vt, VT_ESC); }
static void bench_act_find(struct vt *vt) { vt_ctrl(vt, 'f'); }

/* The mean bytes of ten characters typed into the field under the cursor. */
static double
bench_wire_chars(struct vt *vt)
{
	size_t sum = 0;
	int i, row, col;

	vt_cursor(vt, &row, &col);
	for (i = 0; i < 10; i++) {
		vt_bytes_reset(vt);
		vt_type(vt, "k");
		vt_wait_cursor(vt, row, col + i + 1, 3000);
		bench_pty_settle(vt, 60, 3000);
		sum += vt_bytes(vt);
	}
	return (double)sum / 10.0;
}

/* A key in Find: its bytes, the rows whose text changed and those written. */
static void
bench_wire_key(struct vt *vt, const char *key, const char *typed, struct bench_wire *w, int k)
{
	char *before[BENCH_WROWS];
	bool written[BENCH_WROWS];
	size_t from, len;
	const char *raw;
	int r, row, col;

	vt_cursor(vt, &row, &col);
	for (r = 0; r < BENCH_WROWS; r++)
		before[r] = xstrdup(vt_row(vt, r));
	vt_raw_output(vt, &from);
	vt_bytes_reset(vt);
	vt_type(vt, key);
	vt_wait_row_text(vt, 1, typed, 10000);
	bench_pty_settle(vt, 60, 3000);
	w->key[k] = vt_bytes(vt);
	raw = vt_raw_output(vt, &len);
	bench_wire_rows(raw + from, len - from, BENCH_WROWS, row, written);
	for (r = 0; r < BENCH_WROWS; r++) {
		bool changed = strcmp(before[r], vt_row(vt, r)) != 0;

		w->changed[k] += changed;
		w->written[k] += written[r];
		w->extra[k] = w->extra[k] || (written[r] && !changed);
		free(before[r]);
	}
}

static bool
bench_wire_avrr(const char *db, const char *user, struct bench_wire *w)
{
	struct bench_prog p;
	struct bench_start s;

	bench_pty_avrr(&p, db, user);
	if (!bench_pty_start(&p, &s))
		return false;
	w->first_avrr = s.bytes;
	w->form = bench_wire_act(s.vt, bench_act_form, "Surname");
	w->char_avrr = bench_wire_chars(s.vt);
	w->tab_avrr = bench_wire_act(s.vt, bench_act_tab, NULL);
	w->back = bench_wire_act(s.vt, bench_act_esc, "Register a new case");
	w->find = bench_wire_act(s.vt, bench_act_find, "Find:");
	bench_wire_key(s.vt, "i", "i", w, 0);
	bench_wire_key(s.vt, "v", "iv", w, 1);
	bench_pty_quit(s.vt, 'x');
	return true;
}

static bool
bench_wire_dialog(struct bench_wire *w)
{
	struct bench_prog p;
	struct bench_start s;

	bench_pty_dialog(&p);
	if (!bench_pty_start(&p, &s))
		return false;
	w->first_dialog = s.bytes;
	w->char_dialog = bench_wire_chars(s.vt);
	w->tab_dialog = bench_wire_act(s.vt, bench_act_tab, NULL);
	vt_key(s.vt, VT_ESC);
	vt_wait_exit(s.vt, 2000);
	vt_free(s.vt);
	return true;
}

void
bench_wire_measure(const char *db, const char *user, struct bench_wire *w)
{
	memset(w, 0, sizeof *w);
	w->ok = bench_wire_avrr(db, user, w) && bench_wire_dialog(w);
}
