/* Staff pages of the work orders, HTML only: the intake form, the list and
 * its export rows, the order page with its step forms, the rules. Personal
 * fields show masked unless the page is the audited full view. */
#include <string.h>

#include "core/clock.h"
#include "modules/workorders/workorders_web.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

static void crumbs(struct req *r)
{
	H(r->out, "<p class=\"crumbs\">");
	h_clink_a(r->out, r->community->slug, "/admin/workorders/", "工单管理");
	H(r->out, "</p>");
}

static void select_of(struct req *r, const char *name, const char *label, const struct form_option *o, size_t n,
		      const char *value, const char *error, int required)
{
	const struct form_field f = {.name = name, .label = label, .value = value, .error = error, .required = required};
	form_select(r, &f, o, n);
}

/* The options of a vocabulary: names and labels, after a first "全部"
 * (value "") when all is set, for the list's filters. */
#define VOCAB_OPTIONS(fn, type, max, name_of, label_of)                                                         \
	static struct form_option *fn(struct arena *a, int all)                                                 \
	{                                                                                                        \
		struct form_option *o = arena_zalloc(a, (max + 1) * sizeof *o);                                 \
		if (!o)                                                                                          \
			return NULL;                                                                             \
		if (all)                                                                                         \
			o[0] = (struct form_option){"", "全部", NULL};                                           \
		for (int i = 0; i < max; i++)                                                                    \
			o[all + i] = (struct form_option){name_of((type)i), label_of((type)i), NULL};            \
		return o;                                                                                        \
	}
VOCAB_OPTIONS(channel_options, enum wo_channel, WO_CH__MAX, wo_channel_name, wo_channel_label)
VOCAB_OPTIONS(kind_options, enum wo_kind, WO_K__MAX, wo_kind_name, wo_kind_label)
VOCAB_OPTIONS(state_options, enum wo_state, WO_S__MAX, wo_state_name, wo_state_label)

/* ---- intake ---- */

void wo_view_files_field(struct req *r, const char *label, const char *error)
{
	if (error) {
		H(r->out, "<p class=\"error\" id=\"e-files\">");
		h_text(r->out, error);
		H(r->out, "</p>");
	}
	form_file(r, "files", label, ".pdf,.png,.jpg,.jpeg,image/png,image/jpeg", 1);
}

void wo_view_new(struct req *r, const struct wo_new_form *f)
{
	struct buf *b = r->out;
	const char *const *v = f->vals, *const *e = f->errs;
	page_begin(r, "登记来信来访");
	crumbs(r);
	H(b, "<section class=\"form\"><h1>登记来信来访</h1>");
	form_refusal(r, f->refusal);
	/* The summary in the order the form shows the fields. */
	static const int shown[] = {NF_CHANNEL, NF_KIND,  NF_RECEIVED, NF_SUBJECT,   NF_DESCRIPTION, NF_ADDRESS,
	                            NF_LAT,     NF_LON,   NF_NAME,     NF_PHONE,     NF_ANONYMOUS,   NF_FILES};
	_Static_assert(sizeof shown / sizeof *shown == NF__MAX, "every intake field in the summary");
	const char *in_order[NF__MAX];
	for (size_t i = 0; i < NF__MAX; i++)
		in_order[i] = e[shown[i]];
	form_error_summary(r, in_order, NF__MAX);
	form_begin_upload(r, url_c(r->a, r->community->slug, "/admin/workorders/new"));
	struct form_option *ch = channel_options(r->a, 0), *kd = kind_options(r->a, 0);
	if (ch && kd) {
		select_of(r, "channel", "渠道", ch, WO_CH__MAX, v[NF_CHANNEL], e[NF_CHANNEL], 1);
		select_of(r, "kind", "类型", kd, WO_K__MAX, v[NF_KIND], e[NF_KIND], 1);
	}
	struct form_field recv = {"received", "收到时间", "北京时间,如 2026-11-28 14:30;补录以前收到的来信请填收信时间",
				  v[NF_RECEIVED], e[NF_RECEIVED], 1, NULL};
	form_field_input(r, &recv, "text");
	form_input(r, "subject", "事由(一句话)", "text", v[NF_SUBJECT], e[NF_SUBJECT], 1, NULL);
	form_textarea(r, "description", "具体内容", v[NF_DESCRIPTION], e[NF_DESCRIPTION], 1);
	form_input(r, "address", "地址(本社区内,如 3 号楼 2 单元)", "text", v[NF_ADDRESS], e[NF_ADDRESS], 0, NULL);
	form_fieldset_begin(r, "point", "地图位置(可不填)", "十进制度数,如纬度 39.904200、经度 116.407400", NULL);
	form_input(r, "lat", "纬度", "text", v[NF_LAT], e[NF_LAT], 0, NULL);
	form_input(r, "lon", "经度", "text", v[NF_LON], e[NF_LON], 0, NULL);
	form_fieldset_end(r);
	form_fieldset_begin(r, "requester", "来访人", "来访人的姓名和电话只有工作人员可见,公开页面只显示遮盖后的形式", NULL);
	form_input(r, "name", "姓名", "text", v[NF_NAME], e[NF_NAME], 0, "off");
	form_input(r, "phone", "联系电话", "tel", v[NF_PHONE], e[NF_PHONE], 0, "off");
	struct form_field anon = {"anonymous", "匿名(来访人不愿留下姓名和电话)", NULL, v[NF_ANONYMOUS], e[NF_ANONYMOUS], 0,
				  NULL};
	form_checkbox(r, &anon);
	form_fieldset_end(r);
	wo_view_files_field(r, "附件(来信扫描件、照片,PDF、PNG 或 JPEG,最多 5 个,每个不超过 5 MB)", e[NF_FILES]);
	form_submit(r, "登记");
	form_end(r);
	H(b, "</section>");
	page_end(r);
}

