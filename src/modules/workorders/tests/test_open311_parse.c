/* Unit: Open311's parsers of outside input, each refusal and each reading
 * the spec allows (W3C datetimes, decimal degrees, attribute values). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "http/parse.h"
#include "modules/workorders/workorders_open311.h"

static void w3c_datetimes_read_with_their_offsets(void **state)
{
	(void)state;
	int64_t t;
	assert_int_equal(o311_parse_datetime("2026-11-28T09:30:00+08:00", &t), 0);
	assert_int_equal(t, 1795829400);
	int64_t same;
	assert_int_equal(o311_parse_datetime("2026-11-28T01:30:00Z", &same), 0);
	assert_int_equal(same, t);
	assert_int_equal(o311_parse_datetime("2026-11-27T20:30:00.250-05:00", &same), 0);
	assert_int_equal(same, t);
	assert_int_equal(o311_parse_datetime("2026-11-28T09:30+0800", &same), 0);
	assert_int_equal(same, t);
	/* No zone: China time; a date alone: its midnight in China. */
	assert_int_equal(o311_parse_datetime("2026-11-28T09:30:00", &same), 0);
	assert_int_equal(same, t);
	assert_int_equal(o311_parse_datetime("2026-11-28", &same), 0);
	assert_int_equal(same, t - 9 * 3600 - 1800);
	char out[32];
	o311_format_datetime(t, out);
	assert_string_equal(out, "2026-11-28T09:30:00+08:00");
	o311_format_datetime(1798732799, out); /* the last second of 2026 in China */
	assert_string_equal(out, "2026-12-31T23:59:59+08:00");
	const char *bad[] = {"",
	                     "2026",
	                     "2026-11-31",
	                     "2026-02-29T00:00:00Z",
	                     "2026-11-28T24:00:00Z",
	                     "2026-11-28T09:60:00Z",
	                     "2026-11-28T09:30:00+25:00",
	                     "2026-11-28T09:30:00 ",
	                     "1969-12-31",
	                     "yesterday",
	                     "2026-11-28T09:30:00.Z",
	                     "2026/11/28"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (o311_parse_datetime(bad[i], &t) == 0)
			fail_msg("accepted %s", bad[i]);
}

static void degrees_read_to_millionths_within_their_limit(void **state)
{
	(void)state;
	int64_t e6;
	assert_int_equal(o311_parse_degrees("39.9042", 90, &e6), 0);
	assert_int_equal(e6, 39904200);
	assert_int_equal(o311_parse_degrees("-122.4212043", 180, &e6), 0);
	assert_int_equal(e6, -122421204);
	assert_int_equal(o311_parse_degrees("116.40398765", 180, &e6), 0);
	assert_int_equal(e6, 116403988); /* rounded at the seventh decimal */
	assert_int_equal(o311_parse_degrees("90", 90, &e6), 0);
	assert_int_equal(e6, 90000000);
	const char *bad[] = {"", "-", ".", "90.000001", "1e3", "39,9", " 39.9", "0x10", "1000", "--1"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (o311_parse_degrees(bad[i], 90, &e6) == 0)
			fail_msg("accepted %s", bad[i]);
}

static struct kvlist form_of(struct arena *a, const char *s)
{
	struct kvlist l;
	assert_int_equal(parse_urlencoded(a, s, strlen(s), &l), PARSE_OK);
	return l;
}

static void attributes_are_checked_and_kept_as_json(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 1 << 20);
	const struct o311_service *s = o311_service("request");
	assert_non_null(s);
	struct kvlist f = form_of(
	    &a, "attribute[building]=+3%E5%8F%B7%E6%A5%BC+&attribute[households]=12&attribute[urgency]=normal"
	        "&attribute[facilities][]=water&attribute[facilities][]=gas&attribute[facilities][]=water"
	        "&attribute[occurred_at]=2026-11-28T01:30:00Z&attribute[details]=&attribute[other]=x");
	const char *json;
	struct o311_err e;
	assert_int_equal(o311_parse_attributes(&a, s, &f, &json, &e), 0);
	assert_string_equal(
	    json, "{\"building\":\"3号楼\",\"households\":12,\"occurred_at\":\"2026-11-28T09:30:00+08:00\","
	          "\"urgency\":\"normal\",\"facilities\":[\"water\",\"gas\"]}");
	/* A multivaluelist given as one comma list, as some clients send it. */
	f = form_of(&a, "attribute[building]=1&attribute[urgency]=urgent&attribute[facilities]=road,parking");
	assert_int_equal(o311_parse_attributes(&a, s, &f, &json, &e), 0);
	assert_string_equal(
	    json, "{\"building\":\"1\",\"urgency\":\"urgent\",\"facilities\":[\"road\",\"parking\"]}");
	/* A service without attributes keeps none. */
	f = form_of(&a, "attribute[building]=1");
	assert_int_equal(o311_parse_attributes(&a, o311_service("inquiry"), &f, &json, &e), 0);
	assert_string_equal(json, "");
	f = form_of(&a, "attribute[building]=1&attribute[urgency]=normal&attribute[households]=-1");
	assert_int_equal(o311_parse_attributes(&a, s, &f, &json, &e), -1);
	assert_string_equal(e.code, "attribute[households]_out_of_range");
	assert_int_equal(e.status, 400);
	f = form_of(&a, "attribute[urgency]=normal&attribute[building]=%20");
	assert_int_equal(o311_parse_attributes(&a, s, &f, &json, &e), -1);
	assert_string_equal(e.code, "attribute[building]_required");
	arena_free(&a);
}

