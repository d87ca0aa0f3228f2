/*
 * util/hash: the hash of a text for the program's own hash tables (the
 * prepared statements of db/db, the compiled expressions of db/expr).
 *
 * Contract: hash_str() is 32-bit FNV-1a over the bytes of s up to its NUL:
 * no seed, so a text hashes the same on every run and machine; not for
 * anything an attacker chooses to collide (the tables hold program text).
 */
#ifndef UTIL_HASH_H
#define UTIL_HASH_H

#include <stdint.h>

uint32_t	hash_str(const char *s);

#endif