/* ---- list ---- */

const struct tcol wo_list_cols[] = {
    {"工单号", TCOL_ROWHEAD, NULL}, {"查询码", 0, NULL},   {"类型", 0, NULL},	 {"渠道", 0, NULL},
    {"事由", 0, NULL},	       {"状态", 0, NULL},     {"登记时间", 0, NULL}, {"期限", 0, NULL},
    {"剩余时间", 0, NULL},     {"来访人", 0, "来访人(已遮盖)"}, {"承办", 0, NULL},   {"办结时间", TCOL_EXPORT, NULL},
};
const int wo_list_ncols = (int)(sizeof wo_list_cols / sizeof *wo_list_cols);

void wo_view_rows(struct table *t, struct req *r, const struct wo_line *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int64_t due = wo_web_next_due(l[i].state, &l[i].due, l[i].responded_at);
		int late = due && due < r->now;
		table_tr(t, late ? "late" : NULL);
		const char *no = arena_printf(r->a, "%lld", (long long)l[i].id);
		if (t->x)
			table_text(t, no);
		else
			table_link(t, url_c_id(r->a, r->community->slug, "/admin/workorders/", l[i].id, NULL), no);
		table_text(t, wo_code_grouped(r->a, l[i].tracking_code));
		table_text(t, wo_kind_label(l[i].kind));
		table_text(t, wo_channel_label(l[i].channel));
		table_text(t, l[i].subject_masked);
		table_text(t, wo_state_label(l[i].state));
		table_time(t, l[i].received_at);
		if (due)
			table_time(t, due);
		else
			table_text(t, "");
		const char *left = due ? wo_time_left(r->a, due, r->now) : "";
		struct buf *c = table_cell(t, left);
		if (c)
			wo_view_time_left(c, r->a, due, r->now);
		table_cell_end(t);
		table_text(t, l[i].requester_name_masked);
		table_text(t, l[i].assignee_name);
		if (l[i].closed_at)
			table_time(t, l[i].closed_at);
		else
			table_text(t, "");
	}
}

