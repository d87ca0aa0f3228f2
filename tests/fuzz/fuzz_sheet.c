/*
 * libFuzzer target for the CSV reader of avrr import (util/sheet): the bytes
 * are one file. Either rows or a message, never both, never a crash or
 * leak; every cell valid UTF-8, the row numbers rising.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/sheet.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_sheet_path[] = "/tmp/avrr-fuzz-sheet-XXXXXX";

/* The contract of a sheet that was read. */
static void
fuzz_sheet_check(const struct sheet *s)
{
	size_t i, k;
	long last = 0;

	for (i = 0; i < s->nrows; i++) {
		if (s->rows[i].no <= last)
			abort();
		last = s->rows[i].no;
		for (k = 0; k < s->rows[i].ncells; k++)
			if (s->rows[i].cells[k] != NULL &&
			    !utf8_valid(s->rows[i].cells[k], strlen(s->rows[i].cells[k])))
				abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	struct sheet s;
	char *err = NULL;
	FILE *f;
	bool ok;

	if (fd < 0 && (fd = mkstemp(fuzz_sheet_path)) < 0)
		abort();
	if ((f = fopen(fuzz_sheet_path, "wb")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	ok = sheet_read_csv(fuzz_sheet_path, &s, &err);
	if (ok == (err != NULL) || (!ok && s.nrows != 0))
		abort();
	fuzz_sheet_check(&s);
	sheet_free(&s);
	free(err);
	return 0;
}
