/* 人员 (DOMAIN.md area 12): the registry of a community's buildings,
 * rooms, households and residents. The module's own types and functions,
 * shared by its files only; other code uses people.h.
 *
 * Personal data (PIPL): the ID number, the mobile, the birth date, the note
 * and the sensitive tags are sealed at rest (src/pii) next to their masked
 * projection; the ID number and the mobile also have a keyed blind index
 * for exact lookups (people_blind_index), and each sensitive tag a blind
 * index in people_tag. The name is kept in the clear for staff to search,
 * with its masked projection, its pinyin and a collation key for order.
 * Every read of sealed fields (people_person_open) is the caller's to audit:
 * the full view writes an audit row and a people_view row in its
 * transaction.
 *
 * One check (people_check) serves the desk's form and every row of an
 * import: the same input gives the same verdict and the same normalised
 * values however it arrives. */
#ifndef SHEQU_MODULES_PEOPLE_INTERNAL_H
#define SHEQU_MODULES_PEOPLE_INTERNAL_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/csv_import.h"
#include "db/db.h"
#include "pii/pii.h"

/* ---- vocabularies (people_words.c) ---- */

enum people_status { PEOPLE_LIVING, PEOPLE_MOVED_OUT, PEOPLE_DECEASED, PEOPLE_STATUS__MAX };
/* "living" / "moved_out" / "deceased"; labels 在册, 已迁出, 已故. */
const char *people_status_name(enum people_status s);
const char *people_status_label(enum people_status s);
/* The status named s, or -1. */
int people_status_from(const char *s);
/* "m" 男, "f" 女, "" 未填. */
const char *people_gender_label(const char *g);

/* A tag a community uses, and whether it may reveal health, disability,
 * assistance or a record (PIPL Art. 28: sealed, filtered through its blind
 * index). Tags not in the list are treated as sensitive. */
struct people_tag_def {
	const char *name;
	int sensitive;
};
/* The usual tags (独居老人, 空巢老人, 高龄老人, 退役军人, 流动人口, 居民代表,
 * 党员, 残疾人, 低保户, 特困人员, 重病患者, 精神障碍患者, 社区矫正人员 …),
 * ending with a NULL name. */
extern const struct people_tag_def people_tags_known[];
/* 1 if the tag is sensitive (in the list as such, or not in the list). */
int people_tag_sensitive(const char *tag);

/* ---- checking what was typed or read (people_check.c, pure) ---- */

/* A resident as typed at the desk or read from a row of a file: text as
 * given, "" for a field left empty. */
struct people_input {
	const char *name;
	const char *gender;	/* 男/女/m/f/"" */
	const char *id_number;	/* 公民身份号码 */
	const char *birth;	/* 出生日期, YYYY-MM-DD, YYYY/M/D, YYYY年M月D日, YYYYMMDD */
	const char *phone;	/* 手机 */
	const char *building;	/* 楼栋 */
	const char *unit;	/* 单元 */
	const char *room;	/* 房号 */
	const char *household;	/* 户号 */
	const char *relation;	/* 与户主关系 */
	const char *tags;	/* 人员类别: separated by 、 , ， ; ； / or spaces */
	const char *grid;	/* 网格 (of the building) */
	const char *note;	/* 备注 */
};

/* What people_check made of an input: normalised, ready to store. */
struct people_record {
	const char *name;	/* trimmed, inner spaces kept as one */
	const char *gender;	/* "m", "f" or "": from the ID number when not given */
	char id_number[19];	/* 18 characters with upper-case X, or 15 digits, or "" */
	char birth[11];		/* YYYY-MM-DD or "": from the ID number when not given */
	int birth_year;		/* 0 when unknown */
	char phone[12];		/* 11 digits or "" */
	const char *building, *unit, *room, *household, *relation, *grid, *note;
	const char **tags;	/* distinct, in the order given */
	int ntags;
};

/* A field's problem: which field (the input's member name: "name",
 * "id_number", …) and the message in Chinese ("身份证号最后一位应为 X,
 * 请核对"). */
struct people_problem {
	const char *field;
	const char *message;
};

