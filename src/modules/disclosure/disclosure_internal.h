/* The disclosure module's own declarations, private to
 * src/modules/disclosure/ and its tests (what other code may use is in
 * disclosure.h). Pure parts: catalogue and due dates (disclosure_catalogue.c), recipient
 * lists (disclosure_recipients.c), the public records that go into the log
 * (disclosure_record.c); masking and sealing of personal data in src/pii/.
 * SQL in disclosure_store.c (catalogue, posts), disclosure_sealed_store.c
 * (recipient lists, threads), disclosure_file_store.c (attachments) and
 * disclosure_workflow_store.c; the public log
 * is the kernel's (src/tlog/tlog_store.h); HTTP in *_routes.c; HTML in
 * *_view.c; JSON and log files in disclosure_api.c. */
#ifndef SHEQU_MODULES_DISCLOSURE_INTERNAL_H
#define SHEQU_MODULES_DISCLOSURE_INTERNAL_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/date.h"
#include "db/db.h"
#include "http/module.h"
#include "modules/disclosure/disclosure.h"
#include "tlog/tlog_store.h"

/* ---- catalogue (公开目录) ---- */

enum disclosure_category { CAT_PARTY, CAT_RESIDENTS, CAT_FINANCE, CAT__MAX };
enum disclosure_freq { FREQ_IMMEDIATE, FREQ_MONTHLY, FREQ_QUARTERLY, FREQ_HALF_YEARLY, FREQ_YEARLY, FREQ_ON_CHANGE, FREQ__MAX };
enum disclosure_due { DUE_NONE, DUE_OK, DUE_SOON, DUE_OVERDUE };

struct disclosure_item {
	int64_t id;
	const char *code, *title, *basis, *responsible, *channels, *content, *public_columns;
	enum disclosure_category category;
	enum disclosure_freq freq;
	int personal_data, notice_days, sort_order;
	int64_t created_at, retired_at;
	const char *retire_reason; /* "" unless retired */
	int64_t last_published; /* 0: never (filled by the store) */
	int64_t community_id;	/* filled by the store */
};

/* A catalogue entry as the seed names it, for new communities. */
struct disclosure_seed_item {
	const char *code, *title, *content, *basis, *responsible, *channels, *public_columns;
	enum disclosure_category category;
	enum disclosure_freq freq;
	int personal_data, notice_days;
};
extern const struct disclosure_seed_item disclosure_seed[];
extern const size_t disclosure_nseed;

const char *disclosure_category_name(enum disclosure_category c); /* "party" */
const char *disclosure_category_label(enum disclosure_category c); /* "党务" */
int disclosure_category_from(const char *s);
const char *disclosure_freq_name(enum disclosure_freq f);  /* "monthly" */
const char *disclosure_freq_label(enum disclosure_freq f); /* "每月" */
int disclosure_freq_from(const char *s);
/* Where an item is published (its channels, "wall,web"). */
enum disclosure_channel { CHAN_WALL, CHAN_WEB, CHAN_MEETING, CHAN__MAX };
const char *disclosure_channel_name(enum disclosure_channel c);  /* "wall" */
const char *disclosure_channel_label(enum disclosure_channel c); /* "公开栏上墙" */
/* Bit mask of the channels named in a comma list ("wall,web"). */
unsigned disclosure_channels_from(const char *list);
/* The channels of mask in words, "公开栏上墙、网站" ("" for none; NULL when
 * the arena is exhausted). */
const char *disclosure_channels_label(struct arena *a, unsigned mask);
/* Bit mask of names[0..n) named in a comma list (exact names only). */
unsigned disclosure_names_mask(const char *list, const char *const *names, size_t n);
/* labels[i] for the bits i of mask joined by "、" ("" for none; NULL when
 * the arena is exhausted). */
const char *disclosure_labels_join(struct arena *a, const char *const *labels, size_t n, unsigned mask);
/* When the next disclosure of an item is due: the last publication (or,
 * never published, the item's creation) plus one period. Items published
 * immediately or on change have no due date: returns 0 and leaves *due. */
int disclosure_next_due(enum disclosure_freq f, int64_t last_published, int64_t created_at, struct ymd *due);
/* Green / due within 7 days / overdue, as of today. */
enum disclosure_due disclosure_due_state(enum disclosure_freq f, int64_t last_published, int64_t created_at,
					 int64_t now, struct ymd *due);

/* ---- recipients (低保, 救灾救济, …) ---- */

