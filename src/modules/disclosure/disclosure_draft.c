/* Drafts that other modules start on the board: a summary of work orders,
 * a ledger's statement. They become ordinary drafts of the author, which go
 * through the board's own submit, review and publish steps (the two-person
 * rule included) and so into the public log like any other post. */
#include <string.h>

#include "modules/disclosure/disclosure.h"
#include "modules/disclosure/disclosure_internal.h"

int disclosure_draft_add(struct db *db, int64_t community_id, const char *item_code, const char *title,
                         const char *body_markdown, int64_t author, int64_t now, int64_t *post_id)
{
	struct arena a;
	arena_init(&a, 1u << 20);
	struct disclosure_item *items;
	size_t n;
	int rc = disclosure_items(db, &a, community_id, 0, &items, &n) < 0 ? -1 : 1;
	for (size_t i = 0; rc == 1 && i < n; i++)
		if (items[i].code && !strcmp(items[i].code, item_code)) {
			struct disclosure_post p = {.item_id = items[i].id,
			                            .title = title,
			                            .body = body_markdown,
			                            .notice_days = items[i].notice_days,
			                            .author_id = author,
			                            .created_at = now};
			rc = disclosure_post_add(db, community_id, &p, post_id) < 0 ? -1 : 0;
		}
	arena_free(&a);
	return rc;
}

int disclosure_seed_item_ensure(struct db *db, int64_t community_id, const char *item_code, int64_t now)
{
	size_t k = 0;
	while (k < disclosure_nseed && strcmp(disclosure_seed[k].code, item_code))
		k++;
	if (k == disclosure_nseed)
		return 1;
	struct arena a;
	arena_init(&a, 1u << 20);
	struct disclosure_item *items;
	size_t n;
	int rc = disclosure_items(db, &a, community_id, 1, &items, &n) < 0 ? -1 : 0;
	int found = 0;
	for (size_t i = 0; rc == 0 && i < n && !found; i++)
		found = items[i].code && !strcmp(items[i].code, item_code);
	arena_free(&a);
	if (rc < 0 || found)
		return rc;
	const struct disclosure_seed_item *s = &disclosure_seed[k];
	struct disclosure_item it = {.code = s->code, .title = s->title, .content = s->content, .basis = s->basis,
				     .responsible = s->responsible, .channels = s->channels,
				     .public_columns = s->public_columns, .category = s->category, .freq = s->freq,
				     .personal_data = s->personal_data, .notice_days = s->notice_days,
				     .sort_order = (int)k * 10};
	int64_t id;
	return disclosure_item_add(db, community_id, &it, now, &id) != 0 ? -1 : 0;
}
