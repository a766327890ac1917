/* What the ledger hands to the disclosure board: a closed span's
 * statement, as a draft of the community's 财务收支 item, once per span.
 * No lock on the books is needed: a closed month never opens again, and
 * ledger_publication's key keeps a span to one post when two hand it over
 * at once (the second fails at its insert and is rolled back). */
#include <string.h>

#include "modules/disclosure/disclosure.h"
#include "modules/ledger/ledger_report.h"

int ledger_statement_publish(struct db *db, struct arena *a, int64_t community_id, const char *span, int64_t by,
                             int64_t now, int64_t *post_id)
{
	*post_id = 0;
	char from[8], to[8], through[8];
	if (ledger_span_parse(span, from, to, NULL) < 0 || ledger_report_closed_through(db, community_id, through) < 0)
		return -1;
	/* Months close in order: the span is closed when its last month is. */
	if (!*through || strcmp(to, through) > 0)
		return LEDGER_STATE;
	struct ledger_month *months;
	size_t nm;
	if (ledger_report_months(db, a, community_id, &months, &nm) < 0)
		return -1;
	if (!nm || strcmp(to, months[nm - 1].period) < 0) /* newest first: the last is the first month */
		return LEDGER_BEFORE;
	int rc = ledger_report_publication(db, community_id, "finance", span, post_id);
	if (rc <= 0)
		return rc < 0 ? -1 : LEDGER_DUP_NAME;
	struct ledger_statement st;
	if (ledger_statement(db, a, community_id, span, LEDGER_BIG_FEN, &st) < 0)
		return -1;
	const char *body = ledger_statement_markdown(a, &st);
	const char *title = arena_printf(a, "%s财务收支情况", st.title);
	if (!body || !title)
		return -1;
	rc = disclosure_draft_add(db, community_id, "finance", title, body, by, now, post_id);
	if (rc)
		return rc < 0 ? -1 : LEDGER_NOT_FOUND;
	rc = ledger_report_publication_add(db, community_id, "finance", span, *post_id, by, now);
	if (rc == 1)
		*post_id = 0; /* the other's post is not ours to see until it commits */
	return rc == 1 ? LEDGER_DUP_NAME : rc;
}
