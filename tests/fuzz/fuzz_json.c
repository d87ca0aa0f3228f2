/*
 * libFuzzer target for the JSON reader (iso-codes data): the bytes are one
 * document. Either a tree or a message, never both, never a crash or leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "util/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *err = NULL;
	struct json *doc = json_parse((const char *)data, size, &err);

	if ((doc == NULL) == (err == NULL))
		abort();
	json_free(doc);
	free(err);
	return 0;
}
