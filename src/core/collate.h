/* Chinese sort order: names compare by pinyin (ICU's "zh" collation), as
 * people expect lists to read, not by code point. */
#ifndef SHEQU_CORE_COLLATE_H
#define SHEQU_CORE_COLLATE_H
#include <stddef.h>

#include "core/arena.h"

/* <0, 0 or >0 as a sorts before, with or after b (UTF-8). Falls back to
 * byte order if ICU cannot open the collation. Safe from any thread. */
int collate_zh(const char *a, const char *b);

/* The ICU "zh" collation sort key of s (UTF-8): comparing two keys with
 * memcmp orders them as collate_zh orders the texts, so that a column
 * holding it, indexed, gives lists in pinyin order. In the arena, length
 * in *n. NULL when the arena fails. */
unsigned char *collate_zh_key(struct arena *a, const char *s, size_t *n);

#endif
