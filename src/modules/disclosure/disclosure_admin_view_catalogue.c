/* Staff pages of the catalogue beyond its list and form: the confirmation
 * of retiring an item. */
#include "modules/disclosure/disclosure_web.h"
#include "web/form.h"
#include "web/layout.h"
#include "web/link.h"

void disclosure_admin_view_retire(struct req *r, const struct retire_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "停用公开事项");
	H(b, "<h1>停用公开事项:");
	h_text(b, p->item.title);
	H(b, "</h1>");
	const char *errs[1] = {p->error};
	form_error_summary(r, errs, 1);
	H(b, "<p>停用后,这个事项不再出现在公开目录、新建公开的事项列表和到期提醒中;"
	     "它已经发布的内容仍然公开,到期情况页仍显示它到本期结束。停用理由记入审计日志。"
	     "停用错了,可以在公开目录管理页点“恢复”。</p>");
	form_begin(r, url_c_id(r->a, slug, "/admin/catalogue/", p->item.id, "/retire"));
	form_field_textarea(r,
	                    &(struct form_field){.name = "reason",
	                                         .label = "停用理由",
	                                         .hint = "例如:上级已取消这项公开要求;与“财务收支”合并公开",
	                                         .value = p->reason,
	                                         .error = p->error,
	                                         .required = 1});
	form_submit(r, "确认停用");
	form_end(r);
	H(b, "<p><a href=\"");
	h_clink(b, slug, "/admin/catalogue");
	H(b, "\">取消,返回公开目录管理</a></p>");
	page_end(r);
}
