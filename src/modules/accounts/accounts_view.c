/* Pages of the accounts module: the lists of accounts (cards at 360 px,
 * exported through the same columns), the form that opens one, the slip
 * that shows a new password once, and an account's page. */
#include <string.h>

#include "modules/accounts/accounts_web.h"
#include "pii/pii.h"
#include "web/layout.h"
#include "web/link.h"
#include "web/list.h"
#include "web/table.h"

const char *aview_roles(struct arena *a, unsigned roles)
{
	const char *s = "";
	for (int k = 0; k < role_count(); k++)
		if (roles & ROLE_BIT(k))
			s = arena_printf(a, "%s%s%s", s, *s ? "、" : "", role_label((enum role)k));
	return s ? s : "";
}

static const char *login_of(const struct accounts_row *a)
{
	return a->username ? a->username : "";
}

const struct tcol aview_list_cols[] = {
    {"姓名", TCOL_ROWHEAD, NULL},
    {"手机号", 0, "手机号(已遮挡)"},
    {"用户名", 0, NULL},
    {"角色", 0, NULL},
    {"状态", 0, NULL},
    {"开通日期", 0, NULL},
};
const int aview_list_ncols = sizeof aview_list_cols / sizeof *aview_list_cols;

/* The rows of either list: a community's (its roles there) or the staff
 * list (the community of the grant), in the order of its columns. */
static void rows_of(struct req *r, struct table *t, const struct accounts_row *rows, size_t n, int export,
                    int staff)
{
	for (size_t i = 0; i < n; i++) {
		const struct accounts_row *a = &rows[i];
		table_tr(t, a->disabled ? "disabled" : NULL);
		if (export)
			table_text(t, a->display_name);
		else if (staff)
			table_link(t, arena_printf(r->a, "/admin/accounts/%lld", (long long)a->id),
			           a->display_name);
		else
			table_link(t, url_c_id(r->a, r->community->slug, "/admin/accounts/", a->id, NULL),
			           a->display_name);
		if (staff)
			table_text(t, a->unit_name);
		table_text(t, a->phone ? pii_mask_phone(r->a, a->phone) : "");
		table_text(t, login_of(a));
		if (!staff)
			table_text(t, aview_roles(r->a, a->roles));
		table_text(t, a->disabled ? "已停用" : "正常");
		table_date(t, a->created_at);
	}
}

void aview_list_table(struct req *r, struct table *t, const struct accounts_row *rows, size_t n, int export)
{
	rows_of(r, t, rows, n, export, 0);
}

const struct tcol aview_staff_cols[] = {
    {"姓名", TCOL_ROWHEAD, NULL}, {"社区", 0, NULL}, {"手机号", 0, "手机号(已遮挡)"},
    {"用户名", 0, NULL},          {"状态", 0, NULL}, {"开通日期", 0, NULL},
};
const int aview_staff_ncols = sizeof aview_staff_cols / sizeof *aview_staff_cols;

void aview_staff_table(struct req *r, struct table *t, const struct accounts_row *rows, size_t n, int export)
{
	rows_of(r, t, rows, n, export, 1);
}

/* A required select of the communities, grouped by street. */
static void community_select(struct req *r, const struct community *c, size_t n, const char *value,
                             const char *error)
{
	struct form_option *o = arena_alloc(r->a, (n + 1) * sizeof *o);
	if (!o)
		return;
	for (size_t i = 0; i < n; i++)
		o[i] = (struct form_option){c[i].slug, c[i].name, c[i].street.name};
	struct form_field f = {"community", "社区", NULL, value, error, 1, NULL};
	form_select(r, &f, o, n);
}

static void button(struct buf *b, const char *href, const char *text)
{
	H(b, "<a class=\"button\" href=\"");
	h_href(b, href);
	H(b, "\">");
	h_text(b, text);
	H(b, "</a>");
}

