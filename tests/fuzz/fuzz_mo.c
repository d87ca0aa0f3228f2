/*
 * libFuzzer target for the catalog reader: the bytes are one .mo file. A
 * catalog that is accepted must answer lookups of every msgid it holds
 * without reading outside the file; one that is refused must say why.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "i18n/mo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *err = NULL, *h;
	struct i18n_mo *mo = i18n_mo_parse(data, size, "fuzz.mo", &err);

	if ((mo == NULL) == (err == NULL))
		abort();
	if (mo != NULL) {
		(void)i18n_mo_find(mo, "Save");
		(void)i18n_mo_find(mo, "");
		h = i18n_mo_header(mo, "Content-Type");
		free(h);
	}
	i18n_mo_free(mo);
	free(err);
	return 0;
}
