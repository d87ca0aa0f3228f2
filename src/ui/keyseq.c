#include "ui/keyseq.h"

#include "ui/curs.h"

/* Longer than any key sends: a run of parameter bytes is cut here. */
#define UI_KEYSEQ_MAX	32

struct ui_keyseq_def {
	const char	*seq;
	int		 key;	/* a curses KEY_* code, or the character a keypad key types */
};

/*
 * What terminals send, whatever TERM says. Where terminfo entries disagree
 * (vt220 calls ESC [ 1 ~ Find and ESC [ 4 ~ Select; vt100 calls the keypad's
 * ESC O t .. ESC O y F5-F10) this follows PuTTY, xterm and rxvt, which is what
 * staff have. Shifted and modified keys nothing is bound to are left to the
 * scanner, which swallows them.
 */
static const struct ui_keyseq_def ui_keyseq_table[] = {
	/* F1-F4: xterm and VT100/VT220 PF keys (SS3), PuTTY/rxvt, Linux console */
	{ "\033OP", KEY_F(1) },	{ "\033OQ", KEY_F(2) },
	{ "\033OR", KEY_F(3) },	{ "\033OS", KEY_F(4) },
	{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) },
	{ "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
	{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) }, { "\033[[C", KEY_F(3) },
	{ "\033[[D", KEY_F(4) }, { "\033[[E", KEY_F(5) },
	/* F5-F12: everyone (VT220 numbering, 16 and 22 skipped) */
	{ "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) }, { "\033[18~", KEY_F(7) },
	{ "\033[19~", KEY_F(8) }, { "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) },
	{ "\033[23~", KEY_F(11) }, { "\033[24~", KEY_F(12) },
	/* PuTTY's "VT100+" function keys: F5-F11 go on from ESC O T */
	{ "\033OT", KEY_F(5) },	{ "\033OU", KEY_F(6) }, { "\033OV", KEY_F(7) },
	{ "\033OW", KEY_F(8) },	{ "\033OX", KEY_F(9) }, { "\033OY", KEY_F(10) },
	{ "\033OZ", KEY_F(11) },
	/* cursor keys, normal (CSI) and application (SS3) mode; rxvt's shifted ones */
	{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN },
	{ "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
	{ "\033OA", KEY_UP }, { "\033OB", KEY_DOWN },
	{ "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
	{ "\033[a", KEY_SR }, { "\033[b", KEY_SF },
	{ "\033[c", KEY_SRIGHT }, { "\033[d", KEY_SLEFT },
	/* editing keys: VT220, PuTTY and the Linux console; rxvt's Home/End */
	{ "\033[1~", KEY_HOME }, { "\033[2~", KEY_IC }, { "\033[3~", KEY_DC },
	{ "\033[4~", KEY_END }, { "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
	{ "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
	/* Home/End of xterm in both modes, ANSI's Insert, the keypad's centre */
	{ "\033[H", KEY_HOME }, { "\033[F", KEY_END },
	{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
	{ "\033[L", KEY_IC },
	{ "\033[E", KEY_B2 }, { "\033[G", KEY_B2 }, { "\033OE", KEY_B2 },
	/* Shift-Tab: xterm, PuTTY, rxvt; the Linux console */
	{ "\033[Z", KEY_BTAB }, { "\033\t", KEY_BTAB },
	/* the numeric keypad in application mode (curses turns it on, PuTTY obeys) */
	{ "\033Op", '0' }, { "\033Oq", '1' }, { "\033Or", '2' }, { "\033Os", '3' },
	{ "\033Ot", '4' }, { "\033Ou", '5' }, { "\033Ov", '6' }, { "\033Ow", '7' },
	{ "\033Ox", '8' }, { "\033Oy", '9' }, { "\033On", '.' }, { "\033Oj", '*' },
	{ "\033Ok", '+' }, { "\033Om", '-' }, { "\033Oo", '/' },
	{ "\033Ol", '+' },	/* PuTTY's keypad + sends the VT220 keypad comma */
	{ "\033OM", KEY_ENTER },
};

int
ui_keyseq_define(void)
{
	size_t i;
	int refused = 0;

	/* The program asks for no mouse reports; one that comes anyway is an
	 * unknown sequence, not KEY_MOUSE followed by its bytes as text. */
	define_key(NULL, KEY_MOUSE);
	for (i = 0; i < sizeof ui_keyseq_table / sizeof ui_keyseq_table[0]; i++)
		if (define_key(ui_keyseq_table[i].seq, ui_keyseq_table[i].key) != OK)
			refused++;
	return refused;
}

enum ui_keyseq_state {
	UI_KS_ESC,	/* after ESC */
	UI_KS_ESC_INT,	/* ESC and intermediate bytes */
	UI_KS_CSI0,	/* ESC [ */
	UI_KS_CSI,	/* ESC [ and parameter or intermediate bytes */
	UI_KS_SS3,	/* ESC O, maybe parameters */
	UI_KS_LINUX	/* ESC [ [ */
};

struct ui_keyseq_rule {
	enum ui_keyseq_state	 state;
	int			 lo, hi;
	enum ui_keyseq_step	 step;
	enum ui_keyseq_state	 next;
};

/* ECMA-48's shapes as keyboards use them; the first rule that fits wins, and
 * a byte no rule fits is not part of the sequence. */
static const struct ui_keyseq_rule ui_keyseq_rules[] = {
	{ UI_KS_ESC, '[', '[', UI_KEYSEQ_MORE, UI_KS_CSI0 },
	{ UI_KS_ESC, 'O', 'O', UI_KEYSEQ_MORE, UI_KS_SS3 },
	{ UI_KS_ESC, 0x20, 0x2f, UI_KEYSEQ_MORE, UI_KS_ESC_INT },
	{ UI_KS_ESC, 0x30, 0x7e, UI_KEYSEQ_DONE, UI_KS_ESC },
	{ UI_KS_ESC_INT, 0x20, 0x2f, UI_KEYSEQ_MORE, UI_KS_ESC_INT },
	{ UI_KS_ESC_INT, 0x30, 0x7e, UI_KEYSEQ_DONE, UI_KS_ESC },
	{ UI_KS_CSI0, '[', '[', UI_KEYSEQ_MORE, UI_KS_LINUX },
	{ UI_KS_CSI0, '$', '$', UI_KEYSEQ_DONE, UI_KS_ESC },
	{ UI_KS_CSI0, 0x20, 0x3f, UI_KEYSEQ_MORE, UI_KS_CSI },
	{ UI_KS_CSI0, 0x40, 0x7e, UI_KEYSEQ_DONE, UI_KS_ESC },
	{ UI_KS_CSI, '$', '$', UI_KEYSEQ_DONE, UI_KS_ESC },	/* rxvt: ESC [ 2 $ */
	{ UI_KS_CSI, 0x20, 0x3f, UI_KEYSEQ_MORE, UI_KS_CSI },
	{ UI_KS_CSI, 0x40, 0x7e, UI_KEYSEQ_DONE, UI_KS_ESC },
	{ UI_KS_SS3, 0x30, 0x3f, UI_KEYSEQ_MORE, UI_KS_SS3 },	/* ESC O 5 P */
	{ UI_KS_SS3, 0x20, 0x7e, UI_KEYSEQ_DONE, UI_KS_ESC },
	{ UI_KS_LINUX, 0x20, 0x7e, UI_KEYSEQ_DONE, UI_KS_ESC },
};

void
ui_keyseq_start(struct ui_keyseq *ks)
{
	ks->state = UI_KS_ESC;
	ks->len = 0;
}

enum ui_keyseq_step
ui_keyseq_feed(struct ui_keyseq *ks, int c)
{
	const struct ui_keyseq_rule *r;
	size_t i;

	for (i = 0; i < sizeof ui_keyseq_rules / sizeof ui_keyseq_rules[0]; i++) {
		r = &ui_keyseq_rules[i];
		if ((int)r->state != ks->state || c < r->lo || c > r->hi)
			continue;
		ks->state = (int)r->next;
		if (++ks->len >= UI_KEYSEQ_MAX)
			return UI_KEYSEQ_DONE;
		return r->step;
	}
	return UI_KEYSEQ_NOT;
}
