/* The staff's pages of the facilities: the overview, the bookings list and
 * its export, one booking with its actions, the facility form and the desk
 * booking (代订) form. Names and phones are masked unless the page was
 * opened for the audited full view. */
#include <stdio.h>
#include <string.h>

#include "modules/facilities/facilities_web.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

/* 工作台 › 场地与预约管理 (› 预约记录) (› here). */
static void crumbs(struct req *r, int bookings, const char *here)
{
	struct crumb c[3] = {{"/admin/facilities/", "场地与预约管理"}};
	size_t n = 1;
	if (bookings)
		c[n++] = (struct crumb){"/admin/facilities/bookings", "预约记录"};
	if (here)
		c[n++] = (struct crumb){NULL, here};
	page_crumbs(r, c, n);
}

static const struct tcol facility_cols[] = {{"名称", TCOL_ROWHEAD, NULL}, {"类别", 0, NULL}, {"提供方", 0, NULL},
					    {"预约方式", 0, NULL},	   {"状态", 0, NULL}, {"操作", TCOL_PAGE, NULL}};

void fview_admin(struct req *r, const struct facilities_admin_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "场地与预约管理");
	crumbs(r, 0, NULL);
	H(b, "<h1>场地与预约管理</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<ul class=\"cards\"><li><a href=\"");
	h_clink(b, slug, "/admin/facilities/bookings?state=pending");
	H(b, "\">待审批的预约</a><p><strong>");
	h_int(b, p->pending);
	H(b, "</strong> 个</p></li><li><a href=\"");
	{
		char d[11];
		date_format(date_from_time(r->now), d);
		h_clink(b, slug, arena_printf(r->a, "/admin/facilities/bookings?date=%s", d));
	}
	H(b, "\">今天的预约</a><p><strong>");
	h_int(b, p->today);
	H(b, "</strong> 个</p></li><li><a href=\"");
	h_clink(b, slug, "/admin/facilities/bookings");
	H(b, "\">全部预约</a></li></ul>");
	H(b, "<h2>场地</h2>");
	struct table t;
	table_begin(&t, b, NULL, "场地", facility_cols, 6, TABLE_CARDS, "还没有登记场地。");
	for (size_t i = 0; i < p->n; i++) {
		const struct facilities_facility *f = &p->f[i];
		table_tr(&t, NULL);
		table_link(&t, url_c_id(r->a, slug, "/facilities/", f->id, NULL), f->name);
		table_text(&t, f->kind);
		table_text(&t, *f->provided_by ? f->provided_by : "社区");
		table_text(&t, f->needs_approval ? "需审批" : "预约即确认");
		table_text(&t, f->active ? "接受预约" : "已停用");
		struct buf *c = table_cell(&t, "");
		if (c) {
			h_clink_a(c, slug, arena_printf(r->a, "/admin/facilities/%lld", (long long)f->id), "修改");
			H(c, " · ");
			h_clink_a(c, slug, arena_printf(r->a, "/admin/facilities/%lld/book", (long long)f->id), "代订");
		}
		table_cell_end(&t);
	}
	table_end(&t);
	H(b, "<p>");
	export_links(r, "场地清单导出");
	H(b, "</p><p><a class=\"button\" href=\"");
	h_clink(b, slug, "/admin/facilities/new");
	H(b, "\">新增场地</a></p>");
	page_end(r);
}

const struct tcol fview_booking_cols[] = {
    {"编号", TCOL_ROWHEAD, NULL}, {"场地", 0, NULL},	   {"时间", 0, NULL},	   {"预约人", 0, NULL},
    {"电话", 0, NULL},		  {"组织", 0, NULL},	   {"用途", 0, NULL},	   {"人数", TCOL_NUM, NULL},
    {"状态", 0, NULL},		  {"方式", 0, NULL},	   {"说明", 0, NULL},	   {"提交时间", TCOL_EXPORT, NULL}};
const int fview_booking_ncols = (int)(sizeof fview_booking_cols / sizeof *fview_booking_cols);

/* "张* · 尾号5678": the masked name and the last four digits of the masked
 * phone, so that staff tell people apart without the full view; the name
 * alone when the phone has no four digits at its end. In the arena. */
static const char *who(struct arena *a, const char *name, const char *phone)
{
	size_t n = phone ? strlen(phone) : 0;
	if (n < 4 || strspn(phone + n - 4, "0123456789") != 4)
		return name;
	return arena_printf(a, "%s · 尾号%s", *name ? name : "—", phone + n - 4);
}

