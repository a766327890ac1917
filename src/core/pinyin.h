/* Pinyin of Chinese names, for search and order: what staff type to find a
 * resident (张三丰: "zsf", "zhangsanfeng", "zhangs"). (The order of lists is
 * collate_zh_key's, core/collate.h.) Readings come from ICU's Han-Latin
 * transliterator (a surname's reading for the first character: 单 shan,
 * 曾 zeng), learnt once per character and kept for the process, so that
 * converting a name costs a table lookup per character. Safe from any
 * thread. */
#ifndef SHEQU_CORE_PINYIN_H
#define SHEQU_CORE_PINYIN_H
#include <stddef.h>

#include "core/arena.h"

/* The pinyin of UTF-8 text s, without tones, lower-case, syllables joined
 * (*full: "zhangsanfeng") and their first letters (*initials: "zsf"). Han
 * characters by their reading (the first character as a surname), ASCII
 * letters and digits kept (lower-cased) in both, full-width ones folded to
 * ASCII, everything else (spaces, ·, punctuation, other scripts) dropped.
 * Both in the arena. 0, or -1 when the arena fails or s is not UTF-8. */
int pinyin_of(struct arena *a, const char *s, char **full, char **initials);

#endif
