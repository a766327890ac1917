/* SQL of Open311: its lists and single requests read the masked subject,
 * address and outcome of workorders_order and nothing else (never the
 * description, the reply or a reason: free text that names people and
 * rooms); 信访 orders are never read. The contact a client sends beyond
 * name and phone is sealed. */
#include <stdlib.h>
#include <string.h>

#include "modules/workorders/workorders_open311.h"

#define ROW_COLS                                                                                             \
	"SELECT id, tracking_code, kind, state, subject_masked, address_masked, COALESCE(resolved, -1),"     \
	" assignee_unit, COALESCE(lat_e6, 0), COALESCE(lon_e6, 0),"                                          \
	" CASE WHEN lat_e6 IS NULL THEN 0 ELSE 1 END,"                                                       \
	" received_at, updated_at, COALESCE(closed_at, 0), COALESCE(finish_due, 0), COALESCE(merged_into, "  \
	"0)"                                                                                                 \
	" FROM workorders_order"
#define KINDS " AND kind IN (?, ?, ?, ?, ?, ?, ?)"
#define FINAL "('rejected', 'closed', 'merged', 'transferred')"
#define IDS_BATCH 20 /* with the community and the 7 kinds, within the PostgreSQL backend's 32 parameters */

/* The window walks workorders_order_received backwards and stops at the cap. */
static struct db_query q_list =
    DB_QUERY(ROW_COLS " WHERE community_id = ? AND received_at >= ? AND received_at <= ?" KINDS
                      " AND ((? = 1 AND state NOT IN " FINAL ") OR (? = 1 AND state IN " FINAL "))"
                      " ORDER BY received_at DESC, id DESC LIMIT ?");
static struct db_query q_ids = DB_QUERY(
    ROW_COLS
    " WHERE community_id = ? AND id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" KINDS);
static struct db_query q_one = DB_QUERY(ROW_COLS " WHERE community_id = ? AND id = ?");
static struct db_query q_code = DB_QUERY(ROW_COLS " WHERE tracking_code = ? AND community_id = ?");
static struct db_query q_contact =
    DB_QUERY("INSERT INTO workorders_open311_contact (community_id, order_id, email_sealed, device_id_sealed,"
             " account_id_sealed) VALUES (?, ?, ?, ?, ?)");

static void row_fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct o311_row *r = slot;
	int k = wo_kind_from(db_col_text(st, 2)), s = wo_state_from(db_col_text(st, 3));
	*r = (struct o311_row){
	    .id = db_col_int(st, 0),
	    .tracking_code = db_col_dup(st, 1, a),
	    .kind = k < 0 ? WO_K_REQUEST : (enum wo_kind)k,
	    .state = s < 0 ? WO_S_RECEIVED : (enum wo_state)s,
	    .subject_masked = db_col_dup(st, 4, a),
	    .address_masked = db_col_dup(st, 5, a),
	    .resolved = (int)db_col_int(st, 6),
	    .assignee_unit = db_col_dup(st, 7, a),
	    .lat_e6 = db_col_int(st, 8),
	    .lon_e6 = db_col_int(st, 9),
	    .has_point = db_col_int(st, 10) != 0,
	    .received_at = db_col_int(st, 11),
	    .updated_at = db_col_int(st, 12),
	    .closed_at = db_col_int(st, 13),
	    .finish_due = db_col_int(st, 14),
	    .merged_into = db_col_int(st, 15),
	};
}

/* Binds the 7 kind slots from first: the kinds of the mask, NULL for the rest. */
static void bind_kinds(struct db_stmt *st, int first, unsigned kinds)
{
	int slot = 0;
	for (int k = 0; k < WO_K__MAX && slot < 7; k++)
		if (kinds & (1u << k))
			db_bind_text(st, first + slot++, wo_kind_name((enum wo_kind)k), -1);
	while (slot < 7)
		db_bind_null(st, first + slot++);
}

/* The kinds a GET may show: those offered as services but 信访, whose
 * petitioners 《信访工作条例》 protects (a petition is taken by POST, never
 * listed). */
static unsigned listed_kinds(void)
{
	size_t n;
	const struct o311_service *s = o311_services(&n);
	unsigned kinds = 0;
	for (size_t i = 0; i < n; i++)
		kinds |= 1u << s[i].kind;
	return kinds & ~(1u << WO_K_PETITION);
}

static int newest_first(const void *x, const void *y)
{
	const struct o311_row *a = x, *b = y;
	if (a->received_at != b->received_at)
		return a->received_at < b->received_at ? 1 : -1;
	return a->id < b->id ? 1 : a->id > b->id ? -1 : 0;
}

int o311_rows(struct db *db, struct arena *a, int64_t community_id, const struct o311_filter *f,
              struct o311_row **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!f->nids) {
		struct db_stmt *st = db_stmt(db, &q_list);
		if (!st)
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, f->from);
		db_bind_int(st, 3, f->to);
		bind_kinds(st, 4, f->kinds & listed_kinds());
		db_bind_int(st, 11, f->want_open);
		db_bind_int(st, 12, f->want_closed);
		db_bind_int(st, 13, O311_MAX_RESULTS);
		return db_rows(st, a, sizeof **out, O311_MAX_RESULTS, (void **)out, n, row_fill);
	}
	/* Explicit ids: fixed-size batches of one statement, then sorted as the lists are. */
	struct o311_row *all = arena_alloc(a, f->nids * sizeof *all);
	if (!all)
		return -1;
	size_t total = 0;
	for (size_t i = 0; i < f->nids; i += IDS_BATCH) {
		struct db_stmt *st = db_stmt(db, &q_ids);
		if (!st)
			return -1;
		db_bind_int(st, 1, community_id);
		for (size_t k = 0; k < IDS_BATCH; k++) {
			if (i + k < f->nids)
				db_bind_int(st, 2 + (int)k, f->ids[i + k]);
			else
				db_bind_null(st, 2 + (int)k);
		}
		bind_kinds(st, 2 + IDS_BATCH, listed_kinds());
		struct o311_row *part;
		size_t got;
		if (db_rows(st, a, sizeof *part, IDS_BATCH, (void **)&part, &got, row_fill) < 0)
			return -1;
		for (size_t k = 0; k < got && total < f->nids; k++)
			all[total++] = part[k];
	}
	qsort(all, total, sizeof *all, newest_first);
	*out = all;
	*n = total;
	return 0;
}

int o311_row(struct db *db, struct arena *a, int64_t community_id, int64_t id, const char *code,
             struct o311_row *out)
{
	struct db_stmt *st = db_stmt(db, code ? &q_code : &q_one);
	if (!st)
		return -1;
	if (code) {
		db_bind_text(st, 1, code, -1);
		db_bind_int(st, 2, community_id);
	} else {
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, id);
	}
	int rc = db_row(st, a, out, row_fill);
	if (rc == 0 && !(listed_kinds() & (1u << out->kind)))
		return 1; /* a mediation case or an emergency call is not an Open311 request; a petition is
		             not shown */
	return rc;
}

int o311_contact_add(struct db *db, struct arena *a, int64_t community_id, int64_t order_id,
                     const char *email, const char *device_id, const char *account_id)
{
	if ((!email || !*email) && (!device_id || !*device_id) && (!account_id || !*account_id))
		return 0;
	struct db_stmt *st = db_stmt(db, &q_contact);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, order_id);
	if (wo_bind_sealed(st, 3, a, email) || wo_bind_sealed(st, 4, a, device_id) ||
	    wo_bind_sealed(st, 5, a, account_id)) {
		db_reset(st);
		return -1;
	}
	return db_run(st) == DB_DONE ? 0 : -1;
}
