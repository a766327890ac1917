/* Checked integer arithmetic for numbers that come from outside (URL
 * indexes, form fields, file sizes). Each returns 0 with the result in *out,
 * or -1 when the exact result does not fit; *out is then unspecified. */
#ifndef SHEQU_CORE_CHECKED_H
#define SHEQU_CORE_CHECKED_H
#include <stdint.h>

static inline int ck_addu64(uint64_t a, uint64_t b, uint64_t *out)
{
	return __builtin_add_overflow(a, b, out) ? -1 : 0;
}

static inline int ck_mulu64(uint64_t a, uint64_t b, uint64_t *out)
{
	return __builtin_mul_overflow(a, b, out) ? -1 : 0;
}

#endif
