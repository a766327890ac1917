/* Signing in and out, and changing one's own password. */
#ifndef SHEQU_MODULES_ACCOUNT_H
#define SHEQU_MODULES_ACCOUNT_H
#include "http/module.h"

extern const struct module account_module;

/* account_view.c */
struct login_form {
	const char *login, *next;
	const char *errs[2]; /* login, password */
	const char *message; /* e.g. wrong credentials, throttled */
};
void account_view_login(struct req *r, const struct login_form *f);
struct password_form {
	const char *errs[3]; /* current, new, confirm */
	int done;
	int first; /* after signing in with a password staff set */
	const char *home; /* where the user's work is (their community or workbench) */
};
void account_view_password(struct req *r, const struct password_form *f);

#endif
