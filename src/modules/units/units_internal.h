/* 共驻共建: the units module's types, words and store, shared by its files
 * only. The store (units_store.c, units_fulfil.c) is SQL only: writes run
 * in the caller's write transaction, reads in its snapshot. */
#ifndef SHEQU_MODULES_UNITS_INTERNAL_H
#define SHEQU_MODULES_UNITS_INTERNAL_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"

/* Store answers besides 0 and -1 (a database error). */
enum {
	UNITS_NOT_FOUND = 1, /* no such row in the community */
	UNITS_STATE = 2,     /* the agreement is not in a state that allows the step */
	UNITS_DUP = 3,	     /* a unit of that name exists */
	UNITS_REVERSED = 4,  /* the fulfilment was reversed already, or is a reversal */
	UNITS_RANGE = 5,     /* a total would overflow */
};

enum units_kind { UK_ORGAN, UK_SCHOOL, UK_HOSPITAL, UK_ENTERPRISE, UK_BANK, UK_PROPERTY, UK_OTHER, UK__MAX };
enum units_party { UP_COMMITTEE, UP_GENERAL_BRANCH, UP_BRANCH, UP_NONE, UP__MAX };
enum units_state { US_DRAFT, US_IN_FORCE, US_ENDED, US_TERMINATED, US__MAX };
enum units_ckind { UC_MONEY, UC_ROOM, UC_VOLUNTEERS, UC_SERVICE, UC_OTHER, UC__MAX };

/* Codes as stored and their Chinese labels (units_words.c). A name not in
 * the list reads as -1; a label of a value out of range is "". */
const char *units_kind_name(int k);
const char *units_kind_label(int k);
int units_kind_from(const char *s);
const char *units_party_name(int k);
const char *units_party_label(int k);
int units_party_from(const char *s);
const char *units_state_name(int k);
const char *units_state_label(int k);
int units_state_from(const char *s);
const char *units_ckind_name(int k);
const char *units_ckind_label(int k);
int units_ckind_from(const char *s);

struct units_unit {
	int64_t id;
	const char *name;
	int kind; /* enum units_kind */
	const char *address, *party_org;
	int party_kind; /* enum units_party */
	int64_t party_members;
	const char *contact_name, *office_phone;
	const char *mobile;	   /* in: the full mobile to seal ("" none); out: NULL unless opened */
	const char *mobile_masked; /* out */
	const char *intro;
	int active;
	int64_t created_at, updated_at;
};

struct units_agreement {
	int64_t id;
	const char *title;
	char signed_on[11], starts_on[11], ends_on[11];
	const char *summary;
	int state; /* enum units_state */
	const char *end_reason;
	int64_t created_by, created_at, updated_by, updated_at;
	/* parties: ids (in) or ids and names (out) */
	int64_t *unit_ids;
	const char **unit_names;
	size_t nunits;
};

struct units_commitment {
	int64_t id, agreement_id, unit_id;
	int kind; /* enum units_ckind */
	const char *promise;
	int64_t amount_fen, quantity;
	const char *quantity_unit;
	char due_on[11]; /* "" when given as a period */
	const char *period;
	int64_t done_fen, done_quantity; /* kept totals */
	const char *unit_name;		 /* out, lists */
};

struct units_fulfilment {
	int64_t id, commitment_id, agreement_id, unit_id;
	int kind;
	char done_on[11];
	const char *what;
	int64_t amount_fen, quantity;
	const char *evidence;
	int64_t reverses_id, reversed_by; /* 0 when none */
	const char *reason;
	int64_t recorded_by, recorded_at;
};

/* ---- units (units_store.c) ---- */
/* Adds a unit (id from db_next_id) sealing u->mobile: 0 with u->id set,
 * UNITS_DUP, -1 (also when there is no key for a mobile). */
int units_unit_add(struct db *db, struct arena *a, int64_t community_id, struct units_unit *u, int64_t now);
/* Replaces a unit's fields; u->mobile NULL keeps the kept mobile. 0,
 * UNITS_NOT_FOUND, UNITS_DUP, -1. */
int units_unit_update(struct db *db, struct arena *a, int64_t community_id, const struct units_unit *u, int64_t now);
/* Locks the unit's row for the rest of the transaction: 0, UNITS_NOT_FOUND, -1. */
int units_unit_lock(struct db *db, int64_t community_id, int64_t id);
/* One unit; with full, its mobile opened into u->mobile (NULL when it does
 * not open). 0, UNITS_NOT_FOUND, -1. */
int units_unit_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, int full, struct units_unit *u);
/* A page of units by id after the offset, at most limit rows (ask limit+1
 * to learn of a next page). active_only: the public's list, no contact
 * data but the masked mobile (contact name and office phone ""); else
 * every unit for staff, with contact name, office phone and the masked
 * mobile. 0 or -1. */
int units_unit_list(struct db *db, struct arena *a, int64_t community_id, int active_only, int64_t offset,
		    int64_t limit, struct units_unit **out, size_t *n);

/* ---- agreements (units_store.c) ---- */
/* Adds a draft with its parties (ag->unit_ids, each a unit of the
 * community). 0 with ag->id set, UNITS_NOT_FOUND (a party), -1. */
int units_agreement_add(struct db *db, int64_t community_id, struct units_agreement *ag, int64_t by, int64_t now);
/* Edits a draft's title, dates, summary and parties (the agreement locked):
 * 0, UNITS_NOT_FOUND, UNITS_STATE (not a draft, or a removed party still
 * has commitments), -1. */
