/* "Needs doing" cards of the staff workbenches. */
#include <string.h>

#include "web/cards.h"
#include "web/html.h"

int workbench_add(struct workbench *w, const struct wb_card *c)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;
		struct wb_card *v = arena_alloc(w->a, cap * sizeof *v);
		if (!v)
			return -1;
		if (w->n)
			memcpy(v, w->cards, w->n * sizeof *v);
		w->cards = v;
		w->cap = cap;
	}
	w->cards[w->n++] = *c;
	return 0;
}

int workbench_card(struct workbench *w, const char *title, int64_t count, const char *path, const char *note,
		   enum wb_urgency urgency, const char *turn, int64_t community_id)
{
	if (!count)
		return 0;
	struct wb_card c = {.title = title, .count = count, .path = path, .note = note, .urgency = urgency, .turn = turn,
			    .community_id = community_id};
	return workbench_add(w, &c);
}

static const char *const urgency_class[WB__MAX] = {"todo", "todo todo-act", "todo todo-soon", "todo todo-late"};
static const char *const urgency_label[WB__MAX] = {NULL, "待处理", "即将到期", "已逾期"};
static const char *const badge_class[WB__MAX] = {NULL, "act", "due-soon", "due-late"};

void workbench_render(struct req *r, const struct workbench *w, const char *heading, const char *empty)
{
	struct buf *b = r->out;
	size_t shown = 0;
	for (size_t i = 0; i < w->n; i++)
		shown += w->cards[i].count > 0 && !w->cards[i].community_id;
	H(b, "<section class=\"workbench\"><h2>");
	h_text(b, heading);
	H(b, "</h2>");
	if (!shown) {
		H(b, "<p class=\"empty\">");
		h_text(b, empty);
		H(b, "</p></section>");
		return;
	}
	H(b, "<ul class=\"cards\">");
	for (int u = WB__MAX - 1; u >= 0; u--)
		for (size_t i = 0; i < w->n; i++) {
			const struct wb_card *c = &w->cards[i];
			if ((int)c->urgency != u || c->count <= 0 || c->community_id)
				continue;
			H(b, "<li class=\"");
			h_attr(b, urgency_class[u]);
			H(b, "\"><a href=\"");
			h_href(b, c->path);
			H(b, "\">");
			h_text(b, c->title);
			H(b, " <strong class=\"count\">");
			h_int(b, c->count);
			H(b, "</strong></a>");
			if (urgency_label[u]) {
				H(b, "<span class=\"");
				h_attr(b, badge_class[u]);
				H(b, "\">");
				h_text(b, urgency_label[u]);
				H(b, "</span>");
			}
			if (c->note) {
				H(b, "<span>");
				h_text(b, c->note);
				H(b, "</span>");
			}
			if (c->turn) {
				H(b, "<span class=\"turn\">");
				h_text(b, c->turn);
				H(b, "</span>");
			}
			H(b, "</li>");
		}
	H(b, "</ul></section>");
}
