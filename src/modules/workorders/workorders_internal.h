/* 来信来访与服务热线 (DOMAIN.md area 2): the module's own types and
 * functions, shared by its files only. Other code uses workorders.h.
 *
 * A work order (工单) is one contact with the community: a visit, a letter,
 * a call, a web form, a 12345 dispatch, a mediation case or an Open311
 * request. It moves through states by steps (struct wo_step); each step is
 * checked by one pure function (wo_refusal), applied by one store function
 * (wo_apply) inside the caller's write transaction, and leaves a timeline
 * entry. Deadlines are computed by wo_deadlines from the community's rule
 * for the order's type and stored on the order, so that lists and the
 * dashboard read them from the row.
 *
 * Personal fields (requester's name and phone, the address, the
 * description, notes, the reply, the rating's comment, mediation parties
 * and agreement) are sealed at rest (src/pii) next to their masked
 * projection; public pages and Open311 read only the masked columns. */
#ifndef SHEQU_MODULES_WORKORDERS_INTERNAL_H
#define SHEQU_MODULES_WORKORDERS_INTERNAL_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "http/module.h"

/* Return codes beyond 0 / 1 (not found) / -1 (error). */
#define WO_REFUSED 2 /* the step is not allowed now; the reason is in *why (Chinese) */

/* ---- vocabularies (workorders_words.c) ----
 * Each has a stored name (ASCII, in the database and the API) and a
 * Chinese label (pages); _from returns -1 for an unknown name. */

enum wo_channel {
	WO_CH_VISIT,	 /* visit 来访 */
	WO_CH_LETTER,	 /* letter 来信 */
	WO_CH_HOTLINE,	 /* hotline 服务热线 */
	WO_CH_EMERGENCY, /* emergency 应急热线 */
	WO_CH_WEB,	 /* web 网上 (the resident's form and Open311) */
	WO_CH_DISPATCH,	 /* dispatch 12345 派单 */
	WO_CH_MEDIATION, /* mediation 人民调解 */
	WO_CH__MAX
};

enum wo_kind {
	WO_K_PETITION,	 /* petition 信访 */
	WO_K_REQUEST,	 /* request 求助/服务请求 */
	WO_K_COMPLAINT,	 /* complaint 投诉 */
	WO_K_SUGGESTION, /* suggestion 建议 */
	WO_K_INQUIRY,	 /* inquiry 咨询 */
	WO_K_MEDIATION,	 /* mediation 调解 */
	WO_K_EMERGENCY,	 /* emergency 紧急 */
	WO_K__MAX
};

enum wo_state {
	WO_S_RECEIVED,	  /* received 已登记 */
	WO_S_ACCEPTED,	  /* accepted 已受理 */
	WO_S_REJECTED,	  /* rejected 不予受理 (final) */
	WO_S_ASSIGNED,	  /* assigned 已交办 */
	WO_S_IN_PROGRESS, /* in_progress 办理中 */
	WO_S_REPLIED,	  /* replied 已答复 */
	WO_S_CLOSED,	  /* closed 已办结 (final) */
	WO_S_MERGED,	  /* merged 已合并 (final: handled with the order it duplicates) */
	WO_S_TRANSFERRED, /* transferred 已转办 (final here: a new order in the other community) */
	WO_S__MAX
};

enum wo_rating { WO_R_NONE = -1, WO_R_SATISFIED, WO_R_BASIC, WO_R_UNSATISFIED, WO_R__MAX };

