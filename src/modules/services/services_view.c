/* Pages of the service directory: a community's stations and hotlines, one
 * station with its week, a street's stations, and the staff pages. */
#include <stdio.h>
#include <string.h>

#include "modules/services/services_web.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/table.h"

/* A tel: link for a number as written ("010-6488 1200"): digits and + only in the link. */
static void tel(struct buf *b, const char *number)
{
	H(b, "<a href=\"tel:");
	for (const char *p = number; *p; p++)
		if ((*p >= '0' && *p <= '9') || *p == '+')
			buf_putc(b, *p);
	H(b, "\">");
	h_text(b, number);
	H(b, "</a>");
}

/* Hours as formatted ("08:30–12:00, 14:00–17:30"), each period kept on
 * one line: a line may break between periods, never inside one. */
static void hours_html(struct buf *b, const char *text)
{
	while (*text) {
		const char *sep = strstr(text, ", ");
		size_t n = sep ? (size_t)(sep - text) : strlen(text);
		H(b, "<span class=\"nowrap\">");
		h_textn(b, text, n);
		H(b, "</span>");
		if (!sep)
			break;
		H(b, ", ");
		text = sep + 2;
	}
}

/* A table cell holding hours (hours_html); the export keeps the text. */
static void table_hours(struct table *t, const char *text)
{
	struct buf *b = table_cell(t, text);
	if (b)
		hours_html(b, text);
	table_cell_end(t);
}

/* A table cell of text that stays on one line. */
static void table_nowrap(struct table *t, const char *text)
{
	struct buf *b = table_cell(t, text);
	if (b) {
		H(b, "<span class=\"nowrap\">");
		h_text(b, text);
		H(b, "</span>");
	}
	table_cell_end(t);
}

/* A table cell of words that each stay whole ("今天 11月29日 周日"): the
 * line may break only between them, so a narrow screen wraps the cell
 * instead of scrolling. */
static void table_words(struct table *t, const char *text)
{
	struct buf *b = table_cell(t, text);
	for (const char *p = text; b && *p;) {
		size_t n = strcspn(p, " ");
		H(b, "<span class=\"nowrap\">");
		h_textn(b, p, n);
		H(b, "</span>");
		p += n;
		if (*p) {
			H(b, " ");
			p += strspn(p, " ");
		}
	}
	table_cell_end(t);
}

const char *sview_day_label(struct arena *a, const struct services_day_info *d)
{
	const char *extra = d->kind == SERVICES_HOLIDAY		 ? (d->holiday && *d->holiday ? d->holiday : "法定节假日")
			    : d->kind == SERVICES_MAKEUP_WORKDAY ? "调休上班"
								 : NULL;
	return arena_printf(a, "%d月%d日 %s%s%s", d->month, d->mday, services_weekday_label(d->weekday), extra ? " · " : "",
			    extra ? extra : "");
}

const char *sview_holiday_rule(const struct services_schedule *s)
{
	return s->holidays_open ? "照常开放(按当天星期的时间)" : "休息";
}

const char *sview_makeup_rule(struct arena *a, const struct services_schedule *s)
{
	if (s->makeup_weekday < 1 || s->makeup_weekday > 7)
		return "不调休(按当天星期的时间)";
	return arena_printf(a, "按%s的时间办公", services_weekday_label(s->makeup_weekday));
}

/* Lines of a multi-line field as a list; nothing when empty. */
static void lines_list(struct buf *b, const char *text)
{
	if (!text || !*text)
		return;
	H(b, "<ul>");
	while (*text) {
		size_t n = strcspn(text, "\n");
		size_t k = n;
		if (k && text[k - 1] == '\r')
			k--;
		if (k) {
			H(b, "<li>");
			h_textn(b, text, k);
			H(b, "</li>");
		}
		text += n;
		if (*text)
			text++;
	}
	H(b, "</ul>");
}

/* "正在办公 · 今天 17:30 下班", the state in bold: words, not colour, say it. */
static void now_text(struct buf *b, const struct services_entry *e)
{
	const char *label = services_state_label(e->status.state);
	size_t n = strlen(label);
	H(b, "<strong>");
	if (!strncmp(e->now, label, n)) {
		h_text(b, label);
		H(b, "</strong>");
		h_text(b, e->now + n);
	} else {
		h_text(b, e->now);
		H(b, "</strong>");
	}
}

