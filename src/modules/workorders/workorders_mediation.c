/* SQL for 人民调解 records (parties and agreement sealed), their sessions,
 * and the orders' attachments (bytes sealed at rest). Every write locks the
 * order first and leaves a timeline entry; writes run in the caller's
 * transaction. */
#include <stdio.h>
#include <string.h>

#include "core/token.h"
#include "core/str.h"
#include "modules/workorders/workorders_internal.h"
#include "pii/pii.h"

static struct db_query q_med_get =
    DB_QUERY("SELECT community_id, order_id, parties_masked, mediator, outcome, COALESCE(concluded_at, 0), "
             "parties_sealed,"
             " agreement_sealed FROM workorders_mediation WHERE community_id = ? AND order_id = ?");
static struct db_query q_med_put = DB_QUERY(
    "INSERT INTO workorders_mediation (community_id, order_id, parties_sealed, parties_masked, mediator)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (community_id, order_id) DO UPDATE SET"
    " parties_sealed = excluded.parties_sealed, parties_masked = excluded.parties_masked,"
    " mediator = excluded.mediator WHERE workorders_mediation.outcome = 'pending'");
static struct db_query q_med_conclude =
    DB_QUERY("UPDATE workorders_mediation SET outcome = ?, agreement_sealed = ?, concluded_at = ?"
             " WHERE community_id = ? AND order_id = ? AND outcome = 'pending'");
static struct db_query q_session_add = DB_QUERY("INSERT INTO workorders_session (community_id, order_id, id, "
                                                "at, place, note_sealed) VALUES (?, ?, ?, ?, ?, ?)");
static struct db_query q_sessions = DB_QUERY(
    "SELECT id, at, place, note_sealed FROM workorders_session WHERE community_id = ? AND order_id = ?"
    " ORDER BY at, id");
static struct db_query q_file_count =
    DB_QUERY("SELECT COUNT(*) FROM workorders_file WHERE community_id = ? AND order_id = ?");
static struct db_query q_file_add = DB_QUERY(
    "INSERT INTO workorders_file (community_id, order_id, id, name, mime, size, sha256, data, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
#define FILE_COLS "SELECT id, order_id, name, mime, size, sha256, created_at"
static struct db_query q_files =
    DB_QUERY(FILE_COLS " FROM workorders_file WHERE community_id = ? AND order_id = ? ORDER BY id");
static struct db_query q_file_get =
    DB_QUERY(FILE_COLS ", data FROM workorders_file WHERE community_id = ? AND order_id = ? AND id = ?");

/* Locks and loads the order (masked) for a staff write on it: 0, 1 no such
 * order, WO_REFUSED (staff only; mediation ones when `mediation`; not final;
 * accepted first when `mediation` is 2: sessions and the outcome), -1. */
static int lock_for(struct db *db, struct arena *a, int64_t community_id, int64_t order_id,
                    const struct wo_step *actor, int mediation, const char **why)
{
	*why = NULL;
	/* The requester adds files to an order still waiting for acceptance
	 * (the filing route: as they file), never to a mediation record. */
	int requester = !actor->actor_is_staff && !actor->actor_is_grid && actor->actor_is_requester && !mediation;
	if (!actor->actor_is_staff && !actor->actor_is_grid && !requester) {
		*why = "只有社区工作人员可以进行此操作";
		return WO_REFUSED;
	}
	int rc = wo_order_lock(db, community_id, order_id);
	if (rc != 0)
		return rc;
	struct wo_order o;
	if ((rc = wo_order_public(db, a, community_id, order_id, &o)) != 0)
		return rc;
	/* A grid worker records only on the orders assigned to them (wo_refusal's rule). */
	if (!actor->actor_is_staff && !requester &&
	    (o.assignee_user_id != actor->actor_user_id || actor->actor_user_id <= 0)) {
		*why = "网格员只能办理交办给自己的工单";
		return WO_REFUSED;
	}
	if (mediation && o.kind != WO_K_MEDIATION && o.channel != WO_CH_MEDIATION) {
		*why = "只有调解类工单可以记录调解情况";
		return WO_REFUSED;
	}
	if (mediation && wo_state_final(o.state)) {
		*why = "该工单已结束办理,不能再记录调解情况";
		return WO_REFUSED;
	}
	if (requester && o.state != WO_S_RECEIVED) {
		*why = "工单受理后,补充材料请交给社区工作人员";
		return WO_REFUSED;
	}
	if (mediation == 2 && o.state == WO_S_RECEIVED) {
		*why = "请先受理调解申请,再记录调解过程和结果";
		return WO_REFUSED;
	}
	return 0;
}

static void med_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct wo_mediation *m = slot;
	memset(m, 0, sizeof *m);
	m->community_id = db_col_int(st, 0);
	m->order_id = db_col_int(st, 1);
	m->parties_masked = db_col_dup(st, 2, a);
	m->mediator = db_col_dup(st, 3, a);
	m->outcome = db_col_dup(st, 4, a);
	m->concluded_at = db_col_int(st, 5);
}

