/* Importing residents from a community's spreadsheet (CSV or XLSX): the
 * usual Chinese headers recognised, every row checked by people_check,
 * ID numbers against each other and the registry, the buildings and rooms
 * the file names that the registry lacks listed; and only when no row was
 * refused, every row written in one transaction. One pass over the file,
 * row by row, so that a million rows need no million rows in memory: a dry
 * run checks; an import checks and writes each row as it goes, writes
 * nothing more after the first refused row and leaves its transaction to
 * the caller to roll back. A load as big as the table runs on two threads:
 * one reads, checks and prepares rows (people_person_prepare: pinyin,
 * keys, sealing) into a queue, the caller's writes them. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/smap.h"
#include "core/xlsx_read.h"
#include "modules/people/people_internal.h"

#define N(...) ((const char *const[]){__VA_ARGS__, NULL})

const struct csv_column people_columns[PC__MAX] = {
    [PC_NAME] = {N("姓名", "居民姓名", "名字"), 1},
    [PC_GENDER] = {N("性别"), 0},
    [PC_ID] = {N("公民身份号码", "身份证号", "身份证号码", "证件号码", "身份证"), 0},
    [PC_BIRTH] = {N("出生日期", "出生年月日", "出生年月", "生日"), 0},
    [PC_PHONE] = {N("手机号码", "联系电话", "手机", "电话", "手机号", "联系方式"), 0},
    [PC_BUILDING] = {N("楼栋", "楼号", "楼栋号", "楼"), 0},
    [PC_UNIT] = {N("单元", "单元号"), 0},
    [PC_ROOM] = {N("房号", "门牌号", "房间号", "室", "户室号"), 0},
    [PC_HOUSEHOLD] = {N("户号", "户编号"), 0},
    [PC_RELATION] = {N("与户主关系", "与户主的关系", "关系"), 0},
    [PC_TAGS] = {N("人员类别", "标签", "人员标签", "类别", "特殊人群"), 0},
    [PC_GRID] = {N("网格", "所属网格"), 0},
    [PC_NOTE] = {N("备注"), 0},
};

/* ---- the passes ---- */

#define LIST_MAX 200 /* new buildings and rooms named in the result */
#define SLOTS 256     /* rows prepared ahead of the writer */
#define WAKE 64       /* a waiting side is woken when this many rows or slots are there for it */
#define SLOT_CAP ((size_t)1 << 20) /* a row's check and preparation: 13 fields of <= 4096 bytes and more */

/* A row on its way to the writer: checked and prepared in its arena. */
struct slot {
	struct arena a;
	struct people_record rec;
	struct people_prepared prep;
};

/* Between the reading thread and the writing one: slots[filled % SLOTS]
 * is the next to fill, slots[taken % SLOTS] the next to write. A side that
 * waits is woken for WAKE rows or slots at once, not for each (a wake is a
 * system call on both sides). */
struct queue {
	pthread_mutex_t mu;
	pthread_cond_t space, rows; /* a slot was freed; a row was queued or the reader is done */
	struct slot *slots;
	size_t filled, taken;
	int reader_waits, writer_waits;
	int done;                 /* the reader is through the file */
	const char *stop;         /* the writer failed: the reader stops, with this */
};

struct run {
	struct db *db;
	int64_t community_id;
	const struct people_import_options *o;
	struct people_import_result *res;
	struct arena *a;   /* the result's: the reader's while it runs */
	struct arena row;  /* the reader's scratch (the header, one row's report) */
	struct arena mine; /* the writer's: its list of what it made, until copied to a */
	struct arena scratch; /* the writer's, reset for each row */
	struct slot one;   /* the row, on one thread */
	struct queue *q;   /* on two */
	int writing;	   /* 0 a dry run, 1 writing */
	int have_map;
	struct smap ids;       /* 18-character ID → line first seen */
	/* Dry run: as the check met them, 0 when not in the registry.
	 * Writing: the registry's, read before the pass; a new one added when
	 * written. */
	struct smap buildings; /* name → id */
	struct smap rooms;     /* "building\x1funit\x1froom" → id */
	struct smap households; /* "room id\x1flabel" → id */
	/* While people_person's indexes are dropped (a load that at least
	 * doubles it): the community's ID blind indexes (hex) read before. */
	struct smap known;
	int indexes_dropped;
	struct db_id_block person_ids, room_ids, household_ids; /* new residents', rooms' and households' */
	int failed;		  /* the reader's: out of memory, a database error */
	int write_failed;	  /* the writer's: a database error */
	int conflict;		  /* the writer's: an ID number registered since (another import, the desk) */
};