/* The text columns of a recipient row. */
struct recipient_text {
	const char *name, *id_number, *phone, *address, *note;
};

struct disclosure_recipient {
	int row;
	/* As typed: from a parsed list, or opened by disclosure_recipients_full
	 * for the audited staff views; all NULL when read for the public. */
	struct recipient_text full;
	/* The public projection, computed (src/pii) when the row was written. */
	struct recipient_text masked;
	int household_size;
	int64_t amount_fen;
};

enum recipient_col { RCOL_NAME, RCOL_ID, RCOL_PHONE, RCOL_ADDRESS, RCOL_HOUSEHOLD, RCOL_AMOUNT, RCOL_NOTE, RCOL__MAX };
const char *disclosure_recipient_col_name(enum recipient_col c);  /* "household_size" */
const char *disclosure_recipient_col_label(enum recipient_col c); /* "家庭人口" */
/* Bit mask of the columns named in a comma list ("name,household_size,amount"). */
unsigned disclosure_recipient_cols_from(const char *list);
/* The columns of mask in words, "姓名、家庭人口、金额" ("" for none; NULL
 * when the arena is exhausted). */
const char *disclosure_recipient_cols_label(struct arena *a, unsigned mask);
/* Reads a recipient list, uploaded (UTF-8 with or without a BOM, or
 * GB18030) or pasted: rows "姓名,身份证号,电话,住址,家庭人口,金额(元),备注",
 * each separated by commas, tabs or full-width commas, fields quoted as in
 * CSV when they must be. A first row starting with 姓名 is a header; when it
 * names every column (aliases such as 公民身份号码 allowed) the columns may
 * come in any order, else they are read in this one. Returns the number of
 * rows; -1 with *err naming every bad line in Chinese, each with all its
 * problems ("名单中有 2 行需要修改…第 3 行:缺少姓名,家庭人口应为…; 第 7 行:…"),
 * or the reason the list was refused as a whole; -2 when the bytes are not text in one of those encodings or are too
 * many (a problem of the file, *err says which). */
int disclosure_recipients_import(struct arena *a, const void *data, size_t n, struct disclosure_recipient **out,
		      const char **err);
/* disclosure_recipients_import of NUL-terminated text. */
int disclosure_recipients_parse(struct arena *a, const char *text, struct disclosure_recipient **out, const char **err);

/* The number people see for a record of the public log: its leaf index
 * + 1, so that the first record is 第 1 条 (links and proofs keep the index). */
int64_t disclosure_record_no(int64_t leaf_index);

/* A post's Markdown as a poster prints it: plain text, a table's rows as
 * "列名:值;列名:值" lines. malloc'd, or NULL. */
char *disclosure_poster_body(const char *md);

/* ---- posts ---- */

enum post_status { POST_DRAFT, POST_SUBMITTED, POST_PUBLISHED, POST__MAX };

struct disclosure_post {
	int64_t id, item_id, replaces_id, author_id, submitted_by, approved_by;
	int64_t revision; /* edits of its content so far (the publish form carries it) */
	const char *item_code, *item_title, *title, *body, *correction_reason, *author_name, *approver_name;
	enum post_status status;
	int64_t period_start, period_end, notice_start;
	int notice_days;
	int64_t created_at, published_at, leaf_index;
	const char *leaf_hash; /* hex */
	/* filled for pages */
	int64_t corrected_by;	      /* id of the post that replaces this one, 0 if none */
	int64_t withdrawn_at;	      /* 0 if not withdrawn */
	const char *withdraw_reason;
	int64_t withdraw_leaf;
	int notice_open; /* posters: the 公示 was running when the poster was asked for */
	/* What the post shows of its item: the item's title, whether it carries
	 * a list and the list's public columns, as in force when it was
	 * published (a draft: the item's current ones). Later catalogue edits
	 * change only later posts. */
	const char *public_columns;
	int personal_data;
	int closes_objections; /* withdrawn while its 公示 was open: the withdrawal ended it */
};

/* 1 if the post's 公示 period is open at now. */
int disclosure_notice_open(const struct disclosure_post *p, int64_t now);
/* End of the 公示 period (Unix time), 0 if none. */
int64_t disclosure_notice_end(const struct disclosure_post *p);

/* ---- public records (disclosure_record.c): canonical JSON, no personal data ---- */

struct record_ctx {
	const char *community; /* slug */
	int64_t at;
};
/* The record of a publication (or a correction, when p->replaces_id is set,
 * with the replaced post's leaf index), naming the item by p->item_code and
 * p->item_title. Recipients go in by their masked projections, only in
 * p->public_columns. Returns NULL-terminated JSON text. */