void aview_list(struct req *r, const struct accounts_list_page *p)
{
	struct buf *b = r->out;
	const char *slug = r->community->slug;
	page_begin(r, "居民账号");
	H(b, "<p class=\"crumbs\">");
	h_clink_a(b, slug, "/admin/", "工作台");
	H(b, "</p><h1>居民账号</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<p>居民和监督员的账号由社区工作人员开通。开通或重置密码后,系统生成一次性初始密码,"
	     "请打印交给本人;本人首次登录时须改成自己的密码。</p><p>");
	button(b, url_c(r->a, slug, "/admin/accounts/new"), "开通居民账号");
	H(b, "</p>");
	static const char *const names[] = {"role", "state", "q"};
	filter_begin(r, "筛选账号", names, 3);
	static const struct form_option roles[] = {{"", "全部", NULL},
	                                           {"resident", "居民", NULL},
	                                           {"supervisor", "监督员", NULL},
	                                           {"staff", "社区干部", NULL}};
	static const struct form_option states[] = {
	    {"", "全部", NULL}, {"enabled", "正常", NULL}, {"disabled", "已停用", NULL}};
	struct form_field fr = {"role", "角色", NULL, p->f->role, NULL, 0, NULL};
	struct form_field fs = {
	    "state", "状态", NULL, p->f->disabled < 0 ? "" : p->f->disabled ? "disabled" : "enabled",
	    NULL,    0,      NULL};
	struct form_field fq = {"q", "姓名或手机号", NULL, p->f->q, NULL, 0, "off"};
	form_select(r, &fr, roles, 4);
	form_select(r, &fs, states, 3);
	form_field_input(r, &fq, "search");
	filter_end(r, NULL);
	H(b, "<p>");
	export_links(r, NULL);
	H(b, "</p>");
	struct table t;
	table_begin(&t, b, NULL, "账号列表", aview_list_cols, aview_list_ncols, TABLE_CARDS,
	            *p->f->q || *p->f->role || p->f->disabled >= 0 ? "没有符合条件的账号。" : "还没有账号。");
	aview_list_table(r, &t, p->rows, p->n, 0);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	page_end(r);
}

void aview_staff_list(struct req *r, const struct accounts_list_page *p, const struct community *c, size_t n)
{
	struct buf *b = r->out;
	page_begin(r, "社区干部账号");
	H(b, "<p class=\"crumbs\"><a href=\"/admin/\">工作台</a></p><h1>社区干部账号</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<p>您管辖范围内各社区的干部账号。可以为其中的社区开通干部账号、重置密码、停用账号,"
	     "或为已有账号授予、撤销社区干部角色。</p><p>");
	button(b, "/admin/accounts/new", "开通社区干部账号");
	H(b, "</p>");
	static const char *const names[] = {"q"};
	filter_begin(r, "筛选账号", names, 1);
	struct form_field fq = {"q", "姓名或手机号", NULL, p->f->q, NULL, 0, "off"};
	form_field_input(r, &fq, "search");
	filter_end(r, NULL);
	H(b, "<p>");
	export_links(r, NULL);
	H(b, "</p>");
	struct table t;
	table_begin(&t, b, NULL, "社区干部列表", aview_staff_cols, aview_staff_ncols, TABLE_CARDS,
	            *p->f->q ? "没有符合条件的账号。" : "还没有社区干部账号。");
	aview_staff_table(r, &t, p->rows, p->n, 0);
	table_end(&t);
	page_pager(r, p->page, p->has_next);
	const struct accounts_grant_form *g = p->grant;
	H(b, "<section class=\"form\" id=\"grant\"><h2>为已有账号授予社区干部角色</h2>"
	     "<p>本人已有账号(例如原来是居民)时,填写其手机号并选择社区。</p>");
	if (g)
		form_error_summary(r, g->errs, 2);
	form_begin(r, "/admin/accounts/grant");
	struct form_field fm = {"mobile", "手机号", NULL, g ? g->vals[0] : NULL, g ? g->errs[0] : NULL,
	                        1,        "off"};
	form_field_input(r, &fm, "tel");
	community_select(r, c, n, g ? g->vals[1] : NULL, g ? g->errs[1] : NULL);
	form_submit(r, "授予社区干部角色");
	form_end(r);
	H(b, "</section>");
	page_end(r);
}