static void now_line(struct buf *b, const struct services_entry *e)
{
	H(b, "<p>");
	now_text(b, e);
	H(b, "</p>");
}

/* One station as a card of the list pages; slug names its community. */
static void station_card(struct buf *b, const char *slug, const struct services_entry *e)
{
	const struct services_station *s = e->s;
	H(b, "<li><a href=\"");
	h_clink_id(b, slug, "/services/", s->id, NULL);
	H(b, "\">");
	h_text(b, s->name);
	H(b, "</a>");
	now_line(b, e);
	H(b, "<p class=\"meta\">今天:");
	hours_html(b, e->today);
	H(b, "</p>");
	if (*s->phone) {
		H(b, "<p class=\"meta\">电话:");
		tel(b, s->phone);
		H(b, "</p>");
	}
	if (*s->address) {
		H(b, "<p class=\"meta\">地址:");
		h_text(b, s->address);
		H(b, "</p>");
	}
	H(b, "</li>");
}

/* Stations grouped under a heading per kind. */
static void stations_by_kind(struct buf *b, const char *slug, const struct services_entry *e, size_t n)
{
	const char *kind = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!kind || strcmp(kind, e[i].s->kind)) {
			if (kind)
				H(b, "</ul></section>");
			kind = e[i].s->kind;
			H(b, "<section><h2>");
			h_text(b, kind);
			H(b, "</h2><ul class=\"cards\">");
		}
		station_card(b, slug, &e[i]);
	}
	if (kind)
		H(b, "</ul></section>");
}

static void hotline_list(struct buf *b, const struct services_hotline *h, size_t n)
{
	H(b, "<dl class=\"contact hotlines\">");
	for (size_t i = 0; i < n; i++) {
		H(b, "<dt>");
		h_text(b, h[i].name);
		H(b, "</dt><dd>");
		tel(b, h[i].number);
		if (*h[i].hours) {
			H(b, "(");
			h_text(b, h[i].hours);
			H(b, ")");
		}
		H(b, "</dd>");
	}
	H(b, "</dl>");
}

/* "<what>导出:Excel · CSV" of a community's list at /c/<slug><base>.xlsx and .csv. */
static void exports(struct req *r, const char *what, const char *base)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	h_text(b, what);
	H(b, "导出:");
	h_link(b, url_c(r->a, slug, arena_printf(r->a, "%s.xlsx", base)), "Excel");
	H(b, " · ");
	h_link(b, url_c(r->a, slug, arena_printf(r->a, "%s.csv", base)), "CSV");
}

/* A link to /c/<slug><path> that looks like a button. */
static void button(struct buf *b, const char *slug, const char *path, const char *text)
{
	H(b, "<a class=\"button\" href=\"");
	h_clink(b, slug, path);
	H(b, "\">");
	h_text(b, text);
	H(b, "</a>");
}

/* A table of days or weekdays (row header) and their hours. */
static const struct tcol day_cols[] = {{"日期", TCOL_ROWHEAD, NULL}, {"办公时间", 0, NULL}};
static const struct tcol weekday_cols[] = {{"星期", TCOL_ROWHEAD, NULL}, {"办公时间", 0, NULL}};

void sview_list(struct req *r, const struct services_list_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "服务站点与热线");
	H(b, "<h1>服务站点与热线</h1><p class=\"lead\">");
	h_text(b, r->community->name);
	H(b, "的服务站点、便民网点和热线电话。办公状态按北京时间计算,今天是 ");
	h_text(b, p->today);
	H(b, "。</p>");
	if (p->nhotlines) {
		H(b, "<section><h2>热线电话</h2>");
		hotline_list(b, p->hotlines, p->nhotlines);
		H(b, "</section>");
	}
	if (!p->n)
		H(b, "<p>本社区还没有登记服务站点。</p>");
	stations_by_kind(b, r->community->slug, p->entries, p->n);
	H(b, "<p><a href=\"/street/");
	h_url(b, r->community->street.slug);
	H(b, "/services/\">");
	h_text(b, r->community->street.name);
	H(b, "各社区的服务站点</a> · ");
	exports(r, "", "/services/stations");
	H(b, "</p>");
	if (req_has_role(r, ROLES_STAFF))
		button(b, r->community->slug, "/admin/services/", "管理服务站点和热线");
	page_end(r);
}