struct disclosure_attachment;
char *disclosure_record_publish(struct arena *a, const struct record_ctx *c, const struct disclosure_post *p,
		     const struct disclosure_recipient *r, int nr, int64_t replaced_leaf,
		     const struct disclosure_attachment *att, size_t natt);
/* The record of a withdrawal; closes_objections says it came during the
 * post's 公示 period, which it ends (no more objections). */
char *disclosure_record_withdraw(struct arena *a, const struct record_ctx *c, int64_t post_id, int64_t post_leaf,
		      const char *reason, int closes_objections);
/* The record of an answer: question and answer are their masked projections. */
char *disclosure_record_answer(struct arena *a, const struct record_ctx *c, const char *kind, int64_t thread_id,
		    int64_t post_id, const char *question_masked, const char *answer_masked);

/* ---- board settings (disclosure_settings.c, SQL in disclosure_workflow_store.c) ----
 * Every change of a setting is a public record. A change that loosens a
 * safeguard (switching the two-person rule off) is requested by one staff
 * member and takes effect only when a second person approves it: another
 * staff member of the community, or an admin of the street or district
 * above it. Tightening takes one person. */

enum disclosure_setting { SETTING_TWO_PERSON, SETTING_REVIEW_OBJECTIONS, SETTING__MAX };
const char *disclosure_setting_name(enum disclosure_setting s);	 /* "two_person" */
const char *disclosure_setting_label(enum disclosure_setting s); /* "双人审核" */
int disclosure_setting_from(const char *s);
/* 1 if setting s to value needs a second person's approval. */
int disclosure_setting_needs_approval(enum disclosure_setting s, int value);

struct disclosure_setting_change {
	enum disclosure_setting setting;
	int value;
	const char *reason;
	int64_t requested_by, requested_at;
	const char *requested_role; /* "staff", "street_admin", … as the requester acted */
	int64_t approved_by;	    /* 0 when one person sufficed */
	const char *approved_role;  /* "" when one person sufficed */
	int64_t changed_at, leaf_index;
	const char *requester_name, *approver_name; /* filled by the store, for staff pages */
};
/* The public record of a setting change: the setting, its new value, the
 * reason and the roles (never the names) of who asked and who approved. */
char *disclosure_record_setting(struct arena *a, const struct record_ctx *c, const struct disclosure_setting_change *s);

/* The settings in force. 0 or -1. */
struct disclosure_settings {
	int two_person, review_objections;
};
int disclosure_settings_get(struct db *db, int64_t community_id, struct disclosure_settings *s);
/* Sets one setting. 0 or -1. */
int disclosure_setting_set(struct db *db, int64_t community_id, enum disclosure_setting s, int value, int64_t now);
/* The pending request to change a setting (at most one a community): 0, 1 if none, -1. */
int disclosure_setting_request_get(struct db *db, struct arena *a, int64_t community_id,
				   struct disclosure_setting_change *req);
/* Stores a request: 0, 1 if one is already pending, -1. */
int disclosure_setting_request_add(struct db *db, int64_t community_id, const struct disclosure_setting_change *req);
/* Takes the pending request out unless it is not_by's own, so that of two
 * approvers only one gets it: 0 with *req, 1 if there is none to take, -1. */
int disclosure_setting_request_take(struct db *db, struct arena *a, int64_t community_id, int64_t not_by,
				    struct disclosure_setting_change *req);
/* Forgets the pending request, if any. 0 or -1. */
int disclosure_setting_request_drop(struct db *db, int64_t community_id);
/* Records a change made (with its leaf). 0 or -1. */
int disclosure_setting_change_add(struct db *db, int64_t community_id, const struct disclosure_setting_change *ch);
/* Every change of a community's settings, oldest first. 0 or -1. */
int disclosure_setting_changes(struct db *db, struct arena *a, int64_t community_id,
			       struct disclosure_setting_change **out, size_t *n);

/* Actions, inside the caller's write transaction (the caller audits and
 * commits). 0; 1 with a Chinese reason in *why when refused (nothing
 * written); -1 on a database error. */
struct community;
/* Asks to set a setting. Tightening (and anything that needs no second
 * person) takes effect at once, appended to the log (*leaf >= 0); loosening
 * is stored as a request (*leaf = -1). */
int disclosure_setting_ask(struct db *db, struct arena *a, const struct community *c, enum disclosure_setting s,
			   int value, const char *reason, int64_t user, const char *role, int64_t now, const char **why,
			   int64_t *leaf);
