/* The public site: the home page listing communities, each community's home
 * page, and the foundation's JSON API (health, communities, OpenAPI). */
#ifndef SHEQU_MODULES_SITE_H
#define SHEQU_MODULES_SITE_H
#include "http/module.h"

extern const struct module site_module;

/* site_view.c */
struct site_home {
	struct community *communities;
	size_t n;
	const struct section **sections; /* the modules' public sections: what each community offers */
	size_t nsections;
};
struct site_community {
	struct community_profile profile;
	struct committee_member *members;
	size_t nmembers;
	const struct section **sections; /* the modules' sections the visitor may see */
	size_t nsections;
};
struct mine;
void site_view_home(struct req *r, const struct site_home *h);
/* 我的: the signed-in visitor's pages in the community, from every module. */
void site_view_mine(struct req *r, const struct mine *m);
void site_view_community(struct req *r, const struct site_community *c);

/* site_api.c */
enum http_result site_api_health(struct req *r);
enum http_result site_api_communities(struct req *r);
enum http_result site_api_openapi(struct req *r);
extern const char site_openapi_paths[];

#endif
