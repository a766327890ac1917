/* 志愿服务证明 on the web: staff issue one for a volunteer over a period
 * (confirmed records only), see it, fetch its PDF (made by the helper
 * shequ-certificate, the name opened and the fetch audited) and revoke it
 * with a reason; anyone checks a number at the public page the QR code
 * opens, which says valid or revoked and shows nothing personal but the
 * masked name. */
#include <ctype.h>
#include <string.h>

#include "app.h"
#include "core/helper.h"
#include "core/str.h"
#include "modules/volunteers/volunteers_certificate.h"
#include "modules/volunteers/volunteers_web.h"
#include "org/org.h"
#include "web/link.h"

#define NO_CERT "没有这个编号的志愿服务证明,请核对编号。"

/* The number's prefix of r's community. */
static const char *prefix(struct req *r)
{
	return vol_cert_prefix(r->a, r->community->name, r->community->slug);
}

/* A certificate number from a path segment: letters, digits and '-', at
 * most 40; else NULL. */
static const char *number_param(struct arena *a, const char *s)
{
	size_t n = 0;
	for (const char *p = s; p && *p; p++, n++)
		if (!isalnum((unsigned char)*p) && *p != '-')
			return NULL;
	if (!s || !n || n > 40)
		return NULL;
	/* as printed, in capitals; typed in small letters it is the same number */
	char *up = arena_strdup(a, s);
	for (char *p = up; p && *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return up;
}

/* The absolute URL of a certificate's check page (the QR code's target). */
static const char *check_url(struct req *r, const char *number)
{
	return arena_printf(r->a, "%s/c/%s/volunteers/certificates/%s", r->app->public_url, r->community->slug, number);
}

enum http_result vol_h_cert_new(struct req *r)
{
	struct vol_volunteer v;
	enum http_result hr;
	if (vol_volunteer_load(r, r->param[1], &v, &hr) < 0)
		return hr;
	int rc;
	r->cache_control = "no-store";
	struct vol_cert_form f = {0};
	if (r->method != METHOD_POST) {
		struct ymd today = date_from_time(r->now);
		char from[11], to[11];
		date_format((struct ymd){today.y, 1, 1}, from);
		date_format(today, to);
		f.vals[CF_FROM] = arena_strdup(r->a, from);
		f.vals[CF_TO] = arena_strdup(r->a, to);
		f.vals[CF_ISSUER] = arena_printf(r->a, "%s居民委员会", r->community->name);
		volview_cert_form(r, &v, &f);
		return HR_OK;
	}
	struct ymd from, to;
	int bad = vol_cert_read(r->a, &r->form, &f, &from, &to);
	/* a certificate proves what was done: not days still to come */
	if (!f.errs[CF_TO] && to.y && date_cmp(to, date_from_time(r->now)) > 0 && ++bad)
		f.errs[CF_TO] = "截止日期不能晚于今天:证明只能证明已经完成的服务";
	if (bad) {
		volview_cert_form(r, &v, &f);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请按提示修改后再提交。");
	}
	struct vol_full full;
	struct vol_certificate c;
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	rc = vol_open(r->db, r->a, r->community->id, v.id, &full);
	if (rc == 0)
		rc = vol_certificate_issue(r->db, r->a, r->community->id, prefix(r), v.id, from, to, full.name,
					   f.vals[CF_ISSUER], r->user->id, r->now, &c);
	if (rc) {
		db_rollback(r->db);
		if (rc != VOL_STATE)
			return HR_ERROR;
		f.refusal = "这段时间里没有已确认的服务记录,不能出具证明。";
		volview_cert_form(r, &v, &f);
		r->body_written = 1;
		return req_fail(r, HR_INVALID, f.refusal);
	}
	if (req_audit_commit(r, "volunteers.certificate", "volunteers_certificate", c.id,
			     arena_printf(r->a, "出具志愿服务证明 %s:%s,%s 至 %s,%s", c.number, c.name_masked,
					  c.period_from, c.period_to, vol_hours_text(r->a, c.minutes))) < 0)
		return HR_ERROR;
	return req_redirect(r, arena_printf(r->a, "%s?done=issued",
					    url_c(r->a, r->community->slug,
						  arena_printf(r->a, "/admin/volunteers/certificates/%s", c.number))));
}

/* The certificate of the path's number (param 1): 0, or the answer in *hr. */
static int load(struct req *r, int open_name, struct vol_certificate *c, enum http_result *hr)
{
	const char *number = number_param(r->a, r->param[1]);
	int rc = number ? vol_certificate_get(r->db, r->a, r->community->id, number, open_name, c) : VOL_NOT_FOUND;
	if (rc == 0)
		return 0;
	*hr = rc < 0 ? HR_ERROR : req_fail(r, HR_NOT_FOUND, NO_CERT);
	return -1;
}

enum http_result vol_h_cert_lookup(struct req *r)
{
	/* 证明核验: a number typed from the paper (spaces dropped) leads to its check page */
	const char *typed = kv_get(&r->q, "number");
	if (!typed || !*typed) {
		volview_cert_lookup(r, "", NULL);
		return HR_OK;
	}
	char *t = arena_strdup(r->a, typed), *o = t;
	for (const char *p = typed; t && *p; p++)
		if (*p != ' ')
			*o++ = *p;
	if (t)
		*o = 0;
	const char *number = t ? number_param(r->a, t) : NULL;
	if (!number) {
		volview_cert_lookup(r, typed, "证明编号由字母、数字和“-”组成,如 XFL-2026-000123");
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "证明编号不对。");
	}
	return req_redirect(r, url_c(r->a, r->community->slug, arena_printf(r->a, "/volunteers/certificates/%s", number)));
}