/* Approves the pending request as a second person (never its requester):
 * the setting changes and the change is appended to the log. */
int disclosure_setting_approve(struct db *db, struct arena *a, const struct community *c, int64_t user,
			       const char *role, int64_t now, const char **why, int64_t *leaf,
			       struct disclosure_setting_change *done);
/* Rejects the pending request (or, by its requester, withdraws it). */
int disclosure_setting_reject(struct db *db, struct arena *a, const struct community *c, int64_t user,
			      const char **why, struct disclosure_setting_change *done);

/* The community's log is the kernel's (src/tlog/tlog_store.h): the board
 * appends its records with tlog_store_append and registers their kinds for
 * `shequ verify` (disclosure_verify.c). */
extern const struct tlog_kind disclosure_log_kinds[];

/* ---- disclosure_store.c ---- */

/* Seeds a new community's catalogue from the seed list and turns on the
 * two-person rule. Inside the caller's transaction. 0 or -1. */
int disclosure_seed_community(struct db *db, int64_t community_id, int64_t now);
/* 1 if publishing needs a second staff member's approval. */
int disclosure_two_person(struct db *db, int64_t community_id);
/* The catalogue, by sort order, with each item's last publication. 0 or -1. */
int disclosure_items(struct db *db, struct arena *a, int64_t community_id, int with_retired,
		     struct disclosure_item **out, size_t *n);
/* The current items with only their id and title, for filters and
 * pickers. 0 or -1. */
int disclosure_item_titles(struct db *db, struct arena *a, int64_t community_id, struct disclosure_item **out,
			   size_t *n);
/* The current items with what the due board shows (title, frequency,
 * created_at, last_published). 0 or -1. */
int disclosure_items_due(struct db *db, struct arena *a, int64_t community_id, struct disclosure_item **out,
			 size_t *n);
/* The same for every community under the org unit (0: every community), in
 * one query: grouped by community_id ascending, each group by sort order. */
int disclosure_items_due_under(struct db *db, struct arena *a, int64_t unit_id, struct disclosure_item **out,
			       size_t *n);
/* Records, in the publishing transaction, the time the post just published
 * counts for (its publication, or for a correction the time of the post it
 * corrects) and keeps the item's last publication (last_published_at) at
 * least at it. 0 or -1. */
int disclosure_item_published(struct db *db, int64_t community_id, int64_t id, int64_t post_id);
/* One item by id: 0, 1 not found, -1. */
int disclosure_item_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct disclosure_item *it);
/* Adds an item (id chosen here; code "item-<id>" when it has none).
 * 0, DB_CONSTRAINT (code taken), -1. */
int disclosure_item_add(struct db *db, int64_t community_id, const struct disclosure_item *it, int64_t now,
			int64_t *id);
/* Updates an item's descriptive fields (not its code). 0 or -1. */
int disclosure_item_update(struct db *db, int64_t community_id, const struct disclosure_item *it, int64_t now);
/* Retires an item, saying why: it leaves the current due board and the
 * new-post form; its posts stay. 0, 1 if it is gone or already retired, -1. */
int disclosure_item_retire(struct db *db, int64_t community_id, int64_t id, const char *reason, int64_t now);
/* Undoes a retirement: the item is current again. 0, 1 if it is gone or
 * not retired, -1. */
int disclosure_item_restore(struct db *db, int64_t community_id, int64_t id, int64_t now);
/* The retired items with what the due board shows and retired_at. 0 or -1. */
int disclosure_items_retired(struct db *db, struct arena *a, int64_t community_id, struct disclosure_item **out,
			     size_t *n);

/* The years (UTC+8) in which the community published posts, newest first,
 * at most max of them (the oldest left out), into years[0..*n): one index
 * step per year found, whatever the number of posts. 0 or -1. */
int disclosure_post_years(struct db *db, int64_t community_id, int *years, size_t max, size_t *n);
/* Adds a draft post. 0 with *id, or -1. */
int disclosure_post_add(struct db *db, int64_t community_id, const struct disclosure_post *p, int64_t *id);
/* One post with its item, authors, correction and withdrawal: 0, 1, -1. */
int disclosure_post_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct disclosure_post *p);
/* One published post as its public page shows it: no authors or approvers
 * (author_name, approver_name and item_code read ""), the item's title and
 * list columns as published. 0, 1 if there is no such published post, -1. */
