/* Residents' pages of the facilities: the list, one facility with its week
 * calendar and the booking form, and 我的预约. */
#include <stdio.h>
#include <string.h>

#include "modules/facilities/facilities_web.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

/* Lines of a multi-line text as paragraphs. */
static void lines(struct buf *b, const char *text)
{
	while (text && *text) {
		size_t n = strcspn(text, "\n");
		if (n) {
			H(b, "<p>");
			h_textn(b, text, n);
			H(b, "</p>");
		}
		text += n;
		if (*text)
			text++;
	}
}

/* The holiday rule of a schedule in words. */
static const char *holiday_rule(const struct services_schedule *s)
{
	return s->holidays_open ? "照常开放(按当天星期的时间)" : "不开放";
}

/* The 调休 make-up day rule of a schedule in words. */
static const char *makeup_rule(struct arena *a, const struct services_schedule *s)
{
	if (s->makeup_weekday < 1 || s->makeup_weekday > 7)
		return "按当天星期的时间开放";
	return arena_printf(a, "按%s的时间开放", services_weekday_label(s->makeup_weekday));
}

void fview_facts(struct req *r, const struct facilities_facility *f)
{
	struct buf *b = r->out;
	H(b, "<dl class=\"contact\"><dt>类别</dt><dd>");
	h_text(b, f->kind);
	H(b, "</dd>");
	if (*f->place) {
		H(b, "<dt>地点</dt><dd>");
		h_text(b, f->place);
		H(b, "</dd>");
	}
	if (f->capacity > 0) {
		H(b, "<dt>可容纳</dt><dd>");
		h_int(b, f->capacity);
		H(b, " 人</dd>");
	}
	H(b, "<dt>提供方</dt><dd>");
	h_text(b, *f->provided_by ? f->provided_by : "社区");
	H(b, "</dd><dt>预约方式</dt><dd>");
	h_text(b, f->needs_approval ? "需社区审批" : "预约即确认");
	h_text(b, arena_printf(r->a, ",每段 %d 分钟,最长 %d 分钟,可提前 %d 天预约", f->slot_min, f->max_min, f->days_ahead));
	H(b, "</dd><dt>预约对象</dt><dd>");
	h_text(b, f->open_residents && f->open_orgs ? "居民和社区组织"
		  : f->open_orgs		     ? "仅社区组织(居民请以组织名义预约)"
		  : f->open_residents		     ? "居民"
						     : "请到社区服务站办理");
	H(b, "</dd><dt>法定节假日</dt><dd>");
	h_text(b, holiday_rule(&f->hours));
	H(b, "</dd><dt>调休上班日</dt><dd>");
	h_text(b, makeup_rule(r->a, &f->hours));
	H(b, "</dd></dl>");
}

void fview_list(struct req *r, const struct facilities_entry *e, size_t n)
{
	struct buf *b = r->out;
	page_begin(r, "场地预约");
	H(b, "<h1>场地预约</h1><p class=\"lead\">");
	h_text(b, r->community->name);
	H(b, "可借用的活动室、会议室和文体设施。开放状态按北京时间计算。</p>");
	if (!n)
		H(b, "<p>本社区还没有登记可预约的场地。</p>");
	else
		H(b, "<ul class=\"cards\">");
	for (size_t i = 0; i < n; i++) {
		const struct facilities_facility *f = e[i].f;
		H(b, "<li><a href=\"");
		h_clink_id(b, r->community->slug, "/facilities/", f->id, NULL);
		H(b, "\">");
		h_text(b, f->name);
		H(b, "</a><p><strong>");
		h_text(b, e[i].now);
		H(b, "</strong></p><p class=\"meta\">");
		h_text(b, f->kind);
		if (f->capacity > 0) {
			H(b, " · 可容纳 ");
			h_int(b, f->capacity);
			H(b, " 人");
		}
		H(b, " · ");
		h_text(b, *f->provided_by ? f->provided_by : "社区场地");
		H(b, "</p><p class=\"meta\">今天:");
		h_text(b, e[i].today);
		H(b, "</p></li>");
	}
	if (n)
		H(b, "</ul>");
	H(b, "<p>");
	export_links(r, "场地清单导出");
	H(b, " · ");
	h_clink_a(b, r->community->slug, "/facilities/mine", "我的预约");
	if (req_has_role(r, ROLES_STAFF)) {
		H(b, " · ");
		h_clink_a(b, r->community->slug, "/admin/facilities/", "管理场地和预约");
	}
	H(b, "</p>");
	page_end(r);
}

