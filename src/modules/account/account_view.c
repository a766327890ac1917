/* Pages for signing in and changing the password. */
#include <string.h>

#include "modules/account/account.h"
#include "web/layout.h"

void account_view_login(struct req *r, const struct login_form *f)
{
	struct buf *b = r->out;
	page_begin(r, "登录");
	H(b, "<section class=\"narrow\"><h1>登录</h1>");
	form_refusal(r, f->message);
	form_error_summary(r, f->errs, 2);
	form_begin(r, "/login");
	form_input(r, "login", "账号(用户名或手机号)", "text", f->login, f->errs[0], 1, "username");
	form_input(r, "password", "密码", "password", NULL, f->errs[1], 1, "current-password");
	if (f->next && req_local_path(f->next))
		form_hidden(r, "next", f->next);
	form_submit(r, "登录");
	form_end(r);
	H(b, "<p class=\"hint\">还没有账号?<a href=\"/register\">注册</a>居民账号,或请社区工作人员开通。忘记密码请联系所在社区。</p></section>");
	page_end(r);
}

void account_view_password(struct req *r, const struct password_form *f)
{
	struct buf *b = r->out;
	page_begin(r, "修改密码");
	H(b, "<section class=\"narrow\"><h1>修改密码</h1>");
	if (f->done) {
		page_notice(r, "密码已修改。其他设备上的登录已全部退出。");
		H(b, "<p><a class=\"button\" href=\"");
		h_href(b, f->home);
		H(b, "\">");
		h_text(b, !strncmp(f->home, "/c/", 3) && !strstr(f->home, "/admin/") ? "继续,进入我的社区"
			  : strstr(f->home, "/admin/")					 ? "继续,进入工作台"
											 : "继续,回到首页");
		H(b, "</a></p>");
	}
	if (f->first && !f->done)
		page_notice(r, "您的密码是社区工作人员设置的,请先改成只有您自己知道的新密码。“当前密码”填写工作人员给您的初始密码。");
	form_error_summary(r, f->errs, 3);
	form_begin(r, "/account/password");
	if (f->first && !f->done)
		form_hidden(r, "first", "1");
	form_input(r, "current", "当前密码", "password", NULL, f->errs[0], 1, "current-password");
	form_input(r, "new", "新密码(至少 10 个字符;不要用常见密码,不要含用户名或手机号)", "password", NULL, f->errs[1], 1,
		   "new-password");
	form_input(r, "confirm", "再次输入新密码", "password", NULL, f->errs[2], 1, "new-password");
	form_submit(r, "保存新密码");
	form_end(r);
	H(b, "</section>");
	page_end(r);
}