int disclosure_post_public(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct disclosure_post *p);
/* Locks a post's row until the transaction ends (PostgreSQL: FOR UPDATE;
 * SQLite's writer already holds the database), so that a step that reads the
 * post and then writes sees the state another writer committed. 0, 1 if
 * there is no such post, -1. */
int disclosure_post_lock(struct db *db, int64_t community_id, int64_t id);
/* The same for an objection or opinion. */
int disclosure_thread_lock(struct db *db, int64_t community_id, int64_t id);
/* Moves user's own draft to submitted (only its author submits it). 0, 1
 * if it was not a draft of user's, -1. */
int disclosure_post_submit(struct db *db, int64_t community_id, int64_t id, int64_t user, int64_t now);
/* Marks a submitted (or, without the two-person rule, draft) post published
 * with its leaf. 0, 1 if it was already published, -1. */
int disclosure_post_mark_published(struct db *db, int64_t community_id, int64_t id, int64_t approver, int64_t now,
				   int64_t notice_start, int64_t leaf_index);
/* Marks a published post as corrected by the post by, for lists, in the
 * transaction that publishes the correction. 0, 1 if it already was, -1. */
int disclosure_post_mark_corrected(struct db *db, int64_t community_id, int64_t id, int64_t by);
/* Stores what a post shows of its item (p->item_title, p->public_columns,
 * p->personal_data) as it is published; never changed afterwards. 0 or -1. */
int disclosure_post_snapshot(struct db *db, int64_t community_id, const struct disclosure_post *p);
/* Published posts, newest first; item_id 0 for all. Returns up to limit
 * after offset, with only what lists show: id, item_id, item_title, title,
 * replaces_id, corrected_by, withdrawn_at, notice_start, notice_days,
 * published_at, leaf_index and status; the other fields read as 0 or "".
 * 0 or -1. */
int disclosure_board(struct db *db, struct arena *a, int64_t community_id, int64_t item_id, int64_t offset, int limit,
		     struct disclosure_post **out, size_t *n);
/* The same within published_at in [from, to). */
int disclosure_board_range(struct db *db, struct arena *a, int64_t community_id, int64_t item_id, int64_t from, int64_t to,
			   int64_t offset, int limit, struct disclosure_post **out, size_t *n);
/* The newest limit published posts as disclosure_board gives them, with
 * their body too (the feed). 0 or -1. */
int disclosure_feed(struct db *db, struct arena *a, int64_t community_id, int limit, struct disclosure_post **out,
		    size_t *n);
/* Turns the two-person rule on or off. 0 or -1. */
int disclosure_two_person_set(struct db *db, int64_t community_id, int on, int64_t now);
/* Drafts and submitted posts, newest first. 0 or -1. */
int disclosure_pending(struct db *db, struct arena *a, int64_t community_id, struct disclosure_post **out, size_t *n);
/* Records a withdrawal asked for by requested_by and carried out by user,
 * and marks the post withdrawn for lists. 0, DB_CONSTRAINT if already
 * withdrawn, -1. */
int disclosure_withdraw(struct db *db, int64_t community_id, int64_t post_id, const char *reason, int64_t requested_by,
			int64_t user, int64_t now, int64_t leaf_index, int closes_objections);

/* A withdrawal asked for under the two-person rule, awaiting a second person
 * (disclosure_workflow_store.c). */
struct disclosure_withdraw_request {
	int64_t post_id, requested_by, requested_at;
	const char *reason, *requester_name, *post_title;
};
/* Stores a request: 0, 1 if one is pending for the post, -1. */
int disclosure_withdraw_request_add(struct db *db, int64_t community_id, const struct disclosure_withdraw_request *q);
/* The post's pending request: 0, 1 if none, -1. */
int disclosure_withdraw_request_get(struct db *db, struct arena *a, int64_t community_id, int64_t post_id,
				    struct disclosure_withdraw_request *q);
/* Takes the post's request out unless it is not_by's own: 0 with *q, 1 if none to take, -1. */
int disclosure_withdraw_request_take(struct db *db, struct arena *a, int64_t community_id, int64_t post_id,
				     int64_t not_by, struct disclosure_withdraw_request *q);
/* Forgets the post's pending request, if any. 0 or -1. */
int disclosure_withdraw_request_drop(struct db *db, int64_t community_id, int64_t post_id);
/* Every pending request of the community, oldest first. 0 or -1. */
int disclosure_withdraw_requests(struct db *db, struct arena *a, int64_t community_id,
				 struct disclosure_withdraw_request **out, size_t *n);