void wo_view_list(struct req *r, const struct wo_list_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "工单管理");
	H(b, "<h1>工单管理</h1><p class=\"actions\"><a class=\"button\" href=\"");
	h_clink(b, slug, "/admin/workorders/new");
	H(b, "\">登记来信来访</a>");
	if (req_has_role(r, ROLES_STAFF)) { /* not grid workers */
		H(b, " · ");
		h_clink_a(b, slug, "/admin/workorders/rules", "期限规则");
	}
	H(b, "</p>");
	static const char *const names[] = {"state", "kind", "channel", "waiting", "open", "overdue", "mine", "from", "to", "q"};
	filter_begin(r, "筛选工单", names, sizeof names / sizeof *names);
	struct form_option *st = state_options(r->a, 1), *kd = kind_options(r->a, 1), *ch = channel_options(r->a, 1);
	if (st && kd && ch) {
		select_of(r, "state", "状态", st, WO_S__MAX + 1, kv_get(&r->q, "state"), NULL, 0);
		select_of(r, "kind", "类型", kd, WO_K__MAX + 1, kv_get(&r->q, "kind"), NULL, 0);
		select_of(r, "channel", "渠道", ch, WO_CH__MAX + 1, kv_get(&r->q, "channel"), NULL, 0);
	}
	static const struct form_option waits[] = {
	    {"", "全部", NULL},
	    {"soon", "24 小时内到期", NULL},
	    {"extension", "延期待批准", NULL},
	    {"unsatisfied", "来访人不满意", NULL}};
	const struct form_field wait = {"waiting", "待处理事项", NULL, kv_get(&r->q, "waiting"), NULL, 0, NULL};
	form_select(r, &wait, waits, sizeof waits / sizeof *waits);
	struct form_field open = {"open", "只看未办结", NULL, kv_get(&r->q, "open"), NULL, 0, NULL};
	struct form_field late = {"overdue", "只看已逾期", NULL, kv_get(&r->q, "overdue"), NULL, 0, NULL};
	struct form_field mine = {"mine", "交办给我的", NULL, kv_get(&r->q, "mine"), NULL, 0, NULL};
	form_checkbox(r, &open);
	form_checkbox(r, &late);
	form_checkbox(r, &mine);
	struct form_field from = {"from", "登记日期从", NULL, kv_get(&r->q, "from"), NULL, 0, NULL};
	struct form_field to = {"to", "到", NULL, kv_get(&r->q, "to"), NULL, 0, NULL};
	form_date(r, &from);
	form_date(r, &to);
	struct form_field q = {"q", "搜索", "事由、工单号或查询码", kv_get(&r->q, "q"), NULL, 0, NULL};
	form_field_input(r, &q, "search");
	filter_end(r, NULL);
	export_links(r, NULL);
	struct table t;
	table_begin(&t, b, NULL, "工单", wo_list_cols, wo_list_ncols, TABLE_CARDS, "没有符合条件的工单");
	wo_view_rows(&t, r, p->lines, p->n);
	table_end(&t);
	page_pager(r, p->page, p->more);
	page_end(r);
}

/* ---- the order ---- */

static void dt(struct buf *b, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	H(b, "<dt>");
	h_text(b, label);
	H(b, "</dt><dd>");
	h_text(b, value);
	H(b, "</dd>");
}

static void dt_time(struct buf *b, const char *label, int64_t t)
{
	if (!t)
		return;
	H(b, "<dt>");
	h_text(b, label);
	H(b, "</dt><dd>");
	h_time(b, t);
	H(b, "</dd>");
}

void wo_view_time_left(struct buf *b, struct arena *a, int64_t due, int64_t now)
{
	H(b, "<span class=\"due ");
	buf_puts(b, !due ? "due-none" : due < now ? "due-late" : due - now < 86400 ? "due-soon" : "due-ok");
	H(b, "\">");
	h_text(b, due ? wo_time_left(a, due, now) : "—");
	H(b, "</span>");
}

void wo_view_dt_due(struct req *r, const char *label, int64_t due, int64_t done)
{
	struct buf *b = r->out;
	if (!due)
		return;
	H(b, "<dt>");
	h_text(b, label);
	H(b, "</dt><dd>");
	h_time(b, due);
	if (done) {
		buf_puts(b, done <= due ? " <span class=\"due due-ok\">按期完成</span>"
		                        : " <span class=\"due due-late\">逾期完成</span>");
	} else {
		H(b, " ");
		wo_view_time_left(b, r->a, due, r->now);
	}
	H(b, "</dd>");
}

/* What the refused form typed, else "". */
static const char *kept(const struct wo_order_page *p, enum wo_action a, const char *name)
{
	const char *v = p->kept && p->refused == a ? kv_get(p->kept, name) : NULL;
	return v ? v : "";
}

/* The refusal when it is about field `name` of step a's form, else NULL:
 * shown beside the field (aria-invalid), and linked from the summary. */
static const char *err_of(const struct wo_order_page *p, enum wo_action a, const char *name)
{
	if (!p->refusal || p->refused != a)
		return NULL;
	if (p->refused_field && !strcmp(p->refused_field, name))
		return p->refusal;
	return p->refusal2 && p->refused_field2 && !strcmp(p->refused_field2, name) ? p->refusal2 : NULL;
}

/* Opens one step's form: its heading, the refusal when it was this step
 * (a summary linking to the field when it is about one). */
