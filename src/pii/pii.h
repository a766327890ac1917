/* Personal data (个人信息, PIPL): the masked projections shown to the public,
 * resident ID numbers (GB 11643), free text scrubbed of ID and phone numbers
 * however they are written, encryption at rest and a keyed blind index.
 * Shared by every module that keeps personal fields. Pure except for
 * pii_crypt.c's key files and pii_db.c's binding of sealed columns. */
#ifndef SHEQU_PII_H
#define SHEQU_PII_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

/* ---- masked projections (pii_mask.c) ----
 * Each returns a new string in the arena (NULL only when the arena fails);
 * an empty input gives an empty output. Masking a masked value changes nothing. */

/* 张三丰 → 张*丰, 李四 → 李*, 王 → *, 欧阳中华 → 欧**华. */
char *pii_mask_name(struct arena *a, const char *name);
/* 18 characters → 110***********1234; 15 → 110********1234; anything else all stars. */
char *pii_mask_id(struct arena *a, const char *id);
/* 13812341234 → 138****1234; other lengths keep the first 3 and last 4 when
 * 8 or longer, else all stars. */
char *pii_mask_phone(struct arena *a, const char *phone);
/* Keeps the address up to the building (…号楼, …栋, …幢, …楼). Without a
 * building before any unit, room or floor: up to the estate's name (…小区,
 * …社区, …花园, …家园, …新村, …公寓, …大院, …苑) and "**", else what comes
 * before the unit, room or floor's number and "**", else its first half
 * and "**". */
char *pii_mask_address(struct arena *a, const char *addr);

/* ---- free text: names, addresses, rooms, e-mails (pii_mask.c) ----
 * Each returns a new string in the arena, NULL only when the arena fails;
 * masking the result again changes nothing. */

/* text with every occurrence of what (non-empty) replaced by with. */
char *pii_mask_each(struct arena *a, const char *text, const char *what, const char *with);
/* The local part of every e-mail address (x@domain.tld) starred, one star a byte. */
char *pii_mask_email(struct arena *a, const char *text);
/* Room and flat numbers starred, one star a character: the number before
 * 室, 户 or 号房 (digits, or Chinese numerals after 第: 第十二户 → 第**户),
 * and the numbers before and after 单元 (5号楼1单元302 → 5号楼*单元***:
 * the building stays). */
char *pii_mask_rooms(struct arena *a, const char *text);

/* ---- resident ID numbers (pii_id.c) ---- */

/* The GB 11643 MOD 11-2 check character ('0'..'9' or 'X') of the first 17
 * characters of s, or 0 when they are not 17 ASCII digits. */
char pii_id_check_char(const char *s);
/* 1 if s is a resident ID number: 17 digits and the right check character
 * (x accepted for X), or the old 15-digit form; else 0. */
int pii_id_valid(const char *s);

/* ---- free text (pii_text.c) ---- */

enum pii_kind {
	PII_ID,       /* 18 characters with a valid check character, or 15 digits */
	PII_MOBILE,   /* 1[3-9] and 9 more digits, with or without 86 in front */
	PII_LANDLINE, /* 0, a 2-3 digit area code, 7-8 digits */
	PII_NUMBER,   /* any other run of 7 or more digits */
	PII__MAX
};

/* A number found in free text: bytes [start, end) of the original. */
struct pii_span {
	size_t start, end;
	enum pii_kind kind;
	int digits; /* digits (and X) it holds */
};

/* Finds the numbers pii_mask_text would mask in n bytes of text. The text
 * is read as NFKC with format characters and combining marks dropped, any
 * Unicode decimal digit, other numeric characters worth 0..9 (circled,
 * Hangzhou numerals) and the Chinese numerals (〇零一…九, 幺, 两, 洞,
 * 壹…玖) taken as digits; digits joined by up to 6 separators (white space,
 * any punctuation or symbol: dashes, dots, 、。:, arrows…) form one number.
 * A number with a run of 7 or more digits, or 7 or more digits in all, is
 * masked, except plain dates (2024-01-15, optionally with a time), times of
 * day (14:30-16:00) and amounts (12,345.67) that have no 11 digits in a row
 * reading as a mobile number. A second look finds mobiles and IDs (valid
 * check character) whose digit groups are parted by up to 12 characters of
 * anything, words and markup included (138加0013加8000). Spans in order,
 * merged where they overlap, in the arena. 0 or -1. */
int pii_text_find(struct arena *a, const char *text, size_t n, struct pii_span **out, size_t *count);
/* The text with every digit character (and ID check X) of every number
 * pii_text_find reports replaced by one '*' each, separators and all other
 * text kept byte for byte. Repeated until nothing is left to mask, so that
 * masking the result again changes nothing. NULL only when the arena fails. */
