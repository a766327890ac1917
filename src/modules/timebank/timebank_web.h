/* 时间银行: what the module's handlers, views and API share (its files only). */
#ifndef SHEQU_MODULES_TIMEBANK_WEB_H
#define SHEQU_MODULES_TIMEBANK_WEB_H
#include <stdint.h>

#include "core/arena.h"
#include "modules/timebank/timebank_internal.h"

/* ---- timebank_hours.c (pure) ---- */
/* Reads a duration as people type it: hours (2, 1.5, 2小时, 1.5h, 1小时半),
 * hours and minutes (1小时30分, 1时30分钟), minutes (90分钟, 90分), 半小时;
 * full-width digits and spaces allowed. Whole minutes, 1 .. TB_MOVE_MAX.
 * NULL with *minutes set, or the reason in Chinese. */
const char *tb_parse_hours(const char *s, int64_t *minutes);
/* Minutes as 3小时20分钟 (2小时, 45分钟). */
char *tb_minutes_text(struct arena *a, int64_t minutes);
/* Minutes as hours with one decimal, rounded (200 → "3.3"). */
char *tb_hours_text(struct arena *a, int64_t minutes);

#endif
