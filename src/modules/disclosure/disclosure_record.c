/* The public records appended to a community's log: canonical records
 * (tlog_store.h: keys sorted, no spaces, UTF-8), holding no personal data.
 * Pure. */
#include <jansson.h>
#include <string.h>

#include "modules/disclosure/disclosure_internal.h"

static json_t *date_or_null(int64_t t)
{
	if (!t)
		return json_null();
	char d[11];
	date_format(date_from_time(t), d);
	return json_string(d);
}

/* The public row of a recipient from its masked projection, in the columns
 * the item allows. The full fields are not looked at. */
static json_t *public_row(const struct disclosure_recipient *r, unsigned cols)
{
	const struct recipient_text *m = &r->masked;
	json_t *o = json_object();
	if (cols & (1u << RCOL_NAME))
		json_object_set_new(o, "name", json_string(m->name));
	if (cols & (1u << RCOL_ID) && *m->id_number)
		json_object_set_new(o, "id_number", json_string(m->id_number));
	if (cols & (1u << RCOL_PHONE) && *m->phone)
		json_object_set_new(o, "phone", json_string(m->phone));
	if (cols & (1u << RCOL_ADDRESS) && *m->address)
		json_object_set_new(o, "address", json_string(m->address));
	if (cols & (1u << RCOL_HOUSEHOLD))
		json_object_set_new(o, "household_size", json_integer(r->household_size));
	if (cols & (1u << RCOL_AMOUNT))
		json_object_set_new(o, "amount_fen", json_integer(r->amount_fen));
	if (cols & (1u << RCOL_NOTE) && *m->note)
		json_object_set_new(o, "note", json_string(m->note));
	return o;
}

char *disclosure_record_publish(struct arena *a, const struct record_ctx *c, const struct disclosure_post *p,
		     const struct disclosure_recipient *r, int nr, int64_t replaced_leaf,
		     const struct disclosure_attachment *att, size_t natt)
{
	json_t *o = json_pack("{s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:I}", "type", p->replaces_id ? "correction" : "publish",
			      "community", c->community, "post", (json_int_t)p->id, "item", p->item_code, "item_title",
			      p->item_title, "title", p->title, "body", p->body, "published_at", (json_int_t)c->at);
	if (!o)
		return NULL;
	json_object_set_new(o, "period_start", date_or_null(p->period_start));
	json_object_set_new(o, "period_end", date_or_null(p->period_end));
	if (p->notice_days > 0) {
		json_object_set_new(o, "notice_start", json_integer(p->notice_start));
		json_object_set_new(o, "notice_days", json_integer(p->notice_days));
	}
	if (p->replaces_id) {
		json_object_set_new(o, "replaces_post", json_integer(p->replaces_id));
		json_object_set_new(o, "replaces_leaf", json_integer(replaced_leaf));
		json_object_set_new(o, "reason", json_string(p->correction_reason ? p->correction_reason : ""));
	}
	if (natt) {
		json_t *files = json_array();
		for (size_t i = 0; i < natt; i++)
			json_array_append_new(files, json_pack("{s:s,s:s,s:I,s:s}", "name", att[i].name, "sha256", att[i].sha256,
							       "size", (json_int_t)att[i].size, "type", att[i].mime));
		json_object_set_new(o, "attachments", files);
	}
	if (nr > 0) {
		unsigned cols = disclosure_recipient_cols_from(p->public_columns);
		json_t *rows = json_array();
		for (int i = 0; i < nr; i++)
			json_array_append_new(rows, public_row(&r[i], cols));
		json_object_set_new(o, "recipients", rows);
	}
	return tlog_record_canonical(a, o);
}

char *disclosure_record_withdraw(struct arena *a, const struct record_ctx *c, int64_t post_id, int64_t post_leaf,
		      const char *reason, int closes_objections)
{
	json_t *o = json_pack("{s:s,s:s,s:I,s:I,s:s,s:I}", "type", "withdrawal", "community", c->community, "post",
			      (json_int_t)post_id, "post_leaf", (json_int_t)post_leaf, "reason", reason, "at", (json_int_t)c->at);
	if (o && closes_objections)
		json_object_set_new(o, "closes_objections", json_true());
	return tlog_record_canonical(a, o);
}

char *disclosure_record_answer(struct arena *a, const struct record_ctx *c, const char *kind, int64_t thread_id,
		    int64_t post_id, const char *question_masked, const char *answer_masked)
{
	json_t *o = json_pack("{s:s,s:s,s:I,s:s,s:s,s:I}", "type", kind, "community", c->community, "id",
			      (json_int_t)thread_id, "question", question_masked, "answer", answer_masked, "at",
			      (json_int_t)c->at);
	if (o && post_id)
		json_object_set_new(o, "post", json_integer(post_id));
	return tlog_record_canonical(a, o);
}

char *disclosure_record_setting(struct arena *a, const struct record_ctx *c, const struct disclosure_setting_change *s)
{
	json_t *o = json_pack("{s:s,s:s,s:s,s:b,s:s,s:s,s:I}", "type", "setting", "community", c->community, "setting",
			      disclosure_setting_name(s->setting), "value", s->value != 0, "reason", s->reason ? s->reason : "",
			      "requested_role", s->requested_role, "at", (json_int_t)c->at);
	if (o && s->approved_by) {
		/* A second person made it take effect: when it was asked for, and in what role they approved. */
		json_object_set_new(o, "requested_at", json_integer(s->requested_at));
		json_object_set_new(o, "approved_role", json_string(s->approved_role));
	}
	return tlog_record_canonical(a, o);
}

int64_t disclosure_record_no(int64_t leaf_index)
{
	return leaf_index < 0 || leaf_index == INT64_MAX ? 0 : leaf_index + 1;
}
