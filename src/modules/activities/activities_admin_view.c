/* The staff pages' HTML: the list with counts, the activity form, the
 * cancel form, the sign-up list, 代报名, the attendance list and printable
 * 签到表, the list of people to phone, and the report form. */
#include <string.h>

#include "modules/activities/activities_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

static void button(struct req *r, const char *href, const char *text)
{
	H(r->out, "<a class=\"button\" href=\"");
	h_href(r->out, href);
	H(r->out, "\">");
	h_text(r->out, text);
	H(r->out, "</a> ");
}

static const char *aurl(struct req *r, int64_t id, const char *rest)
{
	return url_c_id(r->a, r->community->slug, "/admin/activities/", id, rest);
}

/* 工作台 › 活动管理 (› the activity): where a staff page sits. */
static void crumbs(struct req *r, const struct act_activity *v)
{
	struct crumb c[2] = {{"/admin/activities/", "活动管理"}};
	if (v)
		c[1] = (struct crumb){arena_printf(r->a, "/admin/activities/%lld", (long long)v->id), v->title};
	page_crumbs(r, c, v ? 2 : 1);
}

static const struct tcol admin_cols[] = {
    {"活动", TCOL_ROWHEAD, NULL}, {"时间", 0, NULL},	     {"状态", 0, NULL},    {"名额", TCOL_NUM, NULL},
    {"已报名", TCOL_NUM, NULL},	  {"候补", TCOL_NUM, NULL}, {"签到", TCOL_NUM, NULL}, {"电话提醒", TCOL_NUM, NULL},
};

void actview_admin(struct req *r, const struct act_admin_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	struct table t;
	page_begin(r, "活动管理");
	crumbs(r, NULL);
	H(b, "<h1>活动管理</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<p>");
	button(r, url_c(r->a, slug, "/admin/activities/new"), "发布新活动");
	button(r, url_c(r->a, slug, "/admin/activities/calls"), "电话提醒名单");
	H(b, "</p><p>");
	h_clink_a(b, slug, "/activities/", "查看公开页面");
	H(b, " · ");
	export_links(r, NULL);
	H(b, "</p>");
	table_begin(&t, b, NULL, "全部活动", admin_cols, (int)(sizeof admin_cols / sizeof *admin_cols), TABLE_CARDS,
		    "还没有活动。");
	for (size_t i = 0; i < p->n; i++) {
		const struct act_line *l = &p->lines[i];
		table_tr(&t, NULL);
		table_link(&t, aurl(r, l->id, NULL), l->title);
		table_text(&t, act_when_text(r->a, l->starts_at, l->ends_at));
		table_text(&t, act_state_label(l->state));
		table_text(&t, l->capacity ? arena_printf(r->a, "%lld", (long long)l->capacity) : "不限");
		table_int(&t, l->confirmed);
		table_int(&t, l->waitlisted);
		table_int(&t, l->attended);
		table_int(&t, l->needs_call);
	}
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	page_end(r);
}

static void field(struct req *r, const struct act_form *f, int k, const char *hint, const char *type)
{
	const struct field *d = &act_form_fields()[k];
	struct form_field ff = {d->name, d->label, hint, f->vals[k], f->errs[k], d->required, NULL, NULL};
	if (!strcmp(type, "textarea"))
		form_field_textarea(r, &ff);
	else if (!strcmp(type, "number"))
		form_number(r, &ff);
	else
		form_field_input(r, &ff, type);
}