void sview_station(struct req *r, const struct services_station_page *p)
{
	struct buf *b = r->out;
	const struct services_station *s = p->e.s;
	page_begin(r, s->name);
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, r->community->slug, "/services/", "服务站点与热线");
	H(b, " › ");
	h_text(b, s->kind);
	H(b, "</p><h1>");
	h_text(b, s->name);
	H(b, "</h1>");
	now_line(b, &p->e);
	H(b, "<dl class=\"contact\">");
	if (*s->phone) {
		H(b, "<dt>电话</dt><dd>");
		tel(b, s->phone);
		H(b, "</dd>");
	}
	if (*s->address) {
		H(b, "<dt>地址</dt><dd>");
		h_text(b, s->address);
		H(b, "</dd>");
	}
	H(b, "<dt>法定节假日</dt><dd>");
	h_text(b, sview_holiday_rule(&s->hours));
	H(b, "</dd><dt>调休上班日</dt><dd>");
	h_text(b, sview_makeup_rule(r->a, &s->hours));
	H(b, "</dd></dl>");
	if (*s->services) {
		H(b, "<section><h2>服务项目</h2>");
		lines_list(b, s->services);
		H(b, "</section>");
	}
	struct table t;
	H(b, "<section><h2>近 7 天办公时间</h2>");
	table_begin(&t, b, NULL, "近 7 天办公时间", day_cols, 2, 0, NULL);
	for (int k = 0; k < 7; k++) {
		const char *label = sview_day_label(r->a, p->next[k].day);
		table_tr(&t, NULL);
		table_words(&t, k == 0 ? arena_printf(r->a, "今天 %s", label) : label);
		table_hours(&t, p->next[k].hours);
	}
	table_end(&t);
	H(b, "</section><section><h2>每周办公时间</h2>");
	table_begin(&t, b, NULL, "每周办公时间", weekday_cols, 2, 0, NULL);
	for (int w = 0; w < 7; w++) {
		char h[SERVICES_HOURS_TEXT];
		table_tr(&t, NULL);
		table_nowrap(&t, services_weekday_label(w + 1));
		table_hours(&t, arena_strdup(r->a, services_day_format(&s->hours.week[w], h, sizeof h)));
	}
	table_end(&t);
	H(b, "</section>");
	if (s->duty_public && *s->duty) {
		H(b, "<section><h2>值班人员</h2>");
		lines_list(b, s->duty);
		H(b, "</section>");
	} else if (*s->duty && req_has_role(r, ROLES_STAFF)) {
		H(b, "<section><h2>值班人员(仅工作人员可见)</h2>");
		lines_list(b, s->duty);
		H(b, "</section>");
	}
	if (*s->note) {
		H(b, "<section><h2>备注</h2><p>");
		h_multiline(b, s->note);
		H(b, "</p></section>");
	}
	if (req_has_role(r, ROLES_STAFF)) {
		H(b, "<p><a class=\"button\" href=\"");
		h_clink_id(b, r->community->slug, "/admin/services/", s->id, NULL);
		H(b, "\">编辑这个站点</a></p>");
	}
	page_end(r);
}

/* One community's stations on the street page: a row each, a card each on a narrow screen. */
static const struct tcol street_cols[] = {
    {"站点", TCOL_ROWHEAD, NULL}, {"类别", 0, NULL}, {"现在", 0, NULL}, {"电话", 0, NULL}};

static void street_table(struct req *r, const struct services_street_block *k)
{
	struct table t;
	table_begin(&t, r->out, "services-street", arena_printf(r->a, "%s的服务站点", k->c->name), street_cols, 4,
		    TABLE_CARDS, NULL);
	for (size_t i = 0; i < k->n; i++) {
		const struct services_entry *e = &k->entries[i];
		table_tr(&t, NULL);
		table_link(&t, url_c_id(r->a, k->c->slug, "/services/", e->s->id, NULL), e->s->name);
		table_text(&t, e->s->kind);
		struct buf *b = table_cell(&t, e->now);
		if (b)
			now_text(b, e);
		table_cell_end(&t);
		b = table_cell(&t, e->s->phone);
		if (b && *e->s->phone)
			tel(b, e->s->phone);
		table_cell_end(&t);
	}
	table_end(&t);
}

