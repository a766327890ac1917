/* The database of a store test: `shequ init` and `shequ demo` into a new
 * SQLite file in a temporary directory, or into the PostgreSQL database
 * named by $SHEQU_TEST_PG (tests/pg/with-postgres.sh starts one; its key
 * file then goes in the temporary directory through $SHEQU_KEY_FILE). The
 * tests open as many connections to it as they need. */
#ifndef SHEQU_TESTS_STORE_FIXTURE_H
#define SHEQU_TESTS_STORE_FIXTURE_H
#include <stdint.h>

#include "db/db.h"

struct fixture {
	char dir[64];  /* the temporary directory */
	char url[600]; /* the database, for db_open and for `shequ --db` */
};

/* Makes the database with the binary shequ (stdout quiet). 0, or -1 after
 * saying why on stderr. */
int fixture_make(struct fixture *f, const char *shequ);
/* Reads the database's key file (beside a SQLite file, or $SHEQU_KEY_FILE
 * for PostgreSQL) and installs the key for this process, for tests that
 * seal or open personal data. 0, or -1 after saying why. */
int fixture_key_install(const struct fixture *f);
/* Opens a connection to it. 0, or -1 after saying why. */
int fixture_open(const struct fixture *f, struct db **db);
/* Runs a script of statements in one transaction on db (e.g. to empty a
 * module's tables). 0, or -1 after saying why. */
int fixture_script(struct db *db, const char *sql);
/* The id the query (one text parameter) answers for name, e.g.
 * "SELECT id FROM users WHERE username = ?"; -1 after saying why. */
int64_t fixture_id(struct db *db, const char *sql, const char *name);
/* Removes the temporary directory (the PostgreSQL database stays for the
 * script that made it). 0 or -1. */
int fixture_remove(struct fixture *f);

#endif
