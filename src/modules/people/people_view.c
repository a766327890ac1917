/* The registry's staff pages as HTML, through src/web only: the list, the
 * desk's form, a resident, the status form, the buildings, a household and
 * the full export's form. Everything shown is masked unless the page struct
 * carries opened fields (the audited full view). */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "modules/people/people_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

const char *pview_birth(struct req *r, int birth_year)
{
	if (!birth_year)
		return "";
	int age = date_from_time(r->now).y - birth_year;
	return arena_printf(r->a, "%d 年(%d 岁)", birth_year, age < 0 ? 0 : age);
}

const char *pview_address(struct arena *a, const char *building, const char *unit, const char *room)
{
	if (!*building)
		return "";
	return arena_printf(a, "%s%s%s%s%s", building, *unit ? " " : "", unit, *room ? " " : "", room);
}

const char *pview_tags(struct arena *a, const char *tags, int hidden)
{
	if (!hidden)
		return tags;
	return arena_printf(a, "%s%s另有 %d 项敏感标签", tags, *tags ? "、" : "", hidden);
}

static void crumbs(struct req *r, int list)
{
	struct buf *b = r->out;
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, r->community->slug, "/admin/", "工作台");
	if (list) {
		H(b, " › ");
		h_clink_a(b, r->community->slug, "/admin/people/", "人员信息");
	}
	H(b, "</p>");
}

static void button(struct buf *b, const char *href, const char *text)
{
	H(b, "<a class=\"button\" href=\"");
	h_href(b, href);
	H(b, "\">");
	h_text(b, text);
	H(b, "</a> ");
}

/* ---- the list ---- */

static const struct tcol list_cols[] = {
    {"姓名", TCOL_ROWHEAD, NULL}, {"性别", 0, NULL}, {"出生年份/年龄", 0, NULL},
    {"身份证号", 0, NULL},        {"手机", 0, NULL}, {"住址", 0, NULL},
    {"人员类别", 0, NULL},        {"状态", 0, NULL},
};
#define NLIST ((int)(sizeof list_cols / sizeof *list_cols))

static void person_rows(struct req *r, struct table *t, const struct people_person *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct people_person *p = &rows[i];
		table_tr(t, NULL);
		table_link(t, url_c_id(r->a, r->community->slug, "/admin/people/", p->id, NULL), p->name);
		table_text(t, *p->gender ? people_gender_label(p->gender) : "");
		table_text(t, pview_birth(r, p->birth_year));
		table_text(t, p->id_masked);
		table_text(t, p->phone_masked);
		table_text(t, pview_address(r->a, p->building, p->unit, p->room));
		table_text(t, pview_tags(r->a, p->tags, p->tags_hidden));
		table_text(t, *p->left_on
		                  ? arena_printf(r->a, "%s(%s)", people_status_label(p->status), p->left_on)
		                  : people_status_label(p->status));
	}
}

/* 1 if q is digits only but neither a whole mobile (11) nor ID number (15,
 * 18): the last digits of a number, which finds nobody. */
static int partial_number(const char *q)
{
	size_t n = 0;
	for (; q && q[n]; n++)
		if ((q[n] < '0' || q[n] > '9') && !(n == 17 && (q[n] == 'x' || q[n] == 'X')))
			return 0;
	return n >= 3 && n != 11 && n != 15 && n != 18;
}

