/* The registry's staff pages (ppages): the list, the desk's form, a
 * resident's page with the audited full view, edit and status change, the
 * buildings and households, the workbench cards, the JSON API and the
 * demo data. Handlers (people_routes*.c) fill the page structs, views
 * (people_view*.c) render them. Shared by the module's files only. */
#ifndef SHEQU_MODULES_PEOPLE_WEB_H
#define SHEQU_MODULES_PEOPLE_WEB_H
#include <stddef.h>
#include <stdint.h>

#include "http/request.h"
#include "modules/people/people_internal.h"

struct workbench;

/* Fills a demo community's registry (`shequ demo`), in the caller's
 * transaction. 0 or -1. */
int people_demo(struct db *db, struct arena *a, const struct community *c, int64_t now);

#endif
