/* "Needs doing" cards of the staff workbenches: each module's workbench hook
 * (struct module in http/module.h) appends its cards, and the workbench
 * page renders them through here. */
#ifndef SHEQU_WEB_CARDS_H
#define SHEQU_WEB_CARDS_H
#include <stddef.h>
#include <stdint.h>

#include "http/request.h"

/* How pressing a card is, least first: for information; someone's turn to
 * act (待处理); a deadline within days; a deadline passed. */
enum wb_urgency { WB_NORMAL, WB_TODO, WB_SOON, WB_OVERDUE, WB__MAX };

/* One thing that needs doing, with how many and where to do it. */
struct wb_card {
	const char *title; /* Chinese, short: "待审核发布" */
	int64_t count;
	/* Absolute ("/c/xingfuli/admin/board/", "/admin/due"); NULL on a
	 * community's card (community_id set), whose cell links to that
	 * community's workbench. */
	const char *path;
	const char *note;  /* one line, Chinese; NULL for none */
	enum wb_urgency urgency;
	const char *turn;  /* whose turn it is ("等待另一名工作人员审核"); NULL for none */
	/* On the street and district workbench: the community the count is
	 * of (its column in the communities table), 0 for an overview card. */
	int64_t community_id;
};

/* The cards of one workbench page, in the request's arena. */
struct workbench {
	struct arena *a;
	struct wb_card *cards;
	size_t n, cap;
};

/* Appends a copy of c (its strings are not copied: keep them in the
 * request's arena or static). 0, or -1 when the arena runs out. */
int workbench_add(struct workbench *w, const struct wb_card *c);
/* Appends a card with these fields unless count is 0 (the workbench shows
 * none of those): the usual way a hook adds one. 0, or -1 when the arena
 * runs out. */
int workbench_card(struct workbench *w, const char *title, int64_t count, const char *path, const char *note,
		   enum wb_urgency urgency, const char *turn, int64_t community_id);
/* Writes the cards with a nonzero count and no community (overview cards)
 * as a titled list, most urgent first; the empty text when there are none. */
void workbench_render(struct req *r, const struct workbench *w, const char *heading, const char *empty);

#endif