/* Stores a post's recipient rows from their full fields (row numbers 1..n):
 * each personal field sealed under the process's key (pii_key_current),
 * beside its masked projection. 0, or -1 (also when no key is installed). */
int disclosure_recipients_put(struct db *db, struct arena *a, int64_t community_id, int64_t post_id,
			      const struct disclosure_recipient *r, int n);
/* A post's recipient rows as the public sees them: only the masked
 * projections are read; `full` stays NULL. 0 or -1. */
int disclosure_recipients_public(struct db *db, struct arena *a, int64_t community_id, int64_t post_id,
				 struct disclosure_recipient **out, size_t *n);
/* The same with the full fields opened, for the audited staff views. 0, or
 * -1 (also when there is no key or a field does not open under it). */
int disclosure_recipients_full(struct db *db, struct arena *a, int64_t community_id, int64_t post_id,
			       struct disclosure_recipient **out, size_t *n);
/* Binds a recipient's sealed fields and masked projections to parameters
 * first..first+9 (name, id, phone, address, note sealed; then masked), for
 * the store and the 0007 migration. 0 or -1. */
int disclosure_recipient_bind(struct db_stmt *st, int first, struct arena *a, const struct recipient_text *full);

enum thread_kind { THREAD_OBJECTION, THREAD_OPINION };
/* Shown at once, or (where the community reviews objections first) held
 * until staff show it or reject it as spam or abuse: kept, counted in
 * public, never shown. */
enum thread_status { THREAD_SHOWN, THREAD_HELD, THREAD_REJECTED, THREAD__MAX };
struct disclosure_thread {
	int64_t id, post_id, item_id, user_id, created_at, answered_at, answer_leaf;
	enum thread_kind kind;
	enum thread_status status;
	const char *author_name, *post_title, *item_title;
	/* As written: given to disclosure_thread_add, or opened by
	 * disclosure_threads_full and disclosure_threads_held for staff; NULL
	 * when read for the public. */
	const char *body, *contact_phone;
	/* The public projections, computed when the thread (or its answer) was written. */
	const char *body_masked, *contact_masked, *answer_masked;
};

/* Objections from the public are limited per client address and per phone
 * number (an account's own, when logged in), counted over a fixed window. */
#define OBJECTION_WINDOW (60 * 60)
#define OBJECTION_PER_PHONE 3
#define OBJECTION_PER_ADDRESS 10
/* Counts one more objection under key (a blind index, see the route) in the
 * current window, in one statement, and returns the count including it; or
 * -1. Windows that have passed are forgotten first. */
int64_t disclosure_objection_count(struct db *db, int64_t community_id, const char *key, int64_t now);
/* Holds a just-added objection for review. 0 or -1. */
int disclosure_thread_hold(struct db *db, int64_t community_id, int64_t id);
/* Shows (THREAD_SHOWN) or rejects (THREAD_REJECTED, with a staff note) a
 * held objection. 0, 1 if it was not held, -1. */
int disclosure_thread_review(struct db *db, int64_t community_id, int64_t id, enum thread_status to, int64_t user,
			     int64_t now, const char *note);
/* Objections held for review, oldest first, with body and contact phone
 * opened for the staff who review them. 0 or -1 (also when there is no key
 * or a field does not open). */
int disclosure_threads_held(struct db *db, struct arena *a, int64_t community_id, struct disclosure_thread **out,
			    size_t *n);
/* Rejected objections of a post (post_id > 0) or of the community (0), or -1. */
int64_t disclosure_threads_rejected(struct db *db, int64_t community_id, int64_t post_id);

/* ---- drafts and the workbench (disclosure_workflow_store.c) ---- */

/* Returns a submitted post to a draft (退回) by user, who is neither its
 * author nor its submitter, with the reason shown to the author. 0, 1 if
 * refused (not submitted, or user's own), -1. */
int disclosure_post_return(struct db *db, int64_t community_id, int64_t id, int64_t user, const char *reason,
			   int64_t now);
/* Why a draft was last returned. */
struct disclosure_return {
	int64_t at;
	const char *reason, *by_name;
};
/* The draft's last return: 0, 1 if it is not a draft or was never returned, -1. */
int disclosure_post_returned(struct db *db, struct arena *a, int64_t community_id, int64_t id,
			     struct disclosure_return *out);
/* The ids of the community's returned drafts (at most 200, as the pending
 * list), ascending. 0 or -1. */