enum wo_action {
	WO_A_RECEIVE,	     /* receive: the order was recorded (written by wo_order_add, not by wo_apply) */
	WO_A_ACCEPT,	     /* accept 受理 */
	WO_A_REJECT,	     /* reject 不予受理, reason required */
	WO_A_ASSIGN,	     /* assign 交办 to a staff member or a resident unit (from received, it accepts too) */
	WO_A_START,	     /* start 开始办理 */
	WO_A_REPLY,	     /* reply 答复 the requester, with resolved yes/no */
	WO_A_CLOSE,	     /* close 办结 */
	WO_A_REOPEN,	     /* reopen 重新办理: the requester, once, after rating 不满意 */
	WO_A_RATE,	     /* rate 评价: the requester, after the reply */
	WO_A_TRANSFER,	     /* transfer 转办 to another community */
	WO_A_MERGE,	     /* merge 合并 into the order it duplicates */
	WO_A_EXTEND_ASK,     /* extend_ask 申请延期 (信访: once, at most the rule's days, with a reason) */
	WO_A_EXTEND_APPROVE, /* extend_approve 批准延期: a second staff member; told to the requester */
	WO_A_EXTEND_REFUSE,  /* extend_refuse 不批准延期 */
	WO_A_NOTE,	     /* note 备注 (internal or public) */
	WO_A_REMIND,	     /* remind 到期提醒 (the background job) */
	WO_A_MEDIATION,	     /* mediation 调解记录: a session or the outcome */
	WO_A__MAX
};

const char *wo_channel_name(enum wo_channel c);
const char *wo_channel_label(enum wo_channel c);
int wo_channel_from(const char *s);
const char *wo_kind_name(enum wo_kind k);
const char *wo_kind_label(enum wo_kind k);
int wo_kind_from(const char *s);
const char *wo_state_name(enum wo_state s);
const char *wo_state_label(enum wo_state s);
int wo_state_from(const char *s);
/* 1 for the final states: rejected, closed, merged, transferred. */
int wo_state_final(enum wo_state s);
const char *wo_rating_name(enum wo_rating r);
const char *wo_rating_label(enum wo_rating r);
int wo_rating_from(const char *s);
const char *wo_action_name(enum wo_action a);
const char *wo_action_label(enum wo_action a);
int wo_action_from(const char *s);

/* ---- deadlines (workorders_deadline.c, pure) ---- */

/* A type's limits; 0 means "no such limit". */
struct wo_rule {
	enum wo_kind kind;
	int accept_days;	/* decide acceptance within (信访: 15) */
	int respond_hours;	/* first response within (hotline: 24, emergency: 2) */
	int finish_days;	/* finish within (信访: 60, hotline: 7) */
	int finish_from_accept; /* finish_days count from acceptance (1) or receipt (0) */
	int working_days;	/* days are working days (1, the holiday table) or calendar days (0) */
	int extension_max_days; /* one extension of at most (信访: 30); 0: none allowed */
};

/* The built-in rule of a type (信访 15/60/30 calendar days from acceptance;
 * requests, complaints, suggestions, inquiries 24 h / 7 days; emergencies
 * 2 h / 1 day; mediation 30 days). */
struct wo_rule wo_rule_default(enum wo_kind k);

/* The deadlines an order has, Unix seconds, 0 for none. */
struct wo_due {
	int64_t accept, respond, finish;
};

/* The deadlines of an order received at `received`, accepted at `accepted`
 * (0: not yet: finish stays 0 when the rule counts from acceptance), with
 * `extension_days` approved (added to finish in the rule's kind of day,
 * counted on from the original finish day). Days use date_deadline
 * (src/core/date.h): the day of receipt is not counted, the last day ends
 * 23:59:59 China time; hours are clock hours. */
struct wo_due wo_deadlines(const struct wo_rule *r, int64_t received, int64_t accepted, int extension_days);

/* Time left until due in words: "还剩 3 天 4 小时", "还剩 45 分钟",
 * "已逾期 2 天"; "" when due is 0. Into the arena. */
const char *wo_time_left(struct arena *a, int64_t due, int64_t now);

/* ---- the order ---- */

