#include "core/collate.h"

#include <pthread.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

static UCollator *collator;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* One collator for the process: ICU's compare functions are safe to call
 * concurrently on a collator nobody modifies. */
static void collate_open(void)
{
	UErrorCode status = U_ZERO_ERROR;
	collator = ucol_open("zh", &status);
	if (U_FAILURE(status))
		collator = NULL;
}

int collate_zh(const char *a, const char *b)
{
	pthread_once(&once, collate_open);
	if (!collator)
		return strcmp(a, b);
	UErrorCode status = U_ZERO_ERROR;
	UCollationResult r = ucol_strcollUTF8(collator, a, -1, b, -1, &status);
	if (U_FAILURE(status))
		return strcmp(a, b);
	return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

unsigned char *collate_zh_key(struct arena *a, const char *s, size_t *n)
{
	size_t len = strlen(s);
	pthread_once(&once, collate_open);
	if (!collator || len > INT32_MAX / 4) {
		/* As collate_zh falls back: the bytes order as strcmp does. */
		*n = len;
		return (unsigned char *)arena_strndup(a, s, len);
	}
	/* UTF-16 never needs more units than UTF-8 has bytes. */
	UChar *u = arena_alloc(a, (len + 1) * sizeof *u);
	if (!u)
		return NULL;
	int32_t ulen = 0, subs = 0;
	UErrorCode status = U_ZERO_ERROR;
	u_strFromUTF8WithSub(u, (int32_t)len + 1, &ulen, s, (int32_t)len, 0xFFFD, &subs, &status);
	if (U_FAILURE(status))
		ulen = 0;
	uint8_t small[256];
	int32_t need = ucol_getSortKey(collator, u, ulen, small, sizeof small);
	if (need <= 0)
		return NULL;
	unsigned char *key = arena_alloc(a, (size_t)need);
	if (!key)
		return NULL;
	if (need <= (int32_t)sizeof small)
		memcpy(key, small, (size_t)need);
	else if (ucol_getSortKey(collator, u, ulen, key, need) != need)
		return NULL;
	*n = (size_t)need - 1; /* the key ends with a NUL, left out of the length */
	return key;
}