static const char *field(const struct csv_row *row, const struct people_mapping *m, enum people_column c)
{
	int i = m->map[c];
	return i >= 0 && i < row->nfields ? row->fields[i] : "";
}

static int map_header(struct run *r, struct csv_import *imp, const struct csv_row *row)
{
	if (imp->nerrors) /* the reader refused the first row: this one is no header */
		return csv_import_fail(imp, imp->nkept ? arena_printf(r->a, "第一行(表头)%s", imp->errors[0].message)
		                                       : "第一行(表头)有问题,无法导入");
	struct people_mapping *m = &r->res->mapping;
	m->nheader = row->nfields;
	m->header = arena_alloc(r->a, (size_t)row->nfields * sizeof *m->header);
	if (!m->header)
		return csv_import_fail(imp, "内存不足");
	for (int i = 0; i < row->nfields; i++)
		if (!(m->header[i] = arena_strdup(r->a, row->fields[i])))
			return csv_import_fail(imp, "内存不足");
	if (r->o->mapping) {
		for (int c = 0; c < PC__MAX; c++) {
			int i = r->o->mapping[c];
			m->map[c] = i >= 0 && i < row->nfields ? i : -1;
		}
		if (m->map[PC_NAME] < 0)
			return csv_import_fail(imp, "请指定哪一列是“姓名”");
		return 0;
	}
	const char *err;
	if (csv_header_map(r->a, row, people_columns, PC__MAX, m->map, &err) < 0)
		return csv_import_fail(imp, err ? err : "内存不足");
	return 0;
}

/* Notes the building and room a checked row names: looked up once each;
 * those the registry lacks are listed (up to LIST_MAX) and counted. */
static int note_address(struct run *r, const struct people_record *rec)
{
	struct people_import_result *res = r->res;
	if (!*rec->building)
		return 0;
	int64_t bid = smap_get(&r->buildings, rec->building);
	if (bid < 0) {
		int made;
		(void)made;
		static struct db_query q = DB_QUERY("SELECT id FROM people_building WHERE community_id = ? AND name = ?");
		struct db_stmt *st = db_stmt(r->db, &q);
		if (!st)
			return -1;
		db_bind_int(st, 1, r->community_id);
		db_bind_text(st, 2, rec->building, -1);
		int rc = db_one_int(st, &bid);
		if (rc < 0)
			return -1;
		if (rc == 1) {
			bid = 0;
			if (res->nnew_buildings < LIST_MAX)
				res->new_buildings[res->nnew_buildings] = arena_strdup(r->a, rec->building);
			res->nnew_buildings++;
		}
		if (smap_put(&r->buildings, rec->building, bid) < 0)
			return -1;
	}
	if (!*rec->room)
		return 0;
	char *key = arena_printf(&r->row, "%s\x1f%s\x1f%s", rec->building, rec->unit, rec->room);
	if (!key)
		return -1;
	if (smap_get(&r->rooms, key) >= 0)
		return 0;
	int64_t rid = 0;
	if (bid > 0) {
		static struct db_query q = DB_QUERY(
		    "SELECT id FROM people_room WHERE community_id = ? AND building_id = ? AND unit = ? AND room = ?");
		struct db_stmt *st = db_stmt(r->db, &q);
		if (!st)
			return -1;
		db_bind_int(st, 1, r->community_id);
		db_bind_int(st, 2, bid);
		db_bind_text(st, 3, rec->unit, -1);
		db_bind_text(st, 4, rec->room, -1);
		int rc = db_one_int(st, &rid);
		if (rc < 0)
			return -1;
		if (rc == 1)
			rid = 0;
	}
	if (!rid) {
		if (res->nnew_rooms < LIST_MAX)
			res->new_rooms[res->nnew_rooms] =
			    arena_printf(r->a, "%s%s%s %s", rec->building, *rec->unit ? " " : "", rec->unit, rec->room);
		res->nnew_rooms++;
	}
	return smap_put(&r->rooms, key, rid);
}