struct wo_order {
	int64_t community_id, id;
	const char *tracking_code;
	enum wo_channel channel;
	enum wo_kind kind;
	enum wo_state state;
	const char *subject, *subject_masked;
	const char *description, *description_masked; /* description: opened (staff loads only) */
	const char *address, *address_masked;
	int has_point;
	int64_t lat_e6, lon_e6;
	int anonymous;
	int64_t requester_user_id;
	const char *requester_name, *requester_name_masked;
	const char *requester_phone, *requester_phone_masked;
	const char *attributes; /* JSON object, "" for none */
	int64_t api_client_id, received_by;
	int64_t received_at, accepted_at, assigned_at, replied_at, closed_at, responded_at, updated_at;
	struct wo_due due;
	int64_t assignee_user_id;
	const char *assignee_name; /* the assignee's display name, or the unit */
	const char *assignee_unit;
	const char *reject_reason;
	const char *reply, *reply_masked;
	int resolved; /* -1 not yet said, 0, 1 */
	const char *extension_state; /* "", "requested", "approved", "refused" */
	int extension_days;
	const char *extension_reason;
	int64_t extension_by, extension_decided_by;
	int reopened;
	enum wo_rating rating;
	const char *rating_comment, *rating_comment_masked;
	int64_t rated_at;
	int64_t merged_into;
	int64_t transferred_to_community, transferred_to_order;
	int64_t transferred_from_community, transferred_from_order;
};

/* What is needed to record a new order. Personal fields may be NULL/"". */
struct wo_new {
	enum wo_channel channel;
	enum wo_kind kind;
	const char *subject, *description, *address;
	int has_point;
	int64_t lat_e6, lon_e6;
	int anonymous;
	int64_t requester_user_id;
	const char *requester_name, *requester_phone; /* phone normalised (str_mobile_normalize) when a mobile */
	const char *attributes;
	int64_t api_client_id;
	int64_t received_by; /* staff at the desk; 0 when the requester filed it */
	const char *actor;   /* for the timeline: "王建国", "居民(网上)", "Open311:某客户端" */
	int64_t received_at;
	/* Transferred in from another community's order (0 when not). */
	int64_t transferred_from_community, transferred_from_order;
};

/* One step on an order. Which fields count depends on the action. */
struct wo_step {
	enum wo_action action;
	int64_t actor_user_id;	/* 0: the requester without an account, or the system */
	const char *actor;	/* display name for the timeline */
	int actor_is_staff;	/* staff of the order's community (or above) */
	/* A grid worker (网格员) of the community who is not staff: may start,
	 * reply to, note, record mediation on and ask to extend only the orders
	 * assigned to them; every decision (accept, reject, assign, close,
	 * transfer, merge, approving extensions) is the community staff's. */
	int actor_is_grid;
	int actor_is_requester; /* the requester: signed in as requester_user_id, or proved the tracking code and phone */
	const char *note;	/* the step's note; the reason for reject/extend_ask; the reply text for reply */
	int public_note;	/* the note is told to the requester (reply, reject, extension are always public) */
	int64_t assignee_user_id; /* assign */
	const char *assignee_unit;
	int resolved;		 /* reply: 1 resolved, 0 not */
	int days;		 /* extend_ask */
	int64_t target_community; /* transfer */
	int64_t merge_into;	 /* merge */
	enum wo_rating rating;	 /* rate */
};

/* NULL if the step is allowed on the order now (as loaded), else why not,
 * in Chinese ("该工单已办结,不能再交办"). Pure: it checks the state
 * machine, who may take the step (staff; the requester for rate and reopen;
 * a second staff member for extend_approve/refuse), the once-only rules
 * (reopen, extension), required fields (reason, reply text, rating) and
 * limits (extension days within the rule's maximum). The text is static or
 * in a per-thread ring of four (valid until the thread's fourth refusal
 * after it). See workorders_flow.c for the rules the state machine keeps. */
const char *wo_refusal(const struct wo_order *o, const struct wo_rule *rule, const struct wo_step *s, int64_t now);

/* ---- store (workorders_store.c; writes run in the caller's transaction) ---- */

/* The community's rule for a type: its row, else wo_rule_default. 0 or -1. */
int wo_rule_get(struct db *db, int64_t community_id, enum wo_kind k, struct wo_rule *out);
/* All types' rules, indexed by kind. 0 or -1. */
int wo_rules(struct db *db, int64_t community_id, struct wo_rule out[WO_K__MAX]);
/* Writes a community's rule for r->kind. 0 or -1. */
int wo_rule_set(struct db *db, int64_t community_id, const struct wo_rule *r, int64_t by, int64_t now);