char *pii_mask_text(struct arena *a, const char *text);
/* 1 if text holds a mobile number or a resident ID number however it is
 * written: one pii_text_find reports as such, or one inside a longer
 * number it reports (a name's 三 or 五 read as a digit joins
 * "张三13912345678" into twelve digits; "五:139-1234-5678"): a mobile
 * (1[3-9] and nine more digits) or an ID (17 digits and a valid check
 * character) within one run of digits or filling whole runs. Dates, times
 * and landlines are not. Also 1 when the arena fails (not checked: not to
 * be published); 0 otherwise. For fields shown to the public. */
int pii_text_holds_personal(struct arena *a, const char *text);

/* ---- encryption at rest and blind index (pii_crypt.c) ---- */

#define PII_KEY_BYTES 32
#define PII_SEAL_OVERHEAD 41 /* version 1 + nonce 24 + MAC 16 */
#define PII_INDEX_BYTES 32
#define PII_CHECK_BYTES 32

/* The subkeys derived (crypto_kdf) from the 32 random bytes of a key file. */
struct pii_key {
	unsigned char box[32];   /* secretbox key for sealed fields */
	unsigned char index[32]; /* BLAKE2b key for blind indexes */
	unsigned char check[32]; /* identifies the key to a database, reveals nothing of it */
};

/* Derives the subkeys from a master key. */
void pii_key_derive(struct pii_key *k, const unsigned char master[PII_KEY_BYTES]);
/* The key's check value: stored in the database by `shequ init`, so that a
 * server refuses a key file that belongs to another database. */
void pii_key_check(const struct pii_key *k, unsigned char out[PII_CHECK_BYTES]);
/* Writes a new random key file at path (mode 0600, refusing to replace an
 * existing file): a comment line, then the key as 64 hex digits. 0, or -1
 * with a message in err. */
int pii_key_file_create(const char *path, char *err, size_t errlen);
/* Reads a key file: it must be a regular file not readable or writable by
 * group or others, holding 64 hex digits on a line of its own (lines
 * starting with # are comments). 0 with *k set, or -1 with a message in err. */
int pii_key_file_read(const char *path, struct pii_key *k, char *err, size_t errlen);
/* Copies a key file to a new file at to (mode 0600, refusing to replace
 * one), so that a copy of the database keeps its key. 0, or -1 with a
 * message in err. */
int pii_key_file_copy(const char *from, const char *to, char *err, size_t errlen);
/* The process's key, set once at start-up before any thread starts, read
 * by every store that seals or opens personal fields. NULL until set;
 * installing NULL forgets it. */
void pii_key_install(const struct pii_key *k);
const struct pii_key *pii_key_current(void);

/* Seals n bytes into out (n + PII_SEAL_OVERHEAD bytes): a version byte, a
 * random nonce and the secretbox. */
void pii_seal(const struct pii_key *k, const void *m, size_t n, unsigned char *out);
/* Opens a sealed value into out (n - PII_SEAL_OVERHEAD bytes): 0, or -1
 * when it is too short, of another version, or was sealed under another
 * key or changed. */
int pii_open(const struct pii_key *k, const unsigned char *c, size_t n, unsigned char *out);
/* Seals a NUL-terminated string into the arena: the sealed bytes (length
 * in *len), or NULL when there is no key or the arena fails. */
unsigned char *pii_seal_text(struct arena *a, const struct pii_key *k, const char *s, size_t *len);
/* Opens a sealed string into the arena: the text, or NULL when there is no
 * key, it does not open, or holds a NUL byte. */
char *pii_open_text(struct arena *a, const struct pii_key *k, const void *c, size_t n);
/* The blind index of a value for exact lookups (the same value in the same
 * field always gives the same index; nothing else can be learnt from it
 * without the key): keyed BLAKE2b of the field name and the value. Callers
 * normalise the value first (e.g. an upper-case X in ID numbers). */
void pii_blind_index(const struct pii_key *k, const char *field, const void *v, size_t n,
                     unsigned char out[PII_INDEX_BYTES]);

/* ---- sealed columns (pii_db.c) ---- */
struct db_stmt;
/* Binds s sealed under the process's key (pii_key_current), or SQL NULL
 * when s is NULL or empty. The sealed bytes are in a and bound without a
 * copy (db_bind_blob_ref): a stays as it is until the statement is reset.
 * 0, or -1 when there is no key or the arena fails. */
int pii_bind_sealed(struct db_stmt *st, int i, struct arena *a, const char *s);
/* Opens a sealed column into the arena: "" for SQL NULL, NULL when it does
 * not open (no key, another key, changed bytes, a NUL inside). */
char *pii_col_opened(struct db_stmt *st, int i, struct arena *a);
/* Binds n bytes (a file) sealed under the process's key, the sealed copy
 * in a and bound without a copy as pii_bind_sealed. 0, or -1 when there is
 * no key or the arena fails. */
int pii_bind_sealed_bytes(struct db_stmt *st, int i, struct arena *a, const void *data, size_t n);
/* Opens a sealed column that holds n plain bytes into the arena: the
 * bytes, or NULL when it does not open to n bytes (no key, another key,
 * changed or cut bytes). */
unsigned char *pii_col_opened_bytes(struct db_stmt *st, int i, struct arena *a, size_t n);

#endif
