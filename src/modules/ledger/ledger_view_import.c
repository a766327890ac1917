/* The HTML of the import page: what the file must hold, the form (a file
 * or pasted rows; check only, or check and import), and what a check
 * found. Never touches the database. */
#include <string.h>

#include "modules/ledger/ledger_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/table.h"

/* The columns the import reads, their other names and what goes in them. */
static void columns_table(struct req *r)
{
	static const struct tcol cols[] = {
	    {"列名", TCOL_ROWHEAD, NULL}, {"也可写作", 0, NULL}, {"是否必填", 0, NULL}, {"填写说明", 0, NULL}};
	struct table t;
	table_begin(&t, r->out, NULL, "导入文件的列", cols, 4, TABLE_CARDS, NULL);
	for (const struct ledger_import_column *c = ledger_import_columns; c->names; c++) {
		table_tr(&t, NULL);
		table_text(&t, c->names[0]);
		const char *other = "";
		for (int k = 1; c->names[k] && other; k++)
			other = arena_printf(r->a, "%s%s%s", other, k > 1 ? "、" : "", c->names[k]);
		table_text(&t, other && *other ? other : "—");
		table_text(&t, c->required == 2 ? "“金额”一列,或“收入”“支出”两列,选一种" : c->required ? "必填" : "可不填");
		table_text(&t, c->help);
	}
	table_end(&t);
}

/* What the check found: the rows refused (with their lines), the file
 * refused, or a clean check's summary. */
static void result(struct req *r, const struct ledger_import_page *p)
{
	struct buf *b = r->out;
	const struct ledger_import_result *res = p->result;
	if (p->rc == 2) {
		form_refusal(r, arena_printf(r->a, "无法导入%s%s%s:%s。没有导入任何数据。", p->file_name ? "“" : "",
		                             p->file_name ? p->file_name : "", p->file_name ? "”" : "",
		                             res->imp.fatal ? res->imp.fatal : "无法读取"));
		return;
	}
	if (p->rc == 1) {
		form_refusal(r, arena_printf(r->a, "有 %d 行有问题,没有导入任何数据。%s", res->imp.nerrors,
		                             !p->text || !*p->text
		                                 ? "请在文件中改正下面列出的行,再重新选择文件。"
		                             : p->file_name ? "请在文件中改正下面列出的行再重新选择文件;也可以在下方框中(文件的内容已放入框中)改正,"
		                                              "再点“只检查,不导入”。"
		                                            : "请在下方框中改正下面列出的行,再点“只检查,不导入”。"));
		if (p->text && *p->text)
			H(b, "<p><a href=\"#f-text\">去框中改正</a></p>");
		static const struct tcol cols[] = {{"行号", TCOL_ROWHEAD | TCOL_NUM, NULL}, {"问题", 0, NULL}};
		struct table t;
		H(b, "<h2>有问题的行</h2>");
		table_begin(&t, b, NULL, "有问题的行", cols, 2, TABLE_CARDS, NULL);
		for (int i = 0; i < res->imp.nkept; i++) {
			table_tr(&t, NULL);
			table_text(&t, arena_printf(r->a, "第 %d 行", res->imp.errors[i].line));
			table_text(&t, res->imp.errors[i].message);
		}
		table_end(&t);
		if (res->imp.nerrors > res->imp.nkept) {
			H(b, "<p>");
			h_text(b, arena_printf(r->a, "另有 %d 行的问题未列出,请先改正上面的行。",
			                       res->imp.nerrors - res->imp.nkept));
			H(b, "</p>");
		}
		return;
	}
	H(b, "<div class=\"notice\" role=\"status\"><p>检查通过:");
	h_int(b, res->good);
	H(b, " 张凭证,日期从 ");
	h_text(b, res->first);
	H(b, " 到 ");
	h_text(b, res->last);
	H(b, ",收入合计 ");
	h_money(b, res->income_fen);
	H(b, ",支出合计 ");
	h_money(b, res->expense_fen);
	H(b, "。");
	if (res->skipped) {
		H(b, "合计行 ");
		h_int(b, res->skipped);
		H(b, " 行不导入。");
	}
	H(b, "</p>");
	static const struct tcol cols[] = {{"日期", 0, NULL},     {"凭证号", TCOL_ROWHEAD, NULL}, {"收支", 0, NULL},
	                                   {"类别", 0, NULL},     {"金额", TCOL_NUM, NULL},       {"对方单位或个人", 0, NULL},
	                                   {"摘要", 0, NULL}};
	struct table t;
	H(b, "<details><summary>");
	h_text(b, res->good > (int64_t)res->nshown
	              ? arena_printf(r->a, "看看将导入的凭证(前 %zu 张)", res->nshown)
	              : "看看将导入的凭证");
	H(b, "</summary>");
	table_begin(&t, b, NULL, "将导入的凭证", cols, 7, TABLE_CARDS, NULL);
	for (size_t i = 0; i < res->nshown; i++) {
		const struct ledger_entry *e = &res->shown[i];
		table_tr(&t, NULL);
		table_text(&t, e->date);
		table_text(&t, e->voucher_no);
		table_text(&t, ledger_kind_word(e->kind));
		table_text(&t, e->category);
		table_money(&t, e->amount_fen);
		table_text(&t, e->counterparty);
		table_text(&t, e->purpose);
	}
	table_end(&t);
	H(b, "</details>");
	if (p->text && *p->text) { /* the rows are here: import them with one more step */
		if (p->file_name)
			H(b, "<p>文件的内容已放入下方的框中。</p>");
		form_begin(r, url_c(r->a, r->community->slug, "/admin/ledger/import"));
		form_hidden(r, "text", p->text);
		H(b, "<div class=\"actions\"><button type=\"submit\">导入这 ");
		h_int(b, res->good);
		H(b, " 张凭证</button></div>");
		form_end(r);
	} else {
		H(b, "<p>请再次选择这个文件,点“检查并导入”。</p>");
	}
	H(b, "</div>");
}

