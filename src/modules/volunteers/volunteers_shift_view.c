/* The hours' HTML: a shift's list for the 负责人 and staff (签到, 签退,
 * 确认时长, 更正), 我的志愿服务, the pass with its QR code, the page the pass
 * opens for the 负责人, 补录, and the records table shared by the pages
 * and their exports. Names masked. */
#include <string.h>

#include "modules/volunteers/volunteers_web.h"
#include "web/export.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/qr.h"
#include "web/table.h"

static const struct tcol shift_cols[] = {
    {"姓名", TCOL_ROWHEAD, NULL}, {"签到", 0, NULL}, {"签退", 0, NULL}, {"时长", 0, NULL},
    {"确认", 0, NULL},	      {"操作", TCOL_PAGE, NULL},
};

/* The buttons and forms of one row of a shift's list. */
static void row_actions(struct req *r, const struct vol_shift_page *pg, const struct vol_record *x)
{
	const char *base = url_c_id(r->a, r->community->slug, "/volunteers/shifts/", pg->s->id, NULL);
	const char *rid = arena_printf(r->a, "%lld", (long long)x->id);
	if (!x->checkin_at || !x->checkout_at) {
		form_begin(r, arena_printf(r->a, "%s/check", base));
		form_hidden(r, "record", rid);
		form_hidden(r, "action", x->checkin_at ? "out" : "in");
		form_submit(r, x->checkin_at ? arena_printf(r->a, "签退 %s", x->name_masked)
					     : arena_printf(r->a, "签到 %s", x->name_masked));
		form_end(r);
		return;
	}
	if (x->confirmed_minutes < 0) {
		form_begin(r, arena_printf(r->a, "%s/confirm", base));
		form_hidden(r, "record", rid);
		form_submit(r, arena_printf(r->a, "确认 %s 的时长", x->name_masked));
		form_end(r);
	}
	int failed = pg->fix_id == x->id;
	form_begin(r, arena_printf(r->a, "%s/confirm", base));
	form_hidden(r, "record", rid);
	const char *id = arena_printf(r->a, "fix-%lld", (long long)x->id);
	form_field_input(r,
			 &(struct form_field){"hours", "更正时长(小时)", "如 2.5", failed ? pg->fix_hours : NULL,
					      failed ? pg->fix_error : NULL, 0, "off", id},
			 "text");
	form_field_input(r,
			 &(struct form_field){"reason", "更正原因", NULL, failed ? pg->fix_reason : NULL, NULL, 0, "off",
					      arena_printf(r->a, "fixr-%lld", (long long)x->id)},
			 "text");
	form_submit(r, x->confirmed_minutes < 0 ? "按更正后的时长确认" : "更正时长");
	form_end(r);
}

void volview_shift(struct req *r, const struct vol_shift_page *pg)
{
	struct buf *b = r->out;
	struct table t;
	const char *when = vol_when_text(r->a, pg->s->starts_at, pg->s->ends_at);
	page_begin(r, arena_printf(r->a, "签到名单:%s", pg->p->title));
	H(b, "<h1>签到名单</h1><p>");
	h_link(b, url_c_id(r->a, r->community->slug, "/volunteers/projects/", pg->p->id, NULL), pg->p->title);
	H(b, " · ");
	h_text(b, when);
	h_text(b, arena_printf(r->a, " · 已报名 %lld / %lld", (long long)pg->s->taken, (long long)pg->s->places));
	H(b, "</p><p class=\"hint\">签到签退可在班次开始前 1 小时到结束后 12 小时之内进行;也可以扫描志愿者手机上的签到码。</p>");
	if (pg->notice)
		page_notice(r, pg->notice);
	form_refusal(r, pg->error);
	if (pg->fix_error)
		form_error_summary(r, &pg->fix_error, 1);
	table_begin(&t, b, NULL, "报名的志愿者", shift_cols, (int)(sizeof shift_cols / sizeof *shift_cols),
		    TABLE_CARDS, "还没有人报名。");
	for (size_t i = 0; i < pg->n; i++) {
		const struct vol_record *x = &pg->r[i];
		table_tr(&t, NULL);
		table_text(&t, x->name_masked);
		if (x->checkin_at)
			table_time(&t, x->checkin_at);
		else
			table_text(&t, "未签到");
		if (x->checkout_at)
			table_time(&t, x->checkout_at);
		else
			table_text(&t, "");
		table_text(&t, x->minutes >= 0 ? vol_hours_text(r->a, x->minutes) : "");
		table_text(&t, x->confirmed_minutes >= 0
				   ? arena_printf(r->a, "%s(%s)", vol_hours_text(r->a, x->confirmed_minutes),
						  *x->confirmed_name ? x->confirmed_name : "已确认")
				   : "");
		struct buf *cell = table_cell(&t, NULL);
		if (cell)
			row_actions(r, pg, x);
		table_cell_end(&t);
	}
	table_end(&t);
	if (pg->staff) {
		H(b, "<h2>代为报名</h2>");
		if (pg->add_error)
			form_error_summary(r, &pg->add_error, 1);
		form_begin(r, url_c_id(r->a, r->community->slug, "/volunteers/shifts/", pg->s->id, "/signups"));
		form_number(r, &(struct form_field){"volunteer", "志愿者编号", "见志愿者名单第一列", pg->add_value,
						    pg->add_error, 1, "off", NULL});
		form_submit(r, "代为报名");
		form_end(r);
	}
	page_end(r);
}