int disclosure_returned_ids(struct db *db, struct arena *a, int64_t community_id, int64_t **out, size_t *n);
/* 0 if the post is a draft written by author, 1 if not, -1. */
int disclosure_draft_owned(struct db *db, int64_t community_id, int64_t id, int64_t author);
/* Updates a draft of p->author_id (p->id) with p's item, title, body,
 * period, notice days and correction reason; drops its list when drop_list
 * (the caller puts the new one). 0, 1 if it is no longer their draft, -1. */
int disclosure_draft_update(struct db *db, int64_t community_id, const struct disclosure_post *p, int drop_list);
/* Deletes a draft of author's with its list and attachments; nothing of it
 * was ever in the public log. 0, 1 if it is not their draft, -1. */
int disclosure_draft_delete(struct db *db, int64_t community_id, int64_t id, int64_t author);

/* What waits at a community, as seen by one staff member: the counts the
 * workbench's cards show. */
struct disclosure_todo {
	int64_t drafts_mine, drafts_others, returned_mine; /* returned_mine: of drafts_mine */
	int64_t submitted_mine, submitted_others;	    /* mine: written or submitted by them */
	int64_t objections, opinions, held;		    /* unanswered shown; held for review */
	int64_t withdrawals;				    /* requests by others awaiting them */
	const char *last_return_reason;			    /* of their latest returned draft; NULL if none */
};
int disclosure_todo_counts(struct db *db, struct arena *a, int64_t community_id, int64_t user,
			   struct disclosure_todo *t);
/* Per community under unit (0: all): waiting posts, or unanswered objections and opinions. */
struct disclosure_todo_row {
	int64_t community_id, count;
	int unanswered; /* 0: posts waiting for review; 1: unanswered threads */
};
int disclosure_todo_under(struct db *db, struct arena *a, int64_t unit_id, struct disclosure_todo_row **out,
			  size_t *n);
/* Adds an objection or opinion from t->body and t->contact_phone, sealed
 * under the process's key beside their masked projections; its id comes
 * from the community's counter (db_next_id). 0 with *id, or -1. */
int disclosure_thread_add(struct db *db, struct arena *a, int64_t community_id, const struct disclosure_thread *t,
			  int64_t now, int64_t *id);
/* Threads of a post (post_id > 0, every status), or every unanswered shown
 * thread (post_id 0), or every opinion (post_id -1), as the public sees
 * them: masked projections only. 0 or -1. */
int disclosure_threads(struct db *db, struct arena *a, int64_t community_id, int64_t post_id,
		       struct disclosure_thread **out, size_t *n);
/* The same with body and contact phone opened, for staff. 0 or -1 (also
 * when there is no key or a field does not open). */
int disclosure_threads_full(struct db *db, struct arena *a, int64_t community_id, int64_t post_id,
			    struct disclosure_thread **out, size_t *n);
/* One thread, masked projections only: 0, 1 if none, -1. */
int disclosure_thread_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct disclosure_thread *t);
/* Shows every objection held for review (when review is switched off). 0 or -1. */
int disclosure_threads_release(struct db *db, int64_t community_id);
/* Stores the answer and its masked projection. 0, 1 if already answered, -1. */
int disclosure_thread_answer(struct db *db, int64_t community_id, int64_t id, const char *answer,
			     const char *answer_masked, int64_t user, int64_t now, int64_t leaf);
/* Binds a thread's sealed body and contact phone and their masked
 * projections to parameters first..first+3 (body sealed, body masked,
 * contact sealed, contact masked). 0 or -1. */
int disclosure_thread_bind(struct db_stmt *st, int first, struct arena *a, const char *body, const char *contact);
/* The C step of migration 0007_pii (module hook): seals the personal fields
 * stored in clear before it, then drops the clear columns. */
int disclosure_migrated(struct db *db, const char *file, char *err, size_t errlen);

/* ---- attachments ---- */

#define ATTACH_MAX_BYTES (10 << 20)
#define ATTACH_MAX_COUNT 10

struct disclosure_attachment {
	int seq;
	const char *name, *mime, *sha256;
	int64_t size;
};
/* Stores the bytes (once per community) and links them to the post. 0 or -1. */
int disclosure_attach(struct db *db, int64_t community_id, int64_t post_id, int seq, const char *name, const char *mime,
		      const void *data, size_t n, int64_t now);
/* The attachments of a post, by seq. 0 or -1. */
int disclosure_attachments(struct db *db, struct arena *a, int64_t community_id, int64_t post_id,
			   struct disclosure_attachment **out, size_t *n);
