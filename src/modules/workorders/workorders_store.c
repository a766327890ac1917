/* SQL for work orders: the deadline rules, recording an order, loading it
 * (opened for staff, masked for everyone else), lists and the timeline.
 * Every statement names the community; writes run in the caller's
 * transaction. The steps on an order are in workorders_flow.c. */
#include <string.h>

#include "core/str.h"
#include "modules/workorders/workorders_internal.h"
#include "pii/pii.h"

/* ---- rules ---- */

#define RULE_COLS                                                                                            \
	"SELECT kind, accept_days, respond_hours, finish_days, finish_from_accept, working_days,"            \
	" extension_max_days FROM workorders_rule WHERE community_id = ?"
static struct db_query q_rule = DB_QUERY(RULE_COLS " AND kind = ?");
static struct db_query q_rules = DB_QUERY(RULE_COLS " ORDER BY kind");
static struct db_query q_rule_set = DB_QUERY(
    "INSERT INTO workorders_rule (community_id, kind, accept_days, respond_hours, finish_days, "
    "finish_from_accept,"
    " working_days, extension_max_days, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (community_id, kind) DO UPDATE SET accept_days = excluded.accept_days,"
    " respond_hours = excluded.respond_hours, finish_days = excluded.finish_days,"
    " finish_from_accept = excluded.finish_from_accept, working_days = excluded.working_days,"
    " extension_max_days = excluded.extension_max_days, updated_at = excluded.updated_at,"
    " updated_by = excluded.updated_by");

static void rule_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	(void)a;
	struct wo_rule *r = slot;
	int k = wo_kind_from(db_col_text(st, 0));
	r->kind = k < 0 ? WO_K__MAX : (enum wo_kind)k;
	r->accept_days = (int)db_col_int(st, 1);
	r->respond_hours = (int)db_col_int(st, 2);
	r->finish_days = (int)db_col_int(st, 3);
	r->finish_from_accept = (int)db_col_int(st, 4);
	r->working_days = (int)db_col_int(st, 5);
	r->extension_max_days = (int)db_col_int(st, 6);
}

int wo_rule_get(struct db *db, int64_t community_id, enum wo_kind k, struct wo_rule *out)
{
	struct db_stmt *st = db_stmt(db, &q_rule);
	if (!st || (unsigned)k >= WO_K__MAX)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, wo_kind_name(k), -1);
	int rc = db_step(st);
	if (rc == DB_ROW)
		rule_from_row(st, NULL, out);
	else if (rc == DB_DONE)
		*out = wo_rule_default(k);
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : -1;
}

int wo_rules(struct db *db, int64_t community_id, struct wo_rule out[WO_K__MAX])
{
	for (int k = 0; k < WO_K__MAX; k++)
		out[k] = wo_rule_default((enum wo_kind)k);
	struct db_stmt *st = db_stmt(db, &q_rules);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct wo_rule r;
		rule_from_row(st, NULL, &r);
		if (r.kind < WO_K__MAX)
			out[r.kind] = r;
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}

int wo_rule_set(struct db *db, int64_t community_id, const struct wo_rule *r, int64_t by, int64_t now)
{
	struct db_stmt *st = db_stmt(db, &q_rule_set);
	if (!st || (unsigned)r->kind >= WO_K__MAX)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(st, 2, wo_kind_name(r->kind), -1);
	db_bind_int(st, 3, r->accept_days);
	db_bind_int(st, 4, r->respond_hours);
	db_bind_int(st, 5, r->finish_days);
	db_bind_int(st, 6, r->finish_from_accept ? 1 : 0);
	db_bind_int(st, 7, r->working_days ? 1 : 0);
	db_bind_int(st, 8, r->extension_max_days);
	db_bind_int(st, 9, now);
	db_bind_int_or_null(st, 10, by);
	return db_run(st) == DB_DONE ? 0 : -1;
}

/* ---- recording an order ---- */

/* ON CONFLICT on the tracking code lets a (very unlikely) clash of random
 * codes be retried without aborting the transaction (PostgreSQL would). */
static struct db_query q_order_add = DB_QUERY(
    "INSERT INTO workorders_order (community_id, id, tracking_code, channel, kind, state, subject, "
    "subject_masked,"
    " description_sealed, description_masked, address_sealed, address_masked, lat_e6, lon_e6, anonymous,"
    " requester_user_id, requester_name_sealed, requester_name_masked, requester_phone_sealed,"
    " requester_phone_masked, requester_phone_index, attributes, api_client_id, received_by, received_at,"
    " accept_due, respond_due, finish_due, transferred_from_community, transferred_from_order, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, 'received', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19,"
    " ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?24)"
    " ON CONFLICT (tracking_code) DO NOTHING");