static void step_begin(struct req *r, const struct wo_order_page *p, enum wo_action a, const char *heading)
{
	struct buf *b = r->out;
	H(b, "<section class=\"step\" id=\"step-");
	buf_puts(b, wo_action_name(a));
	H(b, "\"><h3>");
	h_text(b, heading);
	H(b, "</h3>");
	if (p->refusal && p->refused == a && p->refused_field)
		form_error_summary(r, (const char *const[]){p->refusal, p->refusal2}, 2);
	else if (p->refusal && p->refused == a)
		form_refusal(r, p->refusal);
	form_begin(r, url_c_id(r->a, r->community->slug, "/admin/workorders/", p->o.id, "/act"));
	form_hidden(r, "action", wo_action_name(a));
}

static void step_end(struct req *r, const char *submit)
{
	form_submit(r, submit);
	form_end(r);
	H(r->out, "</section>");
}

/* 1 when the order page shows the mediation's session and outcome forms:
 * a mediation case accepted, its parties recorded, no outcome yet. */
int wo_view_mediation_steps(const struct wo_order_page *p)
{
	return p->allowed[WO_A_MEDIATION] && p->has_mediation && !strcmp(p->m.outcome, "pending") &&
	       p->o.state != WO_S_RECEIVED;
}

static void note_field(struct req *r, const struct wo_order_page *p, enum wo_action a, const char *label, int required)
{
	/* Each step's form has its own note: ids "f-<action>-note", so that each label names its box. */
	const struct form_field f = {.name = "note",
				     .label = label,
				     .value = kept(p, a, "note"),
				     .error = err_of(p, a, "note"),
				     .required = required,
				     .id = arena_printf(r->a, "%s-note", wo_action_name(a))};
	form_field_textarea(r, &f);
}

