/* SQL for the volunteers themselves: registering (name and mobile sealed,
 * masked and blind-indexed), reading one masked or opened, and the staff
 * list with its search by exact name or mobile. The fixed lists of skills,
 * availability and groups live here too. */
#include <string.h>

#include "core/buf.h"
#include "modules/volunteers/volunteers_internal.h"
#include "pii/pii.h"

const struct vol_choice vol_skills[] = {
    {"elder", "助老服务"},  {"medical", "医疗护理"}, {"legal", "法律咨询"},	 {"psych", "心理疏导"},
    {"tutor", "教育辅导"},  {"arts", "文艺表演"},	 {"repair", "家电维修"}, {"it", "电脑手机"},
    {"env", "环境保护"},    {"patrol", "治安巡逻"},	 {"rescue", "应急救援"}, {"drive", "驾驶"},
};
const size_t vol_nskills = sizeof vol_skills / sizeof *vol_skills;
const struct vol_choice vol_availability[] = {
    {"weekdays", "工作日"}, {"weekends", "周末"}, {"evenings", "晚上"}};
const size_t vol_navailability = sizeof vol_availability / sizeof *vol_availability;
const struct vol_choice vol_groups[] = {
    {"community", "社区志愿者"}, {"party", "党员志愿者"}, {"youth", "青年志愿者"}, {"women", "巾帼志愿者"}};
const size_t vol_ngroups = sizeof vol_groups / sizeof *vol_groups;

int vol_has_code(const char *codes, const char *code)
{
	size_t len = strlen(code);
	for (const char *p = codes ? codes : ""; (p = strstr(p, code)); p += len)
		if ((p == codes || p[-1] == ',') && (p[len] == ',' || !p[len]))
			return 1;
	return 0;
}

const char *vol_labels(struct arena *a, const struct vol_choice *list, size_t n, const char *codes)
{
	struct buf b;
	buf_init(&b, 4096);
	for (size_t i = 0; i < n; i++)
		if (vol_has_code(codes, list[i].code)) {
			if (b.len)
				buf_puts(&b, "、");
			buf_puts(&b, list[i].label);
		}
	const char *s = arena_strdup(a, b.len ? b.data : "");
	buf_free(&b);
	return s ? s : "";
}

#define COLS                                                                                                 \
	"SELECT id, user_id, person_id, by_user, name_masked, phone_masked, skills, skills_note, availability," \
	" groups, minutes_total, records, created_at FROM volunteers_volunteer"
static struct db_query q_get = DB_QUERY(COLS " WHERE community_id = ? AND id = ?");
static struct db_query q_by_user = DB_QUERY(COLS " WHERE community_id = ? AND user_id = ?");
static struct db_query q_list = DB_QUERY(COLS " WHERE community_id = ? ORDER BY id DESC LIMIT ? OFFSET ?");
static struct db_query q_by_name =
    DB_QUERY(COLS " WHERE community_id = ? AND name_index = ? ORDER BY id DESC LIMIT ? OFFSET ?");
static struct db_query q_by_phone =
    DB_QUERY(COLS " WHERE community_id = ? AND phone_index = ? ORDER BY id DESC LIMIT ? OFFSET ?");
static struct db_query q_open =
    DB_QUERY("SELECT name_sealed, phone_sealed FROM volunteers_volunteer WHERE community_id = ? AND id = ?");
static struct db_query q_add = DB_QUERY(
    "INSERT INTO volunteers_volunteer (community_id, id, user_id, person_id, name_sealed, name_masked, name_index,"
    " phone_sealed, phone_masked, phone_index, skills, skills_note, availability, groups, by_user, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_query q_profile = DB_QUERY(
    "UPDATE volunteers_volunteer SET skills = ?, skills_note = ?, availability = ?, groups = ?"
    " WHERE community_id = ? AND id = ?");

static void fill(struct db_stmt *st, struct arena *a, void *slot)
{
	struct vol_volunteer *v = slot;
	v->id = db_col_int(st, 0);
	v->user_id = db_col_int(st, 1);
	v->person_id = db_col_int(st, 2);
	v->by_user = db_col_int(st, 3);
	v->name_masked = db_col_dup(st, 4, a);
	v->phone_masked = db_col_dup(st, 5, a);
	v->skills = db_col_dup(st, 6, a);
	v->skills_note = db_col_dup(st, 7, a);
	v->availability = db_col_dup(st, 8, a);
	v->groups = db_col_dup(st, 9, a);
	v->minutes_total = db_col_int(st, 10);
	v->records = db_col_int(st, 11);
	v->created_at = db_col_int(st, 12);
}