/* Binds what wo_order_add writes but the code and ids. 0 or -1. */
static int bind_new(struct db_stmt *st, struct arena *a, const struct wo_new *n, const struct wo_due *due)
{
	const char *subject = n->subject ? n->subject : "";
	const char *sm = wo_mask_free(a, subject, n->requester_name, n->address),
	           *dm = wo_mask_free(a, n->description, n->requester_name, n->address);
	const char *am = wo_mask_address(a, n->address, n->requester_name);
	const char *nm = pii_mask_name(a, n->requester_name ? n->requester_name : "");
	const char *pm = pii_mask_phone(a, n->requester_phone ? n->requester_phone : "");
	if (!sm || !dm || !am || !nm || !pm)
		return -1;
	if (wo_bind_sealed(st, 8, a, n->description) < 0 || wo_bind_sealed(st, 10, a, n->address) < 0 ||
	    wo_bind_sealed(st, 16, a, n->requester_name) < 0 ||
	    wo_bind_sealed(st, 18, a, n->requester_phone) < 0)
		return -1;
	unsigned char index[PII_INDEX_BYTES];
	int ix = wo_phone_index(n->requester_phone, index);
	if (ix < 0)
		return -1;
	if (ix == 0)
		db_bind_blob(st, 20, index, sizeof index);
	else
		db_bind_null(st, 20);
	db_bind_text(st, 4, wo_channel_name(n->channel), -1);
	db_bind_text(st, 5, wo_kind_name(n->kind), -1);
	db_bind_text(st, 6, subject, -1);
	db_bind_text(st, 7, sm, -1);
	db_bind_text(st, 9, dm, -1);
	db_bind_text(st, 11, am, -1);
	if (n->has_point) {
		db_bind_int(st, 12, n->lat_e6);
		db_bind_int(st, 13, n->lon_e6);
	} else {
		db_bind_null(st, 12);
		db_bind_null(st, 13);
	}
	db_bind_int(st, 14, n->anonymous ? 1 : 0);
	db_bind_int_or_null(st, 15, n->requester_user_id);
	db_bind_text(st, 17, nm, -1);
	db_bind_text(st, 19, pm, -1);
	db_bind_text(st, 21, n->attributes ? n->attributes : "", -1);
	db_bind_int_or_null(st, 22, n->api_client_id);
	db_bind_int_or_null(st, 23, n->received_by);
	db_bind_int(st, 24, n->received_at);
	db_bind_int_or_null(st, 25, due->accept);
	db_bind_int_or_null(st, 26, due->respond);
	db_bind_int_or_null(st, 27, due->finish);
	db_bind_int_or_null(st, 28, n->transferred_from_community);
	db_bind_int_or_null(st, 29, n->transferred_from_order);
	return 0;
}

int wo_order_add(struct db *db, struct arena *a, int64_t community_id, const struct wo_new *n, int64_t *id,
                 const char **tracking_code)
{
	if ((unsigned)n->channel >= WO_CH__MAX || (unsigned)n->kind >= WO_K__MAX)
		return -1;
	struct wo_rule rule;
	if (wo_rule_get(db, community_id, n->kind, &rule) < 0)
		return -1;
	struct wo_due due = wo_deadlines(&rule, n->received_at, 0, 0);
	int64_t next;
	if (db_next_id(db, community_id, "workorders_order", &next) < 0)
		return -1;
	for (int tries = 0; tries < 8; tries++) {
		char code[WO_CODE_LEN + 1];
		wo_code_new(code);
		struct db_stmt *st = db_stmt(db, &q_order_add);
		if (!st || bind_new(st, a, n, &due) < 0)
			return -1;
		db_bind_int(st, 1, community_id);
		db_bind_int(st, 2, next);
		db_bind_text(st, 3, code, -1);
		int64_t changed;
		if (db_run_count(st, &changed) != DB_DONE)
			return -1;
		if (changed == 1) {
			*id = next;
			*tracking_code = arena_strdup(a, code);
			return wo_event_add(db, a, community_id, next, n->received_at, n->received_by,
			                    n->actor, WO_A_RECEIVE, 1, NULL);
		}
	}
	return -1;
}

/* ---- loading an order ---- */

/* The masked projection (columns 0..47); staff loads add the subject as
 * typed and the sealed fields (48..54). */