static void step_forms(struct req *r, const struct wo_order_page *p)
{
	const int *ok = p->allowed;
	struct buf *b = r->out;
	H(b, "<section class=\"actions\"><h2>办理</h2>");
	if (ok[WO_A_ACCEPT]) {
		step_begin(r, p, WO_A_ACCEPT, "受理");
		note_field(r, p, WO_A_ACCEPT, "备注(可不填)", 0);
		step_end(r, "受理");
	}
	if (ok[WO_A_ASSIGN]) {
		step_begin(r, p, WO_A_ASSIGN, p->o.state == WO_S_RECEIVED ? "受理并交办" : "交办");
		struct form_option *o = arena_zalloc(r->a, (p->npeople + 1) * sizeof *o);
		if (o)
			o[0] = (struct form_option){"", "请选择(交给驻区单位的不选)", NULL};
		for (size_t i = 0; o && i < p->npeople; i++)
			o[i + 1] = (struct form_option){arena_printf(r->a, "%lld", (long long)p->people[i].id),
							p->people[i].name, p->people[i].role};
		if (o)
			select_of(r, "assignee", "承办人", o, p->npeople + 1, kept(p, WO_A_ASSIGN, "assignee"),
			          err_of(p, WO_A_ASSIGN, "assignee"), 0);
		form_input(r, "unit", "或交给驻区单位(填写单位名称)", "text", kept(p, WO_A_ASSIGN, "unit"),
		           err_of(p, WO_A_ASSIGN, "unit"), 0, NULL);
		note_field(r, p, WO_A_ASSIGN, "交办说明(可不填)", 0);
		step_end(r, "交办");
	}
	if (ok[WO_A_START]) {
		step_begin(r, p, WO_A_START, "开始办理");
		step_end(r, "开始办理");
	}
	if (ok[WO_A_REPLY]) {
		step_begin(r, p, WO_A_REPLY, "答复来访人");
		note_field(r, p, WO_A_REPLY, "答复内容(来访人可在查询页看到)", 1);
		static const struct form_option res[] = {{"1", "已解决", NULL}, {"0", "未解决(说明原因)", NULL}};
		const struct form_field f = {
		    "resolved", "问题是否解决", NULL, kept(p, WO_A_REPLY, "resolved"), err_of(p, WO_A_REPLY, "resolved"), 1,
		    NULL};
		form_radios(r, &f, res, 2);
		step_end(r, "答复");
	}
	if (ok[WO_A_CLOSE]) {
		step_begin(r, p, WO_A_CLOSE, "办结");
		note_field(r, p, WO_A_CLOSE, "备注(可不填)", 0);
		step_end(r, "办结");
	}
	if (ok[WO_A_EXTEND_ASK]) {
		step_begin(r, p, WO_A_EXTEND_ASK, "申请延期");
		const struct form_field f = {
		    "days",
		    "延长天数",
		    p->rule.extension_max_days
		        ? arena_printf(r->a, "最多 %d 天,须由另一名工作人员批准", p->rule.extension_max_days)
		        : NULL,
		    kept(p, WO_A_EXTEND_ASK, "days"),
		    err_of(p, WO_A_EXTEND_ASK, "days"),
		    1,
		    NULL};
		form_number(r, &f);
		note_field(r, p, WO_A_EXTEND_ASK, "延期理由", 1);
		step_end(r, "申请延期");
	}
	if (ok[WO_A_EXTEND_APPROVE] || ok[WO_A_EXTEND_REFUSE]) {
		H(b, "<p>");
		h_text(b, arena_printf(r->a, "延期申请:%d 天,理由:%s", p->o.extension_days,
				       p->o.extension_reason ? p->o.extension_reason : ""));
		H(b, "</p>");
	}
	if (ok[WO_A_EXTEND_APPROVE]) {
		step_begin(r, p, WO_A_EXTEND_APPROVE, "批准延期");
		step_end(r, "批准延期");
	}
	if (ok[WO_A_EXTEND_REFUSE]) {
		step_begin(r, p, WO_A_EXTEND_REFUSE, "不批准延期");
		note_field(r, p, WO_A_EXTEND_REFUSE, "理由", 0);
		step_end(r, "不批准");
	}
	if (ok[WO_A_REJECT]) {
		step_begin(r, p, WO_A_REJECT, "不予受理");
		note_field(r, p, WO_A_REJECT, "理由(将告知来访人)", 1);
		step_end(r, "不予受理");
	}
	if (ok[WO_A_TRANSFER]) {
		step_begin(r, p, WO_A_TRANSFER, "转办到其他社区");
		struct form_option *o = arena_zalloc(r->a, (p->ncommunities + 1) * sizeof *o);
		size_t n = 0;
		for (size_t i = 0; o && i < p->ncommunities; i++)
			if (p->communities[i].id != r->community->id)
				o[n++] = (struct form_option){arena_printf(r->a, "%lld", (long long)p->communities[i].id),
							      p->communities[i].name, p->communities[i].street.name};
		if (o)
			select_of(r, "community", "转到社区", o, n, kept(p, WO_A_TRANSFER, "community"),
			          err_of(p, WO_A_TRANSFER, "community"), 1);
		note_field(r, p, WO_A_TRANSFER, "转办理由", 0);
		step_end(r, "转办");
	}
	if (ok[WO_A_MERGE]) {
		step_begin(r, p, WO_A_MERGE, "合并重复工单");
		const struct form_field f = {"into", "所重复的工单号", "本社区一件未办结的工单", kept(p, WO_A_MERGE, "into"),
					     err_of(p, WO_A_MERGE, "into"), 1, NULL};
		form_number(r, &f);
		step_end(r, "合并");
	}
	if (ok[WO_A_NOTE]) {
		step_begin(r, p, WO_A_NOTE, "备注");
		note_field(r, p, WO_A_NOTE, "备注内容", 1);
		const struct form_field f = {"public", "告知来访人(不勾选则为内部备注,只有工作人员可见)", NULL,
					     kept(p, WO_A_NOTE, "public"), NULL, 0, NULL};
		form_checkbox(r, &f);
		step_end(r, "记录备注");
	}
	H(b, "</section>");
}

/* Opens one of the mediation record's forms (what: parties, session, outcome). */
static void mediation_form(struct req *r, const struct wo_order_page *p, const char *what, const char *heading)
{
	struct buf *b = r->out;
	H(b, "<section class=\"step\" id=\"mediation-");
	buf_puts(b, what);
	H(b, "\"><h3>");
	h_text(b, heading);
	H(b, "</h3>");
	if (p->refusal && p->refused == WO_A_MEDIATION && p->refused_what && !strcmp(p->refused_what, what)) {
		if (p->refused_field)
			form_error_summary(r, (const char *const[]){p->refusal, p->refusal2}, 2);
		else
			form_refusal(r, p->refusal);
	}
	form_begin(r, url_c_id(r->a, r->community->slug, "/admin/workorders/", p->o.id, "/act"));
	form_hidden(r, "action", "mediation");
	form_hidden(r, "what", what);
}

/* 人民调解: the record (parties masked but in the full view, the
 * agreement only there), its sessions, and the forms while it is open. */
