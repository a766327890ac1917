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