void pview_list(struct req *r, const struct people_list_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "人员信息");
	crumbs(r, 0);
	H(b, "<h1>人员信息</h1><p>本社区在册居民,按姓名拼音排序。身份证号和手机号只显示部分;"
	     "查看完整信息须填写理由,并记入审计日志。</p><p>");
	button(b, url_c(r->a, slug, "/admin/people/new"), "登记居民");
	button(b, url_c(r->a, slug, "/admin/people/buildings"), "楼栋");
	button(b, url_c(r->a, slug, "/admin/people/import"), "导入居民");
	H(b, "</p>");
	static const char *const names[] = {"q", "status", "building", "bname", "tag"};
	filter_begin(r, "筛选居民", names, 5);
	struct form_field fq = {"q", "搜索", "可输入姓名、拼音或首字母,或完整的身份证号、手机号", p->f.q, NULL,
	                        0,   "off"};
	form_field_input(r, &fq, "search");
	static const struct form_option statuses[] = {{"", "在册", NULL},
	                                              {"moved_out", "已迁出", NULL},
	                                              {"deceased", "已故", NULL},
	                                              {"all", "全部", NULL}};
	struct form_field fs = {"status", "状态", NULL, p->status, NULL, 0, NULL};
	form_select(r, &fs, statuses, 4);
	struct form_option *bo = p->buildings_typed ? NULL : arena_alloc(r->a, (p->nbuildings + 2) * sizeof *bo);
	if (p->buildings_typed) {
		struct form_field fb = {"bname", "楼栋", "输入楼栋名称,如 5号楼;输入“未登记住址”查没有住址的居民",
		                        p->building_name, p->building_error, 0, "off"};
		form_field_input(r, &fb, "text");
	} else if (bo) {
		bo[0] = (struct form_option){"", "全部楼栋", NULL};
		for (size_t i = 0; i < p->nbuildings; i++)
			bo[i + 1] =
			    (struct form_option){arena_printf(r->a, "%lld", (long long)p->buildings[i].id),
			                         p->buildings[i].name, NULL};
		bo[p->nbuildings + 1] = (struct form_option){"none", "未登记住址", NULL};
		struct form_field fb = {"building", "楼栋", NULL, p->building, NULL, 0, NULL};
		form_select(r, &fb, bo, p->nbuildings + 2);
	}
	size_t nt = 0;
	while (people_tags_known[nt].name)
		nt++;
	struct form_option *to = arena_alloc(r->a, (nt + 1) * sizeof *to);
	if (to) {
		to[0] = (struct form_option){"", "全部类别", NULL};
		for (size_t i = 0; i < nt; i++)
			to[i + 1] =
			    (struct form_option){people_tags_known[i].name, people_tags_known[i].name,
			                         people_tags_known[i].sensitive ? "敏感类别" : "一般类别"};
		struct form_field ft = {"tag", "人员类别", NULL, p->f.tag, NULL, 0, NULL};
		form_select(r, &ft, to, nt + 1);
	}
	filter_end(r, NULL);
	if (p->building_error) {
		/* the typed building matched none: those carrying its number, or the buildings page */
		H(b, "<p class=\"notice\">");
		if (p->nbuilding_guesses) {
			H(b, "您要找的是不是:");
			for (size_t i = 0; i < p->nbuilding_guesses; i++) {
				if (i)
					H(b, "、");
				h_link(b, url_with(r, "bname", p->building_guesses[i].name), p->building_guesses[i].name);
			}
		} else {
			H(b, "可以到");
			h_link(b, url_c(r->a, slug, "/admin/people/buildings"), "楼栋列表");
			H(b, "中查找楼栋的名称。");
		}
		H(b, "</p>");
	} else {
		H(b, "<p>");
		export_links(r, "导出(已遮蔽)");
		H(b, " · ");
		h_link(b, url_with_path(r, url_c(r->a, slug, "/admin/people/export-full"), "page", NULL),
		       "导出完整信息");
		H(b, "</p>");
	}
	struct table t;
	int filtered = (p->f.q && *p->f.q) || *p->status || p->f.building_id || p->f.tag || *p->building_name;
	table_begin(&t, b, NULL, "居民列表", list_cols, NLIST, TABLE_CARDS,
	            !filtered            ? "还没有登记居民。"
	            : partial_number(p->f.q) ? "没有符合条件的居民。按身份证号或手机号查找,须输入完整的号码(18 位或 11 位)。"
	                                 : "没有符合条件的居民。");
	person_rows(r, &t, p->rows, p->n);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	page_end(r);
}

/* ---- the desk's form ---- */