#define ORDER_SELECT                                                                                         \
	"SELECT o.community_id, o.id, o.tracking_code, o.channel, o.kind, o.state, o.subject_masked,"        \
	" o.description_masked, o.address_masked, o.lat_e6, o.lon_e6, o.anonymous,"                          \
	" COALESCE(o.requester_user_id, 0), o.requester_name_masked, o.requester_phone_masked, "             \
	"o.attributes,"                                                                                      \
	" COALESCE(o.api_client_id, 0), COALESCE(o.received_by, 0), o.received_at, COALESCE(o.accepted_at, " \
	"0),"                                                                                                \
	" COALESCE(o.assigned_at, 0), COALESCE(o.replied_at, 0), COALESCE(o.closed_at, 0),"                  \
	" COALESCE(o.responded_at, 0), o.updated_at, COALESCE(o.accept_due, 0), COALESCE(o.respond_due, 0)," \
	" COALESCE(o.finish_due, 0), COALESCE(o.assignee_user_id, 0), COALESCE(u.display_name, "             \
	"o.assignee_unit),"                                                                                  \
	" o.assignee_unit, o.reject_reason, o.reply_masked, COALESCE(o.resolved, -1), o.extension_state,"    \
	" o.extension_days, o.extension_reason, COALESCE(o.extension_by, 0), "                               \
	"COALESCE(o.extension_decided_by, 0),"                                                               \
	" o.reopened, COALESCE(o.rating, ''), o.rating_comment_masked, COALESCE(o.rated_at, 0),"             \
	" COALESCE(o.merged_into, 0), COALESCE(o.transferred_to_community, 0), "                             \
	"COALESCE(o.transferred_to_order, 0),"                                                               \
	" COALESCE(o.transferred_from_community, 0), COALESCE(o.transferred_from_order, 0)"
#define ORDER_SEALED                                                                                         \
	", o.subject, o.description_sealed, o.address_sealed, o.requester_name_sealed, "                     \
	"o.requester_phone_sealed,"                                                                          \
	" o.reply_sealed, o.rating_comment_sealed"
#define ORDER_FROM " FROM workorders_order o LEFT JOIN users u ON u.id = o.assignee_user_id"
static struct db_query q_order_public =
    DB_QUERY(ORDER_SELECT ORDER_FROM " WHERE o.community_id = ? AND o.id = ?");
static struct db_query q_order_full =
    DB_QUERY(ORDER_SELECT ORDER_SEALED ORDER_FROM " WHERE o.community_id = ? AND o.id = ?");
static struct db_query q_order_code = DB_QUERY(ORDER_SELECT ORDER_FROM " WHERE o.tracking_code = ?");
static struct db_query q_order_lock =
    DB_QUERY("SELECT 1 FROM workorders_order WHERE community_id = ? AND id = ? @FOR_UPDATE@");
static struct db_query q_order_phone = DB_QUERY(
    "SELECT COUNT(*) FROM workorders_order WHERE community_id = ? AND id = ? AND requester_phone_index = ?");

