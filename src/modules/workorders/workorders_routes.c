/* Staff pages of the work orders (/c/<slug>/admin/workorders/): the desk
 * intake with its attachments, the list with its filters and exports, and
 * the deadline rules (the order page: workorders_routes_order.c), and what
 * the pages share. Every POST: db_begin, the store's write,
 * req_audit_commit, redirect. */
#include <string.h>

#include "core/clock.h"
#include "core/date.h"
#include "core/str.h"
#include "http/fields.h"
#include "modules/workorders/workorders_web.h"
#include "web/export.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"
#include "web/upload.h"

/* ---- shared ---- */

int64_t wo_web_id(const char *s)
{
	int64_t id;
	if (!s || !*s || *s == '+' || *s == '-' || str_to_int64(s, &id) < 0 || id <= 0)
		return 0;
	return id;
}

int64_t wo_web_next_due(enum wo_state state, const struct wo_due *due, int64_t responded_at)
{
	if (wo_state_final(state) || state == WO_S_REPLIED)
		return 0;
	int64_t d = state == WO_S_RECEIVED ? due->accept : due->finish;
	if (!responded_at && due->respond && (!d || due->respond < d))
		d = due->respond;
	if (!d)
		d = due->finish;
	return d;
}

int wo_web_degrees(const char *s, int limit, int64_t *e6)
{
	int neg = 0;
	int64_t whole = 0, frac = 0;
	int nfrac = 0, nwhole = 0;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++nwhole > 3)
			return -1;
		whole = whole * 10 + (*s - '0');
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++) {
			if (++nfrac > 6)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
		if (!nfrac)
			return -1;
	}
	if (*s || !nwhole)
		return -1;
	for (int k = nfrac; k < 6; k++)
		frac *= 10;
	int64_t v = whole * 1000000 + frac;
	if (v > (int64_t)limit * 1000000)
		return -1;
	*e6 = neg ? -v : v;
	return 0;
}

int wo_web_time(const char *s, int64_t *t)
{
	char day[11];
	struct ymd d;
	size_t n = strlen(s);
	if (n != 10 && n != 16)
		return -1;
	memcpy(day, s, 10);
	day[10] = 0;
	if (date_parse(day, &d) < 0)
		return -1;
	int h = 0, m = 0;
	if (n == 16) {
		const char *p = s + 10;
		if (p[0] != ' ' && p[0] != 'T')
			return -1;
		if (p[1] < '0' || p[1] > '2' || p[2] < '0' || p[2] > '9' || p[3] != ':' || p[4] < '0' || p[4] > '5' ||
		    p[5] < '0' || p[5] > '9')
			return -1;
		h = (p[1] - '0') * 10 + (p[2] - '0');
		m = (p[4] - '0') * 10 + (p[5] - '0');
		if (h > 23)
			return -1;
	}
	*t = date_to_time(d) + h * 3600 + m * 60;
	return 0;
}

enum http_result wo_web_to_order(struct req *r, int64_t id, const char *done)
{
	const char *to = url_c_id(r->a, r->community->slug, "/admin/workorders/", id, done ? "?done=" : NULL);
	if (to && done)
		to = arena_printf(r->a, "%s%s", to, done);
	return to ? req_redirect(r, to) : req_error(r, "out of request memory");
}

const char *wo_web_actor(const struct req *r)
{
	return r->user->display_name && *r->user->display_name ? r->user->display_name : r->user->username;
}

struct wo_step wo_web_step(const struct req *r, enum wo_action a)
{
	int staff = req_has_role(r, ROLES_STAFF);
	return (struct wo_step){.action = a,
				.actor_user_id = r->user->id,
				.actor = wo_web_actor(r),
				.actor_is_staff = staff,
				.actor_is_grid = !staff};
}

/* ---- intake ---- */

static const struct field new_fields[NF__MAX] = {
    [NF_CHANNEL] = {"channel", "渠道", FIELD_TEXT, 1, 20},
    [NF_KIND] = {"kind", "类型", FIELD_TEXT, 1, 20},
    [NF_SUBJECT] = {"subject", "事由", FIELD_TEXT, 1, 100},
    [NF_DESCRIPTION] = {"description", "具体内容", FIELD_MULTILINE, 1, 4000},
    [NF_ADDRESS] = {"address", "地址", FIELD_TEXT, 0, 200},
    [NF_LAT] = {"lat", "纬度", FIELD_TEXT, 0, 20},
    [NF_LON] = {"lon", "经度", FIELD_TEXT, 0, 20},
    [NF_NAME] = {"name", "来访人姓名", FIELD_TEXT, 0, 50},
    [NF_PHONE] = {"phone", "联系电话", FIELD_PHONE, 0, 30},
    [NF_ANONYMOUS] = {"anonymous", "匿名", FIELD_TEXT, 0, 1},
    [NF_RECEIVED] = {"received", "收到时间", FIELD_TEXT, 1, 20},
    [NF_FILES] = {"files", "附件", FIELD_TEXT, 0, 1},
};