enum http_result vol_h_cert_check(struct req *r)
{
	struct vol_certificate c;
	enum http_result hr;
	if (load(r, 0, &c, &hr) < 0)
		return hr;
	volview_certificate(r, &c, 0, NULL, NULL);
	return HR_OK;
}

enum http_result vol_h_cert_admin(struct req *r)
{
	struct vol_certificate c;
	enum http_result hr;
	if (load(r, 0, &c, &hr) < 0)
		return hr;
	const char *done = kv_get(&r->q, "done");
	volview_certificate(r, &c, 1,
			    done && !strcmp(done, "issued")    ? "证明已出具。可下载 PDF 打印盖章。"
			    : done && !strcmp(done, "revoked") ? "证明已撤销,网上核验将显示“已撤销”。"
							       : NULL,
			    NULL);
	return HR_OK;
}

enum http_result vol_h_cert_revoke(struct req *r)
{
	struct vol_certificate c;
	enum http_result hr;
	if (load(r, 0, &c, &hr) < 0)
		return hr;
	const char *why = kv_get(&r->form, "reason");
	why = why ? str_normalize(r->a, why, strlen(why)) : NULL;
	if (vol_reason_problem(r->a, "撤销原因", why)) {
		volview_certificate(r, &c, 1, NULL, vol_reason_problem(r->a, "撤销原因", why));
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "请写明撤销原因");
	}
	if (db_begin(r->db) < 0)
		return HR_ERROR;
	int rc = vol_certificate_revoke(r->db, r->community->id, c.id, why, r->user->id, r->now);
	if (rc) {
		db_rollback(r->db);
		if (rc < 0)
			return HR_ERROR;
		volview_certificate(r, &c, 1, NULL, "这份证明已经撤销。");
		r->body_written = 1;
		return req_fail(r, HR_INVALID, "这份证明已经撤销。");
	}
	if (req_audit_commit(r, "volunteers.certificate_revoke", "volunteers_certificate", c.id,
			     arena_printf(r->a, "撤销志愿服务证明 %s,原因:%s", c.number, why)) < 0)
		return HR_ERROR;
	return req_redirect(r, arena_printf(r->a, "%s?done=revoked",
					    url_c(r->a, r->community->slug,
						  arena_printf(r->a, "/admin/volunteers/certificates/%s", c.number))));
}

enum http_result vol_h_cert_pdf(struct req *r)
{
	struct vol_certificate c;
	enum http_result hr;
	if (load(r, 1, &c, &hr) < 0)
		return hr;
	struct vol_cert_doc d = {.community = r->community->name, .issuer = c.issuer, .number = c.number,
				 .name = c.name, .period_from = c.period_from, .period_to = c.period_to,
				 .url = check_url(r, c.number), .minutes = c.minutes, .records = c.records,
				 .issued_at = c.issued_at};
	struct vol_certificate_line *l;
	if (vol_certificate_lines(r->db, r->a, r->community->id, c.id, &l, &d.nlines) < 0)
		return HR_ERROR;
	d.lines = l;
	/* the name was opened: on the audit log before the PDF goes out */
	if (db_begin(r->db) < 0 ||
	    req_audit_commit(r, "volunteers.certificate_pdf", "volunteers_certificate", c.id,
			     arena_printf(r->a, "下载志愿服务证明 %s 的 PDF", c.number)) < 0)
		return HR_ERROR;
	struct buf in;
	buf_init(&in, VOL_CERT_WIRE_MAX);
	char path[4096], err[512];
	if (vol_cert_encode(&in, &d) < 0) {
		buf_free(&in);
		return req_error(r, "the certificate's description passes its bounds");
	}
	const char *argv[] = {path, NULL};
	const struct helper_limits lim = {.out_max = VOL_CERT_PDF_MAX, .err_max = 300, .timeout_ms = 30000};
	buf_reset(r->out);
	int rc = helper_path("shequ-certificate", path, sizeof path, err, sizeof err);
	if (rc == 0)
		rc = helper_run(argv, in.data, in.len, &lim, r->out, err, sizeof err);
	buf_free(&in);
	const struct buf *o = r->out;
	if (rc == 0 && (o->len < 16 || memcmp(o->data, "%PDF-", 5) || !memmem(o->data + o->len - 16, 16, "%%EOF", 5))) {
		snprintf(err, sizeof err, "shequ-certificate wrote no whole PDF (%zu bytes)", o->len);
		rc = -1;
	}
	if (rc < 0) {
		buf_reset(r->out);
		const char *cause = arena_strdup(r->a, err);
		return req_error(r, cause ? cause : "the certificate helper failed");
	}
	r->cache_control = "private, no-store";
	r->content_type_out = "application/pdf";
	req_header(r, "content-disposition", arena_printf(r->a, "inline; filename=\"%s.pdf\"", c.number));
	return HR_OK;
}
