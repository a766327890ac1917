/* What a module gives the server and the program: its routes, migrations
 * and tables, the roles and subcommands it adds, its part of the OpenAPI
 * document, the sections it adds to a community's home page and the hooks
 * it answers. src/app.c lists the modules; doc/modules.md tells how to add
 * one. The core knows no module by name. */
#ifndef SHEQU_HTTP_MODULE_H
#define SHEQU_HTTP_MODULE_H
#include <stddef.h>

#include "core/embed.h"
#include "http/request.h"

struct tlog_kind;
struct workbench;
struct mine;

enum route_flags {
	ROUTE_API = 1,	       /* answers JSON, errors included */
	ROUTE_NO_SNAPSHOT = 2, /* a GET that writes an audit row: no read-only snapshot around it */
	/* The handler runs Argon2 (checks or sets a password) or waits for a
	 * helper program (src/core/helper.h, e.g. the poster renderer): the
	 * whole request is handled on one of the server's password workers,
	 * with its own database connection, so that a slow hash or helper never
	 * holds up the event loop and the other requests on it. */
	ROUTE_WORKER = 4,
	/* With ROUTE_WORKER: a slow render (a PDF made by a helper program)
	 * rather than a password check. It waits in its own queue, runs only
	 * when no password check waits, and at most 8 wait or run at once
	 * (beyond, 503 with Retry-After): visitors asking for many cannot keep
	 * staff from signing in. */
	ROUTE_SLOW = 8,
	/* The route knows its callers by a key they send (Open311's api_key),
	 * never by the session cookie: the router loads no session for it and
	 * checks no CSRF token on its POSTs, since a form forged on another
	 * site carries no key. Such a route has no roles. */
	ROUTE_KEYED = 16,
};

struct route {
	unsigned methods;    /* METHOD_GET | METHOD_POST */
	const char *pattern; /* "/c/{c}/admin/" : {c} a community slug, {} any one segment, {*} the rest */
	enum http_result (*handler)(struct req *r);
	unsigned roles; /* 0: anyone; else any of these ROLE_BITs (at the community for {c} routes) */
	unsigned flags;
	/* A role a module adds (its name in the module's roles[]) whose
	 * holders may also use the route; NULL for none. */
	const char *role;
};

/* A subcommand a module adds to the program: `shequ <name> ...`. */
struct module_command {
	const char *name;
	const char *summary; /* one line for `shequ --help` */
	int (*run)(int argc, char **argv); /* argv[0] is the name; returns the exit code */
};

/* A link on the community home page. */
struct section {
	const char *title;	 /* Chinese */
	const char *path;	 /* after /c/<slug>, e.g. "/board/" */
	const char *description; /* one line, Chinese */
	unsigned roles;		 /* 0: shown to everyone */
};