#define PEOPLE_MAX_PROBLEMS 8

/* Checks an input and fills *out. The rules: a name (1–40 characters, no
 * digits or control characters); an ID number of 18 characters with the
 * right GB 11643 check character and a real birth date not in the future
 * and not before 1900, or 15 digits (born 19yy); a gender or birth date
 * typed must agree with the ID number; an ID kept by Excel as a number
 * ("1.10101E+17") is named as such; a mobile of 11 digits (str_mobile_normalize);
 * a birth date real and not in the future (today: China time of now); a room
 * needs a building; at most 20 tags of 20 characters. Returns the number of
 * problems written to problems[] (at most PEOPLE_MAX_PROBLEMS), 0 when the
 * input is good. Strings in *out point into the input or the arena. */
int people_check(struct arena *a, const struct people_input *in, int64_t now, struct people_record *out,
                 struct people_problem problems[PEOPLE_MAX_PROBLEMS]);

/* The 18-character form of a normalised ID number (a 15-digit one gets 19
 * before its year and its check character), so that the same person under
 * the old and the new number is one. */
void people_id_18(const char *id, char out[19]);

/* The keyed blind index of a normalised value of a field ("people.id":
 * of its 18-character form; "people.phone", "people.tag"), under the
 * process's key: 0, or -1 when there is no key. */
int people_blind_index(const char *field, const char *value, unsigned char out[PII_INDEX_BYTES]);

/* ---- rows as pages see them (people_store.c) ---- */

/* A resident as staff lists and pages show them: masked, nothing sealed. */
struct people_person {
	int64_t id;
	int64_t household_id, building_id; /* 0 when none */
	const char *name, *name_masked;
	const char *gender; /* "m", "f", "" */
	int birth_year;	    /* 0 unknown */
	const char *id_masked, *phone_masked;
	const char *tags; /* the non-sensitive ones, 、-separated */
	int tags_hidden;  /* how many sensitive tags are sealed */
	enum people_status status;
	const char *left_on; /* "" unless moved out or deceased */
	const char *relation;
	const char *building, *unit, *room, *household; /* "" when none */
	const char *grid;				/* the building's */
	int64_t user_id;				/* linked account, 0 none */
	int64_t created_at, updated_at, erased_at;
};

/* The sealed fields of a resident, opened (for the audited full view, the
 * resident's own page and full exports). */
struct people_full {
	const char *id_number, *phone, *birth, *tags, *note; /* "" when empty */
};

/* A list's filter; zero/NULL/"" members do not filter. */
struct people_filter {
	int status;	     /* enum people_status, or -1 for every status */
	int64_t building_id; /* -1: those with no address */
	const char *tag;     /* one tag by name (sensitive ones through their blind index) */
	/* What was typed in the search box: an 18/15-character ID number or an
	 * 11-digit mobile finds by blind index; ASCII letters find by pinyin or
	 * initials prefix (zs, zhangs); anything else by name prefix. */
	const char *q;
};

/* A page of residents in pinyin order (name_key, id), limit + 1 rows read
 * so *more tells whether a next page exists. 0 or -1. */
int people_list(struct db *db, struct arena *a, int64_t community_id, const struct people_filter *f,
                int64_t offset, int limit, struct people_person **out, size_t *n, int *more);
/* Calls each for every resident the filter lists, in the list's order,
 * from one statement (exports; the row is valid during the call only).
 * each returns 0 to go on, -1 to stop. 0; 1 when each stopped; -1. */
int people_each(struct db *db, struct arena *a, int64_t community_id, const struct people_filter *f,
                int (*each)(const struct people_person *p, void *ctx), void *ctx);
/* One resident. 0, 1 if there is none in this community, -1. */
int people_person_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct people_person *out);
/* The members of a household, the head first, then in pinyin order. 0 or -1. */
int people_household_members(struct db *db, struct arena *a, int64_t community_id, int64_t household_id,
                             struct people_person **out, size_t *n);
/* Opens a resident's sealed fields. 0; 1 if there is none; -1 on error or
 * when there is no key or a field does not open (nothing is returned then).
 * The caller audits (people_view_add) in its transaction. */