void sview_street(struct req *r, const struct services_street_page *p)
{
	struct buf *b = r->out;
	page_begin(r, arena_printf(r->a, "%s服务站点", p->street_name));
	H(b, "<h1>");
	h_text(b, p->street_name);
	H(b, "服务站点</h1><p class=\"lead\">街道内各社区的服务站点和便民网点。办公状态按北京时间计算,今天是 ");
	h_text(b, p->today);
	H(b, "。导出:<a href=\"/street/");
	h_url(b, p->street_slug);
	H(b, "/services/stations.xlsx\">Excel</a> · <a href=\"/street/");
	h_url(b, p->street_slug);
	H(b, "/services/stations.csv\">CSV</a></p>");
	if (!p->nblocks)
		H(b, "<p>这个街道还没有社区。</p>");
	for (size_t i = 0; i < p->nblocks; i++) {
		const struct services_street_block *k = &p->blocks[i];
		H(b, "<section><h2>");
		h_clink_a(b, k->c->slug, "/services/", k->c->name);
		H(b, "</h2>");
		if (!k->n)
			H(b, "<p>还没有登记服务站点。</p>");
		else
			street_table(r, k);
		H(b, "</section>");
	}
	page_end(r);
}

static const struct tcol admin_station_cols[] = {
    {"名称", TCOL_ROWHEAD, NULL}, {"类别", 0, NULL}, {"电话", 0, NULL}, {"现在", 0, NULL}};
static const struct tcol admin_hotline_cols[] = {
    {"名称", TCOL_ROWHEAD, NULL}, {"类型", 0, NULL}, {"号码", 0, NULL}, {"接听时间", 0, NULL}};

void sview_admin(struct req *r, const struct services_admin_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	struct table t;
	page_begin(r, "服务站点管理");
	H(b, "<h1>服务站点管理</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<p>");
	button(b, slug, "/admin/services/new", "新增站点");
	H(b, " ");
	button(b, slug, "/admin/services/hotlines/new", "新增热线");
	H(b, "</p><p>");
	h_clink_a(b, slug, "/services/", "查看公开页面");
	H(b, "</p><p>");
	exports(r, "站点(含值班人员)", "/admin/services/stations");
	H(b, "<br>");
	exports(r, "热线", "/admin/services/hotlines");
	H(b, "</p><section><h2>服务站点</h2>");
	table_begin(&t, b, NULL, "服务站点", admin_station_cols, 4, TABLE_CARDS, "还没有站点。");
	for (size_t i = 0; i < p->n; i++) {
		const struct services_station *s = p->entries[i].s;
		table_tr(&t, NULL);
		table_link(&t, url_c_id(r->a, slug, "/admin/services/", s->id, NULL), s->name);
		table_text(&t, s->kind);
		table_nowrap(&t, s->phone);
		table_text(&t, p->entries[i].now);
	}
	table_end(&t);
	H(b, "</section><section><h2>热线电话</h2>");
	table_begin(&t, b, NULL, "热线电话", admin_hotline_cols, 4, TABLE_CARDS, "还没有热线。");
	for (size_t i = 0; i < p->nhotlines; i++) {
		const struct services_hotline *h = &p->hotlines[i];
		table_tr(&t, NULL);
		table_link(&t, url_c_id(r->a, slug, "/admin/services/hotlines/", h->id, NULL), h->name);
		table_text(&t, services_hotline_kind_label(h->kind));
		table_nowrap(&t, h->number);
		table_text(&t, h->hours);
	}
	table_end(&t);
	H(b, "</section>");
	page_end(r);
}

/* A select of the staff forms: no empty first option, every choice is a value. */
static void select_field(struct req *r, const char *name, const char *label, const struct form_option *o, size_t n,
			 const char *current, const char *error)
{
	const struct form_field f = {.name = name, .label = label, .value = current, .error = error};
	form_select(r, &f, o, n);
}

