/* Public routes of the disclosure board: the board, posts, objections, the
 * catalogue and due board, the supervisors' page and their opinions. */
#include <stdio.h>
#include <string.h>

#include "core/helper.h"
#include "core/str.h"
#include "http/fields.h"
#include "modules/disclosure/disclosure_poster.h"
#include "modules/disclosure/disclosure_routes.h"
#include "modules/disclosure/disclosure_web.h"
#include "pii/pii.h"
#include "web/export.h"
#include "web/html.h"
#include "web/list.h"
#include "web/upload.h"

int64_t disclosure_param_id(const char *s)
{
	int64_t v;
	return s && str_to_int64(s, &v) == 0 && v > 0 && v < ((int64_t)1 << 50) ? v : 0;
}

enum http_result disclosure_h_board(struct req *r)
{
	struct board_page bp = {0};
	int64_t offset = 0;
	bp.page = page_param(r);
	const char *item = kv_get(&r->q, "item"), *year = kv_get(&r->q, "year");
	bp.item_id = item ? disclosure_param_id(item) : 0;
	int64_t y = 0;
	if (year && (str_to_int64(year, &y) < 0 || y < 1990 || y > 2999))
		y = -1;
	if (bp.page < 0 || page_offset(bp.page, BOARD_PAGE, &offset) < 0 || (item && !bp.item_id) || y < 0)
		return req_fail(r, HR_BAD_REQUEST, "页码、事项编号或年份不正确。");
	bp.year = (int)y;
	int64_t from = y ? date_to_time((struct ymd){(int)y, 1, 1}) : 0;
	int64_t to = y ? date_to_time((struct ymd){(int)y + 1, 1, 1}) : INT64_MAX;
	struct tlog_head head;
	if (disclosure_item_titles(r->db, r->a, r->community->id, &bp.items, &bp.nitems) < 0 ||
	    disclosure_board_range(r->db, r->a, r->community->id, bp.item_id, from, to, offset,
				   BOARD_PAGE + 1, &bp.posts, &bp.nposts) < 0 ||
	    tlog_store_head_get(r->db, r->a, r->community->id, &head) < 0 ||
	    disclosure_post_years(r->db, r->community->id, bp.years, BOARD_YEARS, &bp.nyears) < 0)
		return HR_ERROR;
	bp.has_next = bp.nposts > BOARD_PAGE;
	if (bp.has_next)
		bp.nposts = BOARD_PAGE;
	bp.log_size = head.size;
	disclosure_view_board(r, &bp);
	return HR_OK;
}

/* Loads everything a post page shows. HR_OK, HR_NOT_FOUND or HR_ERROR. */
/* Checks the checkpoint a paper poster carries ("<size>.<8 hex of root>")
 * against the stored one of that size, and that the log has only grown. */
static const char *poster_check(struct req *r, const char *cp)
{
	int64_t size;
	char *dot = strchr(cp, '.');
	char *num = dot ? arena_strndup(r->a, cp, (size_t)(dot - cp)) : NULL;
	if (!num || str_to_int64(num, &size) < 0 || size < 1 || strlen(dot + 1) != 8)
		return "海报上的核验码无法识别。";
	unsigned char root[TLOG_HASH];
	const char *note;
	int rc = tlog_store_checkpoint_get(r->db, r->a, r->community->id, size, root, &note);
	if (rc != 0)
		return "✕ 海报上的检查点在公开记录中不存在:这张海报可能不是本平台打印的。";
	char hex[65];
	sodium_bin2hex(hex, sizeof hex, root, TLOG_HASH);
	if (strncmp(hex, dot + 1, 8))
		return "✕ 海报上的检查点与公开记录不符:请向监督小组反映。";
	return arena_printf(r->a, "✓ 海报与公开记录一致:打印时记录共 %lld 条,此后只有追加,没有改动(可用 shequ verify 核验)。",
			    (long long)size);
}