int people_person_open(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct people_full *out);
/* The resident with this normalised ID number (blind index), 0 if none. 0 or -1. */
int people_find_id_number(struct db *db, int64_t community_id, const char *id_number, int64_t *person_id);

/* A building and how many living residents it has. */
struct people_building {
	int64_t id;
	const char *name, *grid;
	int64_t residents;
};
/* The community's buildings in their natural order (2号楼 before 10号楼),
 * at most limit from offset, with their living residents counted when counts is set
 * (a walk over the community's residents: for the buildings page, not for
 * a filter's choices), else residents 0. 0 or -1. */
int people_buildings(struct db *db, struct arena *a, int64_t community_id, int counts, int64_t offset,
                     size_t limit, struct people_building **out, size_t *n);
/* The id of the community's building of that exact name: 0 with *id, 1 none, -1. */
int people_building_find(struct db *db, int64_t community_id, const char *name, int64_t *id);
/* The number a building's name starts with ("12号楼", "幸福里12栋": 12), 0 when none:
 * what the buildings are ordered by. */
int64_t people_building_number(const char *name);
/* The community's buildings whose names carry that number ("12" finds 12号楼
 * and 12栋), at most limit, in a. 0 or -1. */
int people_buildings_numbered(struct db *db, struct arena *a, int64_t community_id, int64_t number, size_t limit,
                              struct people_building **out, size_t *n);
/* The name of the community's building id, in a: 0 with *name, 1 none, -1. */
int people_building_name(struct db *db, struct arena *a, int64_t community_id, int64_t id, const char **name);

/* The module's `migrated` hook (people_migrated.c): what its migrations'
 * SQL cannot do. 0, or -1 with a message in err. */
int people_migrated(struct db *db, const char *file, char *err, size_t errlen);

/* ---- writing (people_store.c; inside the caller's write transaction) ---- */

/* The id of the named building, room (building, unit, room) or household
 * (room, label), made when missing (*made set to 1 then, else 0). For a
 * room or household, *made set to 1 on the way in says the caller knows it
 * is missing (its building or room was just made): it is written without
 * looking first. A new room's or household's id comes from ids (an
 * import's block of "people_room" / "people_household" ids), or from
 * db_next_id when ids is NULL. 0 or -1. */
int people_building_ensure(struct db *db, int64_t community_id, const char *name, const char *grid, int64_t now,
                           int64_t *id, int *made);
int people_room_ensure(struct db *db, int64_t community_id, int64_t building_id, const char *unit, const char *room,
                       int64_t now, struct db_id_block *ids, int64_t *id, int *made);
int people_household_ensure(struct db *db, int64_t community_id, int64_t room_id, const char *label, int64_t now,
                            struct db_id_block *ids, int64_t *id, int *made);

/* Where a resident lives: ids made or found by people_address_ensure (0
 * when the record names none), and which of them were made. */
struct people_address {
	int64_t building_id, room_id, household_id;
	int made_building, made_room, made_household;
};
/* Finds or makes the building, room and household a record names. 0 or -1. */
int people_address_ensure(struct db *db, int64_t community_id, const struct people_record *r, int64_t now,
                          struct people_address *out);
/* A field sealed under the process's key (src/pii); p NULL when empty. */
struct people_sealed {
	const unsigned char *p;
	size_t n;
};
/* What people_person_write stores of a checked record besides the record
 * itself: projections, collation key, pinyin, blind indexes, the tags'
 * keys for people_tag and every sealed field. */
struct people_prepared {
	const char *name_masked, *id_masked, *phone_masked;
	unsigned char id_index[PII_INDEX_BYTES], phone_index[PII_INDEX_BYTES];
	unsigned char *key;
	size_t nkey;
	char *pinyin, *initials;
	const char *tags_clear; /* the tags that reveal nothing, '、'-separated */
	int tags_hidden;        /* how many are sealed in tags */
	const char **tag_keys;  /* people_tag_key of each of the record's tags */
	struct people_sealed birth, id, phone, tags, note;
};
/* Prepares a checked record for writing, into a: no database, safe on any
 * thread (an import prepares rows on one while it writes on another).
 * 0, or -1 when there is no key or memory. */