int units_agreement_update(struct db *db, int64_t community_id, const struct units_agreement *ag, int64_t by,
			   int64_t now);
/* Locks the agreement and reads its state: 0 with *state set, UNITS_NOT_FOUND, -1. */
int units_agreement_lock(struct db *db, int64_t community_id, int64_t id, int *state);
/* Moves the agreement from state `from` to `to` (guarded), with a reason
 * for ending and terminating: 0, UNITS_STATE (not in `from`), -1. */
int units_agreement_set_state(struct db *db, int64_t community_id, int64_t id, int from, int to, const char *reason,
			      int64_t by, int64_t now);
/* One agreement with its parties. 0, UNITS_NOT_FOUND, -1. */
int units_agreement_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct units_agreement *ag);
/* A page of agreements, newest first (state < 0: any state, else that
 * one), parties not read. 0 or -1. */
int units_agreement_list(struct db *db, struct arena *a, int64_t community_id, int state, int64_t offset,
			 int64_t limit, struct units_agreement **out, size_t *n);
/* The agreements a unit is party to (any state but draft unless drafts). 0 or -1. */
int units_agreements_of_unit(struct db *db, struct arena *a, int64_t community_id, int64_t unit_id, int drafts,
			     struct units_agreement **out, size_t *n);

/* How many commitments of each kind each unit has under agreements in
 * force: one grouped read over those agreements. */
struct units_contrib {
	int64_t unit_id;
	int kind;
	int64_t n;
};
int units_contribs(struct db *db, struct arena *a, int64_t community_id, struct units_contrib **out, size_t *n);

/* ---- commitments (units_store.c) ---- */
/* Adds a commitment to a draft agreement (locked by the caller or here):
 * 0 with c->id set, UNITS_NOT_FOUND (agreement, or unit not a party),
 * UNITS_STATE (not a draft), -1. */
int units_commitment_add(struct db *db, int64_t community_id, struct units_commitment *c, int64_t now);
/* Replaces a commitment of a draft agreement: 0, UNITS_NOT_FOUND, UNITS_STATE, -1. */
int units_commitment_update(struct db *db, int64_t community_id, const struct units_commitment *c, int64_t now);
/* Removes a commitment of a draft agreement: 0, UNITS_NOT_FOUND, UNITS_STATE, -1. */
int units_commitment_remove(struct db *db, int64_t community_id, int64_t agreement_id, int64_t id);
/* One commitment. 0, UNITS_NOT_FOUND, -1. */
int units_commitment_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct units_commitment *c);
/* The commitments of an agreement (unit_id 0) or of a unit's agreements
 * (agreement_id 0), in id order, with their units' names, at most max. 0 or -1. */
int units_commitments(struct db *db, struct arena *a, int64_t community_id, int64_t agreement_id, int64_t unit_id,
		      size_t max, struct units_commitment **out, size_t *n);

/* The commitments of every agreement that is not a draft, by agreement
 * and id, at most max (the API's list). 0 or -1. */
int units_commitments_shown(struct db *db, struct arena *a, int64_t community_id, size_t max,
			    struct units_commitment **out, size_t *n);

/* ---- fulfilments (units_fulfil.c) ---- */
/* Records what was done for a commitment of an agreement in force: locks
 * the commitment's row, inserts the fulfilment and adds its amount and
 * quantity to the commitment's kept totals. 0 with f->id set,
 * UNITS_NOT_FOUND, UNITS_STATE (the agreement is not in force),
 * UNITS_RANGE (a total would overflow), -1. */
int units_fulfilment_add(struct db *db, int64_t community_id, struct units_fulfilment *f, int64_t by, int64_t now);
/* Reverses a fulfilment by a new row with the negated amounts (done on
 * `on`), marking the original; the commitment's totals follow. 0 with
 * *reversal set, UNITS_NOT_FOUND, UNITS_REVERSED, -1. */
int units_fulfilment_reverse(struct db *db, int64_t community_id, int64_t id, const char *on, const char *reason,
			     int64_t by, int64_t now, int64_t *reversal);
/* One fulfilment. 0, UNITS_NOT_FOUND, -1. */
int units_fulfilment_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct units_fulfilment *f);
/* The fulfilments of a commitment (commitment_id) or an agreement
 * (agreement_id, commitment_id 0), newest first, from offset, at most max.
 * 0 or -1. */
int units_fulfilments(struct db *db, struct arena *a, int64_t community_id, int64_t agreement_id,
		      int64_t commitment_id, int64_t offset, size_t max, struct units_fulfilment **out, size_t *n);
/* The sum of a commitment's fulfilment rows (a check for tests and `shequ
 * check`-like tools): 0 or -1. */
int units_fulfilment_sums(struct db *db, int64_t community_id, int64_t commitment_id, int64_t *fen, int64_t *qty);

/* ---- the yearly report (units_report.c) ---- */
/* One line: a unit, a kind and the unit word quantities are counted in
 * ("" for money), promised (commitments of agreements in force during the
 * year, not drafts) and done within the year. */
struct units_report_line {
	int64_t unit_id;
	const char *unit_name;
	int kind;
	const char *qunit;
	int64_t commitments, promised_fen, promised_qty;
	int64_t events, done_fen, done_qty;
};
int units_report(struct db *db, struct arena *a, int64_t community_id, int year, struct units_report_line **out,
		 size_t *n);

#endif
