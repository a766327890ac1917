/* Pages of the public site. */
#include <string.h>

#include "modules/site/site.h"
#include "web/mine.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/table.h"

void site_view_home(struct req *r, const struct site_home *h)
{
	struct buf *b = r->out;
	page_begin(r, "首页");
	H(b, "<h1>社区数字平台</h1>");
	/* Only what the installed modules offer, in their own words. */
	H(b, "<p class=\"lead\">在这里可以查看您所在社区的简介、“两委”成员和联系方式");
	if (h->nsections) {
		H(b, ",以及:</p><ul class=\"offers\">");
		for (size_t i = 0; i < h->nsections; i++) {
			H(b, "<li><strong>");
			h_text(b, h->sections[i]->title);
			H(b, "</strong>");
			if (h->sections[i]->description) {
				H(b, ":");
				h_text(b, h->sections[i]->description);
			}
			H(b, "</li>");
		}
		H(b, "</ul>");
	} else {
		H(b, "。</p>");
	}
	H(b, "<p>请选择您所在的社区:</p>");
	if (!h->n)
		H(b, "<p>还没有社区。管理员可以用 <code>shequ demo</code> 载入示例数据。</p>");
	int64_t street = -1;
	for (size_t i = 0; i < h->n; i++) {
		const struct community *c = &h->communities[i];
		if (c->street.id != street) {
			if (street != -1)
				H(b, "</ul></section>");
			street = c->street.id;
			H(b, "<section class=\"street\"><h2>");
			h_text(b, c->district.name);
			H(b, " · ");
			h_text(b, c->street.name);
			H(b, "</h2><ul class=\"cards\">");
		}
		H(b, "<li>");
		h_clink_a(b, c->slug, "/", c->name);
		H(b, "</li>");
	}
	if (street != -1)
		H(b, "</ul></section>");
	page_end(r);
}

/* One committee's members as a table; nothing if it has none. */
static void committee_table(struct buf *b, const struct site_community *c, enum committee which)
{
	static const struct tcol cols[] = {
	    {"姓名", TCOL_ROWHEAD, NULL}, {"职务", 0, NULL}, {"分工", 0, NULL}};
	size_t count = 0;
	for (size_t i = 0; i < c->nmembers; i++)
		count += c->members[i].committee == which;
	if (!count)
		return;
	struct table t;
	H(b, "<section><h3>");
	h_text(b, committee_label(which));
	H(b, "</h3>");
	table_begin(&t, b, NULL, committee_label(which), cols, 3, TABLE_CARDS, NULL);
	for (size_t i = 0; i < c->nmembers; i++) {
		const struct committee_member *m = &c->members[i];
		if (m->committee != which)
			continue;
		table_tr(&t, NULL);
		table_text(&t, m->name);
		table_text(&t, m->title);
		table_text(&t, m->duty);
	}
	table_end(&t);
	H(b, "</section>");
}

/* One row of the contact list, skipped when empty. */
static void contact_row(struct buf *b, const char *label, const char *value, int phone)
{
	if (!value || !*value)
		return;
	H(b, "<dt>");
	h_text(b, label);
	H(b, "</dt><dd>");
	if (phone) {
		H(b, "<a href=\"tel:");
		h_url(b, value);
		H(b, "\">");
		h_text(b, value);
		H(b, "</a>");
	} else {
		h_text(b, value);
	}
	H(b, "</dd>");
}

void site_view_community(struct req *r, const struct site_community *c)
{
	struct buf *b = r->out;
	const struct community *cm = r->community;
	page_begin(r, "社区首页");
	H(b, "<p class=\"crumbs\">");
	h_text(b, cm->district.name);
	H(b, " › ");
	h_text(b, cm->street.name);
	H(b, "</p><h1>");
	h_text(b, cm->name);
	H(b, "</h1>");
	if (*c->profile.intro) {
		H(b, "<p class=\"lead\">");
		h_multiline(b, c->profile.intro);
		H(b, "</p>");
	}
	if (*c->profile.hotline) {
		H(b, "<p class=\"hotline\">社区服务热线 <a href=\"tel:");
		h_url(b, c->profile.hotline);
		H(b, "\">");
		h_text(b, c->profile.hotline);
		H(b, "</a></p>");
	}
	page_section_cards(r, "栏目", cm->slug, c->sections, c->nsections);
	H(b, "<section><h2>社区“两委”成员</h2>");
	if (!c->nmembers)
		H(b, "<p>尚未公布。</p>");
	committee_table(b, c, COMMITTEE_PARTY);
	committee_table(b, c, COMMITTEE_RESIDENTS);
	H(b, "</section><section><h2>联系我们</h2><dl class=\"contact\">");
	contact_row(b, "地址", c->profile.address, 0);
	contact_row(b, "办公电话", c->profile.phone, 1);
	contact_row(b, "服务热线", c->profile.hotline, 1);
	contact_row(b, "办公时间", c->profile.office_hours, 0);
	H(b, "</dl></section>");
	if (req_has_role(r, ROLES_STAFF)) {
		H(b, "<p><a class=\"button\" href=\"");
		h_clink(b, cm->slug, "/admin/");
		H(b, "\">进入社区工作台</a></p>");
	}
	page_end(r);
}

void site_view_mine(struct req *r, const struct mine *m)
{
	struct buf *b = r->out;
	page_begin(r, "我的");
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, r->community->slug, "/", r->community->name);
	H(b, "</p><h1>我的</h1>");
	if (!m->n) {
		H(b, "<p>你在本社区还没有报名、预约或登记的事项。</p>");
	} else {
		H(b, "<ul class=\"cards\">");
		for (size_t i = 0; i < m->n; i++) {
			H(b, "<li>");
			h_link(b, m->l[i].href, m->l[i].title);
			if (m->l[i].line) {
				H(b, "<br><span class=\"act\">");
				h_text(b, m->l[i].line);
				H(b, "</span>");
			}
			H(b, "</li>");
		}
		H(b, "</ul>");
	}
	H(b, "<p>");
	h_link(b, "/account/password", "修改密码");
	H(b, "</p>");
	page_end(r);
}