static void mediation(struct req *r, const struct wo_order_page *p)
{
	struct buf *b = r->out;
	const struct wo_mediation *m = &p->m;
	int pending = !p->has_mediation || !strcmp(m->outcome, "pending");
	H(b, "<section><h2>人民调解</h2>");
	if (p->has_mediation) {
		H(b, "<dl class=\"contact\">");
		dt(b, "当事人", p->full ? m->parties : m->parties_masked);
		dt(b, "人民调解员", m->mediator);
		dt(b, "调解结果", !strcmp(m->outcome, "agreed")	 ? "达成调解协议"
				  : !strcmp(m->outcome, "failed") ? "调解不成"
								  : "调解中");
		if (!strcmp(m->outcome, "agreed"))
			dt(b, "协议内容", p->full ? m->agreement : "(查看完整信息可见)");
		H(b, "</dl>");
	}
	if (p->nsessions) {
		H(b, "<h3>调解记录</h3><ol class=\"threads\">");
		for (size_t i = 0; i < p->nsessions; i++) {
			H(b, "<li><span class=\"meta\">");
			h_time(b, p->sessions[i].at);
			if (p->sessions[i].place && *p->sessions[i].place) {
				H(b, " · ");
				h_text(b, p->sessions[i].place);
			}
			H(b, "</span><br>");
			h_multiline(b, p->sessions[i].note);
			H(b, "</li>");
		}
		H(b, "</ol>");
	}
	if (p->allowed[WO_A_MEDIATION] && pending && p->has_mediation && !p->full) {
		/* Changing the parties shows them in full: after the audited full view. */
		H(b, "<p>要修改当事人和调解员,请先");
		h_clink_a(b, r->community->slug, arena_printf(r->a, "/admin/workorders/%lld/full", (long long)p->o.id),
		          "查看完整信息");
		H(b, "(会记录查看理由)。</p>");
	} else if (p->allowed[WO_A_MEDIATION] && pending) {
		const char *k;
		mediation_form(r, p, "parties", p->has_mediation ? "修改当事人和调解员" : "登记当事人和调解员");
		k = kept(p, WO_A_MEDIATION, "parties");
		const struct form_field pf = {.name = "parties",
		                              .label = "当事人(只有工作人员可见)",
		                              .hint = "每行一人:姓名 关系,如“张三 楼上住户”",
		                              .value = *k || !p->has_mediation ? k : m->parties,
		                              .error = err_of(p, WO_A_MEDIATION, "parties"),
		                              .required = 1};
		form_field_textarea(r, &pf);
		k = kept(p, WO_A_MEDIATION, "mediator");
		form_input(r, "mediator", "人民调解员", "text", *k || !p->has_mediation ? k : m->mediator,
		           err_of(p, WO_A_MEDIATION, "mediator"), 1, NULL);
		step_end(r, "保存");
	}
	if (wo_view_mediation_steps(p)) {
		mediation_form(r, p, "session", "添加调解记录");
		const struct form_field when = {
		    "session", "调解时间", "如 2026-11-28 14:30", kept(p, WO_A_MEDIATION, "session"),
		    err_of(p, WO_A_MEDIATION, "session"), 1, NULL};
		form_field_input(r, &when, "text");
		form_input(r, "place", "调解地点", "text", kept(p, WO_A_MEDIATION, "place"), NULL, 0, NULL);
		const struct form_field note = {.name = "note",
						.label = "调解情况",
						.value = kept(p, WO_A_MEDIATION, "note"),
						.error = err_of(p, WO_A_MEDIATION, "note"),
						.required = 1,
						.id = "session-note"};
		form_field_textarea(r, &note);
		step_end(r, "添加");
		mediation_form(r, p, "outcome", "调解结果");
		static const struct form_option out[] = {{"agreed", "达成调解协议", NULL}, {"failed", "调解不成", NULL}};
		const struct form_field f = {"outcome", "结果", NULL, kept(p, WO_A_MEDIATION, "outcome"),
		                             err_of(p, WO_A_MEDIATION, "outcome"), 1, NULL};
		form_radios(r, &f, out, 2);
		form_textarea(r, "agreement", "协议内容(达成协议时填写)", kept(p, WO_A_MEDIATION, "agreement"),
		              err_of(p, WO_A_MEDIATION, "agreement"), 0);
		step_end(r, "记录结果");
	}
	H(b, "</section>");
}

static void timeline(struct req *r, const struct wo_order_page *p)
{
	struct buf *b = r->out;
	H(b, "<section><h2>办理过程</h2><ol class=\"threads\">");
	for (size_t i = 0; i < p->nevents; i++) {
		const struct wo_event *e = &p->events[i];
		H(b, "<li><span class=\"meta\">");
		h_time(b, e->at);
		H(b, " · ");
		h_text(b, e->actor);
		H(b, "</span> ");
		h_text(b, wo_action_label(e->action));
		if (!e->public_note && e->note && *e->note)
			H(b, " <span class=\"tag\">内部</span>");
		if (e->note && *e->note) {
			H(b, "<br>");
			h_multiline(b, e->note);
		}
		H(b, "</li>");
	}
	H(b, "</ol></section>");
}

