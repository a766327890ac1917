/* The certificates' HTML: the issue form, the staff page of one (PDF link,
 * revoke form) and the public check page the QR code opens, which shows
 * only: valid or revoked (with the date), the masked name, the hours, the
 * period, the issuer and the issue date. */
#include <string.h>

#include "modules/volunteers/volunteers_web.h"
#include "web/layout.h"
#include "web/link.h"

void volview_cert_form(struct req *r, const struct vol_volunteer *v, const struct vol_cert_form *f)
{
	struct buf *b = r->out;
	page_begin(r, "出具志愿服务证明");
	struct crumb c[2] = {{"/admin/volunteers/", "志愿服务管理"},
			     {arena_printf(r->a, "/admin/volunteers/%lld", (long long)v->id), v->name_masked}};
	page_crumbs(r, c, 2);
	H(b, "<h1>出具志愿服务证明:");
	h_text(b, v->name_masked);
	H(b, "</h1><p>证明只计入这段时间里已确认的服务记录;证明上印志愿者的完整姓名,出具记入审计日志。</p>");
	form_refusal(r, f->refusal);
	const char *errs[CF__MAX];
	size_t ne = 0;
	for (int k = 0; k < CF__MAX; k++)
		if (f->errs[k])
			errs[ne++] = f->errs[k];
	if (ne)
		form_error_summary(r, errs, ne);
	form_begin(r, url_c_id(r->a, r->community->slug, "/admin/volunteers/", v->id, "/certificates/new"));
	form_field_input(r,
			 &(struct form_field){"from", "起始日期", "如 2026-01-01", f->vals[CF_FROM], f->errs[CF_FROM], 1,
					      "off", NULL},
			 "text");
	form_field_input(r,
			 &(struct form_field){"to", "截止日期", "如 2026-12-31", f->vals[CF_TO], f->errs[CF_TO], 1, "off",
					      NULL},
			 "text");
	form_field_input(r,
			 &(struct form_field){"issuer", "出具单位", NULL, f->vals[CF_ISSUER], f->errs[CF_ISSUER], 1,
					      "off", NULL},
			 "text");
	form_submit(r, "出具证明");
	form_end(r);
	page_end(r);
}

void volview_certificate(struct req *r, const struct vol_certificate *c, int staff, const char *notice,
			 const char *error)
{
	struct buf *b = r->out;
	page_begin(r, arena_printf(r->a, "志愿服务证明 %s", c->number));
	if (staff) {
		struct crumb cr[2] = {{"/admin/volunteers/", "志愿服务管理"},
				      {arena_printf(r->a, "/admin/volunteers/%lld", (long long)c->volunteer_id),
				       c->name_masked}};
		page_crumbs(r, cr, 2);
	}
	H(b, "<h1>志愿服务证明核验</h1>");
	if (notice)
		page_notice(r, notice);
	form_refusal(r, error);
	H(b, "<p class=\"verdict\"><strong>");
	if (c->revoked_at) {
		H(b, "已撤销");
		H(b, "</strong>(");
		h_date(b, c->revoked_at);
		H(b, " 撤销)");
	} else {
		H(b, "有效</strong>");
	}
	H(b, "</p><dl class=\"facts\"><dt>证明编号</dt><dd>");
	h_text(b, c->number);
	H(b, "</dd><dt>志愿者</dt><dd>");
	h_text(b, c->name_masked);
	H(b, "</dd><dt>服务时长</dt><dd>");
	h_text(b, vol_hours_text(r->a, c->minutes));
	H(b, "</dd><dt>服务期间</dt><dd>");
	h_text(b, c->period_from);
	H(b, " 至 ");
	h_text(b, c->period_to);
	H(b, "</dd><dt>出具单位</dt><dd>");
	h_text(b, c->issuer);
	H(b, "</dd><dt>出具日期</dt><dd>");
	h_date(b, c->issued_at);
	H(b, "</dd></dl>");
	if (staff) {
		const char *base = url_c(r->a, r->community->slug,
					 arena_printf(r->a, "/admin/volunteers/certificates/%s", c->number));
		H(b, "<p>服务记录 ");
		h_int(b, c->records);
		H(b, " 条。<a class=\"button\" href=\"");
		h_href(b, arena_printf(r->a, "%s/certificate.pdf", base));
		H(b, "\">下载 PDF</a></p>");
		if (c->revoked_at) {
			H(b, "<p>撤销原因:");
			h_text(b, c->revoke_reason);
			H(b, "</p>");
		} else {
			H(b, "<h2>撤销证明</h2>");
			form_begin_confirm(r, arena_printf(r->a, "%s/revoke", base), "撤销后网上核验将显示“已撤销”,确定吗?");
			form_field_input(r,
					 &(struct form_field){"reason", "撤销原因", "如:服务记录有误,重新出具", NULL, error,
							      1, "off", NULL},
					 "text");
			form_submit(r, "撤销证明");
			form_end(r);
		}
	} else {
		H(b, "<p class=\"hint\">本页只显示核验所需的信息。如对证明有疑问,请联系出具单位。</p>");
	}
	page_end(r);
}

void volview_cert_lookup(struct req *r, const char *typed, const char *error)
{
	struct buf *b = r->out;
	page_begin(r, "志愿服务证明核验");
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, r->community->slug, "/volunteers/", "志愿服务");
	H(b, "</p><h1>志愿服务证明核验</h1><p>输入证明上的编号,或用手机扫描证明上的二维码,可查看这份证明是否有效。</p>");
	if (error)
		form_error_summary(r, &error, 1);
	H(b, "<form method=\"get\" action=\"");
	h_clink(b, r->community->slug, "/volunteers/certificates/");
	H(b, "\">");
	form_field_input(r, &(struct form_field){"number", "证明编号", "如 XFL-2026-000123,字母大小写都可以", typed, error, 1, "off", NULL},
			 "text");
	H(b, "<button type=\"submit\">核验</button></form>");
	page_end(r);
}