void actview_form(struct req *r, const struct act_form *f)
{
	struct buf *b = r->out;
	const struct act_activity *v = f->editing;
	const char *slug = r->community->slug;
	page_begin(r, v ? "修改活动" : "发布新活动");
	crumbs(r, NULL);
	H(b, "<h1>");
	h_text(b, v ? v->title : "发布新活动");
	H(b, "</h1>");
	const char *done = kv_get(&r->q, "done");
	if (v && done && !strcmp(done, "added"))
		page_notice(r, "活动已保存为草稿,核对后请发布。");
	else if (v && done && !strcmp(done, "saved"))
		page_notice(r, "活动已保存。");
	if (v) {
		H(b, "<p>状态:");
		h_text(b, act_state_label(v->state));
		H(b, " · ");
		h_text(b, act_places_text(r->a, v->capacity, v->confirmed, v->waitlisted));
		H(b, "</p>");
		if (!strcmp(v->state, "draft")) {
			/* a draft has no sign-ups, attendance or report yet: publishing is the next step */
			H(b, "<p>草稿只有工作人员能看到。核对无误后点“发布”,居民才能看到并报名。</p>");
			form_begin(r, aurl(r, v->id, "/publish"));
			form_submit(r, "发布");
			form_end(r);
		} else {
			H(b, "<p>");
			button(r, aurl(r, v->id, "/signups"), "报名名单");
			button(r, aurl(r, v->id, "/signups/new"), "代报名");
			button(r, aurl(r, v->id, "/attendance"), "签到");
			button(r, aurl(r, v->id, "/report"), "活动回顾");
			H(b, "</p>");
		}
		if (strcmp(v->state, "cancelled")) {
			H(b, "<p>");
			h_link(b, aurl(r, v->id, "/cancel"), "取消这个活动");
			H(b, " · ");
			h_link(b, url_c_id(r->a, slug, "/activities/", v->id, NULL), "查看公开页面");
			H(b, "</p>");
		}
		H(b, "<h2>修改活动信息</h2>");
	}
	form_refusal(r, f->refusal);
	const char *errs[AF__MAX];
	size_t ne = 0;
	for (int k = 0; k < AF__MAX; k++)
		if (f->errs[k])
			errs[ne++] = f->errs[k];
	if (ne)
		form_error_summary(r, errs, ne);
	form_begin(r, v ? aurl(r, v->id, NULL) : url_c(r->a, slug, "/admin/activities/new"));
	struct form_option kinds[16];
	for (size_t i = 0; i < act_nkinds && i < 16; i++)
		kinds[i] = (struct form_option){act_kinds[i].code, act_kinds[i].label, NULL};
	struct form_field kf = {"kind", "活动类别", NULL, f->vals[AF_KIND], f->errs[AF_KIND], 1, NULL, NULL};
	form_select(r, &kf, kinds, act_nkinds);
	field(r, f, AF_TITLE, "如:重阳节敬老包饺子", "text");
	field(r, f, AF_ORGANIZER, "如:幸福里社区居委会", "text");
	if (f->nrooms) {
		/* Choosing a room books it for the activity's time once published. */
		struct form_option *rooms = arena_alloc(r->a, (f->nrooms + 1) * sizeof *rooms);
		size_t nr = 0;
		if (rooms) {
			rooms[nr++] = (struct form_option){"", "不预约场地(在社区以外或室外)", NULL};
			for (size_t i = 0; i < f->nrooms; i++) {
				const struct facilities_room *m = &f->rooms[i];
				rooms[nr++] = (struct form_option){
				    arena_printf(r->a, "%lld", (long long)m->id),
				    m->capacity ? arena_printf(r->a, "%s(可容纳 %d 人)", m->name, m->capacity) : m->name,
				    NULL};
			}
			struct form_field ff = {"facility", "预约场地", "发布时为活动时间预约该场地;时段已被预约时会提示",
						f->vals[AF_FACILITY], f->errs[AF_FACILITY], 0, NULL, NULL};
			form_select(r, &ff, rooms, nr);
		}
	}
	field(r, f, AF_PLACE, f->nrooms ? "选了场地可不填,默认为场地名称" : "如:社区活动室(二楼)", "text");
	field(r, f, AF_DATE, "如 2026-10-25 或 10月25日", "text");
	field(r, f, AF_START, "如 14:30 或 下午2点半", "text");
	field(r, f, AF_END, "如 16:00 或 下午4点", "text");
	field(r, f, AF_END_DATE, "跨天的活动才填,如 2026-10-26", "text");
	field(r, f, AF_CAPACITY, "0 或不填为不限名额;报满后自动进入候补", "number");
	field(r, f, AF_AUDIENCE, "如:社区60岁以上老人", "text");
	field(r, f, AF_MIN_AGE, "不限年龄可不填", "number");
	field(r, f, AF_CLOSE_DATE, "不填为活动开始时截止", "text");
	field(r, f, AF_CLOSE_TIME, "如 18:00;只填日期为当天结束", "text");
	field(r, f, AF_DESCRIPTION, NULL, "textarea");
	if (!v)
		H(b, "<p class=\"hint\">先保存为草稿;保存后在活动页面点“发布”,居民才能看到并报名。</p>");
	form_submit(r, v ? "保存" : "保存为草稿");
	form_end(r);
	page_end(r);
}