struct module {
	const char *name;
	const struct route *routes;
	size_t nroutes;
	const struct embedded_file *migrations; /* may be NULL */
	/* Runs inside each of its migrations' transactions after the SQL (see
	 * struct migration_set). May be NULL. 0, or -1 with a message in err. */
	int (*migrated)(struct db *db, const char *file, char *err, size_t errlen);
	const char *const *tables;		/* its tables, parents first, NULL-terminated; for `shequ copy` */
	/* Those of its tables that its triggers fill from its other tables
	 * (counts kept with the data): `shequ copy` does not copy their rows,
	 * which the triggers make again as the others are copied, and compares
	 * their row counts after. NULL-terminated; usually NULL. */
	const char *const *derived_tables;
	/* Those of its tables whose writes never change what a visitor without
	 * a session sees (rate limits, its own logs): they get no data-version
	 * trigger, so writing them leaves cached pages valid. NULL-terminated;
	 * usually NULL. See src/db/data_version.h. */
	const char *const *unversioned_tables;
	/* Called in the transaction that creates a community (e.g. to seed a
	 * catalogue). May be NULL. 0 or -1. */
	int (*community_created)(struct db *db, int64_t community_id, int64_t now);
	/* Fills a demo community with the module's demo data (`shequ demo`),
	 * in the caller's transaction. May be NULL. 0 or -1. */
	int (*demo)(struct db *db, struct arena *a, const struct community *c, int64_t now);
	/* Called in the transaction that changes a user's password, with the
	 * old one when the user gave it (NULL for a reset). May be NULL. 0 or -1. */
	int (*password_changed)(struct db *db, int64_t user_id, const char *old_pw, const char *new_pw);
	const char *openapi_paths;		/* a JSON object of OpenAPI paths, or NULL */
	const struct section *sections;		/* ends with a NULL title; may be NULL */
	/* Links on the street and district workbench (/admin/): path is
	 * absolute ("/admin/due"). Ends with a NULL title; may be NULL. A
	 * community's own management pages are its sections with roles. */
	const struct section *admin_sections;
	/* Chinese names of the audit actions and entity types it writes, for
	 * the audit log's readers; ends with a NULL key. May be NULL. */
	const struct audit_label *audit_labels;
	/* The types of record it appends to the community's public log, each
	 * with its verifier for `shequ verify` (src/tlog/tlog_store.h); ends
	 * with a NULL type. May be NULL. */
	const struct tlog_kind *log_kinds;
	const struct role_def *roles;		/* the roles it adds (auth.h), ending with a NULL name; may be NULL */
	const struct module_command *commands;	/* its subcommands, ending with a NULL name; may be NULL */
	/* Its API's error shape: the router calls it instead of writing the
	 * core's {"error": {...}} body for errors on this module's ROUTE_API
	 * routes, and on paths under api_prefix that no route matches. NULL:
	 * the core's shape. It writes r->out and sets r->content_type_out. */
	void (*api_error)(struct req *r, int status, const char *code, const char *message);
	/* Paths under this prefix (e.g. "/api/", "/open311/") are the module's
	 * API: a request no route answers gets an API error, not a page. */
	const char *api_prefix;
	/* Writes the module's part of the footer of every page under
	 * /c/<slug>/ (r->community is set) into out. May be NULL. */
	void (*community_footer)(struct req *r, struct buf *out);
	/* Appends its "needs doing" cards (web/cards.h) for the visitor, staff
	 * of c: the community workbench /c/<slug>/admin/; c NULL: the street
	 * and district workbench /admin/, over the communities the visitor
	 * oversees, with one overview card per kind and one card per community
	 * (community_id set) for the communities table. Each card one indexed
	 * query, never one per row. May be NULL. 0 or -1. */
	int (*workbench)(struct req *r, const struct community *c, struct workbench *w);
	/* Adds to m the module's pages of the signed-in visitor (r->user) in
	 * r->community, each with a line of what is coming or waiting, for the
	 * community's 我的 page (web/mine.h). One indexed query each at most.
	 * May be NULL. 0 or -1. */
	int (*mine)(struct req *r, struct mine *m);
	/* Background work (reminders, expiries), called by `shequ serve` every
	 * --tick-seconds (60) on one event loop thread, with that thread's
	 * connection and no transaction open; it runs its own transactions and
	 * should take db_job_try_lock so that of several server processes one
	 * does the work. Keep it short: the loop serves no request meanwhile.
	 * -1 is logged (with the database's error), never fatal. May be NULL. */
	int (*tick)(struct db *db, int64_t now);
};

/* A route with the module it belongs to and the roles it admits, as the
 * router uses it (built once by router_build). */
struct route_entry {
	const struct route *route;
	const struct module *module; /* NULL for the core's own routes */
	unsigned roles;		     /* route->roles and the bit of route->role */
	/* The pattern's last wholly literal path segment ("facilities" of
	 * /c/{c}/facilities/{id}): its number (-1: none) and text in the
	 * pattern. A path whose segment of that number differs cannot match,
	 * so the router skips the route without trying it. */
	int key_seg;
	const char *key;
	size_t key_len;
};

/* Deployment-wide state, read-only once serving starts. */
struct app {
	const struct module *const *modules;
	size_t nmodules;
	const struct route_entry *routes; /* every module's routes in order, then the core's */
	size_t nroutes;
	unsigned char csrf_key[32];
	const char *openapi; /* the merged OpenAPI document */
	size_t openapi_len;
	int secure_cookies;
	/* The site's public base URL for absolute links (feeds, poster QR
	 * codes), from configuration, never from the Host header. */
	const char *public_url;
	int64_t login_delay; /* first wait after repeated wrong passwords, seconds; 0: AUTH_THROTTLE_DELAY */
};

#endif
