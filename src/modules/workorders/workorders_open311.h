/* Open311 GeoReport v2 under /open311/v2/ (issue 11): the module's types and
 * functions for it, shared by the workorders_open311*.c and
 * workorders_apikey*.c files only.
 *
 * Our types (enum wo_kind) are the services: service_code is the kind's
 * stored name. Requests posted are ordinary work orders (channel web,
 * api_client_id set); what the GETs answer is read from the masked
 * projection only, and the requester's name, phone and e-mail never appear.
 * Answers are XML (the format every client reads) or JSON, chosen by the
 * path's extension. */
#ifndef SHEQU_MODULES_WORKORDERS_OPEN311_H
#define SHEQU_MODULES_WORKORDERS_OPEN311_H
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "http/module.h"
#include "http/parse.h"
#include "modules/workorders/workorders_internal.h"

/* ---- the catalogue (workorders_open311_services.c) ---- */

enum o311_datatype {
	O311_STRING,
	O311_NUMBER,
	O311_DATETIME,
	O311_TEXT,
	O311_SINGLE,
	O311_MULTI,
	O311_DT__MAX
};

struct o311_value {
	const char *key, *name;
};

struct o311_attr {
	const char *code; /* ASCII, the form's attribute[code] */
	enum o311_datatype datatype;
	const char *description; /* Chinese: the field's label and what to give */
	const char *datatype_description;
	const struct o311_value *values; /* lists: ends with a NULL key */
	int64_t min, max;                /* number: integer bounds; string/text: most characters */
};

struct o311_service {
	enum wo_kind kind; /* service_code = wo_kind_name(kind) */
	const char *name;  /* service_name */
	const char *description;
	const char *keywords;
	const char *group;
	const char *notice;                   /* service_notice: what the community will do */
	const struct o311_attr *const *attrs; /* NULL-terminated; NULL: metadata false */
	const unsigned char *required;        /* per attrs[i]: 1 required */
};

/* The services offered, in list order, and how many. Mediation and
 * emergencies are not: a 人民调解 case starts at the desk, an emergency
 * by calling the 应急热线. */
const struct o311_service *o311_services(size_t *n);
/* The service with this service_code, or NULL. */
const struct o311_service *o311_service(const char *code);
const char *o311_datatype_name(enum o311_datatype t);

/* ---- parsing outside input (workorders_open311_parse.c, pure; fuzzed) ---- */

/* Parses a W3C datetime ("2026-11-28T09:30:00+08:00", "…Z", "2026-11-28",
 * seconds and fraction optional; no zone: China time) into Unix seconds.
 * 0, or -1 if it is not one or out of years 1970..9999. */
int o311_parse_datetime(const char *s, int64_t *out);
/* Writes t as "2026-11-28T09:30:00+08:00" (China time) into out. */
void o311_format_datetime(int64_t t, char out[32]);
/* Parses a decimal degree ("39.9042", "-122.4212043") into millionths
 * (rounded), within ±limit degrees. 0 or -1. */
int o311_parse_degrees(const char *s, int limit, int64_t *e6);

/* An error found in outside input: the HTTP status, the code naming the
 * field and the problem ("service_code_not_found", "attribute[building]_required"),
 * and the Chinese description. */
struct o311_err {
	int status;
	const char *code, *description;
};

/* A POST requests.{fmt} form, parsed and checked. */
struct o311_post {
	const char *jurisdiction_id, *api_key;
	const struct o311_service *service;
	int has_point;
	int64_t lat_e6, lon_e6;
	const char *address_string, *address_id;
	const char *email, *device_id, *account_id, *first_name, *last_name, *phone;
	const char *description, *media_url;
	const char *attributes; /* the JSON object of the attributes given, "" for none */
};

/* Parses the form of a POST (every field optional in the form, checked
 * here): service_code known, a location (lat and long, address_string or
 * address_id), lengths, the attributes against the service's definition.
 * api_key and jurisdiction_id are copied, not checked. 0, or -1 with *e set. */
int o311_parse_post(struct arena *a, const struct kvlist *form, struct o311_post *p, struct o311_err *e);
/* Checks the service's attributes in form (attribute[code] and, for lists,
 * attribute[code][]) by datatype and builds the JSON object of those given;
 * blank ones are left out, required ones must be there; codes the service
 * does not define are ignored. 0, or -1 with *e set. */
int o311_parse_attributes(struct arena *a, const struct o311_service *s, const struct kvlist *form,
                          const char **json, struct o311_err *e);

#define O311_MAX_RESULTS 1000
#define O311_MAX_IDS 1000
#define O311_WINDOW (90 * 86400) /* the default and the longest window of GET requests */

/* A GET requests.{fmt} query, parsed and checked. */
struct o311_filter {
	int64_t *ids; /* service_request_id: when given, the other filters do not apply */
	size_t nids;
	unsigned kinds; /* bit per wo_kind: the service codes asked for (all offered when none) */
	int want_open, want_closed;
	int64_t from, to;   /* requested_datetime in [from, to] */
	int default_window; /* neither start_date nor end_date given: the last 90 days to now */
};

/* Parses the query of GET requests at `now`: service_request_id (comma
 * list of ids), service_code and status (comma lists, each may repeat),
 * start_date and end_date (W3C; a window longer than 90 days is refused;
 * one alone gives the 90 days from or up to it). 0, or -1 with *e set. */
int o311_parse_filter(struct arena *a, const struct kvlist *q, int64_t now, struct o311_filter *f,
                      struct o311_err *e);