void pview_form(struct req *r, const struct people_form *f)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	const char *title = f->person_id ? "修改居民信息" : "登记居民";
	page_begin(r, title);
	crumbs(r, 1);
	H(b, "<section class=\"form\"><h1>");
	h_text(b, title);
	H(b, "</h1>");
	form_refusal(r, f->refusal);
	form_error_summary(r, f->e, PC__MAX);
	form_begin(r, f->person_id ? url_c_id(r->a, slug, "/admin/people/", f->person_id, "/edit")
	                           : url_c(r->a, slug, "/admin/people/new"));
	if (f->person_id) {
		form_hidden(r, "save", "1");
		form_hidden(r, "reason", f->reason ? f->reason : "");
	}
	static const char *const labels[PC__MAX] = {"姓名",     "性别", "身份证号", "出生日期", "手机号",
	                                            "楼栋",     "单元", "房号",     "户号",     "与户主关系",
	                                            "人员类别", "网格", "备注"};
	static const char *const hints[PC__MAX] = {
	    NULL,
	    NULL,
	    "18 位,最后一位可以是 X;填写后性别和出生日期可不填",
	    "如 1956-03-08",
	    "11 位,如 138 0013 8000",
	    "如 5号楼;新楼栋会自动建立",
	    "如 1单元,没有单元可不填",
	    "如 302,填房号须先填楼栋",
	    "同一房间住几户时区分用,一般不填",
	    "如 户主、配偶、子、女",
	    "多个用顿号分开,如 独居老人、低保户;残疾人、低保户等敏感类别加密保存",
	    "楼栋所属网格,如 第一网格",
	    NULL,
	};
	for (int i = 0; i < PC__MAX; i++) {
		struct form_field fl = {people_field_names[i], labels[i], hints[i], f->v[i], f->e[i],
		                        i == PC_NAME,          "off"};
		if (i == PC_GENDER) {
			static const struct form_option g[] = {
			    {"", "不填", NULL}, {"男", "男", NULL}, {"女", "女", NULL}};
			form_select(r, &fl, g, 3);
		} else if (i == PC_NOTE) {
			form_field_textarea(r, &fl);
		} else {
			form_field_input(r, &fl, i == PC_PHONE ? "tel" : "text");
		}
	}
	form_submit(r, f->person_id ? "保存修改" : "登记");
	form_end(r);
	H(b, "<p class=\"hint\">身份证号、手机号、出生日期、备注和敏感类别加密保存,页面上只显示部分。"
	     "操作记入审计日志。</p></section>");
	page_end(r);
}

/* ---- a resident ---- */

static void reason_form(struct req *r, const struct people_person_page *p, const char *path, const char *lead,
                        const char *submit)
{
	struct buf *b = r->out;
	H(b, "<section class=\"form\"><h2>");
	h_text(b, lead);
	H(b, "</h2><p>完整的身份证号、手机号、出生日期、备注和敏感类别只在填写理由后显示一次;"
	     "查看记入审计日志,居民本人可以看到谁在什么时候查看过。</p>");
	if (p->reason_error) {
		const char *errs[] = {p->reason_error};
		form_error_summary(r, errs, 1);
	}
	form_begin(r, url_c_id(r->a, r->community->slug, "/admin/people/", p->p.id, path));
	struct form_field fr = {
	    "reason", "理由", "2 到 200 个字,如“核对低保申请材料”", p->reason, p->reason_error, 1, "off"};
	form_field_input(r, &fr, "text");
	form_submit(r, submit);
	form_end(r);
	H(b, "</section>");
}

static void members_table(struct req *r, const char *label, const struct people_person *m, size_t n)
{
	static const struct tcol cols[] = {
	    {"姓名", TCOL_ROWHEAD, NULL}, {"与户主关系", 0, NULL}, {"性别", 0, NULL},
	    {"出生年份/年龄", 0, NULL},   {"人员类别", 0, NULL},   {"状态", 0, NULL}};
	struct table t;
	table_begin(&t, r->out, NULL, label, cols, 6, TABLE_CARDS, "没有成员。");
	for (size_t i = 0; i < n; i++) {
		table_tr(&t, NULL);
		table_link(&t, url_c_id(r->a, r->community->slug, "/admin/people/", m[i].id, NULL),
		           m[i].name);
		table_text(&t, m[i].relation);
		table_text(&t, *m[i].gender ? people_gender_label(m[i].gender) : "");
		table_text(&t, pview_birth(r, m[i].birth_year));
		table_text(&t, pview_tags(r->a, m[i].tags, m[i].tags_hidden));
		table_text(&t, people_status_label(m[i].status));
	}
	table_end(&t);
}

static void dd(struct buf *b, const char *dt, const char *v)
{
	H(b, "<dt>");
	h_text(b, dt);
	H(b, "</dt><dd>");
	h_text(b, v && *v ? v : "未填");
	H(b, "</dd>");
}