static enum http_result load_post(struct req *r, int64_t id, struct post_page *pp)
{
	int rc = disclosure_post_public(r->db, r->a, r->community->id, id, &pp->post);
	if (rc < 0)
		return HR_ERROR;
	if (rc)
		return req_fail(r, HR_NOT_FOUND, "找不到这条公开内容。");
	if (disclosure_threads(r->db, r->a, r->community->id, id, &pp->threads, &pp->nthreads) < 0)
		return HR_ERROR;
	/* Only shown objections reach the page; the others are counted. */
	size_t shown = 0;
	for (size_t i = 0; i < pp->nthreads; i++) {
		if (pp->threads[i].status == THREAD_HELD)
			pp->nheld++;
		else if (pp->threads[i].status == THREAD_REJECTED)
			pp->nrejected++;
		else
			pp->threads[shown++] = pp->threads[i];
	}
	pp->nthreads = shown;
	struct disclosure_settings set;
	if (disclosure_settings_get(r->db, r->community->id, &set) < 0)
		return HR_ERROR;
	pp->review_objections = set.review_objections;
	if (pp->post.personal_data &&
	    disclosure_recipients_public(r->db, r->a, r->community->id, id, &pp->recipients, &pp->nrecipients) < 0)
		return HR_ERROR;
	if (pp->post.replaces_id &&
	    disclosure_post_public(r->db, r->a, r->community->id, pp->post.replaces_id, &pp->replaced) != 0)
		return HR_ERROR;
	if (disclosure_attachments(r->db, r->a, r->community->id, id, &pp->attachments, &pp->nattachments) < 0)
		return HR_ERROR;
	return HR_OK;
}

/* The post's page, or with form set its objection form page. */
static enum http_result post_page(struct req *r, int form)
{
	int64_t id = disclosure_param_id(r->param[1]);
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "找不到这条公开内容。");
	struct post_page pp = {.objection_form = form};
	enum http_result hr = load_post(r, id, &pp);
	if (hr != HR_OK)
		return hr;
	const char *objected = kv_get(&r->q, "objected");
	if (objected)
		pp.objection_notice = !strcmp(objected, "held") ? "异议已提交。本社区的异议经工作人员审核后显示;答复后,答复也将公开在本页。"
						      : "异议已提交。社区工作人员答复后,答复将公开在本页。";
	const char *cp = kv_get(&r->q, "cp");
	if (cp)
		pp.notice = poster_check(r, cp);
	disclosure_view_post(r, &pp);
	return HR_OK;
}

enum http_result disclosure_h_post_page(struct req *r)
{
	return post_page(r, 0);
}

enum http_result disclosure_h_objection_page(struct req *r)
{
	return post_page(r, 1);
}

/* The key under which an objection is counted: the blind index (src/pii,
 * keyed by the personal-data key file) of what identifies the sender, so
 * that the limits table holds no phone number or address. NULL on error. */
static const char *limit_key(struct req *r, const char *kind, const char *value)
{
	const struct pii_key *k = pii_key_current();
	if (!k)
		return NULL;
	unsigned char h[PII_INDEX_BYTES];
	pii_blind_index(k, arena_printf(r->a, "objection_limit.%s", kind), value, strlen(value), h);
	char hex[16 * 2 + 1];
	sodium_bin2hex(hex, sizeof hex, h, 16);
	return arena_printf(r->a, "%c:%s", *kind, hex);
}

/* Counts the objection against its sender's phone (or account) and address:
 * NULL within the limits, else the refusal to show; *err on a database error. */
static const char *over_limit(struct req *r, const char *phone, int *err)
{
	const char *who = r->user ? limit_key(r, "user", arena_printf(r->a, "%lld", (long long)r->user->id))
				  : limit_key(r, "phone", phone);
	const char *where = limit_key(r, "address", r->ip ? r->ip : "");
	int64_t by_phone = who ? disclosure_objection_count(r->db, r->community->id, who, r->now) : -1;
	int64_t by_address = where && by_phone >= 0 ? disclosure_objection_count(r->db, r->community->id, where, r->now) : -1;
	if (by_phone < 0 || by_address < 0) {
		*err = 1;
		return NULL;
	}
	if (by_phone > OBJECTION_PER_PHONE)
		return arena_printf(r->a, "提交过于频繁:同一手机号(或账号)每小时最多提交 %d 条异议。请稍后再试,"
					  "或到社区服务中心当面反映。",
				    OBJECTION_PER_PHONE);
	if (by_address > OBJECTION_PER_ADDRESS)
		return arena_printf(r->a, "提交过于频繁:同一网络地址每小时最多提交 %d 条异议。请稍后再试,"
					  "或到社区服务中心当面反映。",
				    OBJECTION_PER_ADDRESS);
	return NULL;
}

static const struct field objection_fields[] = {
    {"body", "异议内容", FIELD_MULTILINE, 1, 1000},
    {"phone", "联系电话", FIELD_MOBILE, 0, 11},
};