/* ---- XML and JSON (workorders_open311_out.c) ----
 * One writer for both formats: objects and lists nest; a list's items are
 * named for XML (<services><service>…), and are bare in JSON. */
struct o311_out {
	struct buf *b;
	int json;
	int depth;
	unsigned char first[16]; /* per depth: no member written yet */
	unsigned char list[16];  /* per depth: a list (JSON array) */
	const char *item[16];    /* per depth: the XML name of a list's items */
	const char *name[16];    /* per depth: the XML name to close */
};

/* Starts a document whose root is a list named `name` of `item`s (XML
 * declaration included), or an object named `name`. */
void o311_begin(struct o311_out *o, struct buf *b, int json, const char *name, int is_list, const char *item);
/* Finishes the document (closes whatever is open). */
void o311_end(struct o311_out *o);
/* An item of the list being written (an object). */
void o311_item(struct o311_out *o);
/* A member list named `name` of `item`s, inside the current object. */
void o311_list(struct o311_out *o, const char *name, const char *item);
/* Closes the current item or list. */
void o311_close(struct o311_out *o);
/* Members of the current object: text ("" or NULL: empty element / null),
 * integer, boolean, a number given as its text (written unquoted in JSON),
 * and a bare string item of a list (the JSON array's element). */
void o311_str(struct o311_out *o, const char *name, const char *v);
void o311_int(struct o311_out *o, const char *name, int64_t v);
void o311_bool(struct o311_out *o, const char *name, int v);
void o311_num(struct o311_out *o, const char *name, const char *text);

/* The module's api_error: Open311's error body, in the format of the
 * path's extension (.json: JSON, anything else: XML). */
void o311_api_error(struct req *r, int status, const char *code, const char *message);

/* ---- the handlers (workorders_open311.c) ---- */
enum http_result o311_h_services(struct req *r);
enum http_result o311_h_service(struct req *r);
enum http_result o311_h_requests(struct req *r);
enum http_result o311_h_request(struct req *r);
enum http_result o311_h_token(struct req *r);
/* GET /open311/discovery.{fmt}: the Service Discovery document naming the v2 endpoint. */
enum http_result o311_h_discovery(struct req *r);
extern const char o311_openapi_paths[];

/* ---- its store (workorders_open311_store.c) ---- */

/* One request as Open311 shows it: the masked projection only, and of
 * that no free text of the requester or the staff but the masked subject
 * (the short title) and address: the description, the reply and the
 * reasons are never read here. */
struct o311_row {
	int64_t id;
	const char *tracking_code;
	enum wo_kind kind;
	enum wo_state state;
	const char *subject_masked, *address_masked, *assignee_unit;
	int resolved; /* as the reply said: 1 solved, 0 not, -1 not said (no reply yet) */
	int has_point;
	int64_t lat_e6, lon_e6;
	int64_t received_at, updated_at, closed_at, finish_due, merged_into;
};

/* The community's requests matching f (ids, or kinds, status and window),
 * newest first, at most O311_MAX_RESULTS; never a 信访 (petition) order,
 * which Open311 takes in but never lists. 0 or -1. */
int o311_rows(struct db *db, struct arena *a, int64_t community_id, const struct o311_filter *f,
              struct o311_row **out, size_t *n);
/* One request by id, or by tracking code (code non-NULL), of the community
 * and of a kind offered as a service other than 信访. 0, 1 if none, -1. */
int o311_row(struct db *db, struct arena *a, int64_t community_id, int64_t id, const char *code,
             struct o311_row *out);
/* Keeps what an Open311 client told of the requester beyond name and phone
 * (the e-mail, sealed; device_id and account_id as given) for the order. 0 or -1. */
int o311_contact_add(struct db *db, struct arena *a, int64_t community_id, int64_t order_id,
                     const char *email, const char *device_id, const char *account_id);

/* ---- API keys (workorders_apikey_store.c, workorders_apikey.c) ---- */

struct wo_api_client {
	int64_t id;
	const char *name, *key_hint;
	int64_t created_at, disabled_at;
};

/* The client whose key this is (only its SHA-256 is compared). 0 found,
 * 1 none, -1; a disabled client is found with disabled_at set. */
int wo_apikey_find(struct db *db, struct arena *a, const char *key, struct wo_api_client *c);
/* Issues a key for a new client named name: a fresh random key into
 * key_out (shown once, never stored), its SHA-256 and first characters
 * stored. 0, 1 if the name is taken, -1. */
int wo_apikey_add(struct db *db, const char *name, int64_t by, int64_t now, char key_out[64], int64_t *id);
#define WO_APIKEY_PER_MINUTE 120 /* POSTs a client may make in a minute */
/* Counts a POST by the client (in the caller's write transaction): 0 if
 * it is within WO_APIKEY_PER_MINUTE this minute, 1 if over, with *retry_at
 * the start of the next minute; -1. */
int wo_apikey_hit(struct db *db, int64_t client_id, int64_t now, int64_t *retry_at);
/* All clients, by name. 0 or -1. */
int wo_apikey_list(struct db *db, struct arena *a, struct wo_api_client **out, size_t *n);
/* Disables the named client's key. 0, 1 if none (or disabled already), -1. */
int wo_apikey_disable(struct db *db, const char *name, int64_t now);
/* The admin page /admin/open311/keys (GET lists, POST issues or disables). */
enum http_result wo_apikey_h_admin(struct req *r);
/* `shequ apikey add|list|disable`. */
int wo_apikey_cmd(int argc, char **argv);

#endif