static void the_query_gives_a_window_of_at_most_90_days(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 1 << 20);
	struct o311_filter f;
	struct o311_err e;
	struct kvlist q = form_of(&a, "status=open");
	assert_int_equal(o311_parse_filter(&a, &q, 1795829400, &f, &e), 0);
	assert_true(f.default_window);
	assert_int_equal(f.from, 1795829400 - 90 * 86400);
	assert_true(f.want_open && !f.want_closed);
	q = form_of(&a, "end_date=2026-11-28T09:30:00%2B08:00");
	assert_int_equal(o311_parse_filter(&a, &q, 1795829400, &f, &e), 0);
	assert_false(f.default_window);
	assert_int_equal(f.to, 1795829400);
	assert_int_equal(f.from, 1795829400 - 90 * 86400);
	q = form_of(&a, "service_request_id=3,1,3&status=nonsense");
	assert_int_equal(o311_parse_filter(&a, &q, 1795829400, &f, &e), 0); /* the ids override the rest */
	assert_int_equal(f.nids, 2);
	q = form_of(&a, "service_request_id=0");
	assert_int_equal(o311_parse_filter(&a, &q, 1795829400, &f, &e), -1);
	assert_string_equal(e.code, "service_request_id_invalid");
	q = form_of(&a, "start_date=2026-01-01T00:00:00Z&end_date=2026-04-01T00:00:01Z");
	assert_int_equal(o311_parse_filter(&a, &q, 1795829400, &f, &e), -1);
	assert_string_equal(e.code, "date_range_too_long");
	arena_free(&a);
}

/* The writer escapes what JSON and XML must, copies the rest, and turns
 * what XML 1.0 cannot hold (a control, a broken UTF-8 byte) into U+FFFD. */
static void strings_are_escaped_for_json_and_xml(void **state)
{
	(void)state;
	const char *v = "a\"b\\c\nd\te\x01" "f<g&h'i>\xff楼";
	struct buf b;
	struct o311_out o;
	buf_init(&b, 1 << 16);
	o311_begin(&o, &b, 1, "x", 0, NULL);
	o311_str(&o, "s", v);
	o311_str(&o, "e", "");
	o311_end(&o);
	assert_false(b.err);
	assert_string_equal(b.data, "{\"s\":\"a\\\"b\\\\c\\nd\\te\\u0001f<g&h'i>\xEF\xBF\xBD楼\",\"e\":null}\n");
	/* Broken UTF-8 of every kind: a surrogate, past U+10FFFF, a cut-off end. */
	buf_reset(&b);
	o311_begin(&o, &b, 1, "x", 0, NULL);
	o311_str(&o, "s", "A\xED\xA0\x80" "B\xF4\x90\x80\x80" "C\xE5");
	o311_end(&o);
	assert_true(utf8_valid(b.data, b.len));
	buf_reset(&b);
	o311_begin(&o, &b, 0, "x", 0, NULL);
	o311_str(&o, "s", v);
	o311_str(&o, "e", NULL);
	o311_end(&o);
	assert_false(b.err);
	assert_string_equal(b.data, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	                            "<x><s>a&quot;b\\c\nd\te\xEF\xBF\xBD" "f&lt;g&amp;h&apos;i&gt;\xEF\xBF\xBD楼</s><e/></x>\n");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(w3c_datetimes_read_with_their_offsets),
	    cmocka_unit_test(degrees_read_to_millionths_within_their_limit),
	    cmocka_unit_test(attributes_are_checked_and_kept_as_json),
	    cmocka_unit_test(the_query_gives_a_window_of_at_most_90_days),
	    cmocka_unit_test(strings_are_escaped_for_json_and_xml),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