void actview_cancel_form(struct req *r, const struct act_activity *v, const char *reason, const char *error)
{
	struct buf *b = r->out;
	page_begin(r, "取消活动");
	crumbs(r, v);
	H(b, "<h1>取消活动:");
	h_text(b, v->title);
	H(b, "</h1><p>取消后不能再报名;已报名的 ");
	h_int(b, v->confirmed + v->waitlisted);
	H(b, " 人在活动页面和“我的报名”中会看到取消原因。需要电话通知的居民请见电话提醒名单。</p>");
	if (error)
		form_error_summary(r, &error, 1);
	form_begin(r, aurl(r, v->id, "/cancel"));
	struct form_field ff = {"reason", "取消原因", "如:因天气原因活动取消,改期另行通知", reason, error, 1, NULL,
				NULL};
	form_field_textarea(r, &ff);
	form_submit(r, "确认取消活动");
	form_end(r);
	H(b, "<p>");
	h_link(b, aurl(r, v->id, NULL), "返回");
	H(b, "</p>");
	page_end(r);
}

static const struct tcol signup_page_cols[] = {
    {"序号", TCOL_NUM, NULL}, {"姓名", TCOL_ROWHEAD, NULL}, {"电话", 0, NULL}, {"状态", 0, NULL},
    {"报名方式", 0, NULL},   {"报名时间", 0, NULL},	    {"操作", TCOL_PAGE, NULL},
};

void actview_signups(struct req *r, const struct act_signups_page *p)
{
	struct buf *b = r->out;
	const struct act_activity *v = p->v;
	struct table t;
	page_begin(r, "报名名单");
	crumbs(r, v);
	H(b, "<h1>报名名单</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<p>");
	h_text(b, act_places_text(r->a, v->capacity, v->confirmed, v->waitlisted));
	H(b, "</p><p>");
	button(r, aurl(r, v->id, "/signups/new"), "代报名");
	button(r, aurl(r, v->id, "/attendance"), "签到");
	H(b, "</p><p>");
	if (p->full)
		h_link(b, url_with(r, "full", NULL), "隐藏完整信息");
	else
		h_link(b, url_with(r, "full", "1"), "显示完整姓名和电话(将记入审计日志)");
	H(b, " · ");
	export_links(r, p->full ? "导出(完整信息,记入审计日志)" : "导出(电话已隐去)");
	H(b, "</p>");
	/* The rows come confirmed first, then the waitlist: a section each. */
	static const char *const parts[][3] = {{"confirmed", "已报名", "还没有人报名。"},
					      {"waitlisted", "候补(按报名先后递补)", "没有候补。"}};
	size_t i = 0;
	for (size_t k = 0; k < 2; k++) {
		H(b, "<section><h2>");
		h_text(b, parts[k][1]);
		H(b, "</h2>");
		table_begin(&t, b, NULL, parts[k][1], signup_page_cols,
			    (int)(sizeof signup_page_cols / sizeof *signup_page_cols), TABLE_CARDS,
			    k == 0 && p->page > 1 ? "已报名的人在前几页。" : parts[k][2]);
		for (; i < p->n && !strcmp(p->s[i].state, parts[k][0]); i++) {
			const struct act_signup *s = &p->s[i];
			table_tr(&t, NULL);
			table_int(&t, s->arrival);
			table_text(&t, p->full ? s->name : s->name_masked);
			table_text(&t, p->full ? s->phone : s->phone_masked);
			table_text(&t, arena_printf(r->a, "%s%s%s", act_state_label(s->state),
						    s->promoted_at ? "(递补)" : "", s->needs_call ? " · 需电话提醒" : ""));
			table_text(&t, s->by_user ? "代报名" : "本人报名");
			table_time(&t, s->created_at);
			struct buf *c = table_cell(&t, "");
			if (c) {
				form_begin_confirm(
				    r, aurl(r, v->id, arena_printf(r->a, "/signups/%lld/cancel", (long long)s->id)),
				    "确定代为取消这条报名吗?");
				form_submit(r, "取消报名");
				form_end(r);
			}
			table_cell_end(&t);
		}
		table_end(&t);
		H(b, "</section>");
	}
	page_pager(r, p->page, p->has_next);
	page_end(r);
}

