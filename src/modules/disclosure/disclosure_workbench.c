/* The board's "needs doing" cards on the staff workbenches (the module's
 * workbench hook, http/module.h): drafts, posts waiting for a second person,
 * returned drafts, unanswered objections and opinions, withdrawals to
 * approve and catalogue items due within 7 days or overdue. */
#include "modules/disclosure/disclosure_internal.h"
#include "modules/disclosure/disclosure_routes.h"
#include "web/cards.h"
#include "web/link.h"

/* Counts the items overdue and due within 7 days among n. */
static void due_counts(const struct disclosure_item *it, size_t n, int64_t now, int64_t *late, int64_t *soon)
{
	for (size_t i = 0; i < n; i++) {
		struct ymd due;
		enum disclosure_due d = disclosure_due_state(it[i].freq, it[i].last_published, it[i].created_at, now, &due);
		*late += d == DUE_OVERDUE;
		*soon += d == DUE_SOON;
	}
}

static int community_cards(struct req *r, const struct community *c, struct workbench *w)
{
	struct disclosure_todo t;
	struct disclosure_item *items;
	size_t n;
	if (disclosure_todo_counts(r->db, r->a, c->id, r->user->id, &t) < 0 ||
	    disclosure_items_due(r->db, r->a, c->id, &items, &n) < 0)
		return -1;
	int two = disclosure_two_person(r->db, c->id);
	int64_t late = 0, soon = 0;
	due_counts(items, n, r->now, &late, &soon);
	const char *s = c->slug;
	struct arena *a = r->a;
	return workbench_card(w, "退回修改的草稿", t.returned_mine,
	                      url_c(a, s, "/admin/board/?status=returned"),
	                      t.last_return_reason ? arena_printf(a, "退回理由:%s", t.last_return_reason)
	                                           : "审核人退回了您的草稿,请按退回理由修改后重新提交",
	                      WB_TODO, "轮到您修改", 0) |
	       workbench_card(w, "我的草稿", t.drafts_mine - t.returned_mine,
	                      url_c(a, s, "/admin/board/?status=mine"), "尚未提交审核", WB_NORMAL, NULL, 0) |
	       workbench_card(w, "其他人的草稿", t.drafts_others, url_c(a, s, "/admin/board/?status=draft"),
	                      "其他工作人员起草、尚未提交审核", WB_NORMAL, NULL, 0) |
	       workbench_card(w, "待审核发布", t.submitted_others,
	                      url_c(a, s, "/admin/board/?status=submitted"),
	                      "其他工作人员提交的内容,审核后发布或退回", WB_TODO, "轮到您审核", 0) |
	       workbench_card(w, "我提交的待审核内容", t.submitted_mine,
	                      url_c(a, s, "/admin/board/?status=submitted"),
	                      two ? "双人审核:须由另一名工作人员发布" : "您可以直接发布", WB_NORMAL,
	                      two ? "等待另一名工作人员审核" : NULL, 0) |
	       workbench_card(w, "待批准的撤回申请", t.withdrawals, url_c(a, s, "/admin/board/"),
	                      "其他工作人员申请撤回已发布的内容", WB_TODO, "轮到您批准或驳回", 0) |
	       workbench_card(w, "待审核的异议", t.held, url_c(a, s, "/admin/board/#held"),
	                      "显示或屏蔽居民提出的异议", WB_TODO, NULL, 0) |
	       workbench_card(w, "未答复的异议", t.objections, url_c(a, s, "/admin/board/#open"),
	                      "居民对公示内容提出的异议,请公开答复", WB_TODO, NULL, 0) |
	       workbench_card(w, "未答复的监督意见", t.opinions, url_c(a, s, "/admin/board/#open"),
	                      "监督员提出的意见,请公开答复", WB_TODO, NULL, 0) |
	       workbench_card(w, "逾期未公开的事项", late, url_c(a, s, "/board/due"),
	                      "公开目录中已过公开时限的事项", WB_OVERDUE, NULL, 0) |
	       workbench_card(w, "7 日内到期的事项", soon, url_c(a, s, "/board/due"),
	                      "公开目录中 7 日内到期的事项", WB_SOON, NULL, 0);
}

/* The street or district workbench: overdue and soon-due items across the
 * communities (the /admin/due overview), and per community the overdue
 * items, the posts waiting for review and the unanswered threads. */
static int street_cards(struct req *r, struct workbench *w)
{
	int64_t unit = auth_admin_scope(r->user);
	if (unit < 0)
		return 0;
	struct disclosure_item *items;
	struct disclosure_todo_row *rows;
	size_t n, nrows;
	if (disclosure_items_due_under(r->db, r->a, unit, &items, &n) < 0 ||
	    disclosure_todo_under(r->db, r->a, unit, &rows, &nrows) < 0)
		return -1;
	/* Every community gets its three counts, zeros included, so that the
	 * communities table has the same columns whatever the counts. */
	int64_t late_all = 0, soon_all = 0, ncommunities_late = 0;
	for (size_t i = 0; i < n;) {
		int64_t id = items[i].community_id, late = 0, soon = 0, waiting = 0, open = 0;
		size_t j = i;
		while (j < n && items[j].community_id == id)
			j++;
		due_counts(items + i, j - i, r->now, &late, &soon);
		for (size_t k = 0; k < nrows; k++)
			if (rows[k].community_id == id)
				*(rows[k].unanswered ? &open : &waiting) += rows[k].count;
		late_all += late;
		soon_all += soon;
		ncommunities_late += late > 0;
		struct wb_card cards[] = {
		    {.title = "逾期事项", .count = late, .urgency = WB_OVERDUE, .community_id = id},
		    {.title = "待审核发布", .count = waiting, .community_id = id},
		    {.title = "未答复异议和意见", .count = open, .community_id = id},
		};
		for (size_t k = 0; k < sizeof cards / sizeof *cards; k++)
			if (workbench_add(w, &cards[k]) < 0)
				return -1;
		i = j;
	}
	const char *note = arena_printf(r->a, "涉及 %lld 个社区,查看各社区公开到期情况", (long long)ncommunities_late);
	return workbench_card(w, "逾期未公开的事项", late_all, "/admin/due", note, WB_OVERDUE, NULL, 0) |
	       workbench_card(w, "7 日内到期的事项", soon_all, "/admin/due", "各社区 7 日内到期的公开事项", WB_SOON, NULL, 0);
}

int disclosure_workbench(struct req *r, const struct community *c, struct workbench *w)
{
	return c ? community_cards(r, c, w) : street_cards(r, w);
}