void fview_booking_rows(struct table *t, struct req *r, const struct facilities_booking *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct facilities_booking *k = &b[i];
		table_tr(t, NULL);
		table_link(t, url_c_id(r->a, r->community->slug, "/admin/facilities/bookings/", k->id, NULL),
			   arena_printf(r->a, "%lld", (long long)k->id));
		table_text(t, k->facility_name);
		table_text(t, facilities_when(r->a, k->starts_at, k->ends_at));
		table_text(t, who(r->a, k->name, k->phone));
		table_text(t, k->phone);
		table_text(t, k->organization);
		table_text(t, k->purpose);
		table_int(t, k->people);
		table_text(t, facilities_state_label(k->state));
		table_text(t, k->activity_id ? "社区活动" : k->by_user ? "代订" : "网上预约");
		table_text(t, k->reason);
		table_time(t, k->created_at);
	}
}

void fview_bookings(struct req *r, const struct facilities_bookings_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "场地预约记录");
	crumbs(r, 0, "预约记录");
	H(b, "<h1>场地预约记录</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	static const char *const names[] = {"facility", "state", "date"};
	filter_begin(r, "筛选预约", names, 3);
	struct form_option *fo = arena_alloc(r->a, (p->nfacilities + 1) * sizeof *fo);
	for (size_t i = 0; fo && i < p->nfacilities; i++)
		fo[i] = (struct form_option){arena_printf(r->a, "%lld", (long long)p->facilities[i].id),
					     p->facilities[i].name, NULL};
	struct form_field ff = {"facility", "场地", NULL, kv_get(&r->q, "facility"), NULL, 0, NULL, NULL};
	struct form_option all = {"", "全部场地", NULL};
	if (fo) {
		memmove(fo + 1, fo, p->nfacilities * sizeof *fo);
		fo[0] = all;
		form_select(r, &ff, fo, p->nfacilities + 1);
	}
	static const struct form_option states[] = {{"", "全部状态", NULL},     {"pending", "待审批", NULL},
						    {"confirmed", "已确认", NULL}, {"refused", "未通过", NULL},
						    {"cancelled", "已取消", NULL}, {"no_show", "未到场", NULL}};
	struct form_field fs = {"state", "状态", NULL, kv_get(&r->q, "state"), NULL, 0, NULL, NULL};
	form_select(r, &fs, states, sizeof states / sizeof *states);
	struct form_field fd = {"date", "日期", "如 2026-12-01", kv_get(&r->q, "date"), p->date_err, 0, NULL, NULL};
	form_field_input(r, &fd, "text");
	filter_end(r, NULL);
	struct table t;
	table_begin(&t, b, NULL, "预约记录", fview_booking_cols, fview_booking_ncols, TABLE_CARDS, "没有符合条件的预约。");
	fview_booking_rows(&t, r, p->b, p->n);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	H(b, "<p>");
	export_links(r, "导出(电话已隐去部分数字)");
	H(b, "</p>");
	page_end(r);
}

/* A POST form for an action on the booking: an optional line of what it
 * does, a reason field (labelled reason_label) when asked, and its button,
 * primary (the accent colour) or secondary (outlined). */
static void action(struct req *r, const struct facilities_booking_page *p, const char *rest, const char *label,
		   const char *reason_label, const char *question, const char *what, int primary)
{
	struct buf *b = r->out;
	const char *to = url_c_id(r->a, r->community->slug, "/admin/facilities/bookings/", p->b.id, rest);
	if (question)
		form_begin_confirm(r, to, question);
	else
		form_begin(r, to);
	if (what) {
		H(b, "<p>");
		h_text(b, what);
		H(b, "</p>");
	}
	if (reason_label) {
		int mine = p->reason_for && !strcmp(p->reason_for, rest);
		struct form_field f = {"reason", reason_label, "预约人会看到", mine ? p->reason_kept : NULL,
				       mine ? p->reason_err : NULL, 1, NULL, arena_printf(r->a, "reason%s", rest + 1)};
		form_field_input(r, &f, "text");
	}
	if (primary)
		form_submit(r, label);
	else {
		H(b, "<div class=\"actions\"><button type=\"submit\" class=\"secondary\">");
		h_text(b, label);
		H(b, "</button></div>");
	}
	form_end(r);
}