static const struct tcol mine_cols[] = {
    {"服务项目", TCOL_ROWHEAD, NULL}, {"时间", 0, NULL}, {"状态", 0, NULL}, {"时长", 0, NULL}, {"操作", TCOL_PAGE, NULL},
};

/* What a record's line says of it. */
static const char *record_state(struct req *r, const struct vol_record *x)
{
	if (!strcmp(x->state, "backfill"))
		return "补录";
	if (x->confirmed_minutes >= 0)
		return "已确认";
	if (x->checkout_at)
		return "待确认";
	if (x->checkin_at)
		return "已签到";
	return x->ends_at + VOL_WINDOW_LATE < r->now ? "未签到" : "已报名";
}

void volview_mine(struct req *r, const struct vol_mine_page *pg)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	struct table t;
	page_begin(r, "我的志愿服务");
	H(b, "<h1>我的志愿服务</h1>");
	if (pg->notice)
		page_notice(r, pg->notice);
	if (!pg->me) {
		H(b, "<p>你还没有登记为志愿者。");
		h_clink_a(b, slug, "/volunteers/register", "登记成为志愿者");
		H(b, "</p>");
		page_end(r);
		return;
	}
	H(b, "<p>累计确认服务 <strong>");
	h_text(b, vol_hours_text(r->a, pg->me->minutes_total));
	H(b, "</strong>,");
	h_int(b, pg->me->records);
	H(b, " 次。班次当天点“出示签到码”,请负责人扫码签到签退。</p>");
	table_begin(&t, b, NULL, "我的报名和服务记录", mine_cols, (int)(sizeof mine_cols / sizeof *mine_cols),
		    TABLE_CARDS, "还没有报名过服务项目。");
	for (size_t i = 0; i < pg->n; i++) {
		const struct vol_record *x = &pg->r[i];
		table_tr(&t, NULL);
		table_link(&t, url_c_id(r->a, slug, "/volunteers/projects/", x->project_id, NULL), x->project_title);
		table_text(&t, vol_when_text(r->a, x->starts_at, x->ends_at));
		table_text(&t, record_state(r, x));
		int64_t m = x->confirmed_minutes >= 0 ? x->confirmed_minutes : x->minutes;
		table_text(&t, m >= 0 ? vol_hours_text(r->a, m) : "");
		struct buf *cell = table_cell(&t, NULL);
		if (cell && !strcmp(x->state, "signed") && !x->checkout_at) {
			if (!date_cmp(date_from_time(x->starts_at), date_from_time(r->now)) ||
			    vol_in_window(r->now, x->starts_at, x->ends_at)) {
				H(cell, "<a class=\"button\" href=\"");
				h_clink_id(cell, slug, "/volunteers/mine/pass/", x->id, NULL);
				H(cell, "\">出示签到码</a>");
			} else if (r->now < x->starts_at) {
				form_begin_confirm(r, url_c_id(r->a, slug, "/volunteers/projects/", x->project_id, "/cancel"),
						   "确定取消这个班次的报名吗?");
				form_hidden(r, "record", arena_printf(r->a, "%lld", (long long)x->id));
				form_hidden(r, "back", "mine");
				form_submit(r, "取消报名");
				form_end(r);
			}
		}
		table_cell_end(&t);
	}
	table_end(&t);
	export_links(r, "导出我的服务记录");
	if (pg->ncerts) { /* what the volunteer shows a school or an employer */
		H(b, "<h2>我的志愿服务证明</h2><ul>");
		for (size_t i = 0; i < pg->ncerts; i++) {
			const struct vol_certificate *c = &pg->certs[i];
			H(b, "<li>");
			h_link(b, url_c(r->a, slug, arena_printf(r->a, "/volunteers/certificates/%s", c->number)), c->number);
			h_text(b, arena_printf(r->a, " · %s 至 %s · %s%s", c->period_from, c->period_to,
					       vol_hours_text(r->a, c->minutes), c->revoked_at ? " · 已撤销" : ""));
			H(b, "</li>");
		}
		H(b, "</ul><p class=\"hint\">纸质证明请到社区服务站领取(加盖公章)。</p>");
	}
	H(b, "<p>");
	h_clink_a(b, slug, "/volunteers/", "全部服务项目");
	H(b, " · ");
	h_clink_a(b, slug, "/volunteers/register", "修改我的登记信息");
	H(b, "</p>");
	page_end(r);
}