static const struct tcol cal_cols[] = {
    {"日期", TCOL_ROWHEAD, NULL}, {"开放时间", 0, NULL}, {"可预约", 0, NULL}, {"已预约", 0, NULL}};

/* The free or taken stretches of a day, "09:00–10:30" each, or the word for none. */
static void spans_cell(struct table *t, const struct facilities_cal_day *d, int taken,
		       const char *none)
{
	struct buf *b = table_cell(t, "");
	int any = 0;
	for (size_t i = 0; b && i < d->n; i++) {
		if (d->spans[i].taken != taken)
			continue;
		if (any)
			H(b, ", ");
		char t[16];
		H(b, "<span class=\"nowrap\">");
		buf_puts(b, facilities_hhmm_to(t, d->spans[i].from));
		H(b, "–");
		buf_puts(b, facilities_hhmm_to(t, d->spans[i].to));
		if (taken)
			H(b, " 已预约");
		H(b, "</span>");
		any = 1;
	}
	if (b && !any)
		h_text(b, none);
	table_cell_end(t);
}

/* "12月1日 周二 · 元旦": a calendar day in words, with its holiday or 调休. */
static const char *day_label(struct arena *a, const struct facilities_cal_day *d)
{
	const char *extra = d->info.kind == SERVICES_HOLIDAY	     ? (d->info.holiday ? d->info.holiday : "法定节假日")
			    : d->info.kind == SERVICES_MAKEUP_WORKDAY ? "调休上班"
								      : NULL;
	return arena_printf(a, "%d月%d日 %s%s%s", d->d.m, d->d.d, services_weekday_label(d->info.weekday),
			    extra ? " · " : "", extra ? extra : "");
}

void fview_book_fields(struct req *r, const struct facilities_book_form *f)
{
	struct form_field fd = {"date", "日期", "如 12月1日 或 2026-12-01", f->vals[BF_DATE], f->errs[BF_DATE], 1,
				NULL, NULL};
	form_field_input(r, &fd, "text");
	struct form_field fs = {"start", "开始时间", "如 14:00 或 下午2点", f->vals[BF_START], f->errs[BF_START], 1, NULL, NULL};
	form_field_input(r, &fs, "text");
	struct form_field fe = {"end", "结束时间", "如 16:00;早于开始时间表示次日", f->vals[BF_END], f->errs[BF_END], 1, NULL,
				NULL};
	form_field_input(r, &fe, "text");
	struct form_field fp = {"people", "人数", NULL, f->vals[BF_PEOPLE], f->errs[BF_PEOPLE], 0, NULL, NULL};
	form_number(r, &fp);
	struct form_field fu = {"purpose", "用途", "如 合唱团排练", f->vals[BF_PURPOSE], f->errs[BF_PURPOSE], 1, NULL, NULL};
	form_field_input(r, &fu, "text");
	struct form_field fo = {"organization", "组织名称(选填)", "以组织名义预约时填写,如 老年人协会", f->vals[BF_ORG],
				f->errs[BF_ORG], 0, "organization", NULL};
	form_field_input(r, &fo, "text");
	if (f->desk) {
		struct form_field fn = {"name", "预约人姓名", NULL, f->vals[BF_NAME], f->errs[BF_NAME], 1, "off", NULL};
		form_field_input(r, &fn, "text");
		struct form_field fm = {"phone", "联系电话", "11 位手机号", f->vals[BF_PHONE], f->errs[BF_PHONE], 1, "off", NULL};
		form_field_input(r, &fm, "tel");
	}
}

/* The errors of a rejected booking form, for the summary. */
void fview_book_errors(struct req *r, const struct facilities_book_form *f)
{
	const char *errs[BF__MAX];
	size_t n = 0;
	for (int i = 0; i < BF__MAX; i++)
		if (f->errs[i])
			errs[n++] = f->errs[i];
	if (n)
		form_error_summary(r, errs, n);
	form_refusal(r, f->refusal);
}

