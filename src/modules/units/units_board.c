/* Drafting board posts (党务居务公开) from 共驻共建: an agreement in force
 * (parties, term, commitments and their fulfilment) or the yearly report,
 * as Markdown with every text typed by users escaped (md_text), through
 * disclosure_draft_add on the catalogue item "cobuild". The draft then goes
 * through the board's own review and publication. */
#include <stdio.h>
#include <string.h>

#include "core/money.h"
#include "modules/disclosure/disclosure.h"
#include "modules/units/units_web.h"
#include "web/html.h"
#include "web/link.h"

#define BOARD_ITEM "cobuild"

static const char no_item[] =
    "本社区的公开目录中没有“共驻共建协议及履行情况”一项(编码 cobuild),无法生成草稿。"
    "请联系系统管理员运行 shequ migrate,它会为已有社区补上这一项。";

char *units_agreement_markdown(struct arena *a, const char *community, const struct units_agreement *g,
			       const struct units_commitment *cs, size_t n)
{
	struct buf b;
	buf_init(&b, 1u << 20);
	buf_puts(&b, "**协议各方:**");
	md_text(&b, community);
	for (size_t i = 0; i < g->nunits; i++) {
		buf_puts(&b, "、");
		md_text(&b, g->unit_names[i]);
	}
	buf_puts(&b, "\n\n**签订日期:**");
	md_text(&b, g->signed_on);
	buf_puts(&b, "  \n**期限:**");
	md_text(&b, g->starts_on);
	buf_puts(&b, " 至 ");
	md_text(&b, g->ends_on);
	buf_puts(&b, "  \n**状态:**");
	buf_puts(&b, units_state_label(g->state));
	buf_puts(&b, "\n\n");
	if (*g->summary) {
		md_text(&b, g->summary);
		buf_puts(&b, "\n\n");
	}
	buf_puts(&b, "| 承诺单位 | 类别 | 承诺内容 | 履行情况 |\n|---|---|---|---|\n");
	for (size_t i = 0; i < n; i++) {
		buf_puts(&b, "| ");
		md_text(&b, cs[i].unit_name);
		buf_puts(&b, " | ");
		buf_puts(&b, units_ckind_label(cs[i].kind));
		buf_puts(&b, " | ");
		md_text(&b, units_promise_text(a, &cs[i]));
		buf_puts(&b, " | ");
		md_text(&b, units_progress(a, &cs[i]));
		buf_puts(&b, " |\n");
	}
	char *out = b.err ? NULL : arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

/* Writes the draft in r's open write transaction and commits with the
 * audit row: 0, 1 no catalogue item (rolled back), -1. */
static int draft(struct req *r, const char *title, const char *md, const char *action, const char *entity, int64_t id)
{
	int64_t post;
	if (!md) {
		db_rollback(r->db);
		return -1;
	}
	int rc = disclosure_draft_add(r->db, r->community->id, BOARD_ITEM, title, md, r->user->id, r->now, &post);
	if (rc) {
		db_rollback(r->db);
		return rc;
	}
	return req_audit_commit(r, action, entity, id, arena_printf(r->a, "公开栏草稿 %lld:%s", (long long)post, title)) <
		       0
		   ? -1
		   : 0;
}

/* POST /admin/units/agreements/{id}/board: a draft of an agreement in force. */
enum http_result units_h_agreement_board(struct req *r)
{
	struct units_agreement_page p = {0};
	int rc = units_load_agreement(r, &p);
	if (rc)
		return rc;
	/* The state read under the agreement's lock, the draft in the same transaction. */
	int state;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if ((rc = units_agreement_lock(r->db, r->community->id, p.g.id, &state)) != 0 || state != US_IN_FORCE) {
		db_rollback(r->db);
		return rc < 0 ? HR_ERROR : req_fail(r, HR_BAD_REQUEST, "只有履行中的协议可以提交公开栏草稿。");
	}
	const char *md = units_agreement_markdown(r->a, r->community->name, &p.g, p.cs, p.ncs);
	rc = draft(r, arena_printf(r->a, "共驻共建协议:%s", p.g.title), md, "units.board_draft", "units_agreement", p.g.id);
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_BAD_REQUEST, no_item);
	const char *to = url_c_id(r->a, r->community->slug, "/admin/units/agreements/", p.g.id, "?done=drafted");
	return to ? req_redirect(r, to) : HR_ERROR;
}

/* The yearly report as Markdown. */
static char *report_markdown(struct req *r, const struct units_report_page *p)
{
	struct buf b;
	char m1[MONEY_FORMAT_SIZE], m2[MONEY_FORMAT_SIZE];
	buf_init(&b, 1u << 20);
	buf_puts(&b, arena_printf(r->a, "%d 年,", p->year));
	md_text(&b, r->community->name);
	buf_puts(&b, arena_printf(r->a, "驻区单位资金承诺共 %s,已到位 %s;共履行 %lld 次。\n\n",
				  money_format(p->promised_fen, m1, sizeof m1), money_format(p->done_fen, m2, sizeof m2),
				  (long long)p->events));
	buf_puts(&b, "| 单位 | 类别 | 承诺 | 履行次数 | 完成 |\n|---|---|---|---|---|\n");
	for (size_t i = 0; i < p->n; i++) {
		const struct units_report_line *l = &p->lines[i];
		buf_puts(&b, "| ");
		md_text(&b, l->unit_name);
		buf_puts(&b, " | ");
		buf_puts(&b, units_ckind_label(l->kind));
		buf_puts(&b, " | ");
		/* money in yuan, the rest in its unit word (typed: escaped) */
		int money = l->kind == UC_MONEY;
		buf_puts(&b, money ? money_format(l->promised_fen, m1, sizeof m1)
				   : arena_printf(r->a, "%lld 项,%lld ", (long long)l->commitments, (long long)l->promised_qty));
		if (!money)
			md_text(&b, l->qunit);
		buf_puts(&b, arena_printf(r->a, " | %lld | ", (long long)l->events));
		buf_puts(&b, money ? money_format(l->done_fen, m2, sizeof m2) : arena_printf(r->a, "%lld ", (long long)l->done_qty));
		if (!money)
			md_text(&b, l->qunit);
		buf_puts(&b, " |\n");
	}
	char *out = b.err ? NULL : arena_strdup(r->a, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

/* /admin/units/report/{year}: GET asks, POST drafts the year's report. */
enum http_result units_h_report_board(struct req *r)
{
	int year = units_parse_year(r->param[1]);
	if (!year)
		return req_fail(r, HR_NOT_FOUND, "年份不正确。");
	if (r->method != METHOD_POST) {
		units_view_report_confirm(r, year);
		return HR_OK;
	}
	struct units_report_page p;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (units_report_load(r, year, &p) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	int rc = draft(r, arena_printf(r->a, "%d年度共驻共建报告", year), report_markdown(r, &p), "units.report_draft",
		       "units_report", year);
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_BAD_REQUEST, no_item);
	const char *to = url_c(r->a, r->community->slug, "/admin/units/?done=drafted");
	return to ? req_redirect(r, to) : HR_ERROR;
}