int people_person_prepare(struct arena *a, const struct people_record *r, struct people_prepared *d);
/* Writes a prepared resident under an id the caller reserved (db_next_id
 * or db_next_ids), at an address already ensured; r and d are bound without
 * copies. 0, DB_CONSTRAINT (the ID number is registered), -1. */
int people_person_write(struct db *db, int64_t community_id, int64_t id, const struct people_record *r,
                        const struct people_prepared *d, const struct people_address *addr, int64_t by_user,
                        int64_t now);
/* As people_person_prepare then people_person_write. */
int people_person_insert(struct db *db, struct arena *a, int64_t community_id, int64_t id,
                         const struct people_record *r, const struct people_address *addr, int64_t by_user,
                         int64_t now);
/* The people_tag key of a tag: the tag itself, or "#" and its blind index
 * in hex when it is sensitive. NULL without a key. */
const char *people_tag_key(struct arena *a, const char *tag);

/* Adds a checked resident with the address (building/unit/room/household)
 * made when missing, the sealed fields, the blind indexes, the pinyin and
 * the tags; a 户主 relation makes the resident the household's head. 0 with
 * *id; DB_CONSTRAINT when the ID number is already registered in the
 * community; -1 (also when there is no key). */
int people_person_add(struct db *db, struct arena *a, int64_t community_id, const struct people_record *r,
                      int64_t by_user, int64_t now, int64_t *id);
/* Replaces a resident's fields with a checked record (the same rules as
 * adding). 0; 1 if there is none; DB_CONSTRAINT; -1. */
int people_person_update(struct db *db, struct arena *a, int64_t community_id, int64_t id,
                         const struct people_record *r, int64_t now);
/* How long personal fields of those who left are kept (people_setting),
 * PEOPLE_RETENTION_DAYS when the community set nothing. 0 or -1. */
#define PEOPLE_RETENTION_DAYS 1095
int people_retention_days(struct db *db, int64_t community_id, int64_t *days);
/* Marks a resident as moved out or deceased on left_on (YYYY-MM-DD), and
 * due for erasure after the community's retention period; or back to
 * living (erase_after cleared). Guarded: 0; 1 if none or already so; -1. */
int people_person_set_status(struct db *db, int64_t community_id, int64_t id, enum people_status s,
                             const char *left_on, int64_t now);
/* Erases the personal fields (sealed ones, indexes, masked projections,
 * tags, the name becomes 已删除) of residents whose erase_after has passed,
 * at most limit of them. The number erased, or -1. */
int people_erase_due(struct db *db, int64_t now, int limit, int64_t *erased);

/* Records that a user saw a resident's full data, and why (written with
 * the audit row, in the same transaction). 0 or -1. */
int people_view_add(struct db *db, int64_t community_id, int64_t person_id, int64_t user_id, const char *actor,
                    const char *reason, int64_t now);
struct people_view {
	int64_t at, user_id;
	const char *actor, *reason;
};
/* Who saw a resident's full data, newest first, at most limit. 0 or -1. */
int people_views(struct db *db, struct arena *a, int64_t community_id, int64_t person_id, int limit,
                 struct people_view **out, size_t *n);

/* ---- export (people_export.c) ---- */

struct export_table;
/* Who takes a full export and why: each resident in it gets a people_view
 * row (people_view_add), so that residents see the export as they see a
 * full view. user_id 0 for the command line. */
struct people_viewer {
	int64_t user_id;
	const char *actor, *reason;
	int64_t now;
};
/* The residents a filter lists as a table for export_csv/export_xlsx/
 * export_send (web/export.h), in the list's order: masked (names, ID
 * numbers and mobiles masked, the birth year only, sensitive tags counted
 * not named), or with full set every field opened (the caller has checked
 * the role and the explicit choice, and audits; viewer, required then,
 * records the view on each resident, in the caller's write transaction).
 * The headers are those the import recognises. 0 with *rows, 2 when the
 * filter lists more than max residents (0: no limit; a page's file is
 * built in the request's memory), or -1 (also when a field does not open). */