void fview_booking(struct req *r, const struct facilities_booking_page *p)
{
	struct buf *b = r->out;
	const struct facilities_booking *k = &p->b;
	page_begin(r, "场地预约");
	crumbs(r, 1, NULL);
	H(b, "<h1>");
	h_text(b, k->facility_name);
	H(b, " · ");
	h_text(b, facilities_when(r->a, k->starts_at, k->ends_at));
	H(b, "</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	form_refusal(r, p->refusal);
	H(b, "<dl class=\"contact\"><dt>状态</dt><dd>");
	h_text(b, facilities_state_label(k->state));
	if (*k->reason) {
		H(b, "(");
		h_text(b, k->reason);
		H(b, ")");
	}
	H(b, "</dd><dt>预约人</dt><dd>");
	h_text(b, *k->name ? k->name : "—");
	H(b, "</dd><dt>电话</dt><dd>");
	h_text(b, *k->phone ? k->phone : "—");
	H(b, "</dd>");
	if (*k->organization) {
		H(b, "<dt>组织</dt><dd>");
		h_text(b, k->organization);
		H(b, "</dd>");
	}
	H(b, "<dt>用途</dt><dd>");
	if (k->activity_id) {
		h_text(b, "社区活动:");
		h_link(b, url_c_id(r->a, r->community->slug, "/admin/activities/", k->activity_id, NULL), k->purpose);
	} else
		h_text(b, k->purpose);
	H(b, "</dd><dt>人数</dt><dd>");
	h_int(b, k->people);
	H(b, "</dd><dt>方式</dt><dd>");
	h_text(b, k->activity_id ? "社区活动占用" : k->by_user ? "工作人员代订" : "网上预约");
	H(b, "</dd><dt>提交时间</dt><dd>");
	h_time(b, k->created_at);
	H(b, "</dd></dl>");
	if (k->activity_id && (k->state == FB_CONFIRMED || k->state == FB_PENDING))
		H(b, "<p>这段时间为社区活动占用场地,随活动改期、换场地或取消而变;要改,请到活动页面修改。</p>");
	if (p->can_decide) {
		H(b, "<h2>审批</h2><section class=\"form\"><h3>通过</h3>");
		action(r, p, "/approve", "通过", NULL, NULL, "通过后预约即确认,不需要填写理由。", 1);
		H(b, "</section><section class=\"form\"><h3>不通过</h3>");
		action(r, p, "/refuse", "不通过", "不通过的理由", NULL, "不通过须填写理由;这段时间会空出来。", 0);
		H(b, "</section>");
	}
	if (p->can_cancel) {
		H(b, "<h2>取消预约</h2><section class=\"form\">");
		action(r, p, "/cancel", "取消预约", "取消的理由", "取消后这段时间可以被别人预约。确定取消吗?", NULL, 0);
		H(b, "</section>");
	}
	if (p->can_no_show) {
		H(b, "<h2>未到场</h2>");
		action(r, p, "/no_show", "标记未到场", NULL, "确定预约人没有到场吗?",
		       "近 90 天内未到场 3 次的居民,30 天内不能在网上预约。", 0);
	}
	if (!p->full) {
		H(b, "<h2>查看完整信息</h2><p>姓名和电话已隐去部分。查看完整信息会记入操作日志。</p>");
		form_begin(r, url_c_id(r->a, r->community->slug, "/admin/facilities/bookings/", k->id, NULL));
		int mine = p->reason_for && !strcmp(p->reason_for, "full");
		struct form_field f = {"reason", "查看理由", "如 电话通知预约人", mine ? p->reason_kept : NULL,
				       mine ? p->reason_err : NULL, 1, NULL, "reason-full"};
		form_field_input(r, &f, "text");
		form_submit(r, "查看完整信息");
		form_end(r);
	}
	page_end(r);
}

void fview_facility_form(struct req *r, const struct facilities_facility_form *form)
{
	struct buf *b = r->out;
	const char *const *v = form->vals, *const *e = form->errs;
	const char *title = form->editing ? "修改场地" : "新增场地";
	page_begin(r, title);
	crumbs(r, 0, title);
	H(b, "<h1>");
	h_text(b, title);
	H(b, "</h1>");
	const char *errs[FF__MAX];
	size_t ne = 0;
	for (int i = 0; i < FF__MAX; i++)
		if (e[i])
			errs[ne++] = e[i];
	if (ne)
		form_error_summary(r, errs, ne);
	form_begin(r, form->editing ? url_c_id(r->a, r->community->slug, "/admin/facilities/", form->editing->id, NULL)
				    : url_c(r->a, r->community->slug, "/admin/facilities/new"));
	struct form_field f;
#define INPUT(i, name, label, hint, req)                                                                               \
	f = (struct form_field){name, label, hint, v[i], e[i], req, NULL, NULL};                                       \
	form_field_input(r, &f, "text")
#define NUMBER(i, name, label, hint)                                                                                   \
	f = (struct form_field){name, label, hint, v[i], e[i], 1, NULL, NULL};                                         \
	form_number(r, &f)
#define CHECK(i, name, label)                                                                                          \
	f = (struct form_field){name, label, NULL, v[i], e[i], 0, NULL, NULL};                                         \
	form_checkbox(r, &f)
	INPUT(FF_NAME, "name", "名称", "如 社区活动室", 1);
	INPUT(FF_KIND, "kind", "类别", "如 活动室、会议室、多功能厅、健身器材、台球桌、乒乓球台", 1);
	INPUT(FF_PLACE, "place", "地点", "如 社区服务中心二层 201", 0);
	f = (struct form_field){"capacity", "可容纳人数", "0 或不填表示不限", v[FF_CAPACITY], e[FF_CAPACITY], 0, NULL, NULL};
	form_number(r, &f);
	f = (struct form_field){"rules", "使用须知", NULL, v[FF_RULES], e[FF_RULES], 0, NULL, NULL};
	form_field_textarea(r, &f);
	INPUT(FF_PROVIDED, "provided_by", "提供方", "驻区单位提供的写单位名称,如 幸福里小学 提供;社区自有的不填", 0);
	form_fieldset_begin(r, "who", "预约规则", NULL, NULL);
	CHECK(FF_APPROVAL, "needs_approval", "预约需要社区审批");
	CHECK(FF_RESIDENTS, "open_residents", "居民个人可预约");
	CHECK(FF_ORGS, "open_orgs", "社区组织可预约");
	CHECK(FF_ACTIVE, "active", "接受预约(不勾选即停用)");
	form_fieldset_end(r);
	{
		/* the choices, and a facility's own other length kept as it was */
		struct form_option so[FACILITIES_NSLOTS + 1];
		size_t ns = 0;
		int kept = form->editing ? form->editing->slot_min : 0;
		for (int i = 0; i < FACILITIES_NSLOTS; i++) {
			so[ns++] = (struct form_option){arena_printf(r->a, "%d", facilities_slots[i]),
							arena_printf(r->a, "%d 分钟", facilities_slots[i]), NULL};
			if (kept == facilities_slots[i])
				kept = 0;
		}
		if (kept > 0)
			so[ns++] = (struct form_option){arena_printf(r->a, "%d", kept),
							arena_printf(r->a, "%d 分钟(原设置)", kept), NULL};
		f = (struct form_field){"slot_min", "预约时段", "从每段开放时间的开始算起,预约按这个时长一段一段排",
					v[FF_SLOT], e[FF_SLOT], 1, NULL, NULL};
		form_select(r, &f, so, ns);
	}
	NUMBER(FF_MAX, "max_min", "最长预约(分钟)", "如 120");
	NUMBER(FF_AHEAD, "days_ahead", "可提前预约天数", "如 14");
	form_fieldset_begin(r, "hours", "每周开放时间", "如 08:30-12:00, 14:00-21:00;过夜写 18:00-次日02:00;不开放写 休息", NULL);
	for (int w = 0; w < 7; w++) {
		f = (struct form_field){arena_printf(r->a, "hours%d", w + 1), services_weekday_label(w + 1), NULL,
					v[FF_HOURS + w], e[FF_HOURS + w], 0, NULL, NULL};
		form_field_input(r, &f, "text");
	}
	form_fieldset_end(r);
	CHECK(FF_HOLIDAYS, "holidays_open", "法定节假日照常开放");
	static const struct form_option makeup[] = {{"0", "按当天星期的时间", NULL}, {"1", "按周一的时间", NULL},
						    {"2", "按周二的时间", NULL},	   {"3", "按周三的时间", NULL},
						    {"4", "按周四的时间", NULL},	   {"5", "按周五的时间", NULL},
						    {"6", "按周六的时间", NULL},	   {"7", "按周日的时间", NULL}};
	f = (struct form_field){"makeup_weekday", "调休上班日", NULL, v[FF_MAKEUP], e[FF_MAKEUP], 0, NULL, NULL};
	form_select(r, &f, makeup, 8);
#undef INPUT
#undef NUMBER
#undef CHECK
	form_submit(r, "保存");
	form_end(r);
	page_end(r);
}

void fview_desk_form(struct req *r, const struct facilities_facility *f, const struct facilities_book_form *form)
{
	struct buf *b = r->out;
	page_begin(r, "代订场地");
	crumbs(r, 0, "代订");
	H(b, "<h1>代订:");
	h_text(b, f->name);
	H(b, "</h1><p>为到服务站或打电话的居民、组织预约,预约即确认。网上预约受限(多次未到场)的居民也可以在这里代订。</p>");
	fview_facts(r, f);
	fview_book_errors(r, form);
	form_begin(r, form->action);
	fview_book_fields(r, form);
	form_submit(r, "代订");
	form_end(r);
	page_end(r);
}
