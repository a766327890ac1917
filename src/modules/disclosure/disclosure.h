/* 党务居务公开: the disclosure board as a tamper-evident public record
 * (DOMAIN.md area 1). What the rest of shequ may use of it: the module
 * table, listed through the top meson.build's module list. Everything else
 * (its types, store, views) is private to this folder:
 * disclosure_internal.h. */
#ifndef SHEQU_MODULES_DISCLOSURE_H
#define SHEQU_MODULES_DISCLOSURE_H
#include <stdint.h>

#include "db/db.h"
#include "http/module.h"

extern const struct module disclosure_module;

/* Starts a draft post by author on the current (not retired) item with
 * this code in the community's catalogue (e.g. "hot-issues",
 * 热点难点处理情况), with the item's 公示 days, in the caller's write
 * transaction. The draft then goes through the board's own submit, review
 * and publish steps. *post_id is set. 0, 1 if the community has no such
 * current item, -1. */
int disclosure_draft_add(struct db *db, int64_t community_id, const char *item_code, const char *title,
			 const char *body_markdown, int64_t author, int64_t now, int64_t *post_id);

/* Adds the seed catalogue's item with this code (e.g. "cobuild") to the
 * community's catalogue unless it has an item of that code already,
 * current or retired: for communities made before the item was seeded.
 * In the caller's write transaction. 0 (added or there), 1 when the seed
 * has no such item, -1. */
int disclosure_seed_item_ensure(struct db *db, int64_t community_id, const char *item_code, int64_t now);

#endif
