/* The import pages' HTML: the rules and the upload form with the recent
 * imports, and one import's check (its problems by line, what it will
 * make, the columns and their mapping form, confirm or drop). */
#include <stdio.h>
#include <string.h>

#include "modules/people/people_import_web.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"

const struct tcol pimp_history_cols[] = {
    {"文件", TCOL_ROWHEAD, NULL},
    {"格式", 0, NULL},
    {"上传时间", 0, NULL},
    {"上传人", 0, NULL},
    {"数据行数", TCOL_NUM, NULL},
    {"有问题的行", TCOL_NUM, NULL},
    {"状态", 0, NULL},
};
const int pimp_history_ncols = (int)(sizeof pimp_history_cols / sizeof *pimp_history_cols);
const struct tcol pimp_problem_cols[] = {{"行号", TCOL_NUM, NULL}, {"问题", 0, NULL}};
const int pimp_problem_ncols = 2;

const char *pimp_state_label(const struct pimp_import *imp)
{
	if (!strcmp(imp->state, "imported"))
		return "已导入";
	if (!strcmp(imp->state, "dropped"))
		return "已放弃";
	if (!imp->has_file)
		return "超过 7 天未确认,文件已删除";
	return imp->rows_bad ? "有问题,未导入" : "已检查,待确认";
}

void pimp_view_history_table(struct req *r, struct table *t, const struct pimp_import *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		table_tr(t, NULL);
		const char *href = url_c_id(r->a, r->community->slug, "/admin/people/import/", v[i].id, NULL);
		table_link(t, href ? href : "", v[i].filename);
		table_text(t, !strcmp(v[i].format, "xlsx") ? "Excel" : "CSV");
		table_time(t, v[i].created_at);
		table_text(t, v[i].by);
		table_int(t, v[i].rows_total);
		table_int(t, v[i].rows_bad);
		table_text(t, pimp_state_label(&v[i]));
	}
}

/* The file input with its hint and error, as form.h writes fields (the
 * error tied by aria-describedby and listed in the summary). */
static void file_field(struct req *r, const char *error)
{
	struct buf *b = r->out;
	H(b, "<div class=\"field");
	if (error)
		H(b, " has-error");
	H(b, "\"><label for=\"f-file\">要导入的文件 <span class=\"req\" aria-hidden=\"true\">*</span></label>"
	     "<p class=\"hint\" id=\"h-file\">CSV 或 Excel(.xlsx)文件,最大 20 MB、20 万行</p>");
	if (error) {
		H(b, "<p class=\"error\" id=\"e-file\">");
		h_text(b, error);
		H(b, "</p>");
	}
	H(b, "<input type=\"file\" id=\"f-file\" name=\"file\" accept=\".csv,.xlsx,.txt\" required "
	     "aria-required=\"true\"");
	if (error)
		H(b, " aria-invalid=\"true\" aria-describedby=\"h-file e-file\"");
	else
		H(b, " aria-describedby=\"h-file\"");
	H(b, "></div>");
}

/* The recognised headers of each column. */
static void columns_table(struct req *r)
{
	static const struct tcol cols[] = {
	    {"字段", TCOL_ROWHEAD, NULL}, {"可以使用的表头", 0, NULL}, {"是否必填", 0, NULL}};
	struct table t;
	table_begin(&t, r->out, NULL, "可以识别的表头", cols, 3, TABLE_CARDS, NULL);
	for (int c = 0; c < PC__MAX; c++) {
		const struct csv_column *col = &people_columns[c];
		table_tr(&t, NULL);
		table_text(&t, col->names[0]);
		struct buf names;
		buf_init(&names, 1024);
		for (int k = 0; col->names[k]; k++) {
			if (k)
				buf_puts(&names, "、");
			buf_puts(&names, col->names[k]);
		}
		table_text(&t, names.err ? "" : arena_strndup(r->a, names.data, names.len));
		buf_free(&names);
		table_text(&t, col->required ? "必填" : "可不填");
	}
	table_end(&t);
}

static void tags_line(struct req *r, int sensitive)
{
	struct buf *b = r->out;
	int first = 1;
	for (const struct people_tag_def *t = people_tags_known; t->name; t++)
		if (t->sensitive == sensitive) {
			if (!first)
				H(b, "、");
			first = 0;
			h_text(b, t->name);
		}
}