/* Opens a staff form page: back to the overview, the title, the refusal
 * and the errors, and the form posting to action (a URL of this community). */
static void form_page_begin(struct req *r, const char *title, const char *refusal, const char *const *errs, size_t n,
			    const char *action)
{
	struct buf *b = r->out;
	page_begin(r, title);
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, r->community->slug, "/admin/services/", "服务站点管理");
	H(b, "</p><section class=\"form\"><h1>");
	h_text(b, title);
	H(b, "</h1>");
	form_refusal(r, refusal);
	form_error_summary(r, errs, n);
	form_begin(r, action);
}

/* Closes the form with its save button; when editing, adds the link to
 * the page that asks before deleting, with its words. */
static void form_page_end(struct req *r, const char *action, int editing, const char *remove, const char *note)
{
	struct buf *b = r->out;
	form_submit(r, "保存");
	form_end(r);
	if (editing) {
		H(b, "<h2>删除</h2><p>");
		h_text(b, note);
		H(b, "</p><p><a class=\"button\" href=\"");
		h_href(b, arena_printf(r->a, "%s/delete", action ? action : ""));
		H(b, "\">");
		h_text(b, remove);
		H(b, "</a></p>");
	}
	H(b, "</section>");
	page_end(r);
}

void sview_station_form(struct req *r, const struct services_station_form *f)
{
	struct buf *b = r->out;
	const char *const *v = f->vals, *const *e = f->errs;
	const char *title = f->editing ? arena_printf(r->a, "编辑:%s", f->editing->name) : "新增服务站点";
	const char *slug = r->community->slug;
	const char *action = f->editing ? url_c_id(r->a, slug, "/admin/services/", f->editing->id, NULL)
					: url_c(r->a, slug, "/admin/services/new");
	form_page_begin(r, title, f->refusal, e, SF__MAX, action);
	/* The kinds offered, with the current one even if it is no longer in use, and "other". */
	size_t nk = f->nkinds;
	struct form_option *kinds = arena_zalloc(r->a, (nk + 2) * sizeof *kinds);
	if (kinds) {
		int current_listed = !v[SF_KIND] || !*v[SF_KIND] || !strcmp(v[SF_KIND], "other");
		for (size_t i = 0; i < f->nkinds; i++) {
			kinds[i].value = kinds[i].label = f->kinds[i];
			current_listed |= !strcmp(f->kinds[i], v[SF_KIND]);
		}
		if (!current_listed) {
			kinds[nk].value = kinds[nk].label = v[SF_KIND];
			nk++;
		}
		kinds[nk].value = "other";
		kinds[nk++].label = "其他类别(在下一项填写)";
		select_field(r, "kind", "类别", kinds, nk, v[SF_KIND], e[SF_KIND]);
	}
	form_input(r, "kind_other", "其他类别名称(选择“其他类别”时填写)", "text", v[SF_KIND_OTHER], e[SF_KIND_OTHER], 0,
		   NULL);
	form_input(r, "name", "名称", "text", v[SF_NAME], e[SF_NAME], 1, NULL);
	form_input(r, "address", "地址", "text", v[SF_ADDRESS], e[SF_ADDRESS], 0, NULL);
	form_input(r, "phone", "电话(站点的固定电话,如 010-64881201)", "tel", v[SF_PHONE], e[SF_PHONE], 0, NULL);
	form_textarea(r, "services", "服务项目(每行一项)", v[SF_SERVICES], e[SF_SERVICES], 0);
	H(b, "<fieldset><legend>办公时间:每天最多 4 段,如“08:30-12:00, 14:00-17:30”;过夜写“22:00-次日02:00”;"
	     "全天填“24小时”,不开放填“休息”</legend>");
	for (int w = 0; w < 7; w++) {
		char name[8];
		snprintf(name, sizeof name, "hours%d", w + 1);
		form_input(r, name, services_weekday_label(w + 1), "text", v[SF_HOURS + w], e[SF_HOURS + w], 0, NULL);
	}
	static const struct form_option hol[] = {{"0", "休息", NULL}, {"1", "照常开放(按当天星期的时间)", NULL}};
	select_field(r, "holidays", "法定节假日", hol, 2, v[SF_HOLIDAYS], e[SF_HOLIDAYS]);
	static const struct form_option mk[] = {
	    {"1", "按周一的时间办公", NULL}, {"2", "按周二的时间办公", NULL}, {"3", "按周三的时间办公", NULL},
	    {"4", "按周四的时间办公", NULL}, {"5", "按周五的时间办公", NULL}, {"6", "按周六的时间办公", NULL},
	    {"7", "按周日的时间办公", NULL}, {"0", "不调休(按当天星期的时间)", NULL}};
	select_field(r, "makeup", "调休上班日(周末补班)", mk, 8, v[SF_MAKEUP], e[SF_MAKEUP]);
	H(b, "</fieldset>");
	form_textarea(r, "duty", "值班人员(每行一条,如“周一至周三:王建国”;不要填写个人手机号)", v[SF_DUTY], e[SF_DUTY], 0);
	static const struct form_option pub[] = {{"1", "对外公开", NULL}, {"0", "仅工作人员可见", NULL}};
	select_field(r, "duty_public", "值班人员是否公开", pub, 2, v[SF_DUTY_PUBLIC], e[SF_DUTY_PUBLIC]);
	form_textarea(r, "note", "备注", v[SF_NOTE], e[SF_NOTE], 0);
	form_page_end(r, action, f->editing != NULL, "删除这个站点", "删除后公开页面不再显示这个站点,操作记入审计日志。");
}

