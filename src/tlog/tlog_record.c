/* Canonical records: the one JSON form every module's public records take
 * (see tlog_store.h). Pure. */
#include <stdlib.h>
#include <string.h>

#include "tlog/tlog_store.h"

#define CANONICAL (JSON_COMPACT | JSON_SORT_KEYS)

char *tlog_record_canonical(struct arena *a, json_t *o)
{
	char *s = o ? json_dumps(o, CANONICAL) : NULL;
	json_decref(o);
	char *r = s ? arena_strdup(a, s) : NULL;
	free(s);
	return r;
}

json_t *tlog_record_parse(const char *record, const char **type)
{
	json_t *o = record ? json_loads(record, JSON_REJECT_DUPLICATES, NULL) : NULL;
	const char *t = json_string_value(json_object_get(o, "type"));
	/* Canonical: serialising what was parsed gives the same bytes back. */
	char *again = t && *t ? json_dumps(o, CANONICAL) : NULL;
	int ok = again && !strcmp(again, record);
	free(again);
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	if (type)
		*type = t;
	return o;
}