/* Records a new order: id from db_next_id, a fresh unique tracking code,
 * personal fields sealed with their masked projections, deadlines from the
 * rule, and the timeline's "receive" entry. *id and *tracking_code (in the
 * arena) are set. 0 or -1. */
int wo_order_add(struct db *db, struct arena *a, int64_t community_id, const struct wo_new *n, int64_t *id,
		 const char **tracking_code);
/* Loads one order with its personal fields opened (staff pages). 0, 1 if
 * none, -1. */
int wo_order_get(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct wo_order *o);
/* Loads one order's masked projection only (public and requester pages,
 * Open311): the personal fields stay NULL. 0, 1 if none, -1. */
int wo_order_public(struct db *db, struct arena *a, int64_t community_id, int64_t id, struct wo_order *o);
/* The order with this tracking code (masked projection), in any community. 0, 1 if none, -1. */
int wo_order_by_code(struct db *db, struct arena *a, const char *code, struct wo_order *o);
/* 1 if phone (as typed; normalised here) is the order's requester's, else 0; -1 on error. */
int wo_order_phone_matches(struct db *db, int64_t community_id, int64_t id, const char *phone);
/* Locks the order's row for the rest of the transaction: 0, 1 if none, -1. */
int wo_order_lock(struct db *db, int64_t community_id, int64_t id);

/* Applies a step: locks the order, loads it, checks wo_refusal with the
 * community's rule, writes the new state and fields (recomputing the
 * deadlines), appends the timeline entry (and the requester-facing public
 * entry where the action is always public). transfer records a new order
 * in the target community (its own rule and deadlines, transferred_from
 * set, the sealed fields copied) and links both ways; merge checks the
 * other order is in the same community and not final. 0, 1 if no such
 * order, WO_REFUSED with *why set (nothing written), -1. */
int wo_apply(struct db *db, struct arena *a, int64_t community_id, int64_t id, const struct wo_step *s, int64_t now,
	     const char **why);

enum { WO_WAIT_ANY, WO_WAIT_EXTENSION, WO_WAIT_UNSATISFIED, WO_WAIT_SOON };

/* A filter for lists; zero fields do not filter. */
struct wo_filter {
	int state;		/* wo_state + 1; 0 any */
	int open_only;		/* not final */
	int kind;		/* wo_kind + 1 */
	int channel;		/* wo_channel + 1 */
	int overdue;		/* an open deadline has passed at `now` */
	int waiting;		/* WO_WAIT_EXTENSION: an extension asked and not decided; WO_WAIT_UNSATISFIED: rated 不满意;
				   WO_WAIT_SOON: the staff's turn, not overdue, a deadline within 24 hours of `now` */
	int64_t assignee_user_id;
	int64_t requester_user_id;
	int64_t from, to; /* received_at in [from, to) */
	const char *q;	  /* in the subject, or the order number / tracking code */
	int64_t now;
};

/* One line of a list: what list pages and exports show, nothing else
 * (no personal field but the masked requester name). */
struct wo_line {
	int64_t id;
	const char *tracking_code;
	enum wo_channel channel;
	enum wo_kind kind;
	enum wo_state state;
	const char *subject_masked, *address_masked, *requester_name_masked, *assignee_name;
	int64_t received_at, closed_at;
	struct wo_due due;
	int64_t responded_at, accepted_at;
	int resolved;
	enum wo_rating rating;
};

/* A page of the community's orders, newest received first, limit + 1 read
 * so that *more tells whether a next page exists. 0 or -1. */
int wo_orders(struct db *db, struct arena *a, int64_t community_id, const struct wo_filter *f, int64_t offset,
	      int limit, struct wo_line **out, size_t *n, int *more);

/* One timeline entry. note is opened for staff (with_internal), else the masked note. */
struct wo_event {
	int64_t id, at, actor_user_id;
	const char *actor;
	enum wo_action action;
	int public_note;
	const char *note;
};
/* The order's timeline, oldest first: every entry with notes opened
 * (staff, with_internal = 1), or only public entries with masked notes. 0 or -1. */
