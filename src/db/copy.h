/* Moving a whole deployment between databases (SQLite ⇄ PostgreSQL). */
#ifndef SHEQU_DB_COPY_H
#define SHEQU_DB_COPY_H
#include <stddef.h>
#include <stdio.h>

#include "db/db.h"

#define DB_COPY_BATCH 2000

/* Copies every row of the listed tables (parents before children) from src
 * into dst, which must already have the same schema and no rows in them.
 * Each batch of DB_COPY_BATCH rows is one transaction on dst; progress goes
 * to progress (may be NULL). At the end the row counts of every table are
 * compared. 0, or -1 with the reason in err. */
int db_copy(struct db *src, struct db *dst, const char *const *tables, size_t n, FILE *progress, char *err,
	    size_t errlen);

/* Compares the row counts of the listed tables in src and dst, printing
 * each to progress (may be NULL). 0, or -1 naming the first that differs. */
int db_copy_compare(struct db *src, struct db *dst, const char *const *tables, size_t n, FILE *progress,
		    char *err, size_t errlen);

#endif
