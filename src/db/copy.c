#include "db/copy.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

/* Rows in table, or -1. */
static int64_t count_rows(struct db *db, const char *table)
{
	struct buf b;
	buf_init(&b, 512);
	buf_puts(&b, "SELECT COUNT(*) FROM ");
	buf_puts(&b, table);
	struct db_stmt *st = b.err ? NULL : db_prepare_adhoc(db, b.data);
	buf_free(&b);
	int64_t n = -1;
	if (!st || db_one_int(st, &n) != 0)
		n = -1;
	db_finalize(st);
	return n;
}

/* The INSERT for a row shaped like st's current row. NULL on error. */
static struct db_stmt *insert_for(struct db *dst, const char *table, struct db_stmt *st)
{
	int cols = db_col_count(st);
	struct buf b;
	buf_init(&b, 1 << 16);
	buf_puts(&b, "INSERT INTO ");
	buf_puts(&b, table);
	buf_puts(&b, " (");
	for (int i = 0; i < cols; i++) {
		const char *name = db_col_name(st, i);
		if (!db_ident_ok(name))
			b.err = 1;
		buf_puts(&b, i ? ", " : "");
		buf_puts(&b, name);
	}
	buf_puts(&b, ") VALUES (");
	for (int i = 0; i < cols; i++)
		buf_puts(&b, i ? ", ?" : "?");
	buf_puts(&b, ")");
	struct db_stmt *ins = b.err ? NULL : db_prepare_adhoc(dst, b.data);
	buf_free(&b);
	return ins;
}

/* Binds column i of the source row as parameter i+1 of the insert. */
static void bind_value(struct db_stmt *ins, struct db_stmt *st, int i)
{
	size_t n;
	const void *p;
	switch (db_col_type(st, i)) {
	case DB_T_NULL:
		db_bind_null(ins, i + 1);
		break;
	case DB_T_INT:
		db_bind_int(ins, i + 1, db_col_int(st, i));
		break;
	case DB_T_BLOB:
		p = db_col_blob(st, i, &n);
		db_bind_blob(ins, i + 1, p ? p : "", n);
		break;
	case DB_T_TEXT:
		db_bind_text(ins, i + 1, db_col_text(st, i), -1);
		break;
	}
}

/* Copies one table in batches. Returns the rows copied, or -1. */
static int64_t copy_table(struct db *src, struct db *dst, const char *table, int64_t total, FILE *progress,
			  char *err, size_t errlen)
{
	/* Batches by LIMIT/OFFSET over a total order on every column, so that
	 * neither side ever holds a whole large table in memory. */
	struct buf b;
	buf_init(&b, 4096);
	buf_puts(&b, "SELECT * FROM ");
	buf_puts(&b, table);
	buf_puts(&b, " LIMIT 0");
	struct db_stmt *probe = db_prepare_adhoc(src, b.data);
	int cols = 0;
	if (probe) {
		db_step(probe);
		cols = db_col_count(probe);
		db_finalize(probe);
	}
	buf_reset(&b);
	buf_puts(&b, "SELECT * FROM ");
	buf_puts(&b, table);
	buf_puts(&b, " ORDER BY ");
	for (int i = 1; i <= cols; i++)
		buf_printf(&b, i > 1 ? ", %d" : "%d", i);
	buf_puts(&b, " LIMIT ? OFFSET ?");
	struct db_stmt *sel = cols && !b.err ? db_prepare_adhoc(src, b.data) : NULL;
	buf_free(&b);
	if (!sel) {
		snprintf(err, errlen, "%s: cannot read: %s", table, db_errmsg(src));
		return -1;
	}
	struct db_stmt *ins = NULL;
	int64_t done = 0, max_id = 0;
	int id_col = -1, rc = DB_DONE;
	for (;;) {
		db_reset(sel);
		db_bind_int(sel, 1, DB_COPY_BATCH);
		db_bind_int(sel, 2, done);
		int64_t in_batch = 0;
		if (db_begin(dst) < 0)
			goto fail_dst;
		while ((rc = db_step(sel)) == DB_ROW) {
			if (!ins) {
				if (!(ins = insert_for(dst, table, sel)))
					goto fail_dst;
				for (int i = 0; i < cols; i++)
					if (!strcmp(db_col_name(sel, i), "id"))
						id_col = i;
			}
			for (int i = 0; i < cols; i++)
				bind_value(ins, sel, i);
			if (id_col >= 0 && db_col_int(sel, id_col) > max_id)
				max_id = db_col_int(sel, id_col);
			if (db_run(ins) != DB_DONE)
				goto fail_dst;
			in_batch++;
		}
		if (rc != DB_DONE) {
			snprintf(err, errlen, "%s: read failed: %s", table, db_errmsg(src));
			db_rollback(dst);
			goto fail;
		}
		if (db_commit(dst) < 0)
			goto fail_dst;
		done += in_batch;
		if (progress && in_batch)
			fprintf(progress, "  %s: %lld/%lld rows\n", table, (long long)done, (long long)total);
		if (in_batch < DB_COPY_BATCH)
			break;
	}
	if (id_col >= 0 && db_sync_ids(dst, table, max_id) < 0)
		goto fail_dst;
	db_finalize(sel);
	db_finalize(ins);
	return done;
fail_dst:
	snprintf(err, errlen, "%s: write failed: %s", table, db_errmsg(dst));
	db_rollback(dst);
fail:
	db_finalize(sel);
	db_finalize(ins);
	return -1;
}

int db_copy(struct db *src, struct db *dst, const char *const *tables, size_t n, FILE *progress, char *err,
	    size_t errlen)
{
	int64_t *counts = calloc(n ? n : 1, sizeof *counts);
	if (!counts) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (!db_ident_ok(tables[i])) {
			snprintf(err, errlen, "bad table name %s", tables[i]);
			rc = -1;
			break;
		}
		int64_t have = count_rows(dst, tables[i]);
		counts[i] = count_rows(src, tables[i]);
		if (counts[i] < 0 || have < 0) {
			snprintf(err, errlen, "%s: cannot count rows", tables[i]);
			rc = -1;
		} else if (have > 0) {
			snprintf(err, errlen, "%s: the destination already has %lld rows", tables[i], (long long)have);
			rc = -1;
		} else if (copy_table(src, dst, tables[i], counts[i], progress, err, errlen) < 0) {
			rc = -1;
		}
	}
	if (rc == 0 && progress)
		fprintf(progress, "verifying row counts\n");
	if (rc == 0)
		rc = db_copy_compare(src, dst, tables, n, progress, err, errlen);
	free(counts);
	return rc;
}

int db_copy_compare(struct db *src, struct db *dst, const char *const *tables, size_t n, FILE *progress,
		    char *err, size_t errlen)
{
	for (size_t i = 0; i < n; i++) {
		if (!db_ident_ok(tables[i])) {
			snprintf(err, errlen, "bad table name %s", tables[i]);
			return -1;
		}
		int64_t s = count_rows(src, tables[i]), d = count_rows(dst, tables[i]);
		if (progress)
			fprintf(progress, "  %-20s %10lld %10lld %s\n", tables[i], (long long)s, (long long)d,
				s == d ? "ok" : "MISMATCH");
		if (s != d || s < 0) {
			snprintf(err, errlen, "%s: %lld rows in the source, %lld in the destination", tables[i],
				 (long long)s, (long long)d);
			return -1;
		}
	}
	return 0;
}