int wo_events(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, int with_internal,
	      struct wo_event **out, size_t *n);

/* ---- tracking codes (workorders_words.c) ----
 * 10 characters of 23456789ABCDEFGHJKLMNPQRSTUVWXYZ (no 0/O, 1/I/L): about
 * 50 random bits, stored and sent (Open311 token) ungrouped, shown grouped. */
#define WO_CODE_LEN 10
/* A fresh random code (libsodium). */
void wo_code_new(char out[WO_CODE_LEN + 1]);
/* The code as typed ("abcde-fghjk", spaces, dashes, lower case) in its
 * stored form: 0, or -1 when it is not one (out untouched). */
int wo_code_normalize(const char *s, char out[WO_CODE_LEN + 1]);
/* "ABCDE-FGHJK" for pages; the input unchanged when it is not 10 characters. Into the arena. */
const char *wo_code_grouped(struct arena *a, const char *code);

/* ---- store helpers for the module's own files (workorders_sealed.c) ---- */

/* Binds s sealed under the process's key, or SQL NULL when s is NULL or
 * empty. 0, or -1 when there is no key or the arena fails. */
int wo_bind_sealed(struct db_stmt *st, int i, struct arena *a, const char *s);
/* Opens a sealed column into the arena: "" for SQL NULL, NULL when it does
 * not open (another key, changed bytes, no key). */
char *wo_col_opened(struct db_stmt *st, int i, struct arena *a);
/* Logs that a sealed field of the order does not open; returns -1. */
int wo_not_opened(const char *what, int64_t community_id, int64_t id);
/* The blind index of a phone number for workorders.phone: of the
 * normalised 11 digits of a mobile, else of the text with spaces and
 * dashes dropped. 0, or 1 when phone is empty (no index), -1 without a key. */
int wo_phone_index(const char *phone, unsigned char out[32]);
/* The masked projection of the module's free text (subject, description,
 * reply, notes, comments, reasons): the requester's own name (2 characters
 * or more) wherever it appears masked as pii_mask_name does, the full
 * address wherever it appears replaced by its masked form, then room and
 * flat numbers (pii_mask_rooms), e-mails' local parts (pii_mask_email) and
 * long numbers (pii_mask_text). name and address may be NULL or "". Into
 * the arena; NULL only when the arena fails. */
char *wo_mask_free(struct arena *a, const char *text, const char *name, const char *address);
/* The masked form of a mediation's parties, written one a line as the
 * form asks ("张三 楼上住户"): the name that starts each line (2 to 4
 * characters up to a space or punctuation) masked wherever it appears, then
 * as wo_mask_free. NULL only when the arena fails. */
char *wo_mask_parties(struct arena *a, const char *parties);
/* The masked address (pii_mask_address) with the requester's name in it
 * masked (张三家,幸福里小区平房区第十二户 → 张*家,幸福里小区**). NULL only when
 * the arena fails. */
char *wo_mask_address(struct arena *a, const char *address, const char *name);
/* Appends a timeline entry (id from db_next_id; the note sealed beside its
 * masked text, wo_mask_free without a name or address). 0 or -1. */
int wo_event_add(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, int64_t at,
		 int64_t actor_user_id, const char *actor, enum wo_action action, int public_note, const char *note);
/* The same, the note masked with the order's requester name and address
 * (wo_mask_free). 0 or -1. */
int wo_event_add_for(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, int64_t at,
		     int64_t actor_user_id, const char *actor, enum wo_action action, int public_note,
		     const char *note, const char *name, const char *address);

/* ---- mediation and attachments (workorders_mediation.c; writes in the caller's transaction) ----
 * Each write locks the order first, and answers WO_REFUSED with *why (Chinese) when
 * the order does not take it; nothing is written then. */

