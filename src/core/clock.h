/* Time: stored as Unix seconds (UTC), shown in China Standard Time (UTC+8, no DST). */
#ifndef SHEQU_CORE_CLOCK_H
#define SHEQU_CORE_CLOCK_H
#include <stddef.h>
#include <stdint.h>

/* Current Unix time in seconds. */
int64_t clock_now(void);
/* Writes "YYYY-MM-DD HH:MM" in UTC+8 into out (at least 17 bytes); returns out. */
char *clock_format_cst(int64_t t, char *out, size_t n);
/* Writes "YYYY-MM-DD" in UTC+8 into out (at least 11 bytes); returns out. */
char *clock_format_date_cst(int64_t t, char *out, size_t n);
/* Writes "YYYY-MM-DDTHH:MM:SSZ" (RFC 3339, UTC) into out (at least 21 bytes); returns out. */
char *clock_format_iso_utc(int64_t t, char *out, size_t n);
/* Writes an HTTP date (RFC 7231, GMT) into out (at least 30 bytes); returns out. */
char *clock_format_http(int64_t t, char *out, size_t n);

#endif