static void med_full_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct wo_mediation *m = slot;
	med_from_row(st, a, slot);
	m->parties = wo_col_opened(st, 6, a);
	m->agreement = wo_col_opened(st, 7, a);
}

int wo_mediation_get(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, int full,
                     struct wo_mediation *m)
{
	struct db_stmt *st = db_stmt(db, &q_med_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, order_id);
	int rc = db_row(st, a, m, full ? med_full_from_row : med_from_row);
	if (rc == 0 && full && (!m->parties || !m->agreement))
		return wo_not_opened("mediation", community_id, order_id);
	return rc;
}

int wo_mediation_put(struct db *db, struct arena *a, int64_t community_id, int64_t order_id,
                     const char *parties, const char *mediator, const struct wo_step *actor, int64_t now,
                     const char **why)
{
	int rc = lock_for(db, a, community_id, order_id, actor, 1, why);
	if (rc != 0)
		return rc;
	if (!parties || !*parties || !mediator || !*mediator) {
		*why = "请填写调解当事人和调解员";
		return WO_REFUSED;
	}
	struct wo_mediation m;
	if ((rc = wo_mediation_get(db, a, community_id, order_id, 0, &m)) < 0)
		return -1;
	if (rc == 0 && strcmp(m.outcome, "pending")) {
		*why = "调解已有结果,不能再修改当事人和调解员";
		return WO_REFUSED;
	}
	const char *pm = wo_mask_parties(a, parties);
	struct db_stmt *st = db_stmt(db, &q_med_put);
	if (!st || !pm || wo_bind_sealed(st, 3, a, parties) < 0)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, order_id);
	db_bind_text(st, 4, pm, -1);
	db_bind_text(st, 5, mediator, -1);
	if (db_run(st) != DB_DONE)
		return -1;
	/* The parties stay out of the timeline: it is read in more places than the record. */
	const char *note = arena_printf(a, "登记调解当事人和调解员(调解员:%s)", mediator);
	return wo_event_add(db, a, community_id, order_id, now, actor->actor_user_id, actor->actor,
	                    WO_A_MEDIATION, 0, note);
}

int wo_session_add(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, int64_t at,
                   const char *place, const char *note, const struct wo_step *actor, int64_t now, int64_t *id,
                   const char **why)
{
	int rc = lock_for(db, a, community_id, order_id, actor, 2, why);
	if (rc != 0)
		return rc;
	struct wo_mediation m;
	if ((rc = wo_mediation_get(db, a, community_id, order_id, 0, &m)) < 0)
		return -1;
	if (rc == 1) {
		*why = "请先登记调解当事人和调解员";
		return WO_REFUSED;
	}
	if (strcmp(m.outcome, "pending")) {
		*why = "调解已有结果,不能再添加调解记录";
		return WO_REFUSED;
	}
	if (!note || !*note || at <= 0) {
		*why = "请填写调解时间和调解情况";
		return WO_REFUSED;
	}
	if (db_next_id(db, community_id, "workorders_session", id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_session_add);
	if (!st || wo_bind_sealed(st, 6, a, note) < 0)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, order_id);
	db_bind_int(st, 3, *id);
	db_bind_int(st, 4, at);
	db_bind_text(st, 5, place ? place : "", -1);
	if (db_run(st) != DB_DONE)
		return -1;
	const char *text =
	    place && *place ? arena_printf(a, "调解(%s):%s", place, note) : arena_printf(a, "调解:%s", note);
	return wo_event_add(db, a, community_id, order_id, now, actor->actor_user_id, actor->actor,
	                    WO_A_MEDIATION, 0, text);
}

static void session_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct wo_session *s = slot;
	s->id = db_col_int(st, 0);
	s->at = db_col_int(st, 1);
	s->place = db_col_dup(st, 2, a);
	s->note = wo_col_opened(st, 3, a);
}

int wo_sessions(struct db *db, struct arena *a, int64_t community_id, int64_t order_id,
                struct wo_session **out, size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_sessions);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, order_id);
	if (db_rows(st, a, sizeof **out, 500, (void **)out, n, session_from_row) < 0)
		return -1;
	for (size_t i = 0; i < *n; i++)
		if (!(*out)[i].note)
			return wo_not_opened("mediation session", community_id, (*out)[i].id);
	return 0;
}

