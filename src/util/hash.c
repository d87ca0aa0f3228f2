#include "util/hash.h"

#define HASH_FNV_BASIS	2166136261u
#define HASH_FNV_PRIME	16777619u

uint32_t
hash_str(const char *s)
{
	uint32_t h = HASH_FNV_BASIS;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * HASH_FNV_PRIME;
	return h;
}