void actview_desk(struct req *r, const struct act_activity *v, const struct act_desk_form *f)
{
	struct buf *b = r->out;
	page_begin(r, "代报名");
	crumbs(r, v);
	H(b, "<h1>代报名:");
	h_text(b, v->title);
	H(b, "</h1><p>为来到服务站或打来电话的居民登记报名,规则与本人报名相同:有名额即报名成功,名额满则进入候补。</p><p>");
	h_text(b, act_places_text(r->a, v->capacity, v->confirmed, v->waitlisted));
	H(b, "</p>");
	form_refusal(r, f->refusal);
	const char *errs[DF__MAX];
	size_t ne = 0;
	for (int k = 0; k < DF__MAX; k++)
		if (f->errs[k])
			errs[ne++] = f->errs[k];
	if (ne)
		form_error_summary(r, errs, ne);
	form_begin(r, aurl(r, v->id, "/signups/new"));
	struct form_field name = {"name", "姓名", NULL, f->vals[DF_NAME], f->errs[DF_NAME], 1, "off", NULL};
	struct form_field phone = {"phone", "联系电话", "手机或座机", f->vals[DF_PHONE], f->errs[DF_PHONE], 1, "off", NULL};
	struct form_field call = {"needs_call", "电话提醒(没有智能手机,活动前由工作人员打电话提醒)", NULL,
				  f->vals[DF_CALL], f->errs[DF_CALL], 0, NULL, NULL};
	form_field_input(r, &name, "text");
	form_field_input(r, &phone, "tel");
	form_checkbox(r, &call);
	form_submit(r, "登记报名");
	form_end(r);
	page_end(r);
}

/* Blank rows on the printed sign-in sheet for walk-ins. */
#define ACT_WALK_IN_ROWS 12

static const struct tcol attend_cols[] = {
    {"序号", TCOL_NUM, NULL}, {"姓名", TCOL_ROWHEAD, NULL}, {"电话", 0, NULL}, {"签到", 0, NULL},
};

void actview_attendance(struct req *r, const struct act_attendance_page *p)
{
	struct buf *b = r->out;
	const struct act_activity *v = p->v;
	struct table t;
	page_begin(r, "签到表");
	crumbs(r, v);
	H(b, "<h1>签到表:");
	h_text(b, v->title);
	H(b, "</h1><p>");
	h_text(b, act_when_text(r->a, v->starts_at, v->ends_at));
	H(b, " · ");
	h_text(b, v->place);
	H(b, "</p>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<p><strong>");
	h_text(b, arena_printf(r->a, "已报名 %lld 人,已签到 %lld 人", (long long)v->confirmed, (long long)v->attended));
	H(b, "</strong></p><p class=\"noprint\">打印本页即为纸质签到表(每人一格,本人签名或打勾;"
	     "表后附现场登记的空白行,给没有报名就来的居民)。</p>");
	table_begin(&t, b, NULL, "签到表", attend_cols, 4, TABLE_CARDS, "还没有人报名。");
	for (size_t i = 0; i < p->n; i++) {
		const struct act_signup *s = &p->s[i];
		table_tr(&t, NULL);
		table_int(&t, s->arrival);
		table_text(&t, s->name);
		table_text(&t, s->phone_masked);
		struct buf *c = table_cell(&t, s->attended_at ? "已签到" : "");
		if (c) {
			if (s->attended_at) {
				H(c, "✓ 已签到 ");
				h_time(c, s->attended_at);
			} else {
				H(c, "<span class=\"noprint\">");
				form_begin(r, aurl(r, v->id, arena_printf(r->a, "/attendance/%lld", (long long)s->id)));
				form_submit(r, arena_printf(r->a, "签到:%s", s->name));
				form_end(r);
				H(c, "</span>☐ 签名:");
			}
		}
		table_cell_end(&t);
	}
	table_end(&t);
	/* the paper sheet: rows for those who come without signing up */
	H(b, "<section class=\"printonly\"><h2>现场登记(未报名者)</h2><table><thead><tr><th scope=\"col\">姓名</th>"
	     "<th scope=\"col\">电话</th><th scope=\"col\">签名</th></tr></thead><tbody>");
	for (int i = 0; i < ACT_WALK_IN_ROWS; i++)
		H(b, "<tr><td>&#160;</td><td></td><td></td></tr>");
	H(b, "</tbody></table></section>");
	page_end(r);
}

