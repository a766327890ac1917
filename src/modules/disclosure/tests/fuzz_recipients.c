/* libFuzzer target: an uploaded recipient list as disclosure_recipients_import reads
 * it (UTF-8 with or without a BOM, or GB18030; CSV by libcsv). Whatever the
 * bytes: a refusal says why in valid UTF-8; rows hold well-formed text, a
 * valid ID number or none, a mobile number or none, 1-50 people, a
 * non-negative amount. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/str.h"
#include "modules/disclosure/disclosure_internal.h"
#include "pii/pii.h"

static int text_ok(const char *s)
{
	return s && utf8_valid(s, strlen(s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 64 << 20);
	const char *err = NULL;
	struct disclosure_recipient *r = NULL;
	int n = disclosure_recipients_import(&a, data, size, &r, &err);
	if (n < -2 || (n < 0 && (!err || !utf8_valid(err, strlen(err)))))
		__builtin_trap();
	if (n > 2000)
		__builtin_trap();
	for (int i = 0; i < n; i++) {
		const struct recipient_text *f = &r[i].full;
		if (r[i].row != i + 1 || !text_ok(f->name) || !*f->name || !text_ok(f->id_number) ||
		    !text_ok(f->phone) || !text_ok(f->address) || !text_ok(f->note))
			__builtin_trap();
		if ((*f->id_number && !pii_id_valid(f->id_number)) || (*f->phone && !str_is_mobile(f->phone)))
			__builtin_trap();
		if (r[i].household_size < 1 || r[i].household_size > 50 || r[i].amount_fen < 0 ||
		    r[i].amount_fen > INT64_C(100000000000000))
			__builtin_trap();
		/* Its public projection never holds the ID or phone number in full. */
		const char *id = pii_mask_id(&a, f->id_number), *phone = pii_mask_phone(&a, f->phone);
		if (!id || !phone || (*f->id_number && strstr(id, f->id_number)) ||
		    (*f->phone && strstr(phone, f->phone)))
			__builtin_trap();
	}
	arena_free(&a);
	return 0;
}