/* The row's problems as one message: "身份证号校验位不对…;手机号码应为…". */
static void report(struct csv_import *imp, int line, const struct people_problem *p, int n, struct arena *a)
{
	size_t len = 1;
	for (int i = 0; i < n; i++)
		len += strlen(p[i].message) + 3;
	char *s = arena_alloc(a, len);
	if (!s) {
		csv_row_error(imp, line, "内存不足");
		return;
	}
	*s = 0;
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(s, ";");
		strcat(s, p[i].message);
	}
	csv_row_error(imp, line, "%s", s);
}

/* Lists a building or room the import made (up to LIST_MAX) and counts it. */
static void note_made(struct run *r, const char **list, int *n, const char *what)
{
	if (*n < LIST_MAX)
		list[*n] = arena_strdup(&r->mine, what);
	(*n)++;
}

/* Writes one checked row: the address through the maps (made once per
 * building, room and household; those the maps lack are not in the
 * registry), the resident under a reserved id. */
static int write_row(struct run *r, const struct people_record *rec, const struct people_prepared *prep)
{
	struct people_import_result *res = r->res;
	struct people_address addr = {0};
	if (*rec->building) {
		int64_t bid = smap_get(&r->buildings, rec->building);
		if (bid <= 0) {
			if (people_building_ensure(r->db, r->community_id, rec->building, rec->grid, r->o->now, &bid,
			                           &addr.made_building) < 0 ||
			    smap_put(&r->buildings, rec->building, bid) < 0)
				return -1;
			if (addr.made_building)
				note_made(r, res->new_buildings, &res->nnew_buildings, rec->building);
		}
		addr.building_id = bid;
	}
	if (*rec->building && *rec->room) {
		char *key = arena_printf(&r->scratch, "%s\x1f%s\x1f%s", rec->building, rec->unit, rec->room);
		if (!key)
			return -1;
		int64_t rid = smap_get(&r->rooms, key);
		/* not in the registry when the pass began: write it without looking */
		addr.made_room = rid < 0;
		if (rid < 0) {
			if (people_room_ensure(r->db, r->community_id, addr.building_id, rec->unit, rec->room, r->o->now,
			                       &r->room_ids, &rid, &addr.made_room) < 0 ||
			    smap_put(&r->rooms, key, rid) < 0)
				return -1;
			if (addr.made_room)
				note_made(r, res->new_rooms, &res->nnew_rooms,
				          arena_printf(&r->scratch, "%s%s%s %s", rec->building, *rec->unit ? " " : "", rec->unit,
				                       rec->room));
		}
		addr.room_id = rid;
		char *hkey = arena_printf(&r->scratch, "%lld\x1f%s", (long long)rid, rec->household);
		if (!hkey)
			return -1;
		int64_t hid = smap_get(&r->households, hkey);
		addr.made_household = hid < 0;
		if (hid < 0) {
			if (people_household_ensure(r->db, r->community_id, rid, rec->household, r->o->now, &r->household_ids, &hid,
			                            &addr.made_household) < 0 ||
			    smap_put(&r->households, hkey, hid) < 0)
				return -1;
			res->households_new += addr.made_household;
		}
		addr.household_id = hid;
	}
	int64_t id;
	if (db_id_block_take(r->db, &r->person_ids, &id) < 0)
		return -1;
	int rc = people_person_write(r->db, r->community_id, id, rec, prep, &addr, r->o->by_user, r->o->now);
	if (rc == DB_CONSTRAINT)
		r->conflict = 1;
	if (rc != 0)
		return -1;
	res->imported++;
	return 0;
}

