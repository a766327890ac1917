/* Numbered schema migrations embedded in the binary, one set per module.
 * A file named NNNN_what.sql is version NNNN of its module's schema. */
#ifndef SHEQU_DB_MIGRATE_H
#define SHEQU_DB_MIGRATE_H
#include <stddef.h>
#include <stdio.h>

#include "core/embed.h"
#include "db/db.h"

struct migration_set {
	const char *module;
	const struct embedded_file *files; /* ends with a NULL name; sorted by name */
	/* Called inside each migration's transaction right after its SQL, with
	 * the file's name, for what SQL cannot do (sealing personal fields
	 * needs the key file). May be NULL. 0, or -1 with a message in err. */
	int (*after)(struct db *db, const char *file, char *err, size_t errlen);
};

/* Applies every migration not yet recorded, each in its own transaction
 * together with its row in schema_migrations (with the SHA-256 of the
 * file). Each transaction takes the migration lock (PostgreSQL advisory
 * lock; SQLite's write lock) and reads the version again under it, so two
 * processes migrating one database at once apply each file once. Refuses,
 * before changing anything, a database whose applied migration differs
 * from the binary's file of the same version; rows applied before
 * checksums were kept take the file's checksum. Prints one line per
 * applied migration to progress (may be NULL). Returns the number applied,
 * or -1 with a message in err (the failing migration leaves nothing
 * behind). */
int migrate_apply(struct db *db, const struct migration_set *sets, size_t n, FILE *progress, char *err,
		  size_t errlen);
/* Compares the database with the binary: 0 when every module is at the
 * binary's latest version and no applied migration differs from the
 * binary's file; -1 with a message in err when the database is behind
 * ("run shequ migrate"), ahead of the binary, was migrated by an edited
 * file, or is unreadable. */
int migrate_check(struct db *db, const struct migration_set *sets, size_t n, char *err, size_t errlen);

/* The hex SHA-256 of a migration file, as schema_migrations keeps it. */
void migrate_checksum(const struct embedded_file *f, char hex[65]);

#endif
