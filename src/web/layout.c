#include "web/layout.h"

#include <string.h>

#include "http/module.h"
#include "http/static.h"
#include "web/link.h"

void page_begin(struct req *r, const char *title)
{
	struct buf *b = r->out;
	const char *text = kv_get(&r->cookies, TEXT_COOKIE);
	int large = text && !strcmp(text, "large");
	if (large)
		H(b, "<!doctype html>\n<html lang=\"zh-CN\" class=\"large\"><head><meta charset=\"utf-8\">");
	else
		H(b, "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
	H(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
	h_text(b, title);
	if (r->community) {
		H(b, " - ");
		h_text(b, r->community->name);
	}
	H(b, " - 社区</title><link rel=\"stylesheet\" href=\"/static/site.css?v=");
	h_attr(b, static_etag("site.css"));
	H(b, "\"><link rel=\"icon\" href=\"/static/favicon.svg?v=");
	h_attr(b, static_etag("favicon.svg"));
	H(b, "\" type=\"image/svg+xml\"></head>\n<body><a class=\"skip\" href=\"#main\">跳到正文</a>"
	     "<header class=\"site\"><div class=\"bar\"><a class=\"brand\" href=\"/\">社区</a>");
	if (r->community) {
		H(b, "<a class=\"where\" href=\"");
		h_clink(b, r->community->slug, "/");
		H(b, "\">");
		h_text(b, r->community->name);
		H(b, "</a>");
	}
	H(b, "<nav aria-label=\"账户\">");
	if (r->user) {
		unsigned any = auth_roles_anywhere(r->user->grants, r->user->ngrants);
		H(b, "<span class=\"who\">");
		h_text(b, r->user->display_name);
		H(b, "</span>");
		/* Inside a community its staff's workbench is that community's. */
		if (r->community && req_has_role(r, ROLES_STAFF)) {
			H(b, "<a href=\"");
			h_clink(b, r->community->slug, "/admin/");
			H(b, "\">工作台</a>");
		} else if (any & ROLES_STAFF) {
			H(b, "<a href=\"/admin/\">工作台</a>");
		} else if (r->community) {
			/* A module's role with a page of its own (role_home): a grid worker's orders. */
			const char *home = NULL;
			for (size_t g = 0; !home && g < r->user->ngrants; g++)
				if (req_has_role(r, ROLE_BIT(r->user->grants[g].role)))
					home = role_home(r->user->grants[g].role);
			if (home) {
				H(b, "<a href=\"");
				h_clink(b, r->community->slug, home);
				H(b, "\">我的工作</a>");
			}
		}
		if (r->community) { /* their sign-ups, bookings and record here */
			H(b, "<a href=\"");
			h_clink(b, r->community->slug, "/mine");
			H(b, "\">我的</a>");
		}
		H(b, "<a href=\"/account/password\">修改密码</a>"
		     "<form class=\"inline\" method=\"post\" action=\"/logout\">"
		     "<input type=\"hidden\" name=\"csrf\" value=\"");
		h_attr(b, req_csrf(r));
		H(b, "\"><button type=\"submit\">退出</button></form>");
	} else {
		H(b, "<a href=\"/login\">登录</a>");
	}
	H(b, "</nav></div></header>\n<main id=\"main\">");
}

void page_end(struct req *r)
{
	struct buf *b = r->out;
	const char *text = kv_get(&r->cookies, TEXT_COOKIE);
	int large = text && !strcmp(text, "large");
	/* A rejected form's errors go where the eye is: the top of the page. */
	int errors = form_hoist_errors(b);
	H(b, "</main>\n<footer class=\"site\">");
	for (size_t i = 0; r->community && r->app && i < r->app->nmodules; i++)
		if (r->app->modules[i]->community_footer)
			r->app->modules[i]->community_footer(r, b);
	H(b, "<p>社区数字平台 · 党务居务公开 · 时间均为北京时间</p><p><a href=\"/prefs/text?size=");
	if (large)
		H(b, "normal");
	else
		H(b, "large");
	H(b, "&amp;back=");
	h_url(b, r->path);
	H(b, "\">");
	h_text(b, large ? "标准字号" : "大字模式");
	/* Links for programs, not for reading: folded, and said to be so. */
	H(b, "</a></p><details class=\"machine\"><summary>数据接口(供程序和开发者使用)</summary><p>"
	     "<a href=\"/api/v1/openapi.json\">接口说明(OpenAPI,JSON 格式)</a></p></details></footer>");
	if (errors || memmem(b->data, b->len, "data-confirm=", 13)) {
		/* Moves focus to the errors, asks before a step that cannot be
		 * taken back (the page works without it). */
		H(b, "<script src=\"/static/form.js?v=");
		h_attr(b, static_etag("form.js"));
		H(b, "\" defer></script>");
	}
	H(b, "</body></html>\n");
}

static const char *status_title(int status)
{
	switch (status) {
	case 400:
		return "请求有误";
	case 401:
		return "需要登录";
	case 403:
		return "没有权限";
	case 404:
		return "页面不存在";
	case 405:
		return "不支持的请求方式";
	case 413:
		return "提交的内容过大";
	case 415:
		return "不支持的提交格式";
	case 422:
		return "填写有误";
	case 429:
		return "请求过于频繁";
	case 503:
		return "服务器繁忙";
	}
	return "服务器出错";
}

static const char *status_default(int status)
{
	switch (status) {
	case 400:
		return "服务器无法理解这个请求,请检查后重试。";
	case 401:
		return "请先登录。";
	case 403:
		return "您的账号没有访问这个页面的权限。如需权限,请联系社区或街道管理员。";
	case 404:
		return "您要找的页面不存在,可能地址有误或已被移除。";
	case 405:
		return "这个地址不接受这种请求方式。";
	case 413:
		return "提交的内容超过了大小限制,请删减后重试。";
	case 415:
		return "这种提交格式无法处理。";
	case 429:
		return "操作过于频繁,请稍后再试。";
	case 503:
		return "服务器正忙,请稍后再试。";
	}
	return "服务器处理请求时出错,已记录。请稍后再试。";
}

void page_error(struct req *r, int status, const char *message)
{
	buf_reset(r->out);
	page_begin(r, status_title(status));
	struct buf *b = r->out;
	H(b, "<section class=\"error\"><h1>");
	h_text(b, status_title(status));
	H(b, " <small>(");
	h_int(b, status);
	H(b, ")</small></h1><p>");
	h_text(b, message ? message : status_default(status));
	if (status >= 500 && r->id[0]) {
		/* Quoted to the operator, it finds the cause in the log. */
		H(b, "</p><p class=\"hint\">错误编号:");
		h_text(b, r->id);
	}
	H(b, "</p><p>");
	if (r->community && r->community->slug) {
		/* Lost inside a community: back to its board, not the site's front page. */
		H(b, "<a href=\"");
		h_clink(b, r->community->slug, "/board/");
		H(b, "\">返回");
		h_text(b, r->community->name);
		H(b, "公开栏</a> · ");
	}
	H(b, "<a href=\"/\">返回首页</a>");
	if (status == 403 && !r->user)
		H(b, " · <a href=\"/login\">登录</a>");
	H(b, "</p></section>");
	page_end(r);
}

void page_crumbs(struct req *r, const struct crumb *c, size_t n)
{
	struct buf *b = r->out;
	const char *slug = r->community ? r->community->slug : NULL;
	H(b, "<p class=\"crumbs noprint\">");
	/* a resident on a public page starts from the community, which they may
	 * open, not from the workbench, which they may not */
	if (slug && !req_has_role(r, ROLES_STAFF))
		h_clink_a(b, slug, "/", r->community->name);
	else if (slug)
		h_clink_a(b, slug, "/admin/", "工作台");
	else
		H(b, "<a href=\"/admin/\">工作台</a>");
	for (size_t i = 0; i < n; i++) {
		H(b, " › ");
		if (c[i].path && slug)
			h_clink_a(b, slug, c[i].path, c[i].text);
		else
			h_text(b, c[i].text);
	}
	H(b, "</p>");
}

void page_notice(struct req *r, const char *text)
{
	H(r->out, "<p class=\"notice\" role=\"status\">");
	h_text(r->out, text);
	H(r->out, "</p>");
}

void page_section_cards(struct req *r, const char *heading, const char *slug, const struct section *const *s,
			size_t n)
{
	struct buf *b = r->out;
	if (!n)
		return;
	H(b, "<section><h2>");
	h_text(b, heading);
	H(b, "</h2><ul class=\"cards\">");
	for (size_t i = 0; i < n; i++) {
		H(b, "<li><a href=\"");
		if (slug)
			h_clink(b, slug, s[i]->path);
		else
			h_href(b, s[i]->path);
		H(b, "\">");
		h_text(b, s[i]->title);
		H(b, "</a>");
		if (s[i]->description) {
			H(b, "<span>");
			h_text(b, s[i]->description);
			H(b, "</span>");
		}
		H(b, "</li>");
	}
	H(b, "</ul></section>");
}
