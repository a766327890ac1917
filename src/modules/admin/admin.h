/* The staff side: the dashboard of the communities one runs, a community's
 * workbench with its profile editor, and the audit log. */
#ifndef SHEQU_MODULES_ADMIN_H
#define SHEQU_MODULES_ADMIN_H
#include "auth/audit.h"
#include "http/module.h"
#include "web/cards.h"
#include "web/export.h"

extern const struct module admin_module;

/* admin_view.c */
/* The links the modules add to a workbench, those the visitor may use. */
struct admin_links {
	const struct section **s;
	size_t n;
};
/* The street and district workbench: the modules' overview cards, the
 * communities with their counts (the cards with a community), the links. */
void admin_view_dashboard(struct req *r, const struct community *list, size_t n, const struct admin_links *links,
			  const struct workbench *w);
/* A community's workbench: what needs doing, then its management pages. */
void admin_view_community(struct req *r, const struct community_profile *p, const struct audit_entry *recent,
			  size_t nrecent, const struct admin_links *links, const struct workbench *w);
struct profile_form {
	const char *vals[5]; /* address, phone, hotline, office_hours, intro */
	const char *errs[5];
	int saved;
};
void admin_view_profile(struct req *r, const struct profile_form *f);
/* A page of the audit log, with its pager and export links. */
void admin_view_audit(struct req *r, const struct audit_entry *e, size_t n, int64_t page, int has_next);
/* Audit rows into an export titled title, with the columns of the page and more. 0 or -1. */
int admin_view_audit_export(struct arena *a, struct export_table *x, const char *title,
			    const struct audit_entry *e, size_t n);

#endif