void volview_pass(struct req *r, const struct vol_pass_page *pg)
{
	struct buf *b = r->out;
	page_begin(r, "签到码");
	H(b, "<h1>签到码</h1><p><strong>");
	h_text(b, pg->r->project_title);
	H(b, "</strong><br>");
	h_text(b, vol_when_text(r->a, pg->r->starts_at, pg->r->ends_at));
	H(b, "<br>");
	h_text(b, pg->r->name_masked);
	H(b, "</p>");
	if (pg->error) {
		form_refusal(r, pg->error);
	} else {
		H(b, "<div class=\"pass\" data-url=\"");
		h_attr(b, pg->url);
		H(b, "\">");
		qr_svg(b, pg->url, "签到码");
		H(b, "</div><p>请项目负责人用手机相机扫码,");
		h_text(b, pg->r->checkin_at ? "为你签退。" : "为你签到。");
		H(b, "每次打开本页都会生成新的签到码,旧码随即失效。</p>");
	}
	H(b, "<p>");
	h_clink_a(b, r->community->slug, "/volunteers/mine", "返回我的志愿服务");
	H(b, "</p>");
	page_end(r);
}

void volview_scan(struct req *r, const struct vol_pass_page *pg)
{
	struct buf *b = r->out;
	const struct vol_record *x = pg->r;
	page_begin(r, x->checkin_at ? "志愿者签退" : "志愿者签到");
	H(b, "<h1>");
	h_text(b, x->checkout_at ? "已签退" : x->checkin_at ? "志愿者签退" : "志愿者签到");
	H(b, "</h1>");
	if (pg->notice)
		page_notice(r, pg->notice);
	form_refusal(r, pg->error);
	H(b, "<dl class=\"facts\"><dt>志愿者</dt><dd>");
	h_text(b, x->name_masked);
	H(b, "</dd><dt>服务项目</dt><dd>");
	h_text(b, x->project_title);
	H(b, "</dd><dt>班次</dt><dd>");
	h_text(b, vol_when_text(r->a, x->starts_at, x->ends_at));
	H(b, "</dd>");
	if (x->checkin_at) {
		H(b, "<dt>签到时间</dt><dd>");
		h_time(b, x->checkin_at);
		H(b, "</dd>");
	}
	if (x->checkout_at) {
		H(b, "<dt>签退时间</dt><dd>");
		h_time(b, x->checkout_at);
		H(b, "</dd><dt>时长</dt><dd>");
		h_text(b, vol_hours_text(r->a, x->minutes));
		H(b, "</dd>");
	}
	H(b, "</dl>");
	if (!x->checkout_at) {
		form_begin(r, r->path);
		/* the step the button names: a second tap of 签到 is not a 签退 */
		form_hidden(r, "action", x->checkin_at ? "out" : "in");
		form_submit(r, x->checkin_at ? "签退" : "签到");
		form_end(r);
	}
	H(b, "<p>");
	h_link(b, url_c_id(r->a, r->community->slug, "/volunteers/shifts/", x->shift_id, NULL), "查看这个班次的签到名单");
	H(b, "</p>");
	page_end(r);
}