/* (workorders_web.h) */
const char *wo_web_files_problem(struct req *r)
{
	return upload_problem(r, "files", WO_FILES_MAX, WO_FILE_MAX_BYTES, WO_FILE_NAME_MAX);
}

/* (workorders_web.h) */
int wo_web_files_store(struct req *r, int64_t id, const struct wo_step *actor)
{
	for (size_t i = 0; i < r->files.n; i++) {
		const struct part *p = &r->files.v[i];
		if (!upload_is(p, "files"))
			continue;
		const char *name = upload_name(r, p), *why = NULL;
		int64_t fid;
		/* wo_web_files_problem took everything the store refuses: a refusal here is a fault. */
		if (!name ||
		    wo_file_add(r->db, r->a, r->community->id, id, name, multipart_file_type(p->data, p->len),
		                p->data, p->len, actor, r->now, &fid, &why) != 0)
			return -1;
	}
	return 0;
}

/* Reads the intake form into f and n; the number of fields in error.
 * staff: the desk form (channel and received time read); else the
 * resident's (web, now). */
static int new_from_form(struct req *r, const char **vals, const char **errs, struct wo_new *n, int staff)
{
	int bad = fields_validate(r->a, &r->form, new_fields, NF__MAX, vals, errs);
	if (!staff) {
		/* The resident's form has neither: the web, now. */
		if (errs[NF_CHANNEL] || errs[NF_RECEIVED])
			bad -= (errs[NF_CHANNEL] != NULL) + (errs[NF_RECEIVED] != NULL);
		errs[NF_CHANNEL] = errs[NF_RECEIVED] = NULL;
	}
	memset(n, 0, sizeof *n);
	if (staff) {
		int ch = wo_channel_from(vals[NF_CHANNEL]);
		if (!errs[NF_CHANNEL] && ch < 0) {
			errs[NF_CHANNEL] = "请选择渠道";
			bad++;
		}
		n->channel = ch < 0 ? WO_CH_VISIT : (enum wo_channel)ch;
	} else {
		n->channel = WO_CH_WEB;
	}
	int k = wo_kind_from(vals[NF_KIND]);
	if (!errs[NF_KIND] && k < 0) {
		errs[NF_KIND] = "请选择类型";
		bad++;
	}
	n->kind = k < 0 ? WO_K_REQUEST : (enum wo_kind)k;
	n->subject = vals[NF_SUBJECT];
	n->description = vals[NF_DESCRIPTION];
	n->address = vals[NF_ADDRESS];
	const char *lat = vals[NF_LAT], *lon = vals[NF_LON];
	if (!*lat != !*lon) { /* one of the two: a point needs both */
		int miss = *lat ? NF_LON : NF_LAT;
		if (!errs[miss]) {
			errs[miss] = *lat ? "填写了纬度,也请填写经度(不标地图位置的,两项都不填)"
			                  : "填写了经度,也请填写纬度(不标地图位置的,两项都不填)";
			bad++;
		}
	}
	if (*lat && *lon) {
		if (!errs[NF_LAT] && wo_web_degrees(lat, 90, &n->lat_e6) < 0) {
			errs[NF_LAT] = "纬度请填写 -90 到 90 之间的十进制度数,最多 6 位小数,如 39.904200";
			bad++;
		}
		if (!errs[NF_LON] && wo_web_degrees(lon, 180, &n->lon_e6) < 0) {
			errs[NF_LON] = "经度请填写 -180 到 180 之间的十进制度数,最多 6 位小数,如 116.407400";
			bad++;
		}
		n->has_point = !errs[NF_LAT] && !errs[NF_LON];
	}
	n->anonymous = !strcmp(vals[NF_ANONYMOUS], "1");
	if (n->anonymous && (*vals[NF_NAME] || *vals[NF_PHONE]) && !errs[NF_ANONYMOUS]) {
		errs[NF_ANONYMOUS] = "选择了匿名,就不要填写姓名和电话;要留下联系方式请取消匿名";
		bad++;
	}
	if (staff && !n->anonymous && !*vals[NF_NAME] && !errs[NF_NAME]) {
		errs[NF_NAME] = "请填写来访人姓名;不愿留名的请勾选“匿名”";
		bad++;
	}
	n->requester_name = vals[NF_NAME];
	const char *phone = vals[NF_PHONE];
	char d[12];
	if (*phone && str_mobile_normalize(phone, d) == 0)
		phone = arena_strdup(r->a, d);
	n->requester_phone = phone;
	n->received_at = r->now;
	if (staff && !errs[NF_RECEIVED]) {
		int64_t t;
		if (wo_web_time(vals[NF_RECEIVED], &t) < 0) {
			errs[NF_RECEIVED] = "请按“2026-11-28 14:30”的格式填写收到时间";
			bad++;
		} else if (t > r->now + 300) {
			errs[NF_RECEIVED] = "收到时间不能晚于现在";
			bad++;
		} else if (t < r->now - 366 * 86400) {
			errs[NF_RECEIVED] = "收到时间不能早于一年前";
			bad++;
		} else {
			n->received_at = t;
		}
	}
	if (staff && (errs[NF_FILES] = wo_web_files_problem(r)) != NULL)
		bad++;
	return bad;
}