void fview_facility(struct req *r, const struct facilities_page *p)
{
	struct buf *b = r->out;
	const struct facilities_facility *f = p->e.f;
	page_begin(r, f->name);
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, r->community->slug, "/facilities/", "场地预约");
	H(b, " › ");
	h_text(b, f->kind);
	H(b, "</p><h1>");
	h_text(b, f->name);
	H(b, "</h1><p><strong>");
	h_text(b, p->e.now);
	H(b, "</strong></p>");
	if (p->form && f->active) /* the form is far down on a long page, in large text */
		H(b, "<p><a class=\"button\" href=\"#book\">我要预约</a></p>");
	if (!f->active)
		H(b, "<p><strong>这个场地已停用,不接受预约。</strong></p>");
	fview_facts(r, f);
	if (*f->rules) {
		H(b, "<section><h2>使用须知</h2>");
		lines(b, f->rules);
		H(b, "</section>");
	}
	H(b, "<section><h2>每周开放时间</h2><ul>");
	for (int w = 0; w < 7; w++) {
		H(b, "<li>");
		h_text(b, services_weekday_label(w + 1));
		H(b, ":");
		h_text(b, p->weekly[w]);
		H(b, "</li>");
	}
	H(b, "</ul></section><section><h2>");
	h_text(b, arena_printf(r->a, "%d月%d日 至 %d月%d日 的预约情况", p->week.m, p->week.d, p->days[6].d.m, p->days[6].d.d));
	H(b, "</h2><p>");
	if (p->can_prev) {
		char w[11];
		date_format(p->prev, w);
		h_link(b, url_with(r, "week", w), "上一周");
		H(b, " · ");
	}
	{
		char w[11];
		date_format(p->next, w);
		h_link(b, url_with(r, "week", w), "下一周");
	}
	H(b, "</p>");
	struct table t;
	table_begin(&t, b, NULL, "一周的可预约和已预约时间", cal_cols, 4, TABLE_CARDS, NULL);
	for (int k = 0; k < 7; k++) {
		const struct facilities_cal_day *d = &p->days[k];
		table_tr(&t, NULL);
		table_text(&t, day_label(r->a, d));
		table_text(&t, d->hours);
		spans_cell(&t, d, 0, "无");
		spans_cell(&t, d, 1, "无");
	}
	table_end(&t);
	H(b, "</section><section id=\"book\"><h2>预约</h2>");
	H(b, "<p>");
	h_text(b, arena_printf(r->a, "预约后未到场又未取消,记一次未到场;%d 天内未到场 %d 次的,%d 天内不能在网上预约(可到社区服务站办理)。",
			       FACILITIES_NOSHOW_WINDOW_DAYS, FACILITIES_NOSHOW_LIMIT, FACILITIES_NOSHOW_BLOCK_DAYS));
	H(b, "</p>");
	if (p->login) {
		H(b, "<p><a class=\"button\" href=\"/login?next=");
		h_url(b, url_c_id(r->a, r->community->slug, "/facilities/", f->id, NULL));
		H(b, "\">登录后预约</a></p>");
	} else if (!p->form) {
		H(b, "<p>只有本社区的居民可以在网上预约;请到社区服务站办理。</p>");
	} else if (p->blocked_until) {
		struct ymd u = date_from_time(p->blocked_until);
		H(b, "<p><strong>");
		h_text(b, arena_printf(r->a, "您近 %d 天内有 %d 次预约未到场,%d年%d月%d日前不能在网上预约。",
				       FACILITIES_NOSHOW_WINDOW_DAYS, FACILITIES_NOSHOW_LIMIT, u.y, u.m, u.d));
		H(b, "</strong>需要使用请到社区服务站办理。</p>");
	} else if (f->active) {
		fview_book_errors(r, p->form);
		form_begin(r, p->form->action);
		fview_book_fields(r, p->form);
		form_submit(r, f->needs_approval ? "提交预约申请" : "预约");
		form_end(r);
	}
	H(b, "</section>");
	page_end(r);
}

const struct tcol fview_mine_cols[] = {{"场地", TCOL_ROWHEAD, NULL}, {"时间", 0, NULL}, {"用途", 0, NULL},
				       {"状态", 0, NULL},	     {"说明", 0, NULL}, {"操作", TCOL_PAGE, NULL}};
