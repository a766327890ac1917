/* The volunteers' cards on a community's staff workbench and the two
 * pages they lead to: 待确认的服务时长 (records checked out, not yet
 * confirmed) and 今日班次 (shifts starting today, China time). Each card is
 * one indexed count. On the street and district workbench (c NULL): the
 * hours waiting in each community the visitor oversees (one grouped
 * query), and an overview card leading to the first that has some. */
#include "auth/auth.h"
#include "core/date.h"
#include "modules/volunteers/volunteers_web.h"
#include "web/cards.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/table.h"

#define WB_ROWS 200

/* Today's span in China time: [*from, *to). */
static void today(const struct req *r, int64_t *from, int64_t *to)
{
	struct ymd d = date_from_time(r->now);
	*from = date_at_minute(d, 0);
	*to = date_at_minute(date_add_days(d, 1), 0);
}

/* The street and district workbench's cards. */
static int street_cards(struct req *r, struct workbench *w)
{
	int64_t unit = auth_admin_scope(r->user);
	if (unit < 0)
		return 0;
	struct vol_pending_at *p;
	size_t n;
	if (vol_pending_under(r->db, r->a, unit, &p, &n) < 0)
		return -1;
	int64_t total = 0;
	const char *first = NULL;
	for (size_t i = 0; i < n; i++) {
		struct wb_card card = {.title = "服务时长待确认", .count = p[i].count, .urgency = WB_TODO,
				       .community_id = p[i].community_id};
		if (p[i].count && workbench_add(w, &card) < 0)
			return -1;
		if (p[i].count && !first)
			first = url_c(r->a, p[i].slug, "/admin/volunteers/pending");
		total += p[i].count;
	}
	return workbench_card(w, "服务时长待确认", total, first, "各社区志愿者已签退、尚未确认的时长,见下表", WB_TODO,
			      NULL, 0) < 0
		   ? -1
		   : 0;
}

int vol_workbench(struct req *r, const struct community *c, struct workbench *w)
{
	if (!c)
		return street_cards(r, w);
	int64_t pending, shifts, from, to;
	today(r, &from, &to);
	if (vol_pending_count(r->db, c->id, &pending) < 0 || vol_shifts_count(r->db, c->id, from, to, &shifts) < 0)
		return -1;
	if (workbench_card(w, "服务时长待确认", pending, url_c(r->a, c->slug, "/admin/volunteers/pending"),
			   "志愿者已签退,请负责人或工作人员确认时长", WB_TODO, NULL, 0) < 0 ||
	    workbench_card(w, "今日志愿服务班次", shifts, url_c(r->a, c->slug, "/admin/volunteers/today"),
			   "今天开始的班次,可打开签到名单为志愿者签到签退", WB_NORMAL, NULL, 0) < 0)
		return -1;
	return 0;
}

static const struct tcol pending_cols[] = {
    {"志愿者", TCOL_ROWHEAD, NULL}, {"服务项目", 0, NULL}, {"班次", 0, NULL}, {"签退", 0, NULL},
    {"时长", 0, NULL},
};

enum http_result vol_h_pending(struct req *r)
{
	struct vol_record *x;
	size_t n;
	if (vol_pending(r->db, r->a, r->community->id, WB_ROWS, &x, &n) < 0)
		return HR_ERROR;
	struct buf *b = r->out;
	struct table t;
	page_begin(r, "待确认的服务时长");
	struct crumb c[1] = {{"/admin/volunteers/", "志愿服务管理"}};
	page_crumbs(r, c, 1);
	H(b, "<h1>待确认的服务时长</h1><p>打开班次的签到名单确认时长;需要更正的写明原因。</p>");
	table_begin(&t, b, NULL, "待确认的服务时长", pending_cols, (int)(sizeof pending_cols / sizeof *pending_cols),
		    TABLE_CARDS, "没有待确认的时长。");
	for (size_t i = 0; i < n; i++) {
		table_tr(&t, NULL);
		table_text(&t, x[i].name_masked);
		table_text(&t, x[i].project_title);
		table_link(&t, url_c_id(r->a, r->community->slug, "/volunteers/shifts/", x[i].shift_id, NULL),
			   vol_when_text(r->a, x[i].starts_at, x[i].ends_at));
		table_time(&t, x[i].checkout_at);
		table_text(&t, vol_hours_text(r->a, x[i].minutes));
	}
	table_end(&t);
	page_end(r);
	return HR_OK;
}

static const struct tcol today_cols[] = {
    {"服务项目", TCOL_ROWHEAD, NULL}, {"时间", 0, NULL}, {"已报名", TCOL_NUM, NULL}, {"名额", TCOL_NUM, NULL},
};

enum http_result vol_h_today(struct req *r)
{
	struct vol_shift_line *x;
	size_t n;
	int64_t from, to;
	today(r, &from, &to);
	if (vol_shifts_between(r->db, r->a, r->community->id, from, to, WB_ROWS, &x, &n) < 0)
		return HR_ERROR;
	struct buf *b = r->out;
	struct table t;
	page_begin(r, "今日志愿服务班次");
	struct crumb c[1] = {{"/admin/volunteers/", "志愿服务管理"}};
	page_crumbs(r, c, 1);
	H(b, "<h1>今日志愿服务班次</h1>");
	table_begin(&t, b, NULL, "今日班次", today_cols, (int)(sizeof today_cols / sizeof *today_cols), TABLE_CARDS,
		    "今天没有班次。");
	for (size_t i = 0; i < n; i++) {
		table_tr(&t, NULL);
		table_link(&t, url_c_id(r->a, r->community->slug, "/volunteers/shifts/", x[i].s.id, NULL), x[i].title);
		table_text(&t, vol_when_text(r->a, x[i].s.starts_at, x[i].s.ends_at));
		table_int(&t, x[i].s.taken);
		table_int(&t, x[i].s.places);
	}
	table_end(&t);
	page_end(r);
	return HR_OK;
}