void aview_new(struct req *r, const struct accounts_new_form *f)
{
	struct buf *b = r->out;
	const char *const *v = f->vals, *const *e = f->errs;
	const char *title = f->staff ? "开通社区干部账号" : "开通居民账号";
	const char *action =
	    f->staff ? "/admin/accounts/new" : url_c(r->a, r->community->slug, "/admin/accounts/new");
	page_begin(r, title);
	H(b, "<p class=\"crumbs\">");
	if (f->staff)
		H(b, "<a href=\"/admin/accounts/\">社区干部账号</a>");
	else
		h_clink_a(b, r->community->slug, "/admin/accounts/", "居民账号");
	H(b, "</p><section class=\"form\"><h1>");
	h_text(b, title);
	H(b, "</h1>");
	form_refusal(r, f->refusal);
	form_error_summary(r, e, AF__MAX);
	form_begin(r, action);
	if (f->staff)
		community_select(r, f->communities, f->ncommunities, v[AF_COMMUNITY], e[AF_COMMUNITY]);
	struct form_field fn = {"name", "姓名", NULL, v[AF_NAME], e[AF_NAME], 1, "off"};
	struct form_field fm = {
	    "mobile", "手机号", "11 位,如 138 0013 8000;本人用它登录", v[AF_MOBILE], e[AF_MOBILE], 1, "off"};
	struct form_field fu = {
	    "username",     "用户名(可不填)", "英文字母开头,3 到 32 位;不填则只能用手机号登录",
	    v[AF_USERNAME], e[AF_USERNAME],   0,
	    "off"};
	form_field_input(r, &fn, "text");
	form_field_input(r, &fm, "tel");
	form_field_input(r, &fu, "text");
	form_submit(r, "开通并生成初始密码");
	form_end(r);
	H(b, "<p "
	     "class=\"hint\">开通后页面只显示一次初始密码,请当场打印或抄给本人。操作记入审计日志。</p></"
	     "section>");
	page_end(r);
}

void aview_slip(struct req *r, const struct accounts_slip *s)
{
	struct buf *b = r->out;
	page_begin(r, s->reset ? "密码已重置" : "账号已开通");
	H(b, "<section class=\"slip\"><h1>");
	h_text(b, s->reset ? "密码已重置" : "账号已开通");
	H(b, "</h1><p class=\"notice\" role=\"status\">初始密码只在本页显示这一次,离开本页后无法再查看。"
	     "请现在打印本页交给本人,或请本人当场记下。</p>");
	H(b, "<h2>登录通知单</h2><dl><dt>姓名</dt><dd>");
	h_text(b, s->name);
	if (s->community) {
		H(b, "</dd><dt>社区</dt><dd>");
		h_text(b, s->community);
	}
	H(b, "</dd><dt>账号</dt><dd>");
	h_text(b, s->login);
	if (s->username) {
		H(b, "(也可以用用户名 ");
		h_text(b, s->username);
		H(b, " 登录)");
	}
	H(b, "</dd><dt>初始密码</dt><dd><code class=\"password\">");
	h_text(b, s->password);
	H(b, "</code></dd></dl><h2>怎样登录</h2><ol><li>用手机或电脑打开 ");
	if (s->site) {
		h_text(b, s->site);
		H(b, "/login");
	} else {
		H(b, "本网站的“登录”页面");
	}
	H(b, "。</li><li>“账号”填上面的账号,“密码”填初始密码(短横线也要输入)。</li>"
	     "<li>登录后系统会要求您设置新密码:“当前密码”填初始密码,再输入两遍您自己的新密码(至少 10 "
	     "个字符)。</li>"
	     "<li>新密码请自己记好,不要告诉别人。忘记密码请到社区重置。</li></ol>");
	H(b, "<p class=\"actions\">");
	button(b, s->back, "返回账号页面");
	H(b, "</p><p class=\"hint noprint\">打印:使用浏览器菜单中的“打印”。</p></section>");
	page_end(r);
}

