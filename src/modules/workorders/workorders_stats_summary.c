/* The quarterly summary to the disclosure board (热点难点处理情况): staff
 * pick a quarter, see a text generated from its work orders (counts by
 * type, the three rates, the most frequent subjects, what was done), edit
 * it, and save it as a draft of the board's "hot-issues" item. The draft
 * then goes through the board's own submit, review and publish steps. */
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "http/fields.h"
#include "modules/disclosure/disclosure.h"
#include "modules/workorders/workorders_stats.h"
#include "web/link.h"

/* The generated text's one gap, which staff fill in before saving. */
#define SUMMARY_TO_FILL "(请填写对上述问题采取的措施、办理结果和下一步安排。)"

#define BODY_MAX 20000 /* characters, as the board's own post form */
#define TOP_SUBJECTS 5

/* The same limits as the board's post form. */
static const struct field summary_fields[] = {
    {"title", "标题", FIELD_TEXT, 1, 100},
    {"body", "正文", FIELD_MULTILINE, 1, BODY_MAX},
};

/* The generated text, Markdown (the board renders it in cmark's safe
 * mode); subjects are the masked ones, each on its own list line. */
static const char *summary_text(struct req *r, const struct wo_range *g, const struct wo_counts *kind,
                                const struct wo_counts *t, const struct wo_subject_count *top, size_t ntop)
{
	struct buf b;
	buf_init(&b, 4 * BODY_MAX);
	struct ymd from = date_from_time(g->from), to = date_from_time(g->to - 1);
	buf_printf(&b,
	           "%d年%d月%d日至%d月%d日,本社区共登记居民来信来访、热线和网上诉求 %lld 件,已办结 %lld 件",
	           from.y, from.m, from.d, to.m, to.d, (long long)t->received, (long long)t->closed);
	if (t->rejected)
		buf_printf(&b, ",不予受理 %lld 件", (long long)t->rejected);
	buf_puts(&b, "。\n\n## 诉求类型\n\n");
	for (int k = 0; k < WO_K__MAX; k++)
		if (kind[k].received)
			buf_printf(&b, "- %s:%lld 件,已办结 %lld 件\n", wo_kind_label(k),
			           (long long)kind[k].received, (long long)kind[k].closed);
	if (!t->received)
		buf_puts(&b, "- 本季度没有登记的诉求\n");
	struct wo_rates w = wo_rates_from_counts(t);
	char rs[16], rv[16], st[16];
	wo_rate_format(w.respond, rs, sizeof rs);
	wo_rate_format(w.resolve, rv, sizeof rv);
	wo_rate_format(w.satisfy, st, sizeof st);
	buf_printf(&b,
	           "\n## 办理情况\n\n"
	           "- 响应率 %s:在时限内首次响应 %lld 件,应计 %lld 件\n"
	           "- 解决率 %s:答复已解决 %lld 件,已受理 %lld 件\n"
	           "- 满意率 %s:满意和基本满意 %lld 件,已评价 %lld 件\n",
	           rs, (long long)t->respond_on_time, (long long)t->respond_counted, rv,
	           (long long)t->resolved, (long long)t->accepted, st, (long long)t->satisfied,
	           (long long)t->rated);
	/* Only subjects met twice or more (wo_stats_top_subjects): one
	 * resident's own matter is not a hot issue. */
	buf_puts(&b, "\n## 居民反映较多的问题\n\n");
	for (size_t i = 0; i < ntop; i++)
		buf_printf(&b, "- %s(%lld 件)\n", top[i].subject_masked, (long long)top[i].n);
	if (t->received && !ntop)
		buf_puts(&b, "- 本季度没有多次反映的同一问题\n");
	buf_puts(&b, "\n## 主要做法和结果\n\n" SUMMARY_TO_FILL "\n");
	const char *s = b.err ? NULL : arena_strdup(r->a, b.data);
	buf_free(&b);
	return s;
}

