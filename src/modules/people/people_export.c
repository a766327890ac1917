/* A list of residents as a spreadsheet (CSV or XLSX), masked, or in full
 * for a permitted role's explicit, audited choice. The headers are those
 * the import recognises, so that a full export reads back in. */
#include <stdio.h>
#include <string.h>

#include "modules/people/people_internal.h"
#include "web/export.h"

static const char *const headers_masked[] = {"姓名", "性别", "出生年份", "公民身份号码", "手机号码", "楼栋", "单元",
                                             "房号", "户号", "与户主关系", "人员类别", "网格", "状态"};
static const char *const headers_full[] = {"姓名", "性别", "出生日期", "公民身份号码", "手机号码", "楼栋", "单元",
                                           "房号", "户号", "与户主关系", "人员类别", "网格", "状态", "备注"};
#define NMASKED ((int)(sizeof headers_masked / sizeof *headers_masked))
#define NFULL ((int)(sizeof headers_full / sizeof *headers_full))

struct export_run {
	struct db *db;
	struct arena *a;
	int64_t community_id;
	int full;
	const struct people_viewer *viewer;
	struct export_table *t;
	int64_t rows, max; /* written; the most allowed (0: no limit) */
	int failed;        /* a sealed field did not open */
	int too_many;      /* the filter lists more than max */
};

/* Joins two 、-separated tag lists. */
static const char *tags_join(struct arena *a, const char *x, const char *y)
{
	if (!*x)
		return y;
	if (!*y)
		return x;
	return arena_printf(a, "%s、%s", x, y);
}

static int export_one(const struct people_person *p, void *ctx)
{
	struct export_run *e = ctx;
	struct arena *a = e->a;
	if (e->max && e->rows >= e->max) {
		e->too_many = 1;
		return -1;
	}
	const char *gender = *p->gender ? people_gender_label(p->gender) : "";
	if (e->full) {
		struct people_full f;
		if (people_person_open(e->db, a, e->community_id, p->id, &f) != 0 ||
		    people_view_add(e->db, e->community_id, p->id, e->viewer->user_id, e->viewer->actor, e->viewer->reason,
		                    e->viewer->now) < 0) {
			e->failed = 1;
			return -1;
		}
		const char *v[NFULL] = {p->name, gender, f.birth, f.id_number, f.phone, p->building, p->unit, p->room,
		                        p->household, p->relation, tags_join(a, p->tags, f.tags), p->grid,
		                        people_status_label(p->status), f.note};
		e->rows++;
		return export_row(e->t, v);
	}
	char year[16] = "";
	if (p->birth_year)
		snprintf(year, sizeof year, "%d", p->birth_year);
	const char *tags = p->tags_hidden ? tags_join(a, p->tags, arena_printf(a, "另有 %d 项敏感标签", p->tags_hidden))
	                                  : p->tags;
	const char *v[NMASKED] = {p->name_masked, gender, year, p->id_masked, p->phone_masked, p->building, p->unit,
	                          p->room, p->household, p->relation, tags, p->grid, people_status_label(p->status)};
	e->rows++;
	return export_row(e->t, v);
}

int people_export(struct db *db, struct arena *a, int64_t community_id, const struct people_filter *f, int full,
                  const struct people_viewer *viewer, int64_t max, const char *title, struct export_table *t,
                  int64_t *rows)
{
	*rows = 0;
	if (full && !viewer)
		return -1;
	if (export_begin(t, a, title, full ? headers_full : headers_masked, full ? NFULL : NMASKED) < 0)
		return -1;
	struct export_run e = {db, a, community_id, full, viewer, t, 0, max, 0, 0};
	int rc = people_each(db, a, community_id, f, export_one, &e);
	*rows = e.rows;
	if (e.too_many)
		return 2;
	return rc == 0 && !e.failed ? 0 : -1;
}
