/* 我的: what a signed-in person has in one community (their sign-ups,
 * bookings, record, hours …), one link per module on the page
 * /c/<slug>/mine, which the header links to. Each module adds its links
 * through its `mine` hook (http/module.h). */
#ifndef SHEQU_WEB_MINE_H
#define SHEQU_WEB_MINE_H
#include <stddef.h>

#define MINE_MAX 24

struct mine_link {
	const char *title; /* 我的报名 */
	const char *href;  /* the page, absolute path */
	const char *line;  /* what is coming or waiting, in words; NULL none */
};

struct mine {
	struct mine_link l[MINE_MAX];
	size_t n;
};

/* Adds a link (strings kept as given: literals or the request's arena);
 * nothing past MINE_MAX. */
void mine_add(struct mine *m, const char *title, const char *href, const char *line);

#endif