/* 人民调解: the record of a mediation order (kind or channel mediation). */
struct wo_mediation {
	int64_t community_id, order_id;
	const char *parties;	     /* opened (staff loads only; NULL in the masked load) */
	const char *parties_masked;  /* numbers masked (pii_mask_text) */
	const char *mediator;	     /* the 人民调解员 (a public role, not sealed) */
	const char *outcome;	     /* "pending", "agreed", "failed" */
	const char *agreement;	     /* the agreement's text, opened (staff loads only) */
	int64_t concluded_at;
};
struct wo_session {
	int64_t id, at;
	const char *place;
	const char *note; /* opened */
};
/* Records or changes the parties and the mediator while the outcome is
 * pending, with an internal timeline entry. 0, 1 no such order, WO_REFUSED, -1. */
int wo_mediation_put(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, const char *parties,
		     const char *mediator, const struct wo_step *actor, int64_t now, const char **why);
/* The record: full = 1 opens the sealed fields (staff), else they stay
 * NULL. 0, 1 if none, -1. */
int wo_mediation_get(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, int full,
		     struct wo_mediation *m);
/* Adds a session (when, where, what happened: note sealed) while pending,
 * with an internal timeline entry. *id set. 0, 1 no such order, WO_REFUSED, -1. */
int wo_session_add(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, int64_t at,
		   const char *place, const char *note, const struct wo_step *actor, int64_t now, int64_t *id,
		   const char **why);
/* The sessions, oldest first, notes opened (staff). 0 or -1. */
int wo_sessions(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, struct wo_session **out,
		size_t *n);
/* Concludes once: agreed (the agreement's text required, sealed) or
 * failed, with a public timeline entry. 0, 1 no such order, WO_REFUSED, -1. */
int wo_mediation_conclude(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, int agreed,
			  const char *agreement, const struct wo_step *actor, int64_t now, const char **why);

#define WO_FILES_MAX 5
#define WO_FILE_MAX_BYTES (5 << 20)
#define WO_FILE_NAME_MAX 100 /* characters of an attachment's file name */
/* An attachment. The bytes are sealed at rest (src/pii); sha256 is of the
 * plain bytes. Staff only: routes check the role before reading one. */
struct wo_file {
	int64_t id, order_id, size, created_at;
	const char *name, *mime, *sha256;
	const unsigned char *data; /* opened; NULL in lists */
};
/* Adds a file to an order: at most WO_FILES_MAX an order, 1..WO_FILE_MAX_BYTES
 * bytes each, with an internal timeline entry; by staff, a grid worker on
 * an order assigned to them, or the requester while it is still received
 * (as they file). *id set. 0, 1 no such order, WO_REFUSED, -1. */
int wo_file_add(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, const char *name,
		const char *mime, const void *data, size_t len, const struct wo_step *actor, int64_t now, int64_t *id,
		const char **why);
/* The order's files without their bytes, oldest first. 0 or -1. */
int wo_files(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, struct wo_file **out,
	     size_t *n);
/* One file with its bytes opened. 0, 1 if none, -1. */
int wo_file_get(struct db *db, struct arena *a, int64_t community_id, int64_t order_id, int64_t id,
		struct wo_file *f);

/* ---- demo data (workorders_demo.c) ---- */

/* The module's demo hook: a year of orders for the community (see the file). 0 or -1. */
int wo_demo(struct db *db, struct arena *a, const struct community *c, int64_t now);

/* ---- reminders (workorders_remind.c) ---- */

/* Records a reminder (and a timeline entry) for each open order in any
 * community whose accept, respond or finish deadline passed, or falls due
 * within a day, and has no reminder of that kind yet. Runs under
 * db_job_try_lock("workorders_remind") in its own transaction: of several
 * server processes one does the work. *recorded counts them. 0 or -1. */
int wo_remind(struct db *db, int64_t now, int *recorded);
/* The module's tick (struct module): wo_remind, logging how many. 0 or -1. */
int wo_tick(struct db *db, int64_t now);
/* `shequ workorders remind [--db URL] [--key-file FILE]`: wo_remind once
 * (for cron). The exit code. */
int wo_command(int argc, char **argv);

#endif
