#include "db/data_version.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"

static struct db_query q_get = DB_QUERY("SELECT v FROM data_version WHERE id = 1");
/* SQLite: the three triggers of a table, by name. */
static struct db_query q_has_sqlite =
    DB_QUERY("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?"
	     " AND name IN ('data_version_' || ? || '_i', 'data_version_' || ? || '_u', 'data_version_' || ? || '_d')");
/* PostgreSQL: the constraint trigger of a table in the current schema. */
static struct db_query q_has_pg =
    DB_QUERY("SELECT COUNT(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
	     " JOIN pg_namespace n ON n.oid = c.relnamespace"
	     " WHERE n.nspname = current_schema() AND c.relname = ?"
	     " AND t.tgname IN ('data_version', 'data_version_truncate')");

/* Adds 1 to the version once a transaction: the mark is a setting local
 * to the transaction, so later rows of the same transaction find it. */
static const char pg_function[] =
    "CREATE OR REPLACE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "  IF current_setting('shequ.data_version_bumped', true) IS DISTINCT FROM 'yes' THEN\n"
    "    UPDATE data_version SET v = v + 1 WHERE id = 1;\n"
    "    PERFORM set_config('shequ.data_version_bumped', 'yes', true);\n"
    "  END IF;\n"
    "  RETURN NULL;\n"
    "END $$";

int data_version_get(struct db *db, int64_t *v)
{
	struct db_stmt *st = db_stmt(db, &q_get);
	return st && db_one_int(st, v) == 0 ? 0 : -1;
}

static int is_pg(struct db *db)
{
	return strcmp(db_backend(db), "sqlite") != 0;
}

/* 1 if table has its trigger(s), 0 if not, -1 on error. */
static int has_trigger(struct db *db, const char *table)
{
	int pg = is_pg(db);
	struct db_stmt *st = db_stmt(db, pg ? &q_has_pg : &q_has_sqlite);
	if (!st)
		return -1;
	for (int i = 1; i <= (pg ? 1 : 4); i++)
		db_bind_text(st, i, table, -1);
	int64_t n = 0;
	if (db_one_int(st, &n) != 0)
		return -1;
	return n == (pg ? 2 : 3);
}

/* Appends the statements that install table's trigger(s). */
static void trigger_sql(struct buf *b, int pg, const char *table)
{
	if (pg) {
		/* Rows at commit; TRUNCATE (which fires no row trigger) at once. */
		buf_printf(b,
			   "DROP TRIGGER IF EXISTS data_version ON %s;\n"
			   "DROP TRIGGER IF EXISTS data_version_truncate ON %s;\n"
			   "CREATE CONSTRAINT TRIGGER data_version AFTER INSERT OR UPDATE OR DELETE ON %s"
			   " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump();\n"
			   "CREATE TRIGGER data_version_truncate AFTER TRUNCATE ON %s"
			   " FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump();\n",
			   table, table, table, table);
		return;
	}
	static const struct {
		const char *suffix, *event;
	} ev[] = {{"i", "INSERT"}, {"u", "UPDATE"}, {"d", "DELETE"}};
	for (size_t i = 0; i < sizeof ev / sizeof *ev; i++)
		buf_printf(b,
			   "CREATE TRIGGER IF NOT EXISTS data_version_%s_%s AFTER %s ON %s"
			   " BEGIN UPDATE data_version SET v = v + 1 WHERE id = 1; END;\n",
			   table, ev[i].suffix, ev[i].event, table);
}

int data_version_install(struct db *db, const char *const *tables, size_t n, char *err, size_t errlen)
{
	int pg = is_pg(db);
	struct buf b;
	buf_init(&b, 1 << 20);
	if (db_begin(db) < 0 || db_job_lock(db, "data_version") < 0) {
		snprintf(err, errlen, "cannot start the data-version transaction: %s", db_errmsg(db));
		goto fail;
	}
	if (pg)
		buf_printf(&b, "%s;\n", pg_function);
	for (size_t i = 0; i < n; i++) {
		if (!db_ident_ok(tables[i])) {
			snprintf(err, errlen, "bad table name %s", tables[i] ? tables[i] : "(null)");
			goto fail;
		}
		int has = has_trigger(db, tables[i]);
		if (has < 0) {
			snprintf(err, errlen, "cannot read the triggers of %s: %s", tables[i], db_errmsg(db));
			goto fail;
		}
		if (!has)
			trigger_sql(&b, pg, tables[i]);
	}
	if (b.err) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	if ((b.len && db_exec_script(db, b.data) < 0) || db_commit(db) < 0) {
		snprintf(err, errlen, "cannot install the data-version triggers: %s", db_errmsg(db));
		goto fail;
	}
	buf_free(&b);
	return 0;
fail:
	db_rollback(db);
	buf_free(&b);
	return -1;
}

int data_version_check(struct db *db, const char *const *tables, size_t n, char *err, size_t errlen)
{
	for (size_t i = 0; i < n; i++) {
		int has = db_ident_ok(tables[i]) ? has_trigger(db, tables[i]) : -1;
		if (has < 0) {
			snprintf(err, errlen, "cannot read the triggers of %s: %s", tables[i], db_errmsg(db));
			return -1;
		}
		if (!has) {
			snprintf(err, errlen, "table %s has no data-version trigger: run `shequ migrate`", tables[i]);
			return -1;
		}
	}
	return 0;
}