enum http_result wo_h_new(struct req *r)
{
	struct wo_new_form f = {0};
	if (r->method != METHOD_POST) {
		char now[20];
		f.vals[NF_CHANNEL] = "visit";
		f.vals[NF_RECEIVED] = arena_strdup(r->a, clock_format_cst(r->now, now, sizeof now));
		wo_view_new(r, &f);
		return HR_OK;
	}
	struct wo_new n;
	if (new_from_form(r, f.vals, f.errs, &n, 1)) {
		wo_view_new(r, &f);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
	}
	n.received_by = r->user->id;
	n.actor = wo_web_actor(r);
	int64_t id;
	const char *code;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	struct wo_step actor = {.actor_user_id = r->user->id, .actor = n.actor, .actor_is_staff = 1};
	if (wo_order_add(r->db, r->a, r->community->id, &n, &id, &code) < 0 || wo_web_files_store(r, id, &actor) < 0) {
		db_rollback(r->db);
		return req_error(r, "cannot record the work order or its attachments");
	}
	if (req_audit_commit(r, "workorders.receive", "workorders_order", id,
			     arena_printf(r->a, "%s · %s · %s", wo_channel_label(n.channel), wo_kind_label(n.kind),
					  n.subject)) < 0)
		return HR_ERROR;
	return wo_web_to_order(r, id, "received");
}

/* ---- list ---- */

/* The filter of the list's query string; *bad set when a value is not one. */
static void filter_from_query(struct req *r, struct wo_filter *f, int *bad)
{
	memset(f, 0, sizeof *f);
	f->now = r->now;
	const char *v;
	if ((v = kv_get(&r->q, "state")) && *v) {
		int s = wo_state_from(v);
		*bad |= s < 0;
		f->state = s + 1;
	}
	if ((v = kv_get(&r->q, "kind")) && *v) {
		int k = wo_kind_from(v);
		*bad |= k < 0;
		f->kind = k + 1;
	}
	if ((v = kv_get(&r->q, "channel")) && *v) {
		int c = wo_channel_from(v);
		*bad |= c < 0;
		f->channel = c + 1;
	}
	f->open_only = (v = kv_get(&r->q, "open")) && !strcmp(v, "1");
	f->overdue = (v = kv_get(&r->q, "overdue")) && !strcmp(v, "1");
	if ((v = kv_get(&r->q, "mine")) && !strcmp(v, "1"))
		f->assignee_user_id = r->user->id;
	if ((v = kv_get(&r->q, "waiting")) && *v) {
		f->waiting = !strcmp(v, "extension")     ? WO_WAIT_EXTENSION
		             : !strcmp(v, "unsatisfied") ? WO_WAIT_UNSATISFIED
		             : !strcmp(v, "soon")        ? WO_WAIT_SOON
		                                         : -1;
		*bad |= f->waiting < 0;
	}
	struct ymd d;
	if ((v = kv_get(&r->q, "from")) && *v) {
		if (date_parse(v, &d) < 0)
			*bad = 1;
		else
			f->from = date_to_time(d);
	}
	if ((v = kv_get(&r->q, "to")) && *v) {
		if (date_parse(v, &d) < 0)
			*bad = 1;
		else
			f->to = date_to_time(date_add_days(d, 1));
	}
	if ((v = kv_get(&r->q, "q")) && *v)
		f->q = str_normalize(r->a, v, strlen(v));
}

