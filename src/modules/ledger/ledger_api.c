/* The ledger's JSON API for staff (jansson): a page of entries with the
 * list's filters, and one entry, with every field (nothing of it is
 * personal data to mask). */
#include <jansson.h>
#include <string.h>

#include "core/str.h"
#include "modules/ledger/ledger_web.h"

static json_t *opt_int(int64_t v)
{
	return v ? json_integer(v) : json_null();
}

static json_t *entry_json(const struct ledger_entry *e)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:I,s:s,s:s,s:s,s:s,s:I,s:s,s:I,s:o,s:o,s:s,s:o,s:o,s:s}",
	                 "id", (json_int_t)e->id, "period", e->period, "date", e->date, "kind",
	                 ledger_kind_code(e->kind), "category_id", (json_int_t)e->category_id, "category",
	                 e->category ? e->category : "", "amount_fen", (json_int_t)e->amount_fen,
	                 "counterparty", e->counterparty ? e->counterparty : "", "voucher_no", e->voucher_no,
	                 "purpose", e->purpose, "status", ledger_entry_status(e), "entered_by",
	                 (json_int_t)e->entered_by, "entered_name", e->entered_name ? e->entered_name : "",
	                 "entered_at", (json_int_t)e->entered_at, "approved_by", opt_int(e->approved_by),
	                 "approved_at", opt_int(e->approved_at), "approved_name",
	                 e->approved_name ? e->approved_name : "", "reverses_id", opt_int(e->reverses_id),
	                 "reversed_by_id", opt_int(e->reversed_by_id), "reason", e->reason ? e->reason : "");
}

enum http_result ledger_h_api_entries(struct req *r)
{
	struct ledger_filter f;
	const char *off = kv_get(&r->q, "offset");
	int64_t offset = 0;
	if (ledger_filter_from(&r->q, &f) < 0 ||
	    (off && *off && (str_to_int64(off, &offset) < 0 || offset < 0 || offset > 10000000)))
		return req_fail(r, HR_BAD_REQUEST, "筛选条件或 offset 不正确。");
	struct ledger_entry *rows;
	size_t n;
	int more;
	if (ledger_entries(r->db, r->a, r->community->id, &f, offset, LEDGER_PAGE_ROWS, &rows, &n, &more) < 0)
		return req_error(r, "cannot read the ledger's entries");
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		if (json_array_append_new(a, entry_json(&rows[i])) < 0) {
			json_decref(a);
			a = NULL;
		}
	r->cache_control = "private, no-store";
	return req_send_json(r, a ? json_pack("{s:{s:s,s:s},s:I,s:i,s:b,s:o}", "community", "slug",
	                                      r->community->slug, "name", r->community->name, "offset",
	                                      (json_int_t)offset, "limit", LEDGER_PAGE_ROWS, "more", more,
	                                      "entries", a)
	                          : NULL);
}

/* The entry's scans: [{id, name, mime, bytes, sha256}], NULL when jansson fails. */
static json_t *files_json(const struct ledger_file_list *fl)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < fl->n; i++) {
		const struct ledger_file *f = &fl->v[i];
		if (json_array_append_new(a, json_pack("{s:I,s:s,s:s,s:I,s:s}", "id", (json_int_t)f->id, "name",
		                                       f->name, "mime", f->mime, "bytes", (json_int_t)f->bytes,
		                                       "sha256", f->sha256)) < 0) {
			json_decref(a);
			a = NULL;
		}
	}
	return a;
}

enum http_result ledger_h_api_entry(struct req *r)
{
	int64_t id = ledger_id_param(r->param[1]);
	struct ledger_entry e;
	int rc = id ? ledger_entry_get(r->db, r->a, r->community->id, id, &e) : LEDGER_NOT_FOUND;
	if (rc)
		return rc < 0 ? req_error(r, "cannot read a ledger entry")
		              : req_fail(r, HR_NOT_FOUND, "没有这张凭证。");
	struct ledger_file_list fl;
	if (ledger_files(r->db, r->a, r->community->id, id, &fl) < 0)
		return req_error(r, "cannot read an entry's scans");
	json_t *o = entry_json(&e), *files = files_json(&fl);
	if (!o || !files) {
		json_decref(o);
		json_decref(files);
		o = NULL;
	} else if (json_object_set_new(o, "files", files) < 0) {
		json_decref(o);
		o = NULL;
	}
	r->cache_control = "private, no-store";
	return req_send_json(r, o);
}