static void order_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct wo_order *o = slot;
	memset(o, 0, sizeof *o);
	o->community_id = db_col_int(st, 0);
	o->id = db_col_int(st, 1);
	o->tracking_code = db_col_dup(st, 2, a);
	int c = wo_channel_from(db_col_text(st, 3)), k = wo_kind_from(db_col_text(st, 4));
	int s = wo_state_from(db_col_text(st, 5));
	o->channel = c < 0 ? WO_CH_WEB : (enum wo_channel)c;
	o->kind = k < 0 ? WO_K_REQUEST : (enum wo_kind)k;
	o->state = s < 0 ? WO_S_RECEIVED : (enum wo_state)s;
	o->subject_masked = db_col_dup(st, 6, a);
	o->description_masked = db_col_dup(st, 7, a);
	o->address_masked = db_col_dup(st, 8, a);
	o->has_point = !db_col_is_null(st, 9) && !db_col_is_null(st, 10);
	o->lat_e6 = db_col_int(st, 9);
	o->lon_e6 = db_col_int(st, 10);
	o->anonymous = (int)db_col_int(st, 11);
	o->requester_user_id = db_col_int(st, 12);
	o->requester_name_masked = db_col_dup(st, 13, a);
	o->requester_phone_masked = db_col_dup(st, 14, a);
	o->attributes = db_col_dup(st, 15, a);
	o->api_client_id = db_col_int(st, 16);
	o->received_by = db_col_int(st, 17);
	o->received_at = db_col_int(st, 18);
	o->accepted_at = db_col_int(st, 19);
	o->assigned_at = db_col_int(st, 20);
	o->replied_at = db_col_int(st, 21);
	o->closed_at = db_col_int(st, 22);
	o->responded_at = db_col_int(st, 23);
	o->updated_at = db_col_int(st, 24);
	o->due.accept = db_col_int(st, 25);
	o->due.respond = db_col_int(st, 26);
	o->due.finish = db_col_int(st, 27);
	o->assignee_user_id = db_col_int(st, 28);
	o->assignee_name = db_col_dup(st, 29, a);
	o->assignee_unit = db_col_dup(st, 30, a);
	o->reject_reason = db_col_dup(st, 31, a);
	o->reply_masked = db_col_dup(st, 32, a);
	o->resolved = (int)db_col_int(st, 33);
	o->extension_state = db_col_dup(st, 34, a);
	o->extension_days = (int)db_col_int(st, 35);
	o->extension_reason = db_col_dup(st, 36, a);
	o->extension_by = db_col_int(st, 37);
	o->extension_decided_by = db_col_int(st, 38);
	o->reopened = (int)db_col_int(st, 39);
	int r = wo_rating_from(db_col_text(st, 40));
	o->rating = r < 0 ? WO_R_NONE : (enum wo_rating)r;
	o->rating_comment_masked = db_col_dup(st, 41, a);
	o->rated_at = db_col_int(st, 42);
	o->merged_into = db_col_int(st, 43);
	o->transferred_to_community = db_col_int(st, 44);
	o->transferred_to_order = db_col_int(st, 45);
	o->transferred_from_community = db_col_int(st, 46);
	o->transferred_from_order = db_col_int(st, 47);
}

static void order_full_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct wo_order *o = slot;
	order_from_row(st, a, slot);
	o->subject = db_col_dup(st, 48, a);
	o->description = wo_col_opened(st, 49, a);
	o->address = wo_col_opened(st, 50, a);
	o->requester_name = wo_col_opened(st, 51, a);
	o->requester_phone = wo_col_opened(st, 52, a);
	o->reply = wo_col_opened(st, 53, a);
	o->rating_comment = wo_col_opened(st, 54, a);
}

int wo_order_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct wo_order *o)
{
	struct db_stmt *st = db_stmt(db, &q_order_full);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_row(st, a, o, order_full_from_row);
	if (rc != 0)
		return rc;
	if (!o->subject || !o->description || !o->address || !o->requester_name || !o->requester_phone ||
	    !o->reply || !o->rating_comment)
		return wo_not_opened("order", community_id, id);
	return 0;
}

int wo_order_public(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct wo_order *o)
{
	struct db_stmt *st = db_stmt(db, &q_order_public);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	return db_row(st, a, o, order_from_row);
}

int wo_order_by_code(struct db *db, struct arena *a, const char *code, struct wo_order *o)
{
	char c[WO_CODE_LEN + 1];
	if (wo_code_normalize(code, c) < 0)
		return 1;
	struct db_stmt *st = db_stmt(db, &q_order_code);
	if (!st)
		return -1;
	db_bind_text(st, 1, c, -1);
	return db_row(st, a, o, order_from_row);
}

int wo_order_phone_matches(struct db *db, int64_t community_id, int64_t id, const char *phone)
{
	unsigned char index[PII_INDEX_BYTES];
	int ix = wo_phone_index(phone, index);
	if (ix != 0)
		return ix > 0 ? 0 : -1;
	struct db_stmt *st = db_stmt(db, &q_order_phone);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	db_bind_blob(st, 3, index, sizeof index);
	int64_t n;
	if (db_one_int(st, &n) != 0)
		return -1;
	return n > 0 ? 1 : 0;
}

int wo_order_lock(struct db *db, int64_t community_id, int64_t id)
{
	return db_lock_row(db, &q_order_lock, community_id, id);
}

/* ---- lists ---- */

/* One statement for every filter, walking workorders_order_received
 * newest first. Parameters: community, state, open only, kind, channel,
 * overdue, now, assignee, requester, from, to, q, LIKE pattern of q, q as
 * a tracking code, limit, offset, waiting (1: an extension asked, 2:
 * rated 不满意, 3: due within 24 hours and not yet overdue, as the
 * workbench's 即将到期 card counts). An order is overdue when it is still the
 * staff's turn (open, not waiting on the requester's rating) and a
 * deadline it has not met passed. */