void wo_view_order(struct req *r, const struct wo_order_page *p)
{
	struct buf *b = r->out;
	const struct wo_order *o = &p->o;
	const char *title = arena_printf(r->a, "工单 %lld", (long long)o->id);
	page_begin(r, title);
	crumbs(r);
	H(b, "<h1>");
	h_text(b, title);
	H(b, ":");
	h_text(b, o->subject);
	H(b, "</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	if (kv_get(&r->q, "done") && !strcmp(kv_get(&r->q, "done"), "received")) {
		H(b, "<p class=\"notice\" role=\"status\">已登记。请告诉来访人查询码 <strong class=\"hotline nowrap\">");
		h_text(b, wo_code_grouped(r->a, o->tracking_code));
		H(b, "</strong>:凭查询码可在网上查询办理进度;答复后凭查询码和登记的电话可以评价。</p>");
	}
	/* A refusal goes over its step's form; when that form is not shown
	 * to this visitor (their own extension to approve, a step the order's
	 * state no longer offers), at the top, so that it is never lost. */
	if (p->refusal &&
	    (p->refused == WO_A__MAX || (p->refused != WO_A_MEDIATION && !p->allowed[p->refused]) ||
	     (p->refused == WO_A_MEDIATION && p->refused_what && strcmp(p->refused_what, "parties") &&
	      !wo_view_mediation_steps(p))))
		form_refusal(r, p->refusal);
	H(b, "<dl class=\"contact\">");
	dt(b, "查询码", wo_code_grouped(r->a, o->tracking_code));
	dt(b, "状态", wo_state_label(o->state));
	dt(b, "类型", wo_kind_label(o->kind));
	dt(b, "渠道", wo_channel_label(o->channel));
	dt_time(b, "收到时间", o->received_at);
	if (o->anonymous) {
		dt(b, "来访人", "匿名");
	} else {
		dt(b, "来访人", p->full ? o->requester_name : o->requester_name_masked);
		dt(b, "联系电话", p->full ? o->requester_phone : o->requester_phone_masked);
	}
	dt(b, "地址", p->full ? o->address : o->address_masked);
	if (o->has_point)
		dt(b, "地图位置",
		   arena_printf(r->a, "纬度 %s%lld.%06lld,经度 %s%lld.%06lld", o->lat_e6 < 0 ? "-" : "",
				(long long)(o->lat_e6 < 0 ? -o->lat_e6 : o->lat_e6) / 1000000,
				(long long)(o->lat_e6 < 0 ? -o->lat_e6 : o->lat_e6) % 1000000, o->lon_e6 < 0 ? "-" : "",
				(long long)(o->lon_e6 < 0 ? -o->lon_e6 : o->lon_e6) / 1000000,
				(long long)(o->lon_e6 < 0 ? -o->lon_e6 : o->lon_e6) % 1000000));
	dt(b, "承办", o->assignee_name && *o->assignee_name ? o->assignee_name : o->assignee_unit);
	wo_view_dt_due(r, "受理期限", o->due.accept, o->accepted_at);
	wo_view_dt_due(r, "首次响应期限", o->due.respond, o->responded_at);
	wo_view_dt_due(r, "办结期限", o->due.finish, o->closed_at ? o->closed_at : o->replied_at);
	if (o->extension_state && *o->extension_state)
		dt(b, "延期",
		   arena_printf(r->a, "%s %d 天",
				!strcmp(o->extension_state, "requested")  ? "已申请"
				: !strcmp(o->extension_state, "approved") ? "已批准"
									  : "未批准",
				o->extension_days));
	dt(b, "不予受理理由", o->reject_reason);
	dt(b, "答复", o->reply);
	if (o->resolved >= 0 && o->reply && *o->reply)
		dt(b, "问题是否解决", o->resolved ? "已解决" : "未解决");
	if (o->rating != WO_R_NONE)
		dt(b, "来访人评价", wo_rating_label(o->rating));
	dt(b, "评价意见", o->rating_comment);
	if (o->merged_into)
		dt(b, "已合并到", arena_printf(r->a, "工单 %lld", (long long)o->merged_into));
	H(b, "</dl>");
	if (!p->full && !p->ask_full) {
		H(b, "<p><a href=\"");
		h_clink_id(b, r->community->slug, "/admin/workorders/", o->id, "/full");
		H(b, "\">查看完整信息(将记入审计日志)</a></p>");
	}
	if (p->ask_full) {
		H(b, "<section class=\"form\"><h2>查看来访人完整信息</h2><p>来访人的姓名和电话属于个人信息,"
		     "查看将连同理由记入审计日志。</p>");
		form_begin(r, url_c_id(r->a, r->community->slug, "/admin/workorders/", o->id, "/full"));
		form_input(r, "reason", "查看理由", "text", p->kept ? kv_get(p->kept, "reason") : NULL, NULL, 1, NULL);
		form_submit(r, "查看完整信息");
		form_end(r);
		H(b, "</section>");
	}
	H(b, "<section><h2>具体内容</h2>");
	if (!p->full)
		H(b, "<p class=\"hint\">其中的电话、证件号等已遮盖;查看完整信息可看到原文。</p>");
	H(b, "<p>");
	h_multiline(b, p->full ? o->description : o->description_masked);
	H(b, "</p></section>");
	if (p->nfiles) {
		H(b, "<section><h2>附件</h2><p class=\"hint\">打开附件将记入审计日志。</p><ul>");
		for (size_t i = 0; i < p->nfiles; i++) {
			H(b, "<li><a href=\"");
			h_clink_id(b, r->community->slug, "/admin/workorders/", o->id, "/files/");
			h_int(b, p->files[i].id);
			H(b, "\">");
			h_text(b, p->files[i].name);
			H(b, "</a> <span class=\"meta\">");
			h_int(b, (p->files[i].size + 1023) / 1024);
			H(b, " KB</span></li>");
		}
		H(b, "</ul></section>");
	}
	if (p->has_mediation || p->allowed[WO_A_MEDIATION])
		mediation(r, p);
	timeline(r, p);
	step_forms(r, p);
	page_end(r);
}