void pview_person(struct req *r, const struct people_person_page *pp)
{
	struct buf *b = r->out;
	const struct people_person *p = &pp->p;
	const struct people_full *f = pp->full;
	const char *slug = r->community->slug;
	page_begin(r, p->name);
	crumbs(r, 1);
	H(b, "<h1>");
	h_text(b, p->name);
	H(b, "</h1>");
	if (pp->notice)
		page_notice(r, pp->notice);
	H(b, "<dl>");
	dd(b, "性别", *p->gender ? people_gender_label(p->gender) : "");
	if (f)
		dd(b, "出生日期", f->birth);
	else
		dd(b, "出生年份", pview_birth(r, p->birth_year));
	dd(b, "身份证号", f ? f->id_number : p->id_masked);
	dd(b, "手机号", f ? f->phone : p->phone_masked);
	H(b, "<dt>住址</dt><dd>");
	if (p->household_id) {
		H(b, "<a href=\"");
		h_clink_id(b, slug, "/admin/people/households/", p->household_id, NULL);
		H(b, "\">");
		h_text(b, pview_address(r->a, p->building, p->unit, p->room));
		H(b, "</a>");
	} else {
		h_text(b, *p->building ? p->building : "未登记");
	}
	H(b, "</dd>");
	dd(b, "与户主关系", p->relation);
	dd(b, "网格", p->grid);
	if (f)
		dd(b, "人员类别",
		   *p->tags && *f->tags ? arena_printf(r->a, "%s、%s", p->tags, f->tags)
		   : *p->tags           ? p->tags
		                        : f->tags);
	else
		dd(b, "人员类别", pview_tags(r->a, p->tags, p->tags_hidden));
	if (f)
		dd(b, "备注", f->note);
	dd(b, "状态",
	   *p->left_on ? arena_printf(r->a, "%s(%s)", people_status_label(p->status), p->left_on)
	               : people_status_label(p->status));
	H(b, "<dt>登记时间</dt><dd>");
	h_date(b, p->created_at);
	H(b, "</dd><dt>最后修改</dt><dd>");
	h_date(b, p->updated_at);
	H(b, "</dd></dl>");
	if (p->erased_at) {
		H(b, "<p class=\"hint\">保存期限已满,个人信息已删除。</p>");
	} else if (pp->ask == PEOPLE_ASK_FULL) {
		reason_form(r, pp, "/full", "查看完整信息", "查看完整信息");
	} else if (pp->ask == PEOPLE_ASK_EDIT) {
		reason_form(r, pp, "/edit", "修改居民信息", "填写理由并修改");
	} else {
		H(b, "<p class=\"actions\">");
		if (!f)
			button(b, url_c_id(r->a, slug, "/admin/people/", p->id, "/full"), "查看完整信息");
		button(b, url_c_id(r->a, slug, "/admin/people/", p->id, "/edit"), "修改");
		button(b, url_c_id(r->a, slug, "/admin/people/", p->id, "/status"),
		       p->status == PEOPLE_LIVING ? "迁出/已故" : "恢复在册");
		H(b, "</p>");
	}
	if (p->household_id) {
		H(b, "<section><h2>同户成员</h2>");
		members_table(r, "同户成员", pp->members, pp->nmembers);
		H(b, "</section>");
	}
	H(b, "<section><h2>查看完整信息的记录</h2>");
	static const struct tcol vcols[] = {{"时间", 0, NULL}, {"查看人", 0, NULL}, {"理由", 0, NULL}};
	struct table t;
	table_begin(&t, b, NULL, "查看完整信息的记录", vcols, 3, TABLE_CARDS, "还没有人查看过完整信息。");
	for (size_t i = 0; i < pp->nviews; i++) {
		table_tr(&t, NULL);
		table_time(&t, pp->views[i].at);
		table_text(&t, pp->views[i].actor);
		table_text(&t, pp->views[i].reason);
	}
	table_end(&t);
	H(b, "</section>");
	page_end(r);
}

void pview_status(struct req *r, const struct people_status_page *s)
{
	struct buf *b = r->out;
	const struct people_person *p = &s->p;
	page_begin(r, "变更居民状态");
	crumbs(r, 1);
	H(b, "<section class=\"form\"><h1>变更状态:");
	h_text(b, p->name);
	H(b, "</h1><p>现在的状态:");
	h_text(b, people_status_label(p->status));
	H(b, "。</p><p>登记为已迁出或已故后,居民的身份证号、手机号、出生日期、备注和敏感类别再保存 ");
	h_int(b, s->retention_days);
	H(b, " 天(本社区的保存期限),期满自动删除,姓名也改为“已删除”;期满前可以恢复在册。</p>");
	const char *errs[] = {s->status_error, s->on_error};
	form_error_summary(r, errs, 2);
	form_begin(r, url_c_id(r->a, r->community->slug, "/admin/people/", p->id, "/status"));
	struct form_option o[PEOPLE_STATUS__MAX];
	size_t n = 0;
	for (int i = 0; i < PEOPLE_STATUS__MAX; i++)
		if (i != (int)p->status)
			o[n++] = (struct form_option){
			    people_status_name((enum people_status)i),
			    i == PEOPLE_LIVING ? "恢复在册" : people_status_label((enum people_status)i),
			    NULL};
	struct form_field fs = {"status", "新的状态", NULL, s->status, s->status_error, 1, NULL};
	form_radios(r, &fs, o, n);
	struct form_field fo = {"on", "迁出或去世日期", "如 2026-11-01;恢复在册时不填", s->on, s->on_error, 0,
	                        NULL};
	form_date(r, &fo);
	form_submit(r, "变更状态");
	form_end(r);
	H(b, "</section>");
	page_end(r);
}