static struct db_query q_orders =
    DB_QUERY("SELECT o.id, o.tracking_code, o.channel, o.kind, o.state, o.subject_masked, o.address_masked,"
             " o.requester_name_masked, COALESCE(u.display_name, o.assignee_unit), o.received_at, "
             "COALESCE(o.closed_at, 0),"
             " COALESCE(o.accept_due, 0), COALESCE(o.respond_due, 0), COALESCE(o.finish_due, 0),"
             " COALESCE(o.responded_at, 0), COALESCE(o.accepted_at, 0), COALESCE(o.resolved, -1), "
             "COALESCE(o.rating, '')"
             " FROM workorders_order o LEFT JOIN users u ON u.id = o.assignee_user_id"
             " WHERE o.community_id = ?1"
             " AND (CAST(?2 AS TEXT) = '' OR o.state = CAST(?2 AS TEXT))"
             " AND (CAST(?3 AS BIGINT) = 0 OR o.state NOT IN ('rejected', 'closed', 'merged', 'transferred'))"
             " AND (CAST(?4 AS TEXT) = '' OR o.kind = CAST(?4 AS TEXT))"
             " AND (CAST(?5 AS TEXT) = '' OR o.channel = CAST(?5 AS TEXT))"
             " AND (CAST(?6 AS BIGINT) = 0 OR (o.state IN ('received', 'accepted', 'assigned', 'in_progress')"
             " AND ((o.accepted_at IS NULL AND o.accept_due < CAST(?7 AS BIGINT))"
             " OR (o.responded_at IS NULL AND o.respond_due < CAST(?7 AS BIGINT)) OR o.finish_due < CAST(?7 "
             "AS BIGINT))))"
             " AND (CAST(?8 AS BIGINT) = 0 OR o.assignee_user_id = CAST(?8 AS BIGINT))"
             " AND (CAST(?9 AS BIGINT) = 0 OR o.requester_user_id = CAST(?9 AS BIGINT))"
             " AND (CAST(?10 AS BIGINT) = 0 OR o.received_at >= CAST(?10 AS BIGINT))"
             " AND (CAST(?11 AS BIGINT) = 0 OR o.received_at < CAST(?11 AS BIGINT))"
             " AND (CAST(?12 AS TEXT) = '' OR o.subject LIKE CAST(?13 AS TEXT) ESCAPE '!'"
             " OR o.tracking_code = CAST(?14 AS TEXT) OR CAST(o.id AS TEXT) = CAST(?12 AS TEXT))"
             " AND (CAST(?17 AS BIGINT) <> 1 OR o.extension_state = 'requested')"
             " AND (CAST(?17 AS BIGINT) <> 2 OR o.rating = 'unsatisfied')"
             " AND (CAST(?17 AS BIGINT) <> 3 OR (o.state IN ('received', 'accepted', 'assigned', 'in_progress')"
             " AND NOT ((o.accepted_at IS NULL AND COALESCE(o.accept_due < CAST(?7 AS BIGINT), FALSE))"
             " OR (o.responded_at IS NULL AND COALESCE(o.respond_due < CAST(?7 AS BIGINT), FALSE))"
             " OR COALESCE(o.finish_due < CAST(?7 AS BIGINT), FALSE))"
             " AND ((o.accepted_at IS NULL AND o.accept_due <= CAST(?7 AS BIGINT) + 86400)"
             " OR (o.responded_at IS NULL AND o.respond_due <= CAST(?7 AS BIGINT) + 86400)"
             " OR o.finish_due <= CAST(?7 AS BIGINT) + 86400)))"
             " ORDER BY o.received_at DESC, o.id DESC LIMIT ?15 OFFSET ?16");

static void line_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct wo_line *l = slot;
	memset(l, 0, sizeof *l);
	l->id = db_col_int(st, 0);
	l->tracking_code = db_col_dup(st, 1, a);
	int c = wo_channel_from(db_col_text(st, 2)), k = wo_kind_from(db_col_text(st, 3));
	int s = wo_state_from(db_col_text(st, 4)), r = wo_rating_from(db_col_text(st, 17));
	l->channel = c < 0 ? WO_CH_WEB : (enum wo_channel)c;
	l->kind = k < 0 ? WO_K_REQUEST : (enum wo_kind)k;
	l->state = s < 0 ? WO_S_RECEIVED : (enum wo_state)s;
	l->subject_masked = db_col_dup(st, 5, a);
	l->address_masked = db_col_dup(st, 6, a);
	l->requester_name_masked = db_col_dup(st, 7, a);
	l->assignee_name = db_col_dup(st, 8, a);
	l->received_at = db_col_int(st, 9);
	l->closed_at = db_col_int(st, 10);
	l->due.accept = db_col_int(st, 11);
	l->due.respond = db_col_int(st, 12);
	l->due.finish = db_col_int(st, 13);
	l->responded_at = db_col_int(st, 14);
	l->accepted_at = db_col_int(st, 15);
	l->resolved = (int)db_col_int(st, 16);
	l->rating = r < 0 ? WO_R_NONE : (enum wo_rating)r;
}

