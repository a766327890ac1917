/* The 我的 page's links (mine.h). */
#include "web/mine.h"

void mine_add(struct mine *m, const char *title, const char *href, const char *line)
{
	if (m->n < MINE_MAX)
		m->l[m->n++] = (struct mine_link){title, href, line};
}