/* ---- rules ---- */

void wo_view_rules(struct req *r, const struct wo_rules_page *p)
{
	struct buf *b = r->out;
	page_begin(r, "工单期限规则");
	crumbs(r);
	H(b, "<h1>工单期限规则</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<p>默认值按法定时限设置:信访事项自收到之日起 15 日内决定是否受理,自受理之日起 60 日内办结,"
	     "情况复杂的经批准可延长,延长不超过 30 日(《信访工作条例》);求助、投诉、建议、咨询 24 小时内响应、"
	     "7 日内办结;紧急事项 2 小时内响应、1 日内办结;调解 30 日内办结。填 0 表示不设这一期限。"
	     "修改只影响此后登记的工单。</p>");
	form_error_summary(r, p->errs, WO_K__MAX);
	form_begin(r, url_c(r->a, r->community->slug, "/admin/workorders/rules"));
	for (int k = 0; k < WO_K__MAX; k++) {
		const struct wo_rule *x = &p->rules[k];
		const char *kn = wo_kind_name((enum wo_kind)k);
		form_fieldset_begin(r, arena_printf(r->a, "rule_%s", kn), wo_kind_label((enum wo_kind)k), NULL, p->errs[k]);
		struct {
			const char *field, *label;
			int v;
		} nums[] = {{"accept", "受理期限(天)", x->accept_days},
			    {"respond", "首次响应(小时)", x->respond_hours},
			    {"finish", "办结期限(天)", x->finish_days},
			    {"extension", "最多延期(天)", x->extension_max_days}};
		for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
			const struct form_field f = {arena_printf(r->a, "%s_%s", nums[i].field, kn), nums[i].label, NULL,
						     arena_printf(r->a, "%d", nums[i].v), NULL, 0, NULL};
			form_number(r, &f);
		}
		static const struct form_option from[] = {{"receipt", "自收到之日起", NULL},
		                                          {"accept", "自受理之日起", NULL}};
		select_of(r, arena_printf(r->a, "from_%s", kn), "办结期限起算", from, 2,
		          x->finish_from_accept ? "accept" : "receipt", NULL, 0);
		static const struct form_option days[] = {{"0", "自然日", NULL},
		                                          {"1", "工作日(按法定节假日安排)", NULL}};
		select_of(r, arena_printf(r->a, "working_%s", kn), "天数计算", days, 2,
		          x->working_days ? "1" : "0", NULL, 0);
		form_fieldset_end(r);
	}
	form_submit(r, "保存规则");
	form_end(r);
	page_end(r);
}
