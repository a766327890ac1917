#include "core/pinyin.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

/* The Han characters most names use (CJK Extension A and the URO): their
 * readings are kept once learnt. Others are asked of ICU each time. */
#define HAN_FIRST 0x3400
#define HAN_LAST 0x9FFF
#define SYLLABLE 7 /* "zhuang" and a NUL */

struct reading {
	char s[SYLLABLE];
	atomic_uchar ready; /* s is written and may be read */
};

/* [0]: any character; [1]: the first character of a name, read as a surname. */
static struct reading cache[2][HAN_LAST - HAN_FIRST + 1];

/* The transliterators are not thread-safe: used only under this lock. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static UTransliterator *trans[2];
static int opened;

static UTransliterator *open_trans(const char *id)
{
	UChar uid[64];
	u_uastrcpy(uid, id);
	UErrorCode status = U_ZERO_ERROR;
	UTransliterator *t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
	return U_FAILURE(status) ? NULL : t;
}

/* ICU's reading of c, as ASCII letters (tones gone, spaces stripped) in
 * out; "" when it has none. Called under lock. */
static void learn(UChar32 c, int surname, char out[SYLLABLE])
{
	out[0] = 0;
	if (!opened) {
		opened = 1;
		trans[0] = open_trans("Han-Latin; Latin-ASCII");
		/* ICU's surname readings (单 shan, 曾 zeng, 区 ou); the plain ones without it. */
		trans[1] = open_trans("Han-Latin/Names; Latin-ASCII");
	}
	UTransliterator *t = trans[surname] ? trans[surname] : trans[0];
	if (!t)
		return;
	UChar buf[64];
	int32_t len = 0;
	UBool err = 0;
	U16_APPEND(buf, len, 64, c, err);
	if (err)
		return;
	int32_t limit = len;
	UErrorCode status = U_ZERO_ERROR;
	utrans_transUChars(t, buf, &len, 64, 0, &limit, &status);
	if (U_FAILURE(status))
		return;
	int n = 0;
	for (int32_t i = 0; i < len && i < 64; i++) {
		UChar u = buf[i];
		if (u >= 'A' && u <= 'Z')
			u = (UChar)(u - 'A' + 'a');
		if (u >= 'a' && u <= 'z' && n < SYLLABLE - 1)
			out[n++] = (char)u;
	}
	out[n] = 0;
}

/* The reading of Han character c, from the cache once learnt. */
static const char *reading_of(UChar32 c, int surname, char tmp[SYLLABLE])
{
	if (c < HAN_FIRST || c > HAN_LAST) {
		pthread_mutex_lock(&lock);
		learn(c, surname, tmp);
		pthread_mutex_unlock(&lock);
		return tmp;
	}
	struct reading *r = &cache[surname][c - HAN_FIRST];
	if (atomic_load_explicit(&r->ready, memory_order_acquire))
		return r->s;
	pthread_mutex_lock(&lock);
	if (!atomic_load_explicit(&r->ready, memory_order_relaxed)) {
		learn(c, surname, r->s);
		atomic_store_explicit(&r->ready, 1, memory_order_release);
	}
	pthread_mutex_unlock(&lock);
	return r->s;
}

int pinyin_of(struct arena *a, const char *s, char **full, char **initials)
{
	size_t len = strlen(s);
	if (len > INT32_MAX / 2)
		return -1;
	/* A reading has at most 6 letters; its character takes at least 3 bytes. */
	char *f = arena_alloc(a, 2 * len + 1), *in = arena_alloc(a, len + 1);
	if (!f || !in)
		return -1;
	size_t nf = 0, ni = 0;
	int first = 1; /* nothing kept yet: a Han character here is the surname */
	for (int32_t i = 0; i < (int32_t)len;) {
		UChar32 c;
		U8_NEXT((const uint8_t *)s, i, (int32_t)len, c);
		if (c < 0)
			return -1;
		if (c >= 0xFF10 && c <= 0xFF5A) /* full-width digits and letters */
			c -= 0xFF10 - 0x30;
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
			char k = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
			f[nf++] = k;
			in[ni++] = k;
			first = 0;
		} else if ((c >= HAN_FIRST && c <= HAN_LAST) || u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) {
			char tmp[SYLLABLE];
			const char *r = reading_of(c, first, tmp);
			size_t n = strlen(r);
			if (!n)
				continue;
			memcpy(f + nf, r, n);
			nf += n;
			in[ni++] = r[0];
			first = 0;
		}
	}
	f[nf] = 0;
	in[ni] = 0;
	*full = f;
	*initials = in;
	return 0;
}
