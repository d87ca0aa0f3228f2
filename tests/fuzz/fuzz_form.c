/*
 * libFuzzer target for the form parser: the bytes are one .form file. Beside
 * "no crash, no leak" it checks that a clean parse survives the writer: the
 * written text parses again without errors and writes identically. Every
 * field's value check runs on the first line of the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form/form.h"
#include "form/value.h"
#include "util/mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_form_rewrite(const struct form_set *set)
{
	size_t i;

	for (i = 0; i < set->nforms; i++) {
		char *a = form_def_write(set->forms[i]), *b;
		struct form_set *again = form_set_new();

		form_set_parse(again, "again.form", a);
		if (again->nerrors != 0 || again->nforms != 1)
			abort();
		b = form_def_write(again->forms[0]);
		if (strcmp(a, b) != 0)
			abort();
		free(a);
		free(b);
		form_set_free(again);
	}
}

static void
fuzz_form_values(const struct form_set *set, const char *text)
{
	char *line = xstrndup(text, strcspn(text, "\n"));
	size_t i, j;

	for (i = 0; i < set->nforms; i++) {
		const struct form_def *def = set->forms[i];

		for (j = 0; j < def->nfields; j++) {
			char *canon = NULL, *msg = NULL;

			form_value_check(set, &def->fields[j], line, &canon, &msg);
			free(canon);
			free(msg);
		}
	}
	free(line);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size);
	struct form_set *set = form_set_new();

	form_set_parse(set, "fuzz.form", text);
	form_set_finish(set);
	if (set->nerrors == 0)
		fuzz_form_rewrite(set);
	fuzz_form_values(set, text);
	form_set_free(set);
	free(text);
	return 0;
}
