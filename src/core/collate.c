#include "core/collate.h"

#include <pthread.h>
#include <string.h>
#include <unicode/ucol.h>

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