enum http_result wo_h_list(struct req *r)
{
	struct wo_filter f;
	int bad = 0;
	filter_from_query(r, &f, &bad);
	int64_t page = page_param(r), offset;
	if (bad || page < 0 || page_offset(page, WO_PAGE_ROWS, &offset) < 0)
		return req_fail(r, HR_BAD_REQUEST, "筛选条件有误,请重新选择。");
	struct wo_list_page p = {.page = page};
	if (wo_orders(r->db, r->a, r->community->id, &f, offset, WO_PAGE_ROWS, &p.lines, &p.n, &p.more) < 0)
		return HR_ERROR;
	wo_view_list(r, &p);
	return HR_OK;
}

enum http_result wo_h_export(struct req *r)
{
	struct wo_filter f;
	int bad = 0;
	filter_from_query(r, &f, &bad);
	if (bad)
		return req_fail(r, HR_BAD_REQUEST, "筛选条件有误,请重新选择。");
	struct table t;
	struct export_table x;
	if (table_begin_export(&t, r->a, &x, "工单", wo_list_cols, wo_list_ncols) < 0)
		return req_error(r, "out of request memory for the export");
	/* The store reads at most WO_EXPORT_CHUNK rows a call: page through. */
	int more = 1;
	for (int64_t offset = 0; more; offset += WO_EXPORT_CHUNK) {
		struct wo_line *l;
		size_t n;
		if (offset >= WO_EXPORT_MAX)
			return req_fail(r, HR_BAD_REQUEST, "符合条件的工单超过 10000 件,请缩小时间范围后分次导出。");
		if (wo_orders(r->db, r->a, r->community->id, &f, offset, WO_EXPORT_CHUNK, &l, &n, &more) < 0)
			return req_error(r, "cannot read the work orders for the export");
		wo_view_rows(&t, r, l, n);
	}
	if (table_end(&t) < 0)
		return req_error(r, "cannot build the work-order export");
	return export_send(r, &x, export_format(r->path));
}

/* ---- rules ---- */

/* One number of a rule's row, "<field><kind>" in the form. */
static int rule_num(struct req *r, const char *field, enum wo_kind k, int max, int *out)
{
	const char *v = kv_get(&r->form, arena_printf(r->a, "%s_%s", field, wo_kind_name(k)));
	int64_t n;
	if (!v || !*v) {
		*out = 0;
		return 0;
	}
	v = str_normalize(r->a, v, strlen(v));
	if (str_to_int64(v, &n) < 0 || n < 0 || n > max)
		return -1;
	*out = (int)n;
	return 0;
}

enum http_result wo_h_rules(struct req *r)
{
	struct wo_rules_page p = {0};
	if (wo_rules(r->db, r->community->id, p.rules) < 0)
		return HR_ERROR;
	if (r->method != METHOD_POST) {
		const char *done = kv_get(&r->q, "done");
		p.notice = done && !strcmp(done, "saved") ? "期限规则已保存;此后登记的工单按新规则计算期限。" : NULL;
		wo_view_rules(r, &p);
		return HR_OK;
	}
	int bad = 0;
	for (int k = 0; k < WO_K__MAX; k++) {
		struct wo_rule *x = &p.rules[k];
		x->kind = (enum wo_kind)k;
		const char *v;
		if (rule_num(r, "accept", x->kind, 365, &x->accept_days) < 0 ||
		    rule_num(r, "respond", x->kind, 8760, &x->respond_hours) < 0 ||
		    rule_num(r, "finish", x->kind, 365, &x->finish_days) < 0 ||
		    rule_num(r, "extension", x->kind, 365, &x->extension_max_days) < 0) {
			p.errs[k] = arena_printf(r->a, "%s:天数请填 0 到 365、小时数请填 0 到 8760 的整数(0 为不限)",
						 wo_kind_label(x->kind));
			bad++;
		}
		v = kv_get(&r->form, arena_printf(r->a, "from_%s", wo_kind_name(x->kind)));
		x->finish_from_accept = v && !strcmp(v, "accept");
		v = kv_get(&r->form, arena_printf(r->a, "working_%s", wo_kind_name(x->kind)));
		x->working_days = v && !strcmp(v, "1");
	}
	if (bad) {
		wo_view_rules(r, &p);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请修改表单中标出的问题。");
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	for (int k = 0; k < WO_K__MAX; k++)
		if (wo_rule_set(r->db, r->community->id, &p.rules[k], r->user->id, r->now) < 0) {
			db_rollback(r->db);
			return HR_ERROR;
		}
	if (req_audit_commit(r, "workorders.rules", "workorders_rule", 0, "修改工单期限规则") < 0)
		return HR_ERROR;
	const char *to = url_c(r->a, r->community->slug, "/admin/workorders/rules?done=saved");
	return to ? req_redirect(r, to) : req_error(r, "out of request memory");
}
