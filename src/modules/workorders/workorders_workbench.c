/* The work orders' "needs doing" cards on the staff workbenches (the
 * module's workbench hook, http/module.h): orders to accept, overdue and
 * due within a day, assigned to the visitor, extensions for a second
 * person to decide and unsatisfied requesters; on the street and district
 * workbench the overdue and soon-due orders across the communities, from
 * one grouped query. */
#include "modules/workorders/workorders_web.h"
#include "web/link.h"

static int community_cards(struct req *r, const struct community *c, struct workbench *w)
{
	struct wo_bench_counts k;
	if (wo_bench_counts(r->db, c->id, r->user->id, r->now, &k) < 0)
		return -1;
	const char *s = c->slug;
	struct arena *a = r->a;
	enum wb_urgency accept = k.accept_overdue ? WB_OVERDUE : k.accept_soon ? WB_SOON : WB_TODO;
	const char *accept_note =
	    k.accept_overdue
	        ? arena_printf(a, "其中 %lld 件已超过受理或响应期限", (long long)k.accept_overdue)
	    : k.accept_soon
	        ? arena_printf(a, "其中 %lld 件 24 小时内到受理或响应期限", (long long)k.accept_soon)
	        : "已登记,请决定是否受理";
	return workbench_card(w, "待受理的工单", k.to_accept,
	                      url_c(a, s, "/admin/workorders/?state=received"), accept_note, accept,
	                      "轮到您受理", 0) |
	       workbench_card(w, "已逾期的工单", k.overdue, url_c(a, s, "/admin/workorders/?overdue=1"),
	                      "已超过受理、响应或办结期限", WB_OVERDUE, NULL, 0) |
	       workbench_card(w, "即将到期的工单", k.soon, url_c(a, s, "/admin/workorders/?waiting=soon"),
	                      "24 小时内到期", WB_SOON, NULL, 0) |
	       workbench_card(w, "交办给我的工单", k.mine, url_c(a, s, "/admin/workorders/?mine=1&open=1"),
	                      "请办理并答复来访人", WB_TODO, "轮到您办理", 0) |
	       workbench_card(w, "待批准的延期申请", k.extensions, url_c(a, s, "/admin/workorders/?open=1&waiting=extension"),
	                      "其他工作人员申请延长办结期限", WB_TODO, "轮到您批准或不批准", 0) |
	       workbench_card(w, "不满意待处理", k.unsatisfied, url_c(a, s, "/admin/workorders/?open=1&waiting=unsatisfied"),
	                      "来访人对答复不满意", WB_TODO, NULL, 0);
}

static int street_cards(struct req *r, struct workbench *w)
{
	int64_t unit = auth_admin_scope(r->user);
	if (unit < 0)
		return 0;
	struct wo_bench_row *rows;
	size_t n;
	if (wo_bench_under(r->db, r->a, unit, r->now, &rows, &n) < 0)
		return -1;
	int64_t late = 0, soon = 0, nlate = 0;
	const struct wo_bench_row *first_soon = NULL; /* where the soon card leads */
	for (size_t i = 0; i < n; i++) {
		late += rows[i].overdue;
		soon += rows[i].soon;
		nlate += rows[i].overdue > 0;
		if (rows[i].soon && !first_soon)
			first_soon = &rows[i];
		struct wb_card cards[] = {
		    {.title = "逾期工单",
		     .count = rows[i].overdue,
		     .urgency = WB_OVERDUE,
		     .community_id = rows[i].community_id},
		    {.title = "24 小时内到期工单",
		     .count = rows[i].soon,
		     .urgency = WB_SOON,
		     .community_id = rows[i].community_id},
		};
		for (size_t k = 0; k < sizeof cards / sizeof *cards; k++)
			if (workbench_add(w, &cards[k]) < 0)
				return -1;
	}
	/* The overdue card leads to the area's dashboard, whose list of overdue
	 * orders spans the communities; the soon card to the first community
	 * with one (the table below lists the others). */
	struct arena *a = r->a;
	return workbench_card(w, "逾期工单", late, "/admin/workorders/dashboard#overdue",
	                      arena_printf(a, "涉及 %lld 个社区", (long long)nlate), WB_OVERDUE, NULL, 0) |
	       workbench_card(w, "24 小时内到期工单", soon,
	                      first_soon ? url_c(a, first_soon->slug, "/admin/workorders/?open=1") : NULL,
	                      "各社区 24 小时内到期的工单,见下表", WB_SOON, NULL, 0);
}

int wo_workbench(struct req *r, const struct community *c, struct workbench *w)
{
	return c ? community_cards(r, c, w) : street_cards(r, w);
}