/* The blind index of value in field, bound at i. 0, or -1 without a key. */
static int bind_index(struct db_stmt *st, int i, const char *field, const char *value)
{
	const struct pii_key *k = pii_key_current();
	if (!k)
		return -1;
	unsigned char ix[PII_INDEX_BYTES];
	pii_blind_index(k, field, value, strlen(value), ix);
	db_bind_blob(st, i, ix, sizeof ix);
	return 0;
}

int vol_add(struct db *db, struct arena *a, int64_t community_id, const struct vol_new *v, int64_t now, int64_t *id)
{
	const char *phone = v->phone ? v->phone : "";
	const char *nm = pii_mask_name(a, v->name), *pm = pii_mask_phone(a, phone);
	if (!nm || !pm || db_next_id(db, community_id, "volunteers_volunteer", id) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, &q_add);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, *id);
	db_bind_int_or_null(st, 3, v->user_id);
	db_bind_int_or_null(st, 4, v->person_id);
	if (pii_bind_sealed(st, 5, a, v->name) < 0 || bind_index(st, 7, "volunteers.name", v->name) < 0 ||
	    pii_bind_sealed(st, 8, a, phone) < 0) {
		db_reset(st);
		return -1;
	}
	db_bind_text(st, 6, nm, -1);
	db_bind_text(st, 9, pm, -1);
	if (*phone) {
		if (bind_index(st, 10, "volunteers.phone", phone) < 0) {
			db_reset(st);
			return -1;
		}
	} else {
		db_bind_null(st, 10);
	}
	db_bind_text(st, 11, v->skills ? v->skills : "", -1);
	db_bind_text(st, 12, v->skills_note ? v->skills_note : "", -1);
	db_bind_text(st, 13, v->availability ? v->availability : "", -1);
	db_bind_text(st, 14, v->groups ? v->groups : "", -1);
	db_bind_int_or_null(st, 15, v->by_user);
	db_bind_int(st, 16, now);
	int rc = db_run(st);
	if (rc == DB_CONSTRAINT && v->user_id)
		return VOL_DUPLICATE;
	return rc == DB_DONE ? 0 : -1;
}

int vol_update_profile(struct db *db, int64_t community_id, int64_t id, const struct vol_new *v)
{
	struct db_stmt *st = db_stmt(db, &q_profile);
	if (!st)
		return -1;
	db_bind_text(st, 1, v->skills ? v->skills : "", -1);
	db_bind_text(st, 2, v->skills_note ? v->skills_note : "", -1);
	db_bind_text(st, 3, v->availability ? v->availability : "", -1);
	db_bind_text(st, 4, v->groups ? v->groups : "", -1);
	db_bind_int(st, 5, community_id);
	db_bind_int(st, 6, id);
	int rc = db_run_guarded(st);
	return rc == 1 ? VOL_NOT_FOUND : rc;
}

int vol_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct vol_volunteer *out)
{
	struct db_stmt *st = db_stmt(db, &q_get);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_row(st, a, out, fill);
	return rc == 1 ? VOL_NOT_FOUND : rc;
}

int vol_get_by_user(struct db *db, struct arena *a, int64_t community_id, int64_t user_id, struct vol_volunteer *out)
{
	struct db_stmt *st = db_stmt(db, &q_by_user);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, user_id);
	int rc = db_row(st, a, out, fill);
	return rc == 1 ? VOL_NOT_FOUND : rc;
}

int vol_open(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct vol_full *out)
{
	struct db_stmt *st = db_stmt(db, &q_open);
	if (!st)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->name = pii_col_opened(st, 0, a);
		out->phone = pii_col_opened(st, 1, a);
	}
	db_reset(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? VOL_NOT_FOUND : -1;
	return out->name && out->phone ? 0 : -1;
}

int vol_list(struct db *db, struct arena *a, int64_t community_id, const char *q, int64_t offset, int64_t limit,
	     struct vol_volunteer **out, size_t *n)
{
	int phone = 0;
	if (q) {
		phone = strlen(q) == 11;
		for (const char *p = q; phone && *p; p++)
			phone = *p >= '0' && *p <= '9';
	}
	struct db_stmt *st = db_stmt(db, !q ? &q_list : phone ? &q_by_phone : &q_by_name);
	if (!st)
		return -1;
	int i = 1;
	db_bind_int(st, i++, community_id);
	if (q && bind_index(st, i++, phone ? "volunteers.phone" : "volunteers.name", q) < 0) {
		db_reset(st);
		return -1;
	}
	db_bind_int(st, i++, limit);
	db_bind_int(st, i, offset);
	return db_rows(st, a, sizeof **out, (size_t)limit, (void **)out, n, fill);
}