/* Whether the ID number is in the community's registry: by the blind
 * indexes read before the pass while the indexes are dropped, else by the
 * index. 1 yes, 0 no, -1 error. */
static int registered(struct run *r, const char *id_number)
{
	if (!r->indexes_dropped) {
		int64_t pid;
		if (people_find_id_number(r->db, r->community_id, id_number, &pid) < 0)
			return -1;
		return pid != 0;
	}
	unsigned char idx[PII_INDEX_BYTES];
	char hex[2 * PII_INDEX_BYTES + 1];
	if (people_blind_index("people.id", id_number, idx) < 0)
		return -1;
	sodium_bin2hex(hex, sizeof hex, idx, sizeof idx);
	return smap_get(&r->known, hex) >= 0;
}

/* Why the writer stopped, as the reader reports it. */
static const char *stop_reason(const struct run *r)
{
	return r->conflict ? "检查之后名册有了变化(有身份证号刚被登记),什么也没有导入" : "写入时出错,什么也没有导入";
}

/* The writer's part of one row. 0, or -1 with write_failed or conflict set. */
static int write_one(struct run *r, struct slot *s)
{
	arena_reset(&r->scratch);
	if (write_row(r, &s->rec, &s->prep) == 0)
		return 0;
	r->write_failed = !r->conflict;
	return -1;
}

/* The slot the next row is checked into: the only one on one thread; on
 * two the next free one, waiting while the writer is SLOTS rows behind.
 * NULL once the writer stopped (q->stop). */
static struct slot *slot_to_fill(struct run *r)
{
	struct queue *q = r->q;
	if (!q)
		return &r->one;
	pthread_mutex_lock(&q->mu);
	while (q->filled - q->taken == SLOTS && !q->stop) {
		q->reader_waits = 1;
		pthread_cond_wait(&q->space, &q->mu);
		q->reader_waits = 0;
	}
	struct slot *s = q->stop ? NULL : &q->slots[q->filled % SLOTS];
	pthread_mutex_unlock(&q->mu);
	return s;
}

/* Hands a prepared row to the writer, or on one thread writes it. 0 or -1. */
static int publish(struct run *r, struct slot *s)
{
	struct queue *q = r->q;
	if (!q)
		return write_one(r, s);
	pthread_mutex_lock(&q->mu);
	q->filled++;
	if (q->writer_waits && q->filled - q->taken >= WAKE)
		pthread_cond_signal(&q->rows);
	pthread_mutex_unlock(&q->mu);
	return 0;
}