void ledger_view_import(struct req *r, const struct ledger_import_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "导入收支凭证");
	H(b, "<p><a href=\"");
	h_clink(b, slug, "/admin/ledger/");
	H(b, "\">← 财务收支</a></p><h1>导入收支凭证</h1>");
	if (p->imported) {
		page_notice(r, arena_printf(r->a, "已导入 %s 张凭证。它们须由另一名工作人员审核后才计入账目。", p->imported));
		H(b, "<p><a class=\"button\" href=\"");
		h_clink(b, slug, "/admin/ledger/entries?pending=1");
		H(b, "\">查看待审核凭证</a></p>");
		if (p->batch_pending) { /* a file imported by mistake: taken back in one step */
			form_begin_confirm(r, url_c(r->a, slug, "/admin/ledger/import/withdraw"),
			                   arena_printf(r->a, "撤回这次导入中尚未审核的 %lld 张凭证?撤回后它们作废。",
			                                (long long)p->batch_pending));
			const int64_t key[4] = {p->batch.by, p->batch.at, p->batch.first_id, p->batch.last_id};
			static const char *const names[4] = {"by", "at", "from", "to"};
			for (int i = 0; i < 4; i++)
				form_hidden(r, names[i], arena_printf(r->a, "%lld", (long long)key[i]));
			H(b, "<p>导入错了?</p><div class=\"actions\"><button type=\"submit\" class=\"secondary\">撤回这次导入(");
			h_int(b, p->batch_pending);
			H(b, " 张未审核)</button></div>");
			form_end(r);
		}
	}
	if (p->withdrawn)
		page_notice(r, arena_printf(r->a, "已撤回 %s 张导入的凭证,它们不计入账目。已审核的凭证不会撤回,如有错误请冲销。",
		                            p->withdrawn));
	if (p->input_error) {
		const char *errs[] = {p->input_error};
		form_error_summary(r, errs, 1);
	}
	if (p->result)
		result(r, p);
	H(b, "<p>把 Excel 或 WPS 表格中的收支记录一次导入。第一行是表头(表头上方可以有一行标题),"
	     "从下一行起每行一张凭证;“合计”“小计”行会自动跳过。"
	     "<strong>只要有一行有问题,就不会导入任何数据</strong>,页面会列出每一行的问题。"
	     "导入的凭证由您录入,须由另一名工作人员审核后才计入账目。</p>");
	H(b, "<p>模板:<a href=\"");
	h_clink(b, slug, "/admin/ledger/import/template.xlsx");
	H(b, "\">下载 Excel 模板</a> · <a href=\"");
	h_clink(b, slug, "/admin/ledger/import/template.csv");
	H(b, "\">下载 CSV 模板</a>(模板中的两行是示例,填写时请删除)。可以使用的列见本页下方。</p>");
	form_begin_upload(r, url_c(r->a, slug, "/admin/ledger/import"));
	struct form_field f = {.name = "file",
	                       .label = "要导入的文件",
	                       .hint = "Excel(.xlsx,读打开时看到的第一张工作表)或 CSV 文件,最大 20 MB、10 万行",
	                       .error = p->input_error};
	form_file_field(r, &f, ".csv,.xlsx,.txt", 0);
	f = (struct form_field){.name = "text",
	                        .label = "或者粘贴表格内容",
	                        .hint = "在表格中选中表头和各行,复制后粘贴到这里(选了文件时不看这里)",
	                        .value = p->text};
	form_field_textarea(r, &f);
	H(b, "<div class=\"actions\"><button type=\"submit\" name=\"check\" value=\"1\" class=\"secondary\">只检查,不导入"
	     "</button><button type=\"submit\">检查并导入</button></div>");
	form_end(r);
	H(b, "<h2>导入文件的列</h2>");
	columns_table(r);
	page_end(r);
}