/* ---- buildings, a household, the full export ---- */

void pview_buildings(struct req *r, const struct people_building *bl, size_t n, int64_t page, int has_next)
{
	struct buf *b = r->out;
	page_begin(r, "楼栋");
	crumbs(r, 1);
	H(b, "<h1>楼栋</h1><p>在册居民人数按楼栋统计;点楼栋名看这栋楼的居民。</p>");
	static const struct tcol cols[] = {
	    {"楼栋", TCOL_ROWHEAD, NULL}, {"网格", 0, NULL}, {"在册居民", TCOL_NUM, NULL}};
	struct table t;
	table_begin(&t, b, NULL, "楼栋列表", cols, 3, TABLE_CARDS,
	            page > 1 ? "这一页没有楼栋了。" : "还没有楼栋;登记或导入居民时会自动建立。");
	for (size_t i = 0; i < n; i++) {
		table_tr(&t, NULL);
		table_link(&t,
		           arena_printf(r->a, "%s?building=%lld",
		                        url_c(r->a, r->community->slug, "/admin/people/"),
		                        (long long)bl[i].id),
		           bl[i].name);
		table_text(&t, *bl[i].grid ? bl[i].grid : "未划分");
		table_int(&t, bl[i].residents);
	}
	table_end(&t);
	page_pager(r, page, has_next);
	page_end(r);
}

void pview_household(struct req *r, const struct people_household_info *h, const struct people_person *m,
                     size_t n)
{
	struct buf *b = r->out;
	const char *addr = pview_address(r->a, h->building, h->unit, h->room);
	const char *title = arena_printf(r->a, "家庭户:%s%s%s", addr, *h->label ? " " : "", h->label);
	page_begin(r, title);
	crumbs(r, 1);
	H(b, "<h1>");
	h_text(b, title);
	H(b, "</h1><dl>");
	dd(b, "楼栋", h->building);
	dd(b, "网格", h->grid);
	H(b, "</dl>");
	members_table(r, "家庭成员", m, n);
	page_end(r);
}

void pview_export_full(struct req *r, const struct people_export_page *e)
{
	struct buf *b = r->out;
	page_begin(r, "导出完整信息");
	crumbs(r, 1);
	H(b, "<section class=\"form\"><h1>导出完整信息</h1><p>导出的文件含完整的身份证号、手机号、出生日期、"
	     "备注和敏感类别,按列表当前的筛选条件导出。导出记入审计日志。文件请妥善保管,用完删除。</p>");
	form_refusal(r, e->refusal);
	const char *errs[] = {e->format_error, e->reason_error, e->confirm_error};
	form_error_summary(r, errs, 3);
	form_begin(r, url_c(r->a, r->community->slug, "/admin/people/export-full"));
	static const char *const keep[] = {"q", "status", "building", "bname", "tag"};
	const struct kvlist *src = r->method == METHOD_POST ? &r->form : &r->q;
	for (size_t i = 0; i < 5; i++) {
		const char *v = kv_get(src, keep[i]);
		if (v && *v)
			form_hidden(r, keep[i], v);
	}
	static const struct form_option fmt[] = {{"xlsx", "Excel(.xlsx)", NULL}, {"csv", "CSV", NULL}};
	struct form_field ff = {"format",        "文件格式", NULL, e->format ? e->format : "xlsx",
	                        e->format_error, 1,          NULL};
	form_radios(r, &ff, fmt, 2);
	struct form_field fr = {
	    "reason", "理由", "2 到 200 个字,如“报送街道低保复核名单”", e->reason, e->reason_error, 1, "off"};
	form_field_input(r, &fr, "text");
	struct form_field fc = {
	    "confirm", "我确认需要导出完整信息,并会妥善保管文件", NULL, e->confirm, e->confirm_error, 0,
	    NULL};
	form_checkbox(r, &fc);
	form_submit(r, "导出完整信息");
	form_end(r);
	H(b, "</section>");
	page_end(r);
}