static int on_row(struct csv_import *imp, const struct csv_row *row, void *ctx)
{
	struct run *r = ctx;
	if (!r->have_map) {
		r->have_map = 1;
		return map_header(r, imp, row);
	}
	struct slot *s = slot_to_fill(r);
	if (!s)
		return csv_import_fail(imp, r->q->stop);
	arena_reset(&s->a);
	arena_reset(&r->row);
	const struct people_mapping *m = &r->res->mapping;
	struct people_input in = {
	    .name = field(row, m, PC_NAME),
	    .gender = field(row, m, PC_GENDER),
	    .id_number = field(row, m, PC_ID),
	    .birth = field(row, m, PC_BIRTH),
	    .phone = field(row, m, PC_PHONE),
	    .building = field(row, m, PC_BUILDING),
	    .unit = field(row, m, PC_UNIT),
	    .room = field(row, m, PC_ROOM),
	    .household = field(row, m, PC_HOUSEHOLD),
	    .relation = field(row, m, PC_RELATION),
	    .tags = field(row, m, PC_TAGS),
	    .grid = field(row, m, PC_GRID),
	    .note = field(row, m, PC_NOTE),
	};
	struct people_record *rec = &s->rec;
	struct people_problem p[PEOPLE_MAX_PROBLEMS];
	int np = people_check(&s->a, &in, r->o->now, rec, p);
	if (np < 0) {
		r->failed = 1;
		return csv_import_fail(imp, "内存不足");
	}
	r->res->rows++;
	if (np > 0) {
		r->res->bad++;
		report(imp, row->line, p, np, &r->row);
		return 0;
	}
	if (*rec->id_number) {
		char id18[19];
		people_id_18(rec->id_number, id18);
		int64_t first = smap_get(&r->ids, id18);
		if (first >= 0) {
			r->res->bad++;
			csv_row_error(imp, row->line, "身份证号与第 %lld 行重复", (long long)first);
			return 0;
		}
		if (smap_put(&r->ids, id18, row->line) < 0) {
			r->failed = 1;
			return csv_import_fail(imp, "内存不足");
		}
		int known = registered(r, rec->id_number);
		if (known < 0) {
			r->failed = 1;
			return csv_import_fail(imp, "读取人员库时出错");
		}
		if (known) {
			r->res->bad++;
			r->res->registered++;
			csv_row_error(imp, row->line, "身份证号已在本社区人员库中(%s)", rec->name);
			return 0;
		}
	}
	if (!r->writing) {
		if (note_address(r, rec) < 0) {
			r->failed = 1;
			return csv_import_fail(imp, "读取人员库时出错");
		}
		return 0;
	}
	if (r->res->bad) /* refused already: the rest is checked, not written */
		return 0;
	if (people_person_prepare(&s->a, rec, &s->prep) < 0) {
		r->failed = 1;
		return csv_import_fail(imp, "加密或内存出错,什么也没有导入");
	}
	if (publish(r, s) < 0)
		return csv_import_fail(imp, stop_reason(r));
	return 0;
}

/* The writer's loop, on the caller's thread: every queued row written in
 * order until the reader is done; after a failure the rest are only
 * taken, and the reader told to stop. */
static void write_queue(struct run *r)
{
	struct queue *q = r->q;
	for (;;) {
		pthread_mutex_lock(&q->mu);
		while (q->taken == q->filled && !q->done) {
			q->writer_waits = 1;
			pthread_cond_wait(&q->rows, &q->mu);
			q->writer_waits = 0;
		}
		if (q->taken == q->filled) {
			pthread_mutex_unlock(&q->mu);
			return;
		}
		struct slot *s = &q->slots[q->taken % SLOTS];
		int stopped = q->stop != NULL;
		pthread_mutex_unlock(&q->mu);
		int failed = !stopped && write_one(r, s) < 0;
		pthread_mutex_lock(&q->mu);
		if (failed)
			q->stop = stop_reason(r);
		q->taken++;
		if (q->reader_waits && (SLOTS - (q->filled - q->taken) >= WAKE || q->stop))
			pthread_cond_signal(&q->space);
		pthread_mutex_unlock(&q->mu);
	}
}

struct reader {
	struct run *r;
	const void *data;
	size_t n;
	const struct csv_options *co;
	int rc;
};

