/* The 凭证附件 section of an entry's page: its scans and the upload form.
 * Never touches the database: the handler hands the list over. */
#include "modules/ledger/ledger_web.h"
#include "web/form.h"
#include "web/html.h"
#include "web/link.h"

/* A size as people read it: 820 KB, 3.4 MB. */
static void h_size(struct req *r, int64_t bytes)
{
	if (bytes < 1024 * 1024)
		h_text(r->out, arena_printf(r->a, "%lld KB", (long long)((bytes + 1023) / 1024)));
	else
		h_text(r->out, arena_printf(r->a, "%.1f MB", (double)bytes / (1024.0 * 1024.0)));
}

void ledger_view_files(struct req *r, const struct ledger_entry *e, const struct ledger_file_list *fl)
{
	if (!fl)
		return;
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	if (fl->error) { /* listed at the top of the page too, where the eye and the focus go */
		const char *errs[] = {fl->error};
		form_error_summary(r, errs, 1);
	}
	H(b, "<section aria-labelledby=\"files\"><h2 id=\"files\">凭证附件</h2>");
	if (!fl->n)
		H(b, "<p>还没有凭证附件。</p>");
	else
		H(b, "<ul class=\"files\">");
	for (size_t i = 0; i < fl->n; i++) {
		const struct ledger_file *f = &fl->v[i];
		H(b, "<li><a href=\"");
		h_clink_id(b, slug, "/admin/ledger/entries/", e->id,
		           arena_printf(r->a, "/files/%lld", (long long)f->id));
		H(b, "\">");
		h_text(b, f->name);
		H(b, "</a>(");
		h_size(r, f->bytes);
		H(b, ")· ");
		h_text(b, f->added_name && *f->added_name ? f->added_name : "(已删除的账号)");
		H(b, " 上传于 ");
		h_time(b, f->added_at);
		if (e->approved_at && f->added_at > e->approved_at) /* the approver did not see it */
			H(b, " · <strong>审核后补充</strong>");
		if (!e->approved_at) {
			form_begin_confirm(
			    r,
			    url_c_id(r->a, slug, "/admin/ledger/entries/", e->id,
			             arena_printf(r->a, "/files/%lld/remove", (long long)f->id)),
			    arena_printf(r->a, "删除附件“%s”后无法恢复。确定删除吗?", f->name));
			form_submit(r, "删除");
			form_end(r);
		}
		H(b, "</li>");
	}
	if (fl->n)
		H(b, "</ul>");
	if (e->approved_at)
		H(b, "<p>凭证已审核,已有的附件作为凭据保留,不能删除;还可以补充上传。</p>");
	form_begin_upload(r, url_c_id(r->a, slug, "/admin/ledger/entries/", e->id, "/files"));
	const struct form_field f = {.name = "files",
	                             .label = "上传凭证扫描件",
	                             .hint = "PDF、PNG 或 JPEG(手机照片请选 JPG),每个不超过 10 MB,一次可选多个",
	                             .error = fl->error};
	form_file_field(r, &f, "application/pdf,image/png,image/jpeg", 1);
	form_submit(r, "上传");
	form_end(r);
	H(b, "</section>");
}
