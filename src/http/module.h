/* What a module gives the server: its routes, its migrations, its part of
 * the OpenAPI document and the sections it adds to a community's home page.
 * main.c lists the modules; adding one touches no other. */
#ifndef SHEQU_HTTP_MODULE_H
#define SHEQU_HTTP_MODULE_H
#include <stddef.h>

#include "core/embed.h"
#include "http/request.h"

enum route_flags {
	ROUTE_API = 1,	       /* answers JSON, errors included */
	ROUTE_NO_SNAPSHOT = 2, /* a GET that writes an audit row: no read-only snapshot around it */
	/* The handler runs Argon2 (checks or sets a password): the whole
	 * request is handled on one of the server's password workers, with its
	 * own database connection, so that a slow hash never holds up the event
	 * loop and the other requests on it. */
	ROUTE_WORKER = 4,
};

struct route {
	unsigned methods;    /* METHOD_GET | METHOD_POST */
	const char *pattern; /* "/c/{c}/admin/" : {c} a community slug, {} any one segment */
	enum http_result (*handler)(struct req *r);
	unsigned roles; /* 0: anyone; else any of these ROLE_BITs (at the community for {c} routes) */
	unsigned flags;
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
	/* Writes the module's part of the footer of every page under
	 * /c/<slug>/ (r->community is set) into out. May be NULL. */
	void (*community_footer)(struct req *r, struct buf *out);
};

/* Deployment-wide state, read-only once serving starts. */
struct app {
	const struct module *const *modules;
	size_t nmodules;
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
