/* Public routes of the disclosure board: the board, posts, objections, the
 * catalogue and due board, the supervisors' page and their opinions. */
#include <string.h>

#include "core/str.h"
#include "http/fields.h"
#include "modules/disclosure/disclosure_routes.h"
#include "modules/disclosure/disclosure_web.h"

int64_t dparam_id(const char *s)
{
	int64_t v;
	return s && str_to_int64(s, &v) == 0 && v > 0 && v < ((int64_t)1 << 50) ? v : 0;
}

int64_t dpage(struct req *r)
{
	const char *p = kv_get(&r->q, "page");
	int64_t v = 1;
	if (p && (str_to_int64(p, &v) < 0 || v < 1 || v > 100000))
		return -1;
	return v;
}

enum http_result disclosure_h_board(struct req *r)
{
	struct board_page bp = {0};
	bp.page = dpage(r);
	const char *item = kv_get(&r->q, "item");
	bp.item_id = item ? dparam_id(item) : 0;
	if (bp.page < 0 || (item && !bp.item_id))
		return req_fail(r, HR_BAD_REQUEST, "页码或事项编号不正确。");
	struct log_head head;
	if (disclosure_items(r->db, r->a, r->community->id, 0, &bp.items, &bp.nitems) < 0 ||
	    disclosure_board(r->db, r->a, r->community->id, bp.item_id, (bp.page - 1) * BOARD_PAGE, BOARD_PAGE + 1,
			     &bp.posts, &bp.nposts) < 0 ||
	    log_head_get(r->db, r->a, r->community->id, &head) < 0)
		return HR_ERROR;
	bp.has_next = bp.nposts > BOARD_PAGE;
	if (bp.has_next)
		bp.nposts = BOARD_PAGE;
	bp.log_size = head.size;
	dview_board(r, &bp);
	return HR_OK;
}

/* Loads everything a post page shows. HR_OK, HR_NOT_FOUND or HR_ERROR. */
static enum http_result load_post(struct req *r, int64_t id, struct post_page *pp)
{
	int rc = disclosure_post_get(r->db, r->a, r->community->id, id, &pp->post);
	if (rc < 0)
		return HR_ERROR;
	if (rc || pp->post.status != POST_PUBLISHED)
		return req_fail(r, HR_NOT_FOUND, "找不到这条公开内容。");
	if (disclosure_item_get(r->db, r->a, r->community->id, pp->post.item_id, &pp->item) != 0 ||
	    disclosure_threads(r->db, r->a, r->community->id, id, &pp->threads, &pp->nthreads) < 0)
		return HR_ERROR;
	if (pp->item.personal_data &&
	    disclosure_recipients_get(r->db, r->a, r->community->id, id, &pp->recipients, &pp->nrecipients) < 0)
		return HR_ERROR;
	if (pp->post.replaces_id &&
	    disclosure_post_get(r->db, r->a, r->community->id, pp->post.replaces_id, &pp->replaced) != 0)
		return HR_ERROR;
	return HR_OK;
}

enum http_result disclosure_h_post_page(struct req *r)
{
	int64_t id = dparam_id(r->param[1]);
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "找不到这条公开内容。");
	struct post_page pp = {0};
	enum http_result hr = load_post(r, id, &pp);
	if (hr != HR_OK)
		return hr;
	if (kv_get(&r->q, "objected"))
		pp.notice = "异议已提交。社区工作人员答复后,答复将公开在本页。";
	dview_post(r, &pp);
	return HR_OK;
}

static const struct field objection_fields[] = {
    {"body", "异议内容", FIELD_MULTILINE, 1, 1000},
    {"phone", "联系电话", FIELD_MOBILE, 0, 11},
};

enum http_result disclosure_h_objection_submit(struct req *r)
{
	int64_t id = dparam_id(r->param[1]);
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "找不到这条公开内容。");
	struct post_page pp = {0};
	enum http_result hr = load_post(r, id, &pp);
	if (hr != HR_OK)
		return hr;
	int bad = fields_validate(r->a, &r->form, objection_fields, 2, pp.objection_vals, pp.objection_errs);
	if (!r->user && !pp.objection_errs[1] && !*pp.objection_vals[1]) {
		pp.objection_errs[1] = "请填写联系电话,以便社区回访";
		bad++;
	}
	if (pp.post.notice_days <= 0 || pp.post.withdrawn_at || !disclosure_notice_open(&pp.post, r->now)) {
		/* Refused whatever was typed: nothing is stored. */
		dview_post(r, &pp);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "公示期已结束,不再受理异议。");
	}
	if (bad) {
		dview_post(r, &pp);
		r->body_written = 1;
		return HR_INVALID;
	}
	struct disclosure_thread t = {.kind = THREAD_OBJECTION, .post_id = id, .user_id = r->user ? r->user->id : 0,
				      .contact_phone = r->user ? "" : pp.objection_vals[1], .body = pp.objection_vals[0]};
	int64_t tid;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (disclosure_thread_add(r->db, r->community->id, &t, r->now, &tid) < 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	return req_redirect(r, arena_printf(r->a, "/c/%s/board/%lld?objected=1#objection", r->community->slug, (long long)id));
}