void pimp_view_home(struct req *r, const struct pimp_home_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "居民导入");
	H(b, "<h1>居民导入</h1><p>");
	h_clink_a(b, slug, "/admin/", "返回工作台");
	H(b, "</p>");
	const char *done = kv_get(&r->q, "done");
	if (done && !strcmp(done, "dropped"))
		page_notice(r, "已放弃这次导入,文件已删除。");
	if (p->file_error) {
		const char *errs[] = {p->file_error};
		form_error_summary(r, errs, 1);
	}
	H(b,
	  "<p>从社区的人员登记表(Excel 或 CSV)批量导入居民。上传后先检查每一行,"
	  "没有问题时由您确认导入;有问题的行会按行号列出,改正后重新上传即可。确认之前不会写入任何数据。</p>"
	  "<h2>文件要求</h2><ul>"
	  "<li>CSV 文件(UTF-8 或 GB18030 编码均可,Excel、WPS“另存为 CSV”即可),或 Excel 工作簿(.xlsx)。</li>"
	  "<li>Excel 文件只读第一个工作表。</li>"
	  "<li>第一行是表头,从第二行起每行一位居民。</li>"
	  "<li>网页上传的文件最大 20 MB、最多 20 "
	  "万行;更大的文件请分成几个文件,或请系统管理员用命令行导入。</li>"
	  "<li>表头不认识时,检查后可以自己选择哪一列对应哪个字段。</li></ul>");
	columns_table(r);
	H(b, "<h2>检查规则</h2><ul>"
	     "<li>姓名必填,1 到 40 个字,不能含数字。</li>"
	     "<li>身份证号:18 位,最后一位校验码须正确(可为 X),其中的出生日期须真实;15 位旧号码也可以。"
	     "填了性别或出生日期的,须与身份证号一致。被 Excel 显示成“1.10101E+17”的号码无法识别,"
	     "请把这一列设为文本格式后重新填写。同一个身份证号在文件中或本社区人员库中只能出现一次。</li>"
	     "<li>出生日期:如 1956-03-08、1956/3/8、1956年3月8日 或 19560308,不能晚于今天。</li>"
	     "<li>手机号码:11 位,可带 +86 或空格、横线。</li>"
	     "<li>填了房号的须填楼栋。文件中的楼栋、单元和房号在人员库中没有时会新建,检查结果会列出。</li>"
	     "<li>人员类别(标签):用顿号、逗号、分号、斜线或空格分开,每人最多 20 个。</li>"
	     "<li>以下类别可能涉及健康、残疾、救助或违法记录,属于敏感个人信息,加密保存,"
	     "列表中只显示“另有 N 项敏感标签”:");
	tags_line(r, 1);
	H(b, "。不在下列常用类别中的类别也按敏感信息处理。常用的一般类别:");
	tags_line(r, 0);
	H(b, "。</li></ul><h2>上传文件</h2>");
	form_begin_upload(r, url_c(r->a, slug, "/admin/people/import"));
	file_field(r, p->file_error);
	form_submit(r, "上传并检查");
	form_end(r);
	H(b, "<h2>最近的导入</h2>");
	struct table t;
	table_begin(&t, b, NULL, "最近的导入", pimp_history_cols, pimp_history_ncols, TABLE_CARDS,
	            "还没有导入记录");
	pimp_view_history_table(r, &t, p->recent, p->nrecent);
	table_end(&t);
	page_pager(r, p->page, p->more);
	H(b, "<p>导出导入记录:");
	h_clink_a(b, slug, "/admin/people/import/imports.xlsx", "Excel");
	H(b, " · ");
	h_clink_a(b, slug, "/admin/people/import/imports.csv", "CSV");
	H(b, "</p>");
	page_end(r);
}

/* "第 3 列“手机”" for a file column, or "未找到" / "不导入". */
static const char *column_name(struct arena *a, const struct people_mapping *m, int i, const char *none)
{
	if (i < 0 || i >= m->nheader)
		return none;
	return arena_printf(a, "第 %d 列“%s”", i + 1, m->header[i]);
}