void volview_backfill(struct req *r, const struct vol_volunteer *v, const struct vol_backfill_form *f)
{
	struct buf *b = r->out;
	page_begin(r, "补录服务记录");
	struct crumb c[2] = {{"/admin/volunteers/", "志愿服务管理"},
			     {arena_printf(r->a, "/admin/volunteers/%lld", (long long)v->id), v->name_masked}};
	page_crumbs(r, c, 2);
	H(b, "<h1>补录服务记录:");
	h_text(b, v->name_masked);
	H(b, "</h1><p>没有在线签到的已完成服务(如纸质签到表)可以补录。补录记录标明“补录”和原因,保存即计入时长。</p>");
	const char *errs[BF__MAX];
	size_t ne = 0;
	for (int k = 0; k < BF__MAX; k++)
		if (f->errs[k])
			errs[ne++] = f->errs[k];
	if (ne)
		form_error_summary(r, errs, ne);
	form_refusal(r, f->refusal);
	form_begin(r, url_c_id(r->a, r->community->slug, "/admin/volunteers/", v->id, "/backfill"));
	form_number(r, &(struct form_field){"project", "服务项目编号", "见服务项目列表第一列", f->vals[BF_PROJECT],
					    f->errs[BF_PROJECT], 1, "off", NULL});
	form_field_input(r,
			 &(struct form_field){"date", "服务日期", "如 2026-11-28 或 11月28日", f->vals[BF_DATE],
					      f->errs[BF_DATE], 1, "off", NULL},
			 "text");
	form_field_input(r,
			 &(struct form_field){"start", "开始时间", "如 08:30", f->vals[BF_START], f->errs[BF_START], 1,
					      "off", NULL},
			 "text");
	form_field_input(r,
			 &(struct form_field){"end", "结束时间", "过了午夜写次日的时间,如 06:00", f->vals[BF_END],
					      f->errs[BF_END], 1, "off", NULL},
			 "text");
	form_field_input(r,
			 &(struct form_field){"reason", "补录原因", "如:纸质签到表补录", f->vals[BF_REASON],
					      f->errs[BF_REASON], 1, "off", NULL},
			 "text");
	form_submit(r, "补录");
	form_end(r);
	page_end(r);
}

static const struct tcol record_cols[] = {
    {"志愿者", 0, NULL},	  {"服务项目", TCOL_ROWHEAD, NULL}, {"服务时间", 0, NULL}, {"签到", 0, NULL},
    {"签退", 0, NULL},	  {"时长(小时)", 0, NULL},	    {"确认时长(小时)", 0, NULL}, {"确认人", 0, NULL},
    {"确认时间", 0, NULL}, {"说明", 0, NULL},
};

/* Hours as a number with one decimal ("2.5"), "" for none (-1). */
static const char *hours_cell(struct arena *a, int64_t m)
{
	return m < 0 ? "" : arena_printf(a, "%lld.%lld", (long long)(m / 60), (long long)(m % 60 * 10 / 60));
}

int volview_records_begin(struct req *r, struct table *t, struct export_table *x, const char *title)
{
	int n = (int)(sizeof record_cols / sizeof *record_cols);
	if (x)
		return table_begin_export(t, r->a, x, title, record_cols, n);
	table_begin(t, r->out, NULL, title, record_cols, n, TABLE_CARDS, "还没有服务记录。");
	return 0;
}

void volview_record_rows(struct req *r, struct table *t, const struct vol_record *x, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct vol_record *e = &x[i];
		table_tr(t, NULL);
		table_text(t, e->name_masked);
		table_link(t, url_c_id(r->a, r->community->slug, "/volunteers/projects/", e->project_id, NULL),
			   e->project_title);
		table_text(t, vol_when_text(r->a, e->starts_at, e->ends_at));
		if (e->checkin_at)
			table_time(t, e->checkin_at);
		else
			table_text(t, "");
		if (e->checkout_at)
			table_time(t, e->checkout_at);
		else
			table_text(t, "");
		table_text(t, hours_cell(r->a, e->minutes));
		table_text(t, hours_cell(r->a, e->confirmed_minutes));
		table_text(t, e->confirmed_minutes >= 0 ? e->confirmed_name : "");
		if (e->confirmed_at)
			table_time(t, e->confirmed_at);
		else
			table_text(t, "");
		table_text(t, !strcmp(e->state, "backfill") ? arena_printf(r->a, "补录:%s", e->note)
			      : e->confirmed_minutes < 0 ? record_state(r, e)
							 : "");
	}
}
