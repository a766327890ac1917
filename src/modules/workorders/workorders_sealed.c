/* Sealing and opening the work orders' personal fields (src/pii), the
 * requester phone's blind index, and the timeline's writer, whose notes
 * are sealed beside their masked text. */
#include <string.h>

#include "core/log.h"
#include "core/str.h"
#include "modules/workorders/workorders_internal.h"
#include "pii/pii.h"

static struct db_query q_event_add = DB_QUERY(
    "INSERT INTO workorders_event (community_id, order_id, id, at, actor_user_id, actor, action, public,"
    " note_sealed, note_masked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

int wo_bind_sealed(struct db_stmt *st, int i, struct arena *a, const char *s)
{
	return pii_bind_sealed(st, i, a, s);
}

char *wo_col_opened(struct db_stmt *st, int i, struct arena *a)
{
	return pii_col_opened(st, i, a);
}

int wo_not_opened(const char *what, int64_t community_id, int64_t id)
{
	log_error("workorders: %s %lld/%lld: a sealed personal field does not open %s", what,
	          (long long)community_id, (long long)id,
	          pii_key_current() ? "under this key (changed in the database, or sealed with another key)"
	                            : "(no key installed)");
	return -1;
}

int wo_phone_index(const char *phone, unsigned char out[32])
{
	if (!phone || !*phone)
		return 1;
	const struct pii_key *k = pii_key_current();
	if (!k)
		return -1;
	char mobile[12], other[64];
	const char *v = mobile;
	if (str_mobile_normalize(phone, mobile) < 0) {
		size_t n = 0;
		for (const char *p = phone; *p && n + 1 < sizeof other; p++)
			if (*p != ' ' && *p != '-')
				other[n++] = *p;
		other[n] = 0;
		if (!n)
			return 1;
		v = other;
	}
	pii_blind_index(k, "workorders.phone", v, strlen(v), out);
	return 0;
}

char *wo_mask_address(struct arena *a, const char *address, const char *name)
{
	char *am = pii_mask_address(a, address ? address : "");
	if (am && name && utf8_len(name, strlen(name)) >= 2) {
		const char *nm = pii_mask_name(a, name);
		am = nm ? pii_mask_each(a, am, name, nm) : NULL;
	}
	return am;
}

char *wo_mask_free(struct arena *a, const char *text, const char *name, const char *address)
{
	char *t = arena_strdup(a, text ? text : "");
	if (t && address && *address && strstr(t, address)) {
		/* The requester's name inside the address is masked too (张三家,…). */
		const char *am = wo_mask_address(a, address, name);
		t = am ? pii_mask_each(a, t, address, am) : NULL;
	}
	/* A one-character name would star that character everywhere. */
	if (t && name && utf8_len(name, strlen(name)) >= 2) {
		const char *nm = pii_mask_name(a, name);
		t = nm ? pii_mask_each(a, t, name, nm) : NULL;
	}
	if (t)
		t = pii_mask_email(a, t);
	if (t)
		t = pii_mask_rooms(a, t);
	return t ? pii_mask_text(a, t) : NULL;
}

/* The length in bytes of the name that starts s: the characters before
 * the first space, tab, newline or punctuation, when they are 2 to 4 and
 * none is ASCII; else 0. */
static size_t leading_name(const char *s)
{
	static const char *const stops[] = {" ", "\t", "\r", "\n", ",", ",", "、", "(", "(", ":", ":", ";", ";",
	                                    "。", "与", "和"};
	size_t end = strlen(s);
	for (size_t i = 0; i < sizeof stops / sizeof *stops; i++) {
		const char *at = strstr(s, stops[i]);
		if (at && (size_t)(at - s) < end)
			end = (size_t)(at - s);
	}
	for (size_t i = 0; i < end; i++)
		if ((unsigned char)s[i] < 0x80)
			return 0; /* "501 室…": a room, not a name */
	size_t chars = utf8_len(s, end);
	return chars >= 2 && chars <= 4 ? end : 0;
}

char *wo_mask_parties(struct arena *a, const char *parties)
{
	char *t = arena_strdup(a, parties ? parties : "");
	const char *src = t;
	/* The names first (from the text as typed), then each one everywhere. */
	size_t nnames = 0;
	const char *names[64];
	for (const char *line = src; line && *line && nnames < 64;) {
		while (*line == ' ' || *line == '\t')
			line++;
		size_t n = leading_name(line);
		if (n)
			names[nnames++] = arena_strndup(a, line, n);
		const char *nl = strchr(line, '\n');
		line = nl ? nl + 1 : NULL;
	}
	for (size_t i = 0; t && i < nnames; i++) {
		const char *nm = names[i] ? pii_mask_name(a, names[i]) : NULL;
		t = nm ? pii_mask_each(a, t, names[i], nm) : NULL;
	}
	return t ? wo_mask_free(a, t, NULL, NULL) : NULL;
}

int wo_event_add(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, int64_t at,
                 int64_t actor_user_id, const char *actor, enum wo_action action, int public_note,
                 const char *note)
{
	return wo_event_add_for(db, a, community_id, order_id, at, actor_user_id, actor, action, public_note,
	                        note, NULL, NULL);
}

int wo_event_add_for(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, int64_t at,
                     int64_t actor_user_id, const char *actor, enum wo_action action, int public_note,
                     const char *note, const char *name, const char *address)
{
	int64_t id;
	if (db_next_id(db, community_id, "workorders_event", &id) < 0)
		return -1;
	const char *masked = wo_mask_free(a, note, name, address);
	struct db_stmt *st = db_stmt(db, &q_event_add);
	if (!st || !masked || wo_bind_sealed(st, 9, a, note) < 0)
		return -1;
	db_bind_int(st, 1, community_id);
	db_bind_int(st, 2, order_id);
	db_bind_int(st, 3, id);
	db_bind_int(st, 4, at);
	db_bind_int_or_null(st, 5, actor_user_id);
	db_bind_text(st, 6, actor ? actor : "", -1);
	db_bind_text(st, 7, wo_action_name(action), -1);
	db_bind_int(st, 8, public_note ? 1 : 0);
	db_bind_text(st, 10, masked, -1);
	return db_run(st) == DB_DONE ? 0 : -1;
}