static void mapping_table(struct req *r, const struct people_mapping *m)
{
	static const struct tcol cols[] = {{"字段", TCOL_ROWHEAD, NULL}, {"文件中的列", 0, NULL}};
	struct table t;
	table_begin(&t, r->out, NULL, "列的对应", cols, 2, TABLE_CARDS, NULL);
	for (int c = 0; c < PC__MAX; c++) {
		table_tr(&t, NULL);
		table_text(&t, people_columns[c].names[0]);
		table_text(&t, column_name(r->a, m, m->map[c], "未找到,不导入"));
	}
	table_end(&t);
	struct buf *b = r->out;
	int any = 0;
	for (int i = 0; i < m->nheader; i++) {
		int used = 0;
		for (int c = 0; c < PC__MAX; c++)
			used |= m->map[c] == i;
		if (used || !*m->header[i])
			continue;
		buf_puts(b, any ? "、" : "<p>文件中没有导入的列:");
		any = 1;
		h_text(b, column_name(r->a, m, i, ""));
	}
	if (any)
		H(b, "。</p>");
}

static void mapping_form(struct req *r, const struct pimp_result_page *p, const struct people_mapping *m)
{
	struct buf *b = r->out;
	int n = m->nheader;
	struct form_option *o = arena_alloc(r->a, ((size_t)n + 1) * sizeof *o);
	if (!o)
		return;
	o[0] = (struct form_option){"-1", "不导入", NULL};
	for (int i = 0; i < n; i++)
		o[i + 1] =
		    (struct form_option){arena_printf(r->a, "%d", i), column_name(r->a, m, i, ""), NULL};
	H(b, "<details id=\"mapping\"");
	if (p->want_mapping)
		H(b, " open");
	H(b, "><summary>选择每个字段对应文件中的哪一列</summary>");
	if (p->map_errors)
		form_error_summary(r, p->map_errors, PC__MAX);
	H(b, "<p>表头和常用写法不同时,请为每个字段选择文件中的列,不需要的选“不导入”。“姓名”必须选择。</p>");
	form_begin(r, url_c_id(r->a, r->community->slug, "/admin/people/import/", p->imp->id, "/mapping"));
	for (int c = 0; c < PC__MAX; c++) {
		int v = p->chosen ? p->chosen[c] : m->map[c];
		struct form_field f = {.name = arena_printf(r->a, "m%d", c),
		                       .label = people_columns[c].names[0],
		                       .value = arena_printf(r->a, "%d", v >= 0 && v < n ? v : -1),
		                       .error = p->map_errors ? p->map_errors[c] : NULL,
		                       .required = c == PC_NAME};
		form_select(r, &f, o, (size_t)n + 1);
	}
	form_submit(r, "按所选的列重新检查");
	form_end(r);
	H(b, "</details>");
}

static void problems(struct req *r, const struct pimp_result_page *p)
{
	const struct people_import_result *res = p->res;
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	H(b, "<h2>有问题的行</h2>");
	if (res->registered == res->bad && res->bad == res->rows) {
		/* a file imported before: nothing in it to correct */
		H(b, "<p class=\"error\">文件里的居民都已登记在本社区人员库中(按身份证号),没有需要导入的新居民。"
		     "如果要修改他们的信息,请在");
		h_clink_a(b, slug, "/admin/people/", "人员信息");
		H(b, "中逐个修改。</p>");
		return;
	}
	H(b, "<p>");
	h_int(b, res->bad);
	H(b, " 行有问题,整个文件都没有导入。请在表格中改正这些行后重新上传。");
	if (res->registered) {
		H(b, "其中 ");
		h_int(b, res->registered);
		H(b, " 行的居民已登记在本社区人员库中(按身份证号):请从文件中删去这些行。");
	}
	H(b, "</p>");
	struct table t;
	table_begin(&t, b, NULL, "有问题的行", pimp_problem_cols, pimp_problem_ncols, TABLE_CARDS, NULL);
	for (int i = 0; i < res->imp.nkept; i++) {
		table_tr(&t, NULL);
		table_int(&t, res->imp.errors[i].line);
		table_text(&t, res->imp.errors[i].message);
	}
	table_end(&t);
	if (res->imp.nerrors > res->imp.nkept) {
		H(b, "<p>另有 ");
		h_int(b, res->imp.nerrors - res->imp.nkept);
		H(b, " 行的问题未列出,改正以上各行后重新上传可以看到。</p>");
	}
	H(b, "<p>导出问题清单(行号和问题):<a href=\"");
	h_clink_id(b, slug, "/admin/people/import/", p->imp->id, "/problems.xlsx");
	H(b, "\">Excel</a> · <a href=\"");
	h_clink_id(b, slug, "/admin/people/import/", p->imp->id, "/problems.csv");
	H(b, "\">CSV</a></p>");
}

