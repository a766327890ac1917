/* The data version: a number in the database (table data_version, core
 * migration 0005) that changes in the same transaction as every write to a
 * table pages are built from. A page rendered at version v is still true
 * while the version reads v (and its own time limit has not passed), in
 * every server process alike: the response cache and the ETags rest on it.
 *
 * Triggers do the bumping, so no write can forget it: the CLI's, a module's,
 * or one made by hand in sqlite3 or psql.
 * - SQLite: AFTER INSERT/UPDATE/DELETE triggers on each table add 1. SQLite
 *   has one writer at a time, so they cannot deadlock.
 * - PostgreSQL: a deferred constraint trigger on each table adds 1 at
 *   commit, once a transaction (and a statement trigger on TRUNCATE, which
 *   fires no row trigger, at once). Taken at commit, after every other lock the
 *   transaction needs, the version row cannot take part in a deadlock; it
 *   does make writers' commits take turns, which is cheap at the rate a
 *   community writes.
 * Tables whose writes never change what a visitor without a session sees
 * (sessions, login throttles, the audit log) get no trigger: see
 * app_versioned_tables. */
#ifndef SHEQU_DB_DATA_VERSION_H
#define SHEQU_DB_DATA_VERSION_H
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

/* Reads the current data version (outside or inside a transaction: inside
 * a snapshot it is the snapshot's). 0, or -1 on a database error. */
int data_version_get(struct db *db, int64_t *v);

/* Installs the bumping trigger on each of the n tables that lacks it (and,
 * on PostgreSQL, the trigger function), in one transaction. Table names
 * must pass db_ident_ok. 0, or -1 with a message in err. */
int data_version_install(struct db *db, const char *const *tables, size_t n, char *err, size_t errlen);

/* 0 when each of the n tables has its trigger; -1 with the first table
 * that lacks one (or the database error) in err. */
int data_version_check(struct db *db, const char *const *tables, size_t n, char *err, size_t errlen);

#endif