enum http_result disclosure_h_objection_submit(struct req *r)
{
	int64_t id = disclosure_param_id(r->param[1]);
	if (!id)
		return req_fail(r, HR_NOT_FOUND, "找不到这条公开内容。");
	struct post_page pp = {.objection_form = 1};
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
		disclosure_view_post(r, &pp);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "公示期已结束,不再受理异议。");
	}
	if (bad) {
		disclosure_view_post(r, &pp);
		r->body_written = 1;
		return HR_INVALID;
	}
	struct disclosure_thread t = {.kind = THREAD_OBJECTION, .post_id = id, .user_id = r->user ? r->user->id : 0,
				      .contact_phone = r->user ? "" : pp.objection_vals[1], .body = pp.objection_vals[0]};
	int64_t tid;
	struct disclosure_settings set;
	int err = 0;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	const char *refused = over_limit(r, pp.objection_vals[1], &err);
	if (err || disclosure_settings_get(r->db, r->community->id, &set) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	if (refused) {
		/* Nothing is stored, the count included: the form comes back as typed. */
		db_rollback(r->db);
		pp.objection_refusal = refused;
		disclosure_view_post(r, &pp);
		r->body_written = 1;
		req_header(r, "retry-after", arena_printf(r->a, "%d", OBJECTION_WINDOW));
		return req_fail(r, HR_TOO_MANY, refused);
	}
	if (disclosure_thread_add(r->db, r->a, r->community->id, &t, r->now, &tid) < 0 ||
	    (set.review_objections && disclosure_thread_hold(r->db, r->community->id, tid) < 0) || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	return req_redirect(r, arena_printf(r->a, "/c/%s/board/%lld?objected=%s#objection", r->community->slug, (long long)id,
					    set.review_objections ? "held" : "1"));
}

enum http_result disclosure_h_catalogue(struct req *r)
{
	struct disclosure_item *items;
	size_t n;
	if (disclosure_items(r->db, r->a, r->community->id, 0, &items, &n) < 0)
		return HR_ERROR;
	disclosure_view_catalogue(r, items, n);
	return HR_OK;
}

enum http_result disclosure_h_due(struct req *r)
{
	struct disclosure_item *items, *retired;
	size_t n, nretired;
	if (disclosure_items_due(r->db, r->a, r->community->id, &items, &n) < 0 ||
	    disclosure_items_retired(r->db, r->a, r->community->id, &retired, &nretired) < 0)
		return HR_ERROR;
	disclosure_view_due(r, items, n, retired, nretired);
	return HR_OK;
}

enum http_result disclosure_h_feed(struct req *r)
{
	struct disclosure_post *posts;
	size_t n;
	if (disclosure_feed(r->db, r->a, r->community->id, BOARD_PAGE, &posts, &n) < 0)
		return HR_ERROR;
	r->content_type_out = "application/atom+xml; charset=utf-8";
	disclosure_view_feed(r, posts, n, r->app->public_url);
	return HR_OK;
}

/* Matches each listed supervisor with their serving appointment, if one is
 * recorded. 0 or -1. */
static int supervisor_terms(struct req *r, struct supervisors_page *s)
{
	struct auth_supervisor_term *t;
	size_t n;
	struct supervisor_term *out = arena_alloc(r->a, (s->nmembers + 1) * sizeof *out);
	if (!out || auth_supervisor_terms_public(r->db, r->a, r->community->id, &t, &n) < 0)
		return -1;
	for (size_t i = 0; i < s->nmembers; i++) {
		out[i] = (struct supervisor_term){0};
		for (size_t k = 0; k < n; k++)
			if (t[k].user_id == s->members[i].id)
				out[i] = (struct supervisor_term){t[k].appointed_on, t[k].term_end};
	}
	s->terms = out;
	return 0;
}

/* Fills the supervisors' page. 0 or -1. */
static int load_supervisors(struct req *r, struct supervisors_page *s)
{
	struct buf v;
	buf_init(&v, 4096);
	unsigned char sk[64];
	const char *origin = tlog_store_origin(r->db, r->a, r->community->slug);
	int ok = origin && tlog_store_signing_key(r->db, sk) == 0;
	if (ok)
		tlog_vkey(&v, origin, sk + 32);
	sodium_memzero(sk, sizeof sk);
	s->vkey = ok && v.data ? arena_strdup(r->a, v.data) : "";
	buf_free(&v);
	int h = tlog_store_head_get(r->db, r->a, r->community->id, &s->head);
	s->has_head = h == 0;
	if (!ok || h < 0 ||
	    auth_users_with_role(r->db, r->a, r->community->id, ROLE_SUPERVISOR, &s->members, &s->nmembers) < 0 ||
	    disclosure_threads(r->db, r->a, r->community->id, -1, &s->opinions, &s->nopinions) < 0 ||
	    disclosure_item_titles(r->db, r->a, r->community->id, &s->items, &s->nitems) < 0 ||
	    disclosure_board(r->db, r->a, r->community->id, 0, 0, 50, &s->posts, &s->nposts) < 0 ||
	    disclosure_settings_get(r->db, r->community->id, &s->settings) < 0 ||
	    disclosure_setting_changes(r->db, r->a, r->community->id, &s->changes, &s->nchanges) < 0 ||
	    (s->rejected = disclosure_threads_rejected(r->db, r->community->id, 0)) < 0)
		return -1;
	return supervisor_terms(r, s);
}

enum http_result disclosure_h_supervisors(struct req *r)
{
	struct supervisors_page s = {0};
	if (load_supervisors(r, &s) < 0)
		return HR_ERROR;
	if (kv_get(&r->q, "filed"))
		s.notice = "监督意见已提交,社区答复后将在此公开。";
	disclosure_view_supervisors(r, &s);
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
			t.post_id = disclosure_param_id(target + 5);
		else if (!strncmp(target, "item:", 5))
			t.item_id = disclosure_param_id(target + 5);
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
		disclosure_view_supervisors(r, &s);
		r->body_written = 1;
		return HR_INVALID;
	}
	int64_t id;
	struct audit_event ev = {.user_id = r->user->id, .actor = r->user->display_name, .unit_id = r->community->id,
				 .action = "disclosure.opinion", .entity = "disclosure_thread", .ip = r->ip};
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	if (disclosure_thread_add(r->db, r->a, r->community->id, &t, r->now, &id) < 0 ||
	    !(ev.entity_id = arena_printf(r->a, "%lld", (long long)id)) || audit_write(r->db, &ev, r->now) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return HR_ERROR;
	}
	return req_redirect(r, arena_printf(r->a, "/c/%s/supervisors?filed=1", r->community->slug));
}