enum http_result disclosure_h_catalogue(struct req *r)
{
	struct disclosure_item *items;
	size_t n;
	if (disclosure_items(r->db, r->a, r->community->id, 0, &items, &n) < 0)
		return HR_ERROR;
	dview_catalogue(r, items, n);
	return HR_OK;
}

enum http_result disclosure_h_due(struct req *r)
{
	struct disclosure_item *items;
	size_t n;
	if (disclosure_items(r->db, r->a, r->community->id, 0, &items, &n) < 0)
		return HR_ERROR;
	dview_due(r, items, n);
	return HR_OK;
}

enum http_result disclosure_h_feed(struct req *r)
{
	struct disclosure_post *posts;
	size_t n;
	if (disclosure_board(r->db, r->a, r->community->id, 0, 0, BOARD_PAGE, &posts, &n) < 0)
		return HR_ERROR;
	const char *host = r->host && *r->host && !strpbrk(r->host, "\"<>'& ") ? r->host : "localhost";
	dview_feed(r, posts, n, arena_printf(r->a, "http://%s", host));
	return HR_OK;
}

/* Fills the supervisors' page. 0 or -1. */
static int load_supervisors(struct req *r, struct supervisors_page *s)
{
	struct buf v;
	buf_init(&v, 4096);
	unsigned char sk[64];
	int ok = log_signing_key(r->db, sk) == 0;
	if (ok)
		tlog_vkey(&v, log_origin(r->a, r->community->slug), sk + 32);
	sodium_memzero(sk, sizeof sk);
	s->vkey = ok && v.data ? arena_strdup(r->a, v.data) : "";
	buf_free(&v);
	int h = log_head_get(r->db, r->a, r->community->id, &s->head);
	s->has_head = h == 0;
	if (!ok || h < 0 ||
	    auth_users_with_role(r->db, r->a, r->community->id, ROLE_SUPERVISOR, &s->members, &s->nmembers) < 0 ||
	    disclosure_threads(r->db, r->a, r->community->id, -1, &s->opinions, &s->nopinions) < 0 ||
	    disclosure_items(r->db, r->a, r->community->id, 0, &s->items, &s->nitems) < 0 ||
	    disclosure_board(r->db, r->a, r->community->id, 0, 0, 50, &s->posts, &s->nposts) < 0)
		return -1;
	return 0;
}

enum http_result disclosure_h_supervisors(struct req *r)
{
	struct supervisors_page s = {0};
	if (load_supervisors(r, &s) < 0)
		return HR_ERROR;
	if (kv_get(&r->q, "filed"))
		s.notice = "监督意见已提交,社区答复后将在此公开。";
	dview_supervisors(r, &s);
	return HR_OK;
}

static const struct field opinion_fields[] = {
    {"target", "针对", FIELD_TEXT, 0, 40},
    {"body", "意见内容", FIELD_MULTILINE, 1, 2000},
};

enum http_result disclosure_h_opinion_submit(struct req *r)
{
	struct supervisors_page s = {0};
	int bad = fields_validate(r->a, &r->form, opinion_fields, 2, s.vals, s.errs);
	struct disclosure_thread t = {.kind = THREAD_OPINION, .user_id = r->user->id, .body = s.vals[1]};
	const char *target = s.vals[0];
	if (!s.errs[0] && *target) {
		if (!strncmp(target, "post:", 5))
			t.post_id = dparam_id(target + 5);
		else if (!strncmp(target, "item:", 5))
			t.item_id = dparam_id(target + 5);
		struct disclosure_post p;
		struct disclosure_item it;
		if ((!t.post_id && !t.item_id) ||
		    (t.post_id && (disclosure_post_get(r->db, r->a, r->community->id, t.post_id, &p) != 0 ||
				   p.status != POST_PUBLISHED)) ||
		    (t.item_id && disclosure_item_get(r->db, r->a, r->community->id, t.item_id, &it) != 0)) {
			s.errs[0] = "请从列表中选择意见针对的内容";
			bad++;
		}
	}
	if (bad) {
		if (load_supervisors(r, &s) < 0)
			return HR_ERROR;
		dview_supervisors(r, &s);
		r->body_written = 1;
		return HR_INVALID;
	}
	int64_t id;
	struct audit_event ev = {.user_id = r->user->id, .actor = r->user->display_name, .unit_id = r->community->id,
				 .action = "disclosure.opinion", .entity = "disclosure_thread", .ip = r->ip};
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (disclosure_thread_add(r->db, r->community->id, &t, r->now, &id) < 0 ||
	    !(ev.entity_id = arena_printf(r->a, "%lld", (long long)id)) || audit_write(r->db, &ev, r->now) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	return req_redirect(r, arena_printf(r->a, "/c/%s/supervisors?filed=1", r->community->slug));
}