int wo_mediation_conclude(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, int agreed,
                          const char *agreement, const struct wo_step *actor, int64_t now, const char **why)
{
	int rc = lock_for(db, a, community_id, order_id, actor, 2, why);
	if (rc != 0)
		return rc;
	if (agreed && (!agreement || !*agreement)) {
		*why = "达成协议的,请填写协议内容。";
		return WO_REFUSED;
	}
	struct db_stmt *st = db_stmt(db, &q_med_conclude);
	if (!st || wo_bind_sealed(st, 2, a, agreed ? agreement : NULL) < 0)
		return -1;
	db_bind_text(st, 1, agreed ? "agreed" : "failed", -1);
	db_bind_int(st, 3, now);
	db_bind_int(st, 4, community_id);
	db_bind_int(st, 5, order_id);
	rc = db_run_guarded(st);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		*why = "还没有登记调解,或调解已有结果";
		return WO_REFUSED;
	}
	return wo_event_add(db, a, community_id, order_id, now, actor->actor_user_id, actor->actor,
	                    WO_A_MEDIATION, 1, agreed ? "调解达成协议" : "调解未达成协议");
}

/* ---- attachments ---- */

int wo_file_add(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, const char *name,
                const char *mime, const void *data, size_t len, const struct wo_step *actor, int64_t now,
                int64_t *id, const char **why)
{
	int rc = lock_for(db, a, community_id, order_id, actor, 0, why);
	if (rc != 0)
		return rc;
	if (len == 0 || !name || !*name) {
		*why = "附件是空的";
		return WO_REFUSED;
	}
	if (len > WO_FILE_MAX_BYTES) {
		*why = "每个附件不能超过 5 MB";
		return WO_REFUSED;
	}
	if (utf8_len(name, strlen(name)) > WO_FILE_NAME_MAX) {
		*why = "附件的文件名太长(最多 100 个字),请改短后再上传";
		return WO_REFUSED;
	}
	struct db_stmt *st = db_stmt(db, &q_file_count);
	int64_t count;
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, order_id);
	if (db_one_int(st, &count) != 0)
		return -1;
	if (count >= WO_FILES_MAX) {
		*why = "每件工单最多 5 个附件";
		return WO_REFUSED;
	}
	char sha[65];
	token_sha256_hex(data, len, sha);
	if (db_next_id(db, community_id, "workorders_file", id) < 0 || !(st = db_stmt(db, &q_file_add)))
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, order_id);
	db_bind_int(st, 3, *id);
	db_bind_text(st, 4, name, -1);
	db_bind_text(st, 5, mime && *mime ? mime : "application/octet-stream", -1);
	db_bind_int(st, 6, (int64_t)len);
	db_bind_text(st, 7, sha, -1);
	if (pii_bind_sealed_bytes(st, 8, a, data, len) < 0) {
		db_reset(st);
		return -1;
	}
	db_bind_int(st, 9, now);
	if (db_run(st) != DB_DONE)
		return -1;
	return wo_event_add(db, a, community_id, order_id, now, actor->actor_user_id, actor->actor, WO_A_NOTE,
	                    0, arena_printf(a, "添加附件:%s", name));
}

static void file_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct wo_file *f = slot;
	memset(f, 0, sizeof *f);
	f->id = db_col_int(st, 0);
	f->order_id = db_col_int(st, 1);
	f->name = db_col_dup(st, 2, a);
	f->mime = db_col_dup(st, 3, a);
	f->size = db_col_int(st, 4);
	f->sha256 = db_col_dup(st, 5, a);
	f->created_at = db_col_int(st, 6);
}

/* Opens the bytes; data stays NULL when they do not open to size bytes. */
static void file_full_from_row(struct db_stmt *st, struct arena *a, void *slot)
{
	struct wo_file *f = slot;
	file_from_row(st, a, slot);
	f->data = pii_col_opened_bytes(st, 7, a, (size_t)f->size);
}

int wo_files(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, struct wo_file **out,
             size_t *n)
{
	struct db_stmt *st = db_stmt(db, &q_files);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, order_id);
	return db_rows(st, a, sizeof **out, WO_FILES_MAX * 4, (void **)out, n, file_from_row);
}

int wo_file_get(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, int64_t id,
                struct wo_file *f)
{
	struct db_stmt *st = db_stmt(db, &q_file_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, order_id);
	db_bind_int(st, 3, id);
	int rc = db_row(st, a, f, file_full_from_row);
	if (rc == 0 && !f->data)
		return wo_not_opened("file", community_id, id);
	return rc;
}