/* The checkpoint a poster prints: the newest one's size, root prefix and
 * time. 0, 1 for a paper size other than a4 or a3, or -1. */
static int poster_ctx_for(struct req *r, struct poster_ctx *pc, const char *path)
{
	struct tlog_head h;
	int rc = tlog_store_head_get(r->db, r->a, r->community->id, &h);
	if (rc < 0)
		return -1;
	char *hex = arena_alloc(r->a, 65);
	if (!hex)
		return -1;
	if (rc == 0)
		sodium_bin2hex(hex, 65, h.root, TLOG_HASH);
	else
		strcpy(hex, "00000000");
	hex[8] = 0;
	const char *paper = kv_get(&r->q, "paper");
	*pc = (struct poster_ctx){.community = r->community->name, .street = r->community->street.name,
				  .cp_size = rc == 0 ? h.size : 0, .cp_root = hex, .cp_at = rc == 0 ? h.at : 0,
				  .paper = paper && !strcmp(paper, "a3") ? PAPER_A3 : PAPER_A4};
	pc->url = arena_printf(r->a, "%s/c/%s%s?cp=%lld.%s", r->app->public_url, r->community->slug, path,
			       (long long)pc->cp_size, hex);
	if (paper && strcmp(paper, "a3") && strcmp(paper, "a4"))
		return 1;
	return pc->url ? 0 : -1;
}

/* Has the poster helper (shequ-poster) render d into r->out, within a
 * time and size bound: HR_OK with the PDF, or HR_ERROR with the helper's
 * failure as the cause and nothing of its output kept. The poster routes
 * run on the password workers (ROUTE_WORKER), so the wait holds up no
 * event loop. */
static enum http_result poster_send(struct req *r, const struct poster_doc *d, const char *filename)
{
	struct buf in;
	buf_init(&in, POSTER_WIRE_MAX);
	char path[4096], err[512];
	if (disclosure_poster_encode(&in, d) < 0) {
		buf_free(&in);
		return req_error(r, "the poster's description passes its bounds");
	}
	const char *argv[] = {path, NULL};
	const struct helper_limits lim = {.out_max = POSTER_PDF_MAX, .err_max = 300, .timeout_ms = 30000};
	buf_reset(r->out);
	int rc = helper_path("shequ-poster", path, sizeof path, err, sizeof err);
	if (rc == 0)
		rc = helper_run(argv, in.data, in.len, &lim, r->out, err, sizeof err);
	buf_free(&in);
	/* A PDF whole from its header to its end-of-file marker, or nothing. */
	const struct buf *o = r->out;
	if (rc == 0 && (o->len < 16 || memcmp(o->data, "%PDF-", 5) || !memmem(o->data + o->len - 16, 16, "%%EOF", 5))) {
		snprintf(err, sizeof err, "shequ-poster wrote no whole PDF (%zu bytes)", o->len);
		rc = -1;
	}
	if (rc < 0) {
		buf_reset(r->out);
		const char *cause = arena_strdup(r->a, err);
		return req_error(r, cause ? cause : "the poster helper failed");
	}
	r->content_type_out = "application/pdf";
	req_header(r, "content-disposition", arena_printf(r->a, "inline; filename=\"%s\"", filename));
	return HR_OK;
}