static void name_list(struct buf *b, const char *heading, const char *const *v, int n)
{
	if (!n)
		return;
	H(b, "<h3>");
	h_text(b, heading);
	H(b, "(");
	h_int(b, n);
	H(b, ")</h3><ul class=\"inline-list\">");
	for (int i = 0; i < n && i < 200; i++) {
		H(b, "<li>");
		h_text(b, v[i]);
		H(b, "</li>");
	}
	H(b, "</ul>");
	if (n > 200) {
		H(b, "<p>另有 ");
		h_int(b, n - 200);
		H(b, " 个未列出。</p>");
	}
}

void pimp_view_result(struct req *r, const struct pimp_result_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	const struct pimp_import *imp = p->imp;
	page_begin(r, "居民导入检查结果");
	H(b, "<h1>导入检查:");
	h_text(b, imp->filename);
	H(b, "</h1><p>");
	h_clink_a(b, slug, "/admin/people/import", "返回居民导入");
	H(b, "</p>");
	if (p->notice)
		page_notice(r, p->notice);
	form_refusal(r, p->refusal);
	H(b, "<dl class=\"facts\"><dt>状态</dt><dd>");
	h_text(b, pimp_state_label(imp));
	H(b, "</dd><dt>上传</dt><dd>");
	h_time(b, imp->created_at);
	if (*imp->by) {
		H(b, ",");
		h_text(b, imp->by);
	}
	H(b, "</dd>");
	if (imp->done_at) {
		H(b, "<dt>处理时间</dt><dd>");
		h_time(b, imp->done_at);
		H(b, "</dd>");
	}
	H(b, "</dl>");
	if (!p->checked) {
		if (!strcmp(imp->state, "imported")) {
			H(b, "<p>已导入 ");
			h_int(b, imp->rows_total);
			H(b, " 位居民,可以在");
			h_clink_a(b, r->community->slug, "/admin/people/", "人员信息");
			H(b, "中按姓名、楼栋查看。</p>");
		} else {
			H(b, "<p>文件已删除。需要导入时请重新上传。</p>");
		}
		page_end(r);
		return;
	}
	const struct people_import_result *res = p->res;
	if (p->rc == 2) {
		H(b, "<p class=\"error\">无法检查这个文件:");
		h_text(b, res->imp.fatal ? res->imp.fatal : "无法读取这个文件");
		H(b, "</p>");
	} else {
		H(b, "<p>文件共 ");
		h_int(b, res->rows);
		H(b, " 行数据");
		if (res->imp.encoding && !strcmp(imp->format, "csv")) {
			H(b, "(");
			h_text(b, res->imp.encoding);
			H(b, " 编码)");
		}
		if (res->bad) {
			H(b, ",其中 ");
			h_int(b, res->bad);
			H(b, " 行有问题。</p>");
		} else {
			buf_puts(b, res->rows ? ",全部通过检查。</p>" : "。</p>");
		}
	}
	if (p->rc == 0 && res->bad)
		problems(r, p);
	if (p->rc == 0 && (res->nnew_buildings || res->nnew_rooms)) {
		H(b, "<h2>导入时将新建</h2>");
		name_list(b, "楼栋", res->new_buildings, res->nnew_buildings);
		name_list(b, "房屋", res->new_rooms, res->nnew_rooms);
	}
	if (res->mapping.header) {
		H(b, "<h2>列的对应</h2>");
		mapping_table(r, &res->mapping);
		mapping_form(r, p, &res->mapping);
	}
	H(b, "<h2>下一步</h2>");
	if (p->clean) {
		H(b, "<p>确认后将导入 ");
		h_int(b, res->rows);
		H(b, " 位居民,并删除上传的文件。导入记入审计日志。</p>");
		form_begin(r, url_c_id(r->a, slug, "/admin/people/import/", imp->id, "/commit"));
		form_submit(r, "确认导入");
		form_end(r);
	} else {
		H(b, "<p>文件有问题时不能导入。请改正后");
		h_clink_a(b, slug, "/admin/people/import", "重新上传");
		H(b, "。</p>");
	}
	H(b, "<p>放弃后上传的文件立即删除;未确认的文件 7 天后自动删除。</p>");
	form_begin(r, url_c_id(r->a, slug, "/admin/people/import/", imp->id, "/drop"));
	form_submit(r, "放弃");
	form_end(r);
	page_end(r);
}