const int fview_mine_ncols = (int)(sizeof fview_mine_cols / sizeof *fview_mine_cols);

void fview_mine_rows(struct table *t, struct req *r, const struct facilities_booking *b, size_t n, int64_t mark)
{
	for (size_t i = 0; i < n; i++) {
		const struct facilities_booking *k = &b[i];
		table_tr(t, NULL);
		if (mark && k->id == mark) {
			struct buf *c = table_cell(t, k->facility_name);
			if (c) {
				h_clink_a(c, r->community->slug,
					  arena_printf(r->a, "/facilities/%lld", (long long)k->facility_id), k->facility_name);
				H(c, " <strong class=\"tag tag-open\">刚提交</strong>");
			}
			table_cell_end(t);
		} else
			table_link(t, url_c_id(r->a, r->community->slug, "/facilities/", k->facility_id, NULL),
				   k->facility_name);
		table_text(t, facilities_when(r->a, k->starts_at, k->ends_at));
		table_text(t, k->purpose);
		table_text(t, facilities_state_label(k->state));
		table_text(t, k->reason);
		struct buf *c = table_cell(t, "");
		if (c && (k->state == FB_PENDING || k->state == FB_CONFIRMED) && k->starts_at > r->now) {
			const char *action = url_c_id(r->a, r->community->slug, "/facilities/mine/", k->id, "/cancel");
			struct buf *save = r->out;
			r->out = c;
			form_begin_confirm(r, action, "确定取消这个预约吗?");
			form_submit(r, "取消预约");
			form_end(r);
			r->out = save;
		}
		table_cell_end(t);
	}
}

void fview_mine(struct req *r, const struct facilities_mine_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "我的预约");
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, r->community->slug, "/facilities/", "场地预约");
	H(b, "</p><h1>我的预约</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	static const struct form_option tabs[] = {{"past", "已过去的预约", NULL}};
	filter_links(r, "即将到来与已过去的预约", "when", "即将到来的预约", tabs, 1);
	struct table t;
	table_begin(&t, b, NULL, p->past ? "已过去的预约" : "即将到来的预约(最近的在前)", fview_mine_cols, fview_mine_ncols,
		    TABLE_CARDS, p->past ? "没有已过去的预约。" : "没有即将到来的预约。");
	fview_mine_rows(&t, r, p->b, p->n, p->mark);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	H(b, "<p>");
	h_clink_a(b, r->community->slug, "/facilities/", "预约场地");
	H(b, "</p>");
	page_end(r);
}

const struct tcol fview_facility_cols[] = {
    {"名称", TCOL_ROWHEAD, NULL}, {"类别", 0, NULL},	{"地点", 0, NULL},	{"可容纳人数", TCOL_NUM, NULL},
    {"提供方", 0, NULL},	      {"预约方式", 0, NULL}, {"周一", 0, NULL},	{"周二", 0, NULL},
    {"周三", 0, NULL},		      {"周四", 0, NULL},	{"周五", 0, NULL},	{"周六", 0, NULL},
    {"周日", 0, NULL},		      {"法定节假日", 0, NULL}, {"调休上班日", 0, NULL}, {"使用须知", 0, NULL}};
const int fview_facility_ncols = (int)(sizeof fview_facility_cols / sizeof *fview_facility_cols);

void fview_facility_rows(struct table *t, struct req *r, const struct facilities_facility *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		table_tr(t, NULL);
		table_text(t, f[i].name);
		table_text(t, f[i].kind);
		table_text(t, f[i].place);
		table_int(t, f[i].capacity);
		table_text(t, *f[i].provided_by ? f[i].provided_by : "社区");
		table_text(t, f[i].needs_approval ? "需审批" : "预约即确认");
		for (int w = 0; w < 7; w++) {
			char h[SERVICES_HOURS_TEXT];
			table_text(t, arena_strdup(r->a, services_day_format(&f[i].hours.week[w], h, sizeof h)));
		}
		table_text(t, holiday_rule(&f[i].hours));
		table_text(t, makeup_rule(r->a, &f[i].hours));
		table_text(t, f[i].rules);
	}
}
