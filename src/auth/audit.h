/* The audit log: who did what to which record, when and from where. Every
 * write goes in the same transaction as the change it records. */
#ifndef SHEQU_AUTH_AUDIT_H
#define SHEQU_AUTH_AUDIT_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"

struct audit_entry {
	int64_t id, at, user_id, unit_id;
	const char *actor, *action, *entity, *entity_id, *ip, *detail, *unit_name;
	/* Chinese names of action and entity for people to read, filled by
	 * the handler from the modules' audit_labels; NULL: none known. */
	const char *action_label, *entity_label;
};

/* A Chinese name for an audit action ("services.station_edit") or entity
 * type ("services_station"); modules list theirs in struct module. */
struct audit_label {
	const char *key;
	const char *label;
};

struct audit_event {
	int64_t user_id; /* 0: no account (e.g. the command line) */
	const char *actor; /* display name of who acted */
	int64_t unit_id;   /* org unit concerned, 0 for none */
	const char *action, *entity, *entity_id, *ip, *detail;
};

/* Appends one row. 0 or -1. */
int audit_write(struct db *db, const struct audit_event *e, int64_t now);
/* Lists rows newest first. unit_id > 0: rows of that unit and the units
 * below it; unit_id == 0: every row. Up to limit rows after skipping offset.
 * 0 or -1. */
int audit_list(struct db *db, struct arena *a, int64_t unit_id, int64_t offset, int limit,
	       struct audit_entry **out, size_t *n);

#endif