/* The stored bytes of a file: 0, 1 if none, -1. The data lives in the arena. */
int disclosure_file_get(struct db *db, struct arena *a, int64_t community_id, const char *sha256, const void **data,
			size_t *n);

/* The id of every published post of a community, for verify. 0 or -1. */
int disclosure_published_ids(struct db *db, struct arena *a, int64_t community_id, int64_t **out, size_t *n);

/* disclosure_cosign.c */
/* Seals a new witness secret key under a key derived from password. */
int disclosure_witness_seal(struct tlog_witness *w, const unsigned char sk[64], const char *password);
/* Opens the sealed key: 0, or -1 if the password does not open it. */
int disclosure_witness_open(const struct tlog_witness *w, const char *password, unsigned char sk[64]);
/* Cosigns the community's newest checkpoint as this supervisor, after
 * checking it is consistent with the last one they cosigned; creates the
 * witness key (sealed with password) on first use. 0; 1 with *why when
 * refused; -1 on error. */
int disclosure_cosign(struct db *db, struct arena *a, const struct community *c, int64_t user_id, const char *login,
		      const char *password, int64_t now, const char **why, int64_t *size);
/* Re-seals a user's witness keys after a password change (module hook). */
int disclosure_password_changed(struct db *db, int64_t user_id, const char *old_pw, const char *new_pw);
/* The module's workbench hook (disclosure_workbench.c, see http/module.h). */
struct workbench;
int disclosure_workbench(struct req *r, const struct community *c, struct workbench *w);
/* disclosure_demo.c: the demo board of a community (module hook). */
int disclosure_demo(struct db *db, struct arena *a, const struct community *c, int64_t now);

/* ---- disclosure_publish.c: the actions that append to the public record.
 * Each runs inside the caller's write transaction; the caller adds the
 * audit row and commits. They return 0, or a Chinese reason in *why and 1
 * when the action is refused (nothing written), or -1 on a database error. */

struct community;
/* Publishes a post: checks the workflow (two-person rule: approver neither
 * author nor submitter; the post is the revision the approver read,
 * seen_revision, unless that is -1; its item is current; a correction is
 * of a published, not withdrawn, not yet corrected post of the same item),
 * writes the public record to the log, marks the post published. Locks the
 * post, then the post it corrects, before the log: the order withdrawal
 * keeps, so the two cannot deadlock. */
int disclosure_publish(struct db *db, struct arena *a, const struct community *c, int64_t post_id, int64_t approver,
		       int64_t seen_revision, int64_t now, const char **why, int64_t *leaf);
/* Withdraws a published post with a public reason, asked for by
 * requested_by and carried out by user: under the two-person rule they must
 * be two people. A withdrawal during the post's 公示 ends it, and its record
 * says so. */
int disclosure_withdraw_post(struct db *db, struct arena *a, const struct community *c, int64_t post_id,
			     const char *reason, int64_t requested_by, int64_t user, int64_t now, const char **why,
			     int64_t *leaf);
/* Asks to withdraw a post. Under the two-person rule this stores a request
 * for a second person (*leaf = -1); without it the post is withdrawn at once. */
int disclosure_withdraw_ask(struct db *db, struct arena *a, const struct community *c, int64_t post_id,
			    const char *reason, int64_t user, int64_t now, const char **why, int64_t *leaf);
/* Carries out the post's pending withdrawal request as a second person. */
int disclosure_withdraw_approve(struct db *db, struct arena *a, const struct community *c, int64_t post_id,
				int64_t user, int64_t now, const char **why, int64_t *leaf,
				struct disclosure_withdraw_request *done);
/* Rejects the post's pending withdrawal request (or, by its requester, withdraws it). */
int disclosure_withdraw_reject(struct db *db, struct arena *a, const struct community *c, int64_t post_id,
			       const char **why, struct disclosure_withdraw_request *done);
/* Answers an objection or a supervision opinion; the question and answer
 * become public as their masked projections (pii_mask_text: ID and phone
 * numbers starred however they are written). */
int disclosure_answer(struct db *db, struct arena *a, const struct community *c, int64_t thread_id, const char *answer,
		      int64_t user, int64_t now, const char **why, int64_t *leaf);
/* Re-derives the public record of a published post from its rows (the
 * recipients' masked projections), as publishing wrote it; `shequ verify`
 * compares it with the leaf. */
char *disclosure_post_record(struct db *db, struct arena *a, const struct community *c, const struct disclosure_post *p);

#endif
