/* Chinese sort order: names compare by pinyin (ICU's "zh" collation), as
 * people expect lists to read, not by code point. */
#ifndef SHEQU_CORE_COLLATE_H
#define SHEQU_CORE_COLLATE_H

/* <0, 0 or >0 as a sorts before, with or after b (UTF-8). Falls back to
 * byte order if ICU cannot open the collation. Safe from any thread. */
int collate_zh(const char *a, const char *b);

#endif