/* The most residents a page's export writes (its file is built in the
 * request's memory), and a full export (every field opened and each view
 * recorded); the whole registry is exported on the command line. */
#define PEOPLE_EXPORT_MAX 100000
#define PEOPLE_EXPORT_FULL_MAX 20000
int people_export(struct db *db, struct arena *a, int64_t community_id, const struct people_filter *f, int full,
                  const struct people_viewer *viewer, int64_t max, const char *title, struct export_table *t,
                  int64_t *rows);

/* ---- import (people_import.c) ---- */

/* The columns an import recognises, each with the headers community
 * spreadsheets use for it (姓名; 性别; 公民身份号码/身份证号/身份证号码/证件号码;
 * 出生日期; 手机号码/联系电话/手机/电话; 楼栋/楼号/楼栋号; 单元/单元号; 房号/门牌号/
 * 房间号/室; 户号; 与户主关系/关系; 人员类别/标签/人员标签; 网格; 备注), in the
 * order of struct people_input. The import page lists them. */
enum people_column {
	PC_NAME, PC_GENDER, PC_ID, PC_BIRTH, PC_PHONE, PC_BUILDING, PC_UNIT, PC_ROOM, PC_HOUSEHOLD,
	PC_RELATION, PC_TAGS, PC_GRID, PC_NOTE, PC__MAX
};
extern const struct csv_column people_columns[PC__MAX];

/* A file's header and how its columns map: map[c] is the field index of
 * column c, -1 when the file has none. unmatched: the header's fields that
 * map to no column (for the mapping step). */
struct people_mapping {
	int map[PC__MAX];
	int nheader;
	const char **header; /* the header's fields as written */
};

/* What a check (dry run) or an import found. */
struct people_import_result {
	int rows;		/* data rows read */
	int bad;		/* rows refused */
	int registered;		/* of them, those whose ID number is in the registry already */
	struct csv_import imp;	/* the errors by line (imp.errors, csv_errors_text) and imp.fatal */
	/* Buildings and rooms the file names that the registry lacks (made by
	 * the import), in the order first named; rooms as "5号楼 1单元 302". */
	const char **new_buildings;
	int nnew_buildings;
	const char **new_rooms;
	int nnew_rooms;
	int households_new;
	int64_t imported; /* residents written (0 on a dry run) */
	struct people_mapping mapping;
};

struct people_import_options {
	int dry_run;
	/* Column choices from the mapping step (column → header field index),
	 * or NULL to take the header as recognised. -1: not in the file. */
	const int *mapping;
	int64_t by_user;
	int64_t now;
	size_t max_bytes; /* of the file; 0: 8 MiB (csv_options) */
	int max_rows;	  /* 0: 100,000 */
	/* Called now and then with rows done of the pass and its stage ("检查"
	 * on a dry run, "导入"), for progress on the command line; may be NULL. */
	void (*progress)(void *ctx, const char *stage, int rows, size_t bytes_done, size_t bytes_total);
	void *ctx;
};

/* Checks every row of a CSV or XLSX file (table_import_run), in one pass:
 * the header mapped to the columns (a missing 姓名 column stops it), each
 * row by people_check, ID numbers against each other and the registry.
 * Unless o->dry_run, each row is written as it passes, in the caller's
 * write transaction (buildings, rooms and households made as named), until
 * a row is refused; the rest are only checked. Returns 0 when the file was
 * read: when res->bad is not 0 rows may have been written and the caller
 * rolls back; -1 on a database error, 2 when the file was refused as a
 * whole (res->imp.fatal), 3 when an ID number found free was registered
 * meanwhile by another transaction (PostgreSQL: two imports at once): in
 * each the caller rolls back (the transaction is spoilt) and may check
 * again. */
int people_import(struct db *db, struct arena *a, int64_t community_id, const void *data, size_t n,
                  const struct people_import_options *o, struct people_import_result *res);

/* ---- the command line and background work (people_cli.c, people_module.c) ---- */

/* `shequ people import|export ...`. The exit code. */
int people_command(int argc, char **argv);

#endif
