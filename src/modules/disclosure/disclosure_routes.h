/* The disclosure module's route tables and helpers shared by its route files. */
#ifndef SHEQU_MODULES_DISCLOSURE_ROUTES_H
#define SHEQU_MODULES_DISCLOSURE_ROUTES_H
#include <sodium.h>

#include "auth/audit.h"
#include "http/module.h"

/* Handlers, listed in the module's route table (disclosure_module.c). */
#define DH(name) enum http_result disclosure_h_##name(struct req *r)
/* public: disclosure_routes.c */
DH(board);
DH(post_page);
DH(objection_page);
DH(objection_submit);
DH(catalogue);
DH(due);
DH(feed);
DH(supervisors);
DH(opinion_submit);
DH(poster);
DH(board_poster);
DH(file);
/* the log: disclosure_api.c */
DH(checkpoint);
DH(key);
DH(leaf);
DH(inclusion);
DH(consistency);
DH(tile);
/* witnesses: disclosure_cosign.c */
DH(cosign_page);
DH(cosign_submit);
/* staff: disclosure_admin.c */
DH(admin_home);
DH(new);
DH(create);
DH(edit);
DH(manage);
DH(action);
DH(recipients);
DH(answer);
DH(review);
DH(catalogue_admin);
DH(item_add);
DH(item_edit);
DH(item_retire_page);
DH(item_retire);
DH(item_restore);
DH(due_all);
/* staff: disclosure_admin_settings.c */
DH(settings_page);
DH(settings);
DH(settings_approve);
DH(settings_reject);
DH(catalogue_export);
DH(recipients_export);
DH(due_export);
#undef DH

/* The role in which the user acts at the request's community, as public records name it ("staff", "street_admin"). */
const char *disclosure_acting_role(const struct req *r);

/* A positive id from a path or query value, else 0. */
int64_t disclosure_param_id(const char *s);

#endif