void aview_account(struct req *r, const struct accounts_page *p)
{
	struct buf *b = r->out;
	const struct accounts_row *a = p->acct;
	page_begin(r, a->display_name);
	H(b, "<p class=\"crumbs\">");
	h_link(b, p->list, r->community ? "居民账号" : "社区干部账号");
	H(b, "</p><h1>");
	h_text(b, a->display_name);
	H(b, "</h1>");
	if (p->notice)
		page_notice(r, p->notice);
	H(b, "<dl><dt>手机号</dt><dd>");
	h_text(b, a->phone ? pii_mask_phone(r->a, a->phone) : "未登记");
	H(b, "</dd><dt>用户名</dt><dd>");
	h_text(b, a->username ? a->username : "未设置");
	H(b, "</dd><dt>状态</dt><dd>");
	h_text(b, a->disabled ? "已停用" : "正常");
	H(b, "</dd><dt>开通日期</dt><dd>");
	h_date(b, a->created_at);
	unsigned here = 0;
	for (size_t g = 0; g < p->grants->ngrants; g++)
		if (r->community && p->grants->grants[g].unit_id == r->community->id)
			here |= ROLE_BIT(p->grants->grants[g].role);
	if (r->community) {
		H(b, "</dd><dt>在本社区的角色</dt><dd>");
		h_text(b, aview_roles(r->a, here));
	}
	H(b, "</dd></dl>");
	if (!p->manageable) {
		H(b, "<p class=\"hint\">");
		h_text(b, p->why_not);
		H(b, "</p>");
		page_end(r);
		return;
	}
	for (size_t g = 0; g < p->grants->ngrants; g++) {
		const struct auth_grant *gr = &p->grants->grants[g];
		for (size_t i = 0; gr->role == ROLE_STAFF && i < p->nscope; i++) {
			if (p->scope[i].id != gr->unit_id)
				continue;
			H(b, "<section><h2>");
			h_text(b, p->scope[i].name);
			H(b, ":社区干部</h2><p>撤销后,本人不再能管理该社区;账号保留。</p>");
			form_begin(r, arena_printf(r->a, "%s/revoke", p->base));
			form_hidden(r, "community", p->scope[i].slug);
			form_submit(r, arena_printf(r->a, "撤销%s的社区干部角色", p->scope[i].name));
			form_end(r);
			H(b, "</section>");
		}
	}
	if (!a->disabled) {
		H(b, "<section><h2>重置密码</h2><p>为本人忘记密码时使用。重置后生成新的初始密码(只显示一次),"
		     "原密码失效,账号在各设备上的登录全部退出,本人登录后须再改成自己的密码。</p>");
		form_begin(r, arena_printf(r->a, "%s/reset", p->base));
		form_checkbox(r, &(struct form_field){.name = "confirm", .label = "已当面或电话核实,是本人要求重置密码"});
		form_submit(r, "重置密码");
		form_end(r);
		H(b, "</section><section><h2>停用账号</h2><p>停用后本人不能登录,已登录的设备立即退出;"
		     "账号和记录都保留,可以随时恢复。</p>");
		form_begin(r, arena_printf(r->a, "%s/disable", p->base));
		form_submit(r, "停用账号");
		form_end(r);
		H(b, "</section>");
	} else {
		H(b, "<section><h2>恢复账号</h2><p>恢复后本人可以用原来的密码登录。</p>");
		form_begin(r, arena_printf(r->a, "%s/enable", p->base));
		form_submit(r, "恢复账号");
		form_end(r);
		H(b, "</section>");
	}
	page_end(r);
}
