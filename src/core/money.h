/* Money: integer fen (分, 1/100 yuan), never floating point. One parser for
 * amounts typed into forms or read from imported files, one formatter for
 * every page and export (¥1,234.56). */
#ifndef SHEQU_CORE_MONEY_H
#define SHEQU_CORE_MONEY_H
#include <stddef.h>
#include <stdint.h>

/* Bytes money_format needs at most: "-¥92,233,720,368,547,758.08" and a NUL. */
#define MONEY_FORMAT_SIZE 32

enum money_error {
	MONEY_OK,
	MONEY_EMPTY,    /* nothing but spaces */
	MONEY_SYNTAX,   /* not an amount at all */
	MONEY_DECIMALS, /* more than two decimals */
	MONEY_COMMA,    /* a thousands separator out of place: "12,34", "1234,567" */
	MONEY_RANGE,    /* outside what int64 fen can hold */
	MONEY__MAX
};

/* Parses an amount in yuan into fen. Accepts "1234", "1234.5", "1,234.56",
 * a currency sign ("¥1234.5", "￥1,234.56") with or without spaces after it,
 * a leading minus ("-¥12", "¥-12"), a trailing "元", full-width digits,
 * comma, point, minus and spaces ("１２３４．５６"), and spaces around it.
 * Commas must group the whole part by threes; at most two decimals; at least
 * one digit before the point. Returns MONEY_OK with *fen set, or the reason
 * (and *fen untouched). s must be NUL-terminated; NULL is MONEY_EMPTY. */
enum money_error money_parse_ex(const char *s, int64_t *fen);
/* The same: 0, or -1 when s is not an amount. */
int money_parse(const char *s, int64_t *fen);
/* What is wrong, in Chinese, for a message next to the field ("" for MONEY_OK). */
const char *money_error_message(enum money_error e);
/* Writes fen as "¥1,234.56" ("-¥1,234.56" below zero; every int64 value,
 * INT64_MIN included) into out and returns out; returns NULL when n is too
 * small (out then holds "" if n > 0). MONEY_FORMAT_SIZE bytes always suffice. */
char *money_format(int64_t fen, char *out, size_t n);

#endif