/* The picker's quarters: the last 8 begun by now, newest first. */
static void quarters(struct req *r, struct wo_summary_form *f)
{
	struct ymd today = date_from_time(r->now);
	int y = today.y, q = (today.m - 1) / 3 + 1;
	for (int i = 0; i < 8; i++) {
		f->quarters[i] = arena_printf(r->a, "%d-%d", y, q);
		f->quarter_labels[i] =
		    arena_printf(r->a, "%d年第%s季度", y, (const char *[]){"一", "二", "三", "四"}[q - 1]);
		if (--q == 0) {
			q = 4;
			y--;
		}
	}
}

/* The generated title and text of the quarter in f. 0 or -1. */
static int generate(struct req *r, const struct wo_range *g, struct wo_summary_form *f)
{
	struct wo_kind_counts *cells;
	struct wo_subject_count *top;
	size_t ncells, ntop;
	if (wo_stats_by_kind(r->db, r->a, r->community->id, g->from, g->to, r->now, &cells, &ncells) < 0 ||
	    wo_stats_top_subjects(r->db, r->a, r->community->id, g->from, g->to, TOP_SUBJECTS, &top, &ntop) <
	        0)
		return -1;
	struct wo_counts kind[WO_K__MAX] = {0}, t = {0};
	for (size_t i = 0; i < ncells; i++) {
		wo_counts_add(&t, &cells[i].c);
		wo_counts_add(&kind[cells[i].kind], &cells[i].c);
	}
	f->title = arena_printf(r->a, "%d年第%s季度热点难点处理情况", f->year,
	                        (const char *[]){"一", "二", "三", "四"}[f->q - 1]);
	f->body = summary_text(r, g, kind, &t, top, ntop);
	return f->title && f->body ? 0 : -1;
}

/* Saves the typed title and text as a draft of the hot-issues item and
 * goes to it on the board; or shows the form again with why not. */
static enum http_result save(struct req *r, struct wo_summary_form *f)
{
	const char *vals[2], *errs[2];
	int bad = fields_validate(r->a, &r->form, summary_fields, 2, vals, errs);
	f->title = vals[0];
	f->body = vals[1];
	f->title_err = errs[0];
	f->body_err = errs[1];
	if (!f->body_err && f->body && strstr(f->body, SUMMARY_TO_FILL)) {
		f->body_err = "请先填写“主要做法和结果”:对上述问题采取的措施、办理结果和下一步安排";
		bad++;
	}
	if (bad) {
		wo_view_summary(r, f);
		r->body_written = 1;
		return HR_INVALID;
	}
	int64_t id;
	if (db_begin(r->db) < 0)
		return req_error(r, "cannot begin the summary's transaction");
	int rc = disclosure_draft_add(r->db, r->community->id, "hot-issues", f->title, f->body, r->user->id,
	                              r->now, &id);
	if (rc) {
		db_rollback(r->db);
		if (rc < 0)
			return req_error(r, "saving the summary as a board draft failed");
		f->refusal = "本社区的公开目录中没有“热点难点处理情况”事项(或已停用),"
		             "请先在公开栏管理的公开目录中添加。";
		wo_view_summary(r, f);
		r->body_written = 1;
		return HR_INVALID;
	}
	if (req_audit_commit(r, "workorders.summary_draft", "disclosure_post", id, f->title) < 0)
		return req_error(r, "cannot commit the summary draft");
	return req_redirect(r, url_c_id(r->a, r->community->slug, "/admin/board/", id, ""));
}

enum http_result wo_h_summary(struct req *r)
{
	struct wo_summary_form f = {0};
	struct wo_range g;
	const char *q = kv_get(r->method == METHOD_POST ? &r->form : &r->q, "quarter");
	quarters(r, &f);
	if (wo_quarter_range(q, r->now, &g, &f.year, &f.q) < 0)
		return req_fail(r, HR_BAD_REQUEST, "季度不正确,请从列表中选择。");
	if (r->method == METHOD_POST)
		return save(r, &f);
	if (generate(r, &g, &f) < 0)
		return req_error(r, "generating the quarterly summary failed");
	wo_view_summary(r, &f);
	return HR_OK;
}