/* The reading thread: the whole file through on_row, then done. */
static void *read_all(void *arg)
{
	struct reader *rd = arg;
	struct queue *q = rd->r->q;
	rd->rc = table_import_run(&rd->r->res->imp, rd->r->a, rd->data, rd->n, rd->co);
	pthread_mutex_lock(&q->mu);
	q->done = 1;
	pthread_cond_signal(&q->rows);
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

/* The import's pass on two threads: this one writes what the other reads,
 * checks and prepares. table_import_run's result; on one thread when a
 * second cannot start. */
static int run_two(struct run *r, const void *data, size_t n, const struct csv_options *co)
{
	struct queue q = {.slots = calloc(SLOTS, sizeof *q.slots)};
	if (!q.slots)
		return table_import_run(&r->res->imp, r->a, data, n, co);
	for (int i = 0; i < SLOTS; i++)
		arena_init(&q.slots[i].a, SLOT_CAP);
	pthread_mutex_init(&q.mu, NULL);
	pthread_cond_init(&q.space, NULL);
	pthread_cond_init(&q.rows, NULL);
	r->q = &q;
	struct reader rd = {r, data, n, co, -1};
	pthread_t t;
	int rc;
	if (pthread_create(&t, NULL, read_all, &rd) != 0) {
		r->q = NULL;
		rc = table_import_run(&r->res->imp, r->a, data, n, co);
	} else {
		write_queue(r);
		pthread_join(t, NULL);
		r->q = NULL;
		rc = rd.rc;
	}
	for (int i = 0; i < SLOTS; i++)
		arena_free(&q.slots[i].a);
	free(q.slots);
	pthread_mutex_destroy(&q.mu);
	pthread_cond_destroy(&q.space);
	pthread_cond_destroy(&q.rows);
	return rc;
}

static void on_progress(void *ctx, int rows, size_t done, size_t total)
{
	struct run *r = ctx;
	if (r->o->progress)
		r->o->progress(r->o->ctx, r->writing ? "导入" : "检查", rows, done, total);
}

static struct db_query q_have = DB_QUERY("SELECT COUNT(*) FROM people_person");
static struct db_query q_known_buildings = DB_QUERY("SELECT name, id FROM people_building WHERE community_id = ?");
static struct db_query q_known_rooms =
    DB_QUERY("SELECT b.name, r.unit, r.room, r.id FROM people_room r"
             " JOIN people_building b ON b.community_id = r.community_id AND b.id = r.building_id WHERE r.community_id = ?");
static struct db_query q_known_households =
    DB_QUERY("SELECT room_id, label, id FROM people_household WHERE community_id = ?");
static struct db_query q_known_ids =
    DB_QUERY("SELECT id_index FROM people_person WHERE community_id = ? AND id_index IS NOT NULL");

/* Fills m with the community's rows of q: the first nkey columns joined
 * by \x1f (as write_row makes its keys) → the id in the next. 0 or -1. */
static int preload(struct run *r, struct db_query *q, int nkey, struct smap *m)
{
	struct db_stmt *st = db_stmt(r->db, q);
	if (!st)
		return -1;
	db_bind_int(st, 1, r->community_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		arena_reset(&r->scratch);
		const char *k = db_col_text(st, 0);
		for (int i = 1; k && i < nkey; i++)
			k = arena_printf(&r->scratch, "%s\x1f%s", k, db_col_text(st, i));
		if (!k || smap_put(m, k, db_col_int(st, nkey)) < 0)
			break;
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}

/* Fills r->known with the community's ID blind indexes, in hex. 0 or -1. */
static int preload_ids(struct run *r)
{
	struct db_stmt *st = db_stmt(r->db, &q_known_ids);
	if (!st)
		return -1;
	db_bind_int(st, 1, r->community_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		size_t len;
		const void *p = db_col_blob(st, 0, &len);
		char hex[2 * PII_INDEX_BYTES + 1];
		if (len != PII_INDEX_BYTES)
			continue;
		sodium_bin2hex(hex, sizeof hex, p, len);
		if (smap_put(&r->known, hex, 1) < 0)
			break;
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}

/* Before an import's pass: the registry's buildings, rooms and households
 * of the community in the maps; people_person's indexes dropped when the
 * file looks at least as big as the table (a row of a file is at least
 * 100 bytes of CSV or of XLSX's zip), with the community's ID blind indexes
 * read instead for the duplicate check. 0 or -1. */
static int prepare_write(struct run *r, size_t n, const char ***indexes, size_t *nindexes)
{
	int64_t have = 0;
	struct db_stmt *st = db_stmt(r->db, &q_have);
	if (!st || db_one_int(st, &have) != 0 || preload(r, &q_known_buildings, 1, &r->buildings) < 0 ||
	    preload(r, &q_known_rooms, 3, &r->rooms) < 0 || preload(r, &q_known_households, 2, &r->households) < 0)
		return -1;
	if (have > (int64_t)(n / 100))
		return 0;
	if (preload_ids(r) < 0 || db_indexes_drop(r->db, "people_person", r->a, indexes, nindexes) < 0)
		return -1;
	r->indexes_dropped = *nindexes > 0;
	return 0;
}

int people_import(struct db *db, struct arena *a, int64_t community_id, const void *data, size_t n,
                  const struct people_import_options *o, struct people_import_result *res)
{
	memset(res, 0, sizeof *res);
	for (int c = 0; c < PC__MAX; c++)
		res->mapping.map[c] = -1;
	res->new_buildings = arena_alloc(a, LIST_MAX * sizeof *res->new_buildings);
	res->new_rooms = arena_alloc(a, LIST_MAX * sizeof *res->new_rooms);
	if (!res->new_buildings || !res->new_rooms)
		return -1;
	struct run r = {.db = db, .community_id = community_id, .o = o, .res = res, .a = a, .writing = !o->dry_run};
	r.person_ids = (struct db_id_block){.scope = community_id, .name = "people_person", .step = 4096};
	r.room_ids = (struct db_id_block){.scope = community_id, .name = "people_room", .step = 1024};
	r.household_ids = (struct db_id_block){.scope = community_id, .name = "people_household", .step = 1024};
	arena_init(&r.row, 1u << 20);
	arena_init(&r.mine, 1u << 20);
	arena_init(&r.scratch, 1u << 20);
	arena_init(&r.one.a, SLOT_CAP);
	struct csv_options co = {
	    .max_bytes = o->max_bytes,
	    .max_rows = o->max_rows,
	    .header_rows = 1,
	    .max_errors = 200,
	    .row = on_row,
	    .progress = on_progress,
	    .ctx = &r,
	};
	const char **indexes = NULL;
	size_t nindexes = 0;
	int rc = -1;
	if (db_bulk(db, 1) < 0 || (r.writing && prepare_write(&r, n, &indexes, &nindexes) < 0))
		r.failed = 1;
	else if (r.indexes_dropped)
		rc = run_two(&r, data, n, &co);
	else
		rc = table_import_run(&res->imp, a, data, n, &co);
	/* what the writer made, listed in its own arena until now */
	for (int i = 0; r.writing && i < res->nnew_buildings && i < LIST_MAX; i++)
		res->new_buildings[i] = arena_strdup(a, res->new_buildings[i]);
	for (int i = 0; r.writing && i < res->nnew_rooms && i < LIST_MAX; i++)
		res->new_rooms[i] = arena_strdup(a, res->new_rooms[i]);
	/* Rows the reader itself refused (a field past its limit, too many
	 * fields) never reach on_row: each reported one error, as every row
	 * refused here did; count them, so that such a file is refused. */
	if (rc == 0 && res->imp.nerrors > res->bad) {
		int refused = res->imp.nerrors - res->bad;
		res->bad += refused;
		res->rows += refused;
		if (!r.have_map) { /* the header itself: nothing can be read */
			res->imp.fatal = res->imp.nkept ? arena_printf(a, "第一行(表头)%s", res->imp.errors[0].message)
			                                : "第一行(表头)有问题,无法导入";
			rc = -1;
		}
	}
	int out;
	if (r.conflict)
		out = 3;
	else if (r.failed || r.write_failed)
		out = -1;
	else if (rc < 0)
		out = 2;
	else if (res->bad || !r.writing || !res->rows)
		out = 0;
	else if (res->imported != res->rows)
		out = -1;
	else {
		/* the ids of the last block left unused follow the rows written;
		 * the indexes come back, sorted once each */
		out = db_id_block_end(db, &r.person_ids) < 0 || db_id_block_end(db, &r.room_ids) < 0 ||
		              db_id_block_end(db, &r.household_ids) < 0 ||
		              (nindexes && db_indexes_create(db, indexes, nindexes) < 0)
		          ? -1
		          : 0;
	}
	if (db_bulk(db, 0) < 0)
		out = -1;
	smap_free(&r.ids);
	smap_free(&r.known);
	smap_free(&r.buildings);
	smap_free(&r.rooms);
	smap_free(&r.households);
	arena_free(&r.row);
	arena_free(&r.mine);
	arena_free(&r.scratch);
	arena_free(&r.one.a);
	return out;
}