enum http_result disclosure_h_poster(struct req *r)
{
	int64_t id = disclosure_param_id(r->param[1]);
	struct post_page pp = {0};
	enum http_result hr = id ? load_post(r, id, &pp) : req_fail(r, HR_NOT_FOUND, "找不到这条公开内容。");
	if (hr != HR_OK)
		return hr;
	pp.post.notice_open = !pp.post.withdrawn_at && disclosure_notice_open(&pp.post, r->now);
	struct poster_doc d = {.kind = POSTER_POST, .posts = &pp.post, .nposts = 1};
	int rc = poster_ctx_for(r, &d.ctx, arena_printf(r->a, "/board/%lld", (long long)id));
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_BAD_REQUEST, "纸张只能是 a4 或 a3。");
	if (pp.post.personal_data) {
		d.recipients = pp.recipients;
		d.nrecipients = pp.nrecipients;
		d.cols = disclosure_recipient_cols_from(pp.post.public_columns);
	}
	return poster_send(r, &d, arena_printf(r->a, "%s-%lld.pdf", r->community->slug, (long long)id));
}

enum http_result disclosure_h_board_poster(struct req *r)
{
	struct disclosure_post *posts;
	struct poster_doc d = {.kind = POSTER_BOARD};
	int rc = poster_ctx_for(r, &d.ctx, "/board/");
	if (rc)
		return rc < 0 ? HR_ERROR : req_fail(r, HR_BAD_REQUEST, "纸张只能是 a4 或 a3。");
	size_t fits = d.ctx.paper == PAPER_A3 ? 24 : 14;
	/* One more than fits: whether the poster must say there are more. */
	if (disclosure_board(r->db, r->a, r->community->id, 0, 0, (int)fits + 1, &posts, &d.nposts) < 0)
		return HR_ERROR;
	d.ctx.more = d.nposts > fits;
	if (d.ctx.more)
		d.nposts = fits;
	for (size_t i = 0; i < d.nposts; i++)
		posts[i].notice_open = !posts[i].withdrawn_at && disclosure_notice_open(&posts[i], r->now);
	d.posts = posts;
	return poster_send(r, &d, arena_printf(r->a, "%s-board.pdf", r->community->slug));
}

enum http_result disclosure_h_file(struct req *r)
{
	int64_t id = disclosure_param_id(r->param[1]), seq = disclosure_param_id(r->param[2]);
	struct disclosure_post p;
	struct disclosure_attachment *att;
	size_t n;
	if (!id || !seq || disclosure_post_get(r->db, r->a, r->community->id, id, &p) != 0)
		return req_fail(r, HR_NOT_FOUND, "找不到这个附件。");
	/* Drafts' files are for staff only. */
	if (p.status != POST_PUBLISHED && !req_has_role(r, ROLES_STAFF))
		return req_fail(r, HR_NOT_FOUND, "找不到这个附件。");
	if (disclosure_attachments(r->db, r->a, r->community->id, id, &att, &n) < 0)
		return HR_ERROR;
	for (size_t i = 0; i < n; i++) {
		if (att[i].seq != seq)
			continue;
		const void *data;
		size_t len;
		if (disclosure_file_get(r->db, r->a, r->community->id, att[i].sha256, &data, &len) != 0)
			return HR_ERROR;
		upload_send_inline(r, data, len, att[i].mime, att[i].name);
		/* A published post's files are part of its public record and never
		 * change; a draft's must not be kept by any shared cache. */
		r->cache_control = p.status == POST_PUBLISHED ? "public, max-age=31536000, immutable" : "private, no-store";
		r->etag = arena_printf(r->a, "\"%s\"", att[i].sha256);
		return HR_OK;
	}
	return req_fail(r, HR_NOT_FOUND, "找不到这个附件。");
}

enum http_result disclosure_h_catalogue_export(struct req *r)
{
	struct disclosure_item *items;
	size_t n;
	struct export_table t;
	if (disclosure_items(r->db, r->a, r->community->id, 0, &items, &n) < 0 ||
	    disclosure_view_catalogue_export(r, items, n, &t) < 0)
		return HR_ERROR;
	return export_send(r, &t, export_format(r->path));
}