void sview_hotline_form(struct req *r, const struct services_hotline_form *f)
{
	const char *const *v = f->vals, *const *e = f->errs;
	const char *title = f->editing ? arena_printf(r->a, "编辑热线:%s", f->editing->name) : "新增热线";
	const char *slug = r->community->slug;
	const char *action = f->editing ? url_c_id(r->a, slug, "/admin/services/hotlines/", f->editing->id, NULL)
					: url_c(r->a, slug, "/admin/services/hotlines/new");
	form_page_begin(r, title, f->refusal, e, HF__MAX, action);
	struct form_option kinds[HOTLINE__MAX];
	for (int k = 0; k < HOTLINE__MAX; k++)
		kinds[k] = (struct form_option){services_hotline_kind_name((enum services_hotline_kind)k),
						services_hotline_kind_label((enum services_hotline_kind)k), NULL};
	select_field(r, "kind", "类型", kinds, HOTLINE__MAX, v[HF_KIND], e[HF_KIND]);
	form_input(r, "name", "名称(如“社区服务热线”)", "text", v[HF_NAME], e[HF_NAME], 1, NULL);
	form_input(r, "number", "号码(如 010-64881200、12345)", "tel", v[HF_NUMBER], e[HF_NUMBER], 1, NULL);
	form_input(r, "hours", "接听时间(如“24小时”“工作日 8:30-17:30”)", "text", v[HF_HOURS], e[HF_HOURS], 0, NULL);
	form_page_end(r, action, f->editing != NULL, "删除这条热线", "删除后各页面页脚不再显示这条热线,操作记入审计日志。");
}

void sview_delete_confirm(struct req *r, const struct services_delete_page *p)
{
	struct buf *b = r->out;
	const char *title = arena_printf(r->a, "确定删除%s“%s”吗?", p->what, p->name);
	form_page_begin(r, title, NULL, NULL, 0, p->action);
	H(b, "<p>");
	h_text(b, p->consequence);
	H(b, "</p>");
	form_submit(r, "确定删除");
	form_end(r);
	H(b, "<p><a href=\"");
	h_href(b, p->back);
	H(b, "\">取消</a></p></section>");
	page_end(r);
}

void sview_footer(struct req *r, struct buf *b, const struct services_hotline *h, size_t n)
{
	if (!n)
		return;
	H(b, "<p>");
	h_text(b, r->community->name);
	H(b, "热线:");
	for (size_t i = 0; i < n; i++) {
		if (i)
			H(b, " · ");
		h_text(b, h[i].name);
		H(b, " ");
		tel(b, h[i].number);
	}
	H(b, " · ");
	h_clink_a(b, r->community->slug, "/services/", "服务站点");
	H(b, "</p>");
}