void actview_calls(struct req *r, const struct act_calls_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "电话提醒名单");
	crumbs(r, NULL);
	H(b, "<h1>电话提醒名单</h1><p>");
	h_text(b, arena_printf(r->a, "%d 天内开始的活动中,登记了“电话提醒”的居民(多为没有智能手机的老人)。", p->days));
	H(b, "本页显示完整电话,查看已记入审计日志;可直接打印。</p><nav class=\"filters noprint\" aria-label=\"时间范围\">");
	static const char *const windows[][2] = {{"1", "24 小时内"}, {"3", "3 天内"}, {"7", "7 天内"}};
	for (size_t i = 0; i < sizeof windows / sizeof *windows; i++) {
		H(b, "<a href=\"");
		h_href(b, url_with(r, "days", windows[i][0]));
		H(b, "\"");
		if (p->days == windows[i][0][0] - '0')
			H(b, " aria-current=\"page\"");
		H(b, ">");
		h_text(b, windows[i][1]);
		H(b, "</a>");
	}
	H(b, "</nav>");
	if (!p->n) {
		H(b, "<p>");
		h_text(b, arena_printf(r->a, "%d 天内没有需要电话提醒的报名。", p->days));
		H(b, "</p>");
	}
	for (size_t i = 0; i < p->n; i++) {
		const struct act_call_group *g = &p->g[i];
		H(b, "<section><h2>");
		h_text(b, g->act->title);
		H(b, "</h2><p>");
		h_text(b, act_when_text(r->a, g->act->starts_at, g->act->ends_at));
		H(b, " · ");
		h_text(b, g->act->place);
		H(b, "</p><ul>");
		for (size_t k = 0; k < g->n; k++) {
			H(b, "<li>");
			h_text(b, g->s[k].name);
			H(b, " · <a href=\"tel:");
			h_attr(b, g->s[k].phone);
			H(b, "\">");
			h_text(b, g->s[k].phone);
			H(b, "</a> · ");
			h_text(b, act_state_label(g->s[k].state));
			if (!strcmp(g->s[k].state, "waitlisted"))
				H(b, "(候补,请告知尚未获得名额)");
			H(b, " ☐ 已通知</li>");
		}
		H(b, "</ul></section>");
	}
	page_end(r);
}

void actview_report(struct req *r, const struct act_report_page *p)
{
	struct buf *b = r->out;
	const struct act_activity *v = p->v;
	const char *slug = r->community->slug;
	page_begin(r, "活动回顾");
	crumbs(r, v);
	H(b, "<h1>活动回顾:");
	h_text(b, v->title);
	H(b, "</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<p>活动结束后写一段简短的回顾,可附 PNG 或 JPEG 照片(最多 9 张);发布后显示在活动页面和");
	h_clink_a(b, slug, "/activities/reports", "活动回顾");
	H(b, "中。</p>");
	const char *errs[2];
	size_t ne = 0;
	if (p->error)
		errs[ne++] = p->error;
	if (p->photo_error)
		errs[ne++] = p->photo_error;
	if (ne)
		form_error_summary(r, errs, ne);
	if (p->nphotos) {
		H(b, "<p>");
		h_text(b, arena_printf(r->a, "已上传 %zu 张照片。", p->nphotos));
		H(b, "</p>");
	}
	form_begin_upload(r, aurl(r, v->id, "/report"));
	struct form_field t = {"report", "活动回顾", "如:10月25日上午,30 位老人在活动室一起包饺子……", p->text, p->error, 1,
			       NULL, NULL};
	form_field_textarea(r, &t);
	struct form_field ph = {"photos", "照片", "PNG 或 JPEG,每张不超过 2 MB", NULL, p->photo_error, 0, NULL, NULL};
	form_file_field(r, &ph, ".png,.jpg,.jpeg", 1);
	struct form_field pub = {"publish", "发布(居民可以看到)", NULL, v->report_at ? "1" : "", NULL, 0, NULL, NULL};
	form_checkbox(r, &pub);
	form_submit(r, "保存");
	form_end(r);
	page_end(r);
}