int wo_orders(struct db *db, struct arena *a, int64_t community_id, const struct wo_filter *f, int64_t offset,
              int limit, struct wo_line **out, size_t *n, int *more)
{
	*out = NULL;
	*n = 0;
	*more = 0;
	if (limit <= 0 || limit > 1000 || offset < 0)
		return -1;
	const char *q = f->q ? f->q : "", *like = db_like_pattern(a, q);
	char code[WO_CODE_LEN + 1] = "";
	if (!like)
		return -1;
	if (*q && wo_code_normalize(q, code) < 0)
		code[0] = 0;
	struct db_stmt *st = db_stmt(db, &q_orders);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_text(
	    st, 2, f->state > 0 && f->state <= WO_S__MAX ? wo_state_name((enum wo_state)(f->state - 1)) : "",
	    -1);
	db_bind_int(st, 3, f->open_only ? 1 : 0);
	db_bind_text(
	    st, 4, f->kind > 0 && f->kind <= WO_K__MAX ? wo_kind_name((enum wo_kind)(f->kind - 1)) : "", -1);
	db_bind_text(st, 5,
	             f->channel > 0 && f->channel <= WO_CH__MAX
	                 ? wo_channel_name((enum wo_channel)(f->channel - 1))
	                 : "",
	             -1);
	db_bind_int(st, 6, f->overdue ? 1 : 0);
	db_bind_int(st, 7, f->now);
	db_bind_int(st, 8, f->assignee_user_id);
	db_bind_int(st, 9, f->requester_user_id);
	db_bind_int(st, 10, f->from);
	db_bind_int(st, 11, f->to);
	db_bind_text(st, 12, q, -1);
	db_bind_text(st, 13, like, -1);
	db_bind_text(st, 14, code, -1);
	db_bind_int(st, 15, limit + 1);
	db_bind_int(st, 16, offset);
	db_bind_int(st, 17, f->waiting);
	if (db_rows(st, a, sizeof **out, (size_t)limit + 1, (void **)out, n, line_from_row) < 0)
		return -1;
	if (*n > (size_t)limit) {
		*n = (size_t)limit;
		*more = 1;
	}
	return 0;
}

/* ---- the timeline ---- */

#define EVENT_COLS "SELECT id, at, COALESCE(actor_user_id, 0), actor, action, public, note_masked"
static struct db_query q_events_all = DB_QUERY(
    EVENT_COLS ", note_sealed FROM workorders_event WHERE community_id = ? AND order_id = ? ORDER BY at, id");
static struct db_query q_events_public =
    DB_QUERY(EVENT_COLS
             " FROM workorders_event WHERE community_id = ? AND order_id = ? AND public = 1 ORDER BY at, id");

static void event_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct wo_event *e = slot;
	e->id = db_col_int(st, 0);
	e->at = db_col_int(st, 1);
	e->actor_user_id = db_col_int(st, 2);
	e->actor = db_col_dup(st, 3, a);
	int k = wo_action_from(db_col_text(st, 4));
	e->action = k < 0 ? WO_A_NOTE : (enum wo_action)k;
	e->public_note = (int)db_col_int(st, 5);
	e->note = db_col_dup(st, 6, a);
}

static void event_full_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct wo_event *e = slot;
	event_from_row(st, a, slot);
	e->note = wo_col_opened(st, 7, a);
}

int wo_events(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, int with_internal,
              struct wo_event **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, with_internal ? &q_events_all : &q_events_public);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, order_id);
	if (db_rows(st, a, sizeof **out, 1000, (void **)out, n,
	            with_internal ? event_full_from_row : event_from_row) < 0)
		return -1;
	for (size_t i = 0; with_internal && i < *n; i++)
		if (!(*out)[i].note)
			return wo_not_opened("event", community_id, (*out)[i].id);
	return 0;
}
