/* The disclosure board's pure rules: due dates, recipient parsing, public
 * records that carry no personal data, and the poster description. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "modules/disclosure/disclosure_internal.h"
#include "modules/disclosure/disclosure_poster.h"
#include "pii/pii.h"

static struct arena a;

static int setup(void **state)
{
	(void)state;
	arena_init(&a, 16 << 20);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&a);
	return 0;
}

static int64_t at(int y, int m, int d)
{
	return date_to_time((struct ymd){y, m, d}) + 10 * 3600; /* 10:00 CST */
}

static const char *due_of(enum disclosure_freq f, int64_t last)
{
	static char out[11];
	struct ymd d;
	if (!disclosure_next_due(f, last, 0, &d))
		return "none";
	date_format(d, out);
	return out;
}

static void due_dates_for_every_frequency(void **state)
{
	(void)state;
	assert_string_equal(due_of(FREQ_MONTHLY, at(2026, 10, 15)), "2026-11-15");
	assert_string_equal(due_of(FREQ_MONTHLY, at(2024, 1, 31)), "2024-02-29"); /* leap year */
	assert_string_equal(due_of(FREQ_MONTHLY, at(2023, 1, 31)), "2023-02-28");
	assert_string_equal(due_of(FREQ_MONTHLY, at(2026, 12, 31)), "2027-01-31"); /* year end */
	assert_string_equal(due_of(FREQ_QUARTERLY, at(2026, 8, 31)), "2026-11-30");
	assert_string_equal(due_of(FREQ_QUARTERLY, at(2026, 11, 30)), "2027-02-28");
	assert_string_equal(due_of(FREQ_HALF_YEARLY, at(2023, 8, 31)), "2024-02-29");
	assert_string_equal(due_of(FREQ_HALF_YEARLY, at(2026, 3, 31)), "2026-09-30");
	assert_string_equal(due_of(FREQ_YEARLY, at(2024, 2, 29)), "2025-02-28");
	assert_string_equal(due_of(FREQ_YEARLY, at(2027, 2, 28)), "2028-02-28");
	assert_string_equal(due_of(FREQ_IMMEDIATE, at(2026, 1, 1)), "none");
	assert_string_equal(due_of(FREQ_ON_CHANGE, at(2026, 1, 1)), "none");
	/* A time just before midnight CST belongs to that Chinese day, not the UTC one. */
	struct ymd d = date_from_time(date_to_time((struct ymd){2026, 3, 1}) - 1);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 28);
}

static void due_state_green_amber_red(void **state)
{
	(void)state;
	struct ymd due;
	int64_t last = at(2026, 10, 1); /* monthly: due 2026-11-01 */
	assert_int_equal(disclosure_due_state(FREQ_MONTHLY, last, 0, at(2026, 10, 20), &due), DUE_OK);
	assert_int_equal(disclosure_due_state(FREQ_MONTHLY, last, 0, at(2026, 10, 25), &due), DUE_SOON);
	assert_int_equal(disclosure_due_state(FREQ_MONTHLY, last, 0, at(2026, 11, 1), &due), DUE_SOON);
	assert_int_equal(disclosure_due_state(FREQ_MONTHLY, last, 0, at(2026, 11, 2), &due), DUE_OVERDUE);
	/* Never published: counted from when the item was created. */
	assert_int_equal(disclosure_due_state(FREQ_QUARTERLY, 0, at(2026, 1, 1), at(2026, 5, 1), &due), DUE_OVERDUE);
	assert_int_equal(disclosure_due_state(FREQ_ON_CHANGE, at(2020, 1, 1), 0, at(2026, 5, 1), &due), DUE_NONE);
	assert_int_equal(disclosure_due_state(FREQ_ON_CHANGE, 0, at(2026, 1, 1), at(2026, 5, 1), &due), DUE_OVERDUE);
	assert_int_equal(disclosure_due_state(FREQ_IMMEDIATE, 0, at(2026, 1, 1), at(2026, 5, 1), &due), DUE_NONE);
}

static void channels_and_columns_read_as_exact_names_and_show_in_words(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 4096);
	assert_int_equal(disclosure_channels_from("wall,meeting"), (1u << CHAN_WALL) | (1u << CHAN_MEETING));
	assert_int_equal(disclosure_channels_from("walls,webx,"), 0); /* names, not parts of names */
	assert_int_equal(disclosure_channels_from(NULL), 0);
	assert_string_equal(disclosure_channels_label(&a, disclosure_channels_from("web,wall")), "公开栏上墙、网站");
	assert_string_equal(disclosure_channels_label(&a, 0), "");
	assert_string_equal(disclosure_recipient_cols_label(&a, disclosure_recipient_cols_from("name,household_size,amount")),
			    "姓名、家庭人口、金额");
	assert_int_equal(disclosure_record_no(0), 1);
	assert_int_equal(disclosure_record_no(41), 42);
	assert_int_equal(disclosure_record_no(-1), 0);
	arena_free(&a);
}

static void poster_prints_a_table_as_named_values(void **state)
{
	(void)state;
	char *s = disclosure_poster_body("收支如下:\n\n| 项目 | 金额 |\n|---|---:|\n| 办公费 | ¥1,280.50 |\n| 水电 | ¥300.00 |\n\n"
					 "结余 **100** 元。\n");
	assert_non_null(s);
	assert_string_equal(s, "收支如下:\n\n项目:办公费;金额:¥1,280.50\n项目:水电;金额:¥300.00\n\n结余 100 元。\n");
	free(s);
	s = disclosure_poster_body("");
	assert_non_null(s);
	assert_int_equal(s[strspn(s, "\n")], 0); /* nothing to print */
	free(s);
}

static void recipient_rows_are_parsed_and_refused_by_line(void **state)
{
	(void)state;
	struct disclosure_recipient *r;
	const char *err = NULL;
	const char *ok = "姓名,身份证号,电话,住址,家庭人口,金额\n"
			 "张三丰,11010519491231002X,13812341234,幸福里3号楼2单元,3,1280.5\n"
			 "李四\t\t\t幸福里5号楼\t1\t640\n"
			 "王五，，，幸福里1号楼，２，９８０.００\n";
	assert_int_equal(disclosure_recipients_parse(&a, ok, &r, &err), 3);
	assert_string_equal(r[0].full.name, "张三丰");
	assert_string_equal(r[0].full.id_number, "11010519491231002X");
	assert_string_equal(r[1].full.address, "幸福里5号楼");
	assert_null(r[0].masked.name); /* projections are the store's to make */
	assert_int_equal(r[0].amount_fen, 128050);
	assert_int_equal(r[1].household_size, 1);
	assert_int_equal(r[1].amount_fen, 64000);
	assert_int_equal(r[2].household_size, 2); /* full-width digits and commas */
	assert_int_equal(r[2].amount_fen, 98000);
	assert_int_equal(disclosure_recipients_parse(&a, "张三,110105194912310021,,x楼,3,100", &r, &err), -1);
	assert_non_null(strstr(err, "第 1 行"));
	assert_non_null(strstr(err, "校验"));
	assert_int_equal(disclosure_recipients_parse(&a, "张三,,,x楼,3,100\n李四,,,y楼,0,100", &r, &err), -1);
	assert_non_null(strstr(err, "第 2 行:家庭人口"));
	assert_int_equal(disclosure_recipients_parse(&a, "张三,,,x楼,3,1.234", &r, &err), -1);
	assert_non_null(strstr(err, "金额"));
	assert_int_equal(disclosure_recipients_parse(&a, "张三,1,2", &r, &err), -1);
	assert_non_null(strstr(err, "至少 6 项"));
}

static void every_bad_recipient_row_is_named_with_all_its_problems(void **state)
{
	(void)state;
	struct disclosure_recipient *r;
	const char *err = NULL;
	/* Twelve bad rows among good ones: all twelve named, none dropped. */
	struct buf t;
	buf_init(&t, 1 << 16);
	for (int i = 1; i <= 30; i++)
		buf_printf(&t, i % 5 == 0 ? "某%d,,,x楼,0,abc\n" : i % 7 == 0 ? ",,,y楼,2,100\n" : "张%d,,,z楼,2,100\n", i);
	assert_int_equal(disclosure_recipients_parse(&a, t.data, &r, &err), -1);
	assert_non_null(strstr(err, "名单中有 10 行需要修改"));
	for (int i = 5; i <= 30; i += 5) {
		char want[96];
		snprintf(want, sizeof want, "第 %d 行:家庭人口应为 1 到 50 的整数,金额应为以元计的数字", i);
		assert_non_null(strstr(err, want));
	}
	assert_non_null(strstr(err, "第 7 行:缺少姓名"));
	assert_non_null(strstr(err, "第 28 行:缺少姓名"));
	assert_null(strstr(err, "另有"));
	buf_free(&t);
}

static void recipient_lists_read_as_csv_with_every_bad_line_named(void **state)
{
	(void)state;
	struct disclosure_recipient *r;
	const char *err = NULL;
	/* A header naming every column (aliases allowed) may order them freely;
	 * quoted fields hold commas and line breaks; Excel's empty rows are skipped. */
	const char *csv = "姓名,金额(元),家庭人口,公民身份号码,联系电话,家庭住址,备注\r\n"
			  "张三丰,\"¥1,280.50\",3,11010519491231002X,138-1234-1234,\"幸福里3号楼,2单元\",\"新增\n复核\"\r\n"
			  ",,,,,,\r\n"
			  "李四,640,1,,,幸福里5号楼,\r\n";
	assert_int_equal(disclosure_recipients_parse(&a, csv, &r, &err), 2);
	assert_string_equal(r[0].full.name, "张三丰");
	assert_int_equal(r[0].amount_fen, 128050);
	assert_int_equal(r[0].household_size, 3);
	assert_string_equal(r[0].full.id_number, "11010519491231002X");
	assert_string_equal(r[0].full.phone, "13812341234"); /* typed in groups, kept as 11 digits */
	assert_string_equal(r[0].full.address, "幸福里3号楼,2单元");
	assert_string_equal(r[0].full.note, "新增\n复核");
	assert_int_equal(r[1].row, 2);
	assert_int_equal(r[1].amount_fen, 64000);
	/* Every bad line is named, by the line it starts on. */
	const char *bad = "张三,,,\"x楼\n2单元\",0,100\n"
			  "李四,,,y楼,2,abc\n"
			  "王五,,,z楼,1,5\n"
			  "赵六,,,w楼,1,-5\n";
	assert_int_equal(disclosure_recipients_parse(&a, bad, &r, &err), -1);
	assert_string_equal(err, "名单中有 3 行需要修改,请一并改好后再提交。"
				 "第 1 行:家庭人口应为 1 到 50 的整数; 第 3 行:金额应为以元计的数字,如 1280.50; "
				 "第 5 行:金额应为以元计的数字,如 1280.50");
	/* Uploaded bytes: GB18030 is read; bytes in neither encoding are the file's problem. */
	assert_int_equal(disclosure_recipients_import(&a, "\xD5\xC5\xC8\xFD,,,9\xBA\xC5\xC2\xA5,2,300\n", 19, &r, &err), 1);
	assert_string_equal(r[0].full.name, "张三");
	assert_int_equal(disclosure_recipients_import(&a, "\x81\x20,,,x,1,1\n", 11, &r, &err), -2);
	assert_non_null(strstr(err, "文字无法识别"));
}

static void public_record_holds_no_personal_data(void **state)
{
	(void)state;
	struct disclosure_post p = {.id = 7, .title = "2026年11月低保公示", .body = "名单如下", .notice_days = 7,
				    .notice_start = 1764000000, .period_start = at(2026, 11, 1), .period_end = at(2026, 11, 30),
				    .item_code = "dibao", .item_title = "最低生活保障",
				    .public_columns = "name,household_size,amount", .personal_data = 1};
	/* The record reads the masked projection only, never the full fields. */
	struct recipient_text full = {"张三丰", "11010519491231002X", "13812341234", "幸福里3号楼2单元", ""};
	struct recipient_text masked = {pii_mask_name(&a, full.name), pii_mask_id(&a, full.id_number),
					pii_mask_phone(&a, full.phone), pii_mask_address(&a, full.address), ""};
	struct disclosure_recipient r[] = {{.row = 1, .full = full, .masked = masked, .household_size = 3, .amount_fen = 128050}};
	struct record_ctx c = {"xingfuli", 1764000000};
	char *rec = disclosure_record_publish(&a, &c, &p, r, 1, 0, NULL, 0);
	assert_non_null(rec);
	assert_non_null(strstr(rec, "\"name\":\"张*丰\""));
	assert_non_null(strstr(rec, "\"amount_fen\":128050"));
	assert_non_null(strstr(rec, "\"period_start\":\"2026-11-01\""));
	assert_null(strstr(rec, "张三丰"));
	assert_null(strstr(rec, "1101051949"));
	assert_null(strstr(rec, "13812341234"));
	assert_null(strstr(rec, "单元"));
	assert_null(strstr(rec, " ")); /* compact */
	assert_memory_equal(rec, "{\"body\":", 8); /* keys sorted */
	char *w = disclosure_record_withdraw(&a, &c, 7, 3, "名单有误", 0);
	assert_string_equal(w, "{\"at\":1764000000,\"community\":\"xingfuli\",\"post\":7,\"post_leaf\":3,\"reason\":\"名单有误\",\"type\":\"withdrawal\"}");
	/* Withdrawn during its 公示: the record says the objections closed with it. */
	w = disclosure_record_withdraw(&a, &c, 7, 3, "名单有误", 1);
	assert_string_equal(w, "{\"at\":1764000000,\"closes_objections\":true,\"community\":\"xingfuli\",\"post\":7,\"post_leaf\":3,\"reason\":\"名单有误\",\"type\":\"withdrawal\"}");
	char *ans = disclosure_record_answer(&a, &c, "objection_answer", 2, 7, pii_mask_text(&a, "张三丰家有车,电话 138 1234 1234"),
				  pii_mask_text(&a, "已核实"));
	assert_string_equal(ans, "{\"answer\":\"已核实\",\"at\":1764000000,\"community\":\"xingfuli\",\"id\":2,\"post\":7,"
				 "\"question\":\"张三丰家有车,电话 *** **** ****\",\"type\":\"objection_answer\"}");
	/* Every column public: each as its projection, the full fields nowhere. */
	p.public_columns = "name,id_number,phone,address,household_size,amount,note";
	rec = disclosure_record_publish(&a, &c, &p, r, 1, 0, NULL, 0);
	assert_string_equal(rec, "{\"body\":\"名单如下\",\"community\":\"xingfuli\",\"item\":\"dibao\",\"item_title\":\"最低生活保障\","
				 "\"notice_days\":7,\"notice_start\":1764000000,\"period_end\":\"2026-11-30\","
				 "\"period_start\":\"2026-11-01\",\"post\":7,\"published_at\":1764000000,\"recipients\":[{"
				 "\"address\":\"幸福里3号楼\",\"amount_fen\":128050,\"household_size\":3,\"id_number\":"
				 "\"110***********002X\",\"name\":\"张*丰\",\"phone\":\"138****1234\"}],\"title\":"
				 "\"2026年11月低保公示\",\"type\":\"publish\"}");
}

static void setting_record_names_roles_not_people(void **state)
{
	(void)state;
	struct record_ctx c = {"xingfuli", 1764000000};
	struct disclosure_setting_change ch = {.setting = SETTING_TWO_PERSON, .value = 0, .reason = "人手不足",
					       .requested_by = 5, .requested_role = "staff", .requested_at = 1763990000,
					       .approved_by = 6, .approved_role = "street_admin", .requester_name = "王建国",
					       .approver_name = "陈静"};
	assert_string_equal(disclosure_record_setting(&a, &c, &ch),
			    "{\"approved_role\":\"street_admin\",\"at\":1764000000,\"community\":\"xingfuli\","
			    "\"reason\":\"人手不足\",\"requested_at\":1763990000,\"requested_role\":\"staff\","
			    "\"setting\":\"two_person\",\"type\":\"setting\",\"value\":false}");
	/* Switched on by one person: no approval in the record. */
	ch = (struct disclosure_setting_change){.setting = SETTING_REVIEW_OBJECTIONS, .value = 1, .reason = "",
						.requested_by = 5, .requested_role = "staff", .approved_role = ""};
	assert_string_equal(disclosure_record_setting(&a, &c, &ch),
			    "{\"at\":1764000000,\"community\":\"xingfuli\",\"reason\":\"\",\"requested_role\":\"staff\","
			    "\"setting\":\"review_objections\",\"type\":\"setting\",\"value\":true}");
	assert_int_equal(disclosure_setting_needs_approval(SETTING_TWO_PERSON, 0), 1);
	assert_int_equal(disclosure_setting_needs_approval(SETTING_TWO_PERSON, 1), 0);
	assert_int_equal(disclosure_setting_needs_approval(SETTING_REVIEW_OBJECTIONS, 0), 0);
}

static void poster_description_round_trips_with_masked_data_only(void **state)
{
	(void)state;
	struct recipient_text full = {"张三丰", "11010519491231002X", "13812341234", "幸福里3号楼2单元", ""};
	struct disclosure_recipient r[] = {
	    {.row = 1, .full = full, .masked = {"张*丰", "", "", "幸福里3号楼", ""}, .household_size = 3, .amount_fen = 128050},
	    {.row = 2, .masked = {"李*", NULL, NULL, NULL, NULL}, .household_size = 1, .amount_fen = 0}};
	struct disclosure_post p = {.title = "2026年11月低保公示", .item_title = "最低生活保障", .body = "名单如下",
				    .published_at = 1764000000, .leaf_index = 12, .replaces_id = 3,
				    .correction_reason = "金额更正", .notice_start = 1764000000, .notice_days = 7};
	struct poster_doc d = {.kind = POSTER_POST,
			       .ctx = {.community = "幸福里社区", .street = "东湖街道", .url = "http://x/c/xingfuli/board/7?cp=13.abcdef01",
				       .cp_size = 13, .cp_root = "abcdef01", .cp_at = 1764000100, .paper = PAPER_A3},
			       .posts = &p, .nposts = 1, .recipients = r, .nrecipients = 2,
			       .cols = 1u << RCOL_NAME | 1u << RCOL_AMOUNT};
	struct buf b;
	buf_init(&b, POSTER_WIRE_MAX);
	assert_int_equal(disclosure_poster_encode(&b, &d), 0);
	assert_memory_equal(b.data, "shequ-poster 2\n", 15);
	/* Only what the poster prints: never the full name, ID or phone. */
	assert_null(memmem(b.data, b.len, "张三丰", strlen("张三丰")));
	assert_null(memmem(b.data, b.len, "1101051949", 10));
	assert_null(memmem(b.data, b.len, "13812341234", 11));
	struct poster_doc e;
	char err[200];
	assert_int_equal(disclosure_poster_decode(&a, b.data, b.len, &e, err, sizeof err), 0);
	assert_int_equal(e.kind, POSTER_POST);
	assert_string_equal(e.ctx.street, "东湖街道");
	assert_string_equal(e.ctx.url, d.ctx.url);
	assert_int_equal(e.ctx.cp_at, 1764000100);
	assert_int_equal(e.ctx.paper, PAPER_A3);
	assert_int_equal(e.nposts, 1);
	assert_string_equal(e.posts[0].correction_reason, "金额更正");
	assert_int_equal(e.posts[0].notice_days, 7);
	assert_int_equal(e.nrecipients, 2);
	assert_string_equal(e.recipients[0].masked.name, "张*丰");
	assert_string_equal(e.recipients[1].masked.address, "");
	assert_int_equal(e.recipients[0].amount_fen, 128050);
	assert_null(e.recipients[0].full.name);
	assert_int_equal(e.cols, d.cols);
	/* Encoding what was decoded gives the same bytes. */
	struct buf b2;
	buf_init(&b2, POSTER_WIRE_MAX);
	assert_int_equal(disclosure_poster_encode(&b2, &e), 0);
	assert_int_equal(b2.len, b.len);
	assert_memory_equal(b2.data, b.data, b.len);
	buf_free(&b2);

	/* Another version, a cut or a trailing byte: refused, saying which. */
	b.data[13] = '3';
	assert_int_equal(disclosure_poster_decode(&a, b.data, b.len, &e, err, sizeof err), -1);
	assert_string_equal(err, "not a poster description of version 2 (it starts \"shequ-poster 3\")");
	b.data[13] = '2';
	assert_int_equal(disclosure_poster_decode(&a, b.data, b.len - 1, &e, err, sizeof err), -1);
	assert_string_equal(err, "the description is cut short, malformed or out of bounds");
	buf_putc(&b, 0);
	assert_int_equal(disclosure_poster_decode(&a, b.data, b.len, &e, err, sizeof err), -1);
	assert_string_equal(err, "the description has 1 bytes after its end");
	buf_free(&b);

	/* A post poster of two posts, or a board poster with a list: out of bounds. */
	d.nposts = 2;
	struct disclosure_post two[2] = {p, p};
	d.posts = two;
	buf_init(&b, POSTER_WIRE_MAX);
	assert_int_equal(disclosure_poster_encode(&b, &d), 0);
	assert_int_equal(disclosure_poster_decode(&a, b.data, b.len, &e, err, sizeof err), -1);
	buf_free(&b);
	d.kind = POSTER_BOARD;
	buf_init(&b, POSTER_WIRE_MAX);
	assert_int_equal(disclosure_poster_encode(&b, &d), 0);
	assert_int_equal(disclosure_poster_decode(&a, b.data, b.len, &e, err, sizeof err), -1);
	buf_free(&b);
	d.nrecipients = 0;
	buf_init(&b, POSTER_WIRE_MAX);
	assert_int_equal(disclosure_poster_encode(&b, &d), 0);
	assert_int_equal(disclosure_poster_decode(&a, b.data, b.len, &e, err, sizeof err), 0);
	assert_int_equal(e.nposts, 2);
	buf_free(&b);
	/* More posts than a poster holds are refused before anything is written. */
	d.nposts = POSTER_POSTS_MAX + 1;
	buf_init(&b, POSTER_WIRE_MAX);
	assert_int_equal(disclosure_poster_encode(&b, &d), -1);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(due_dates_for_every_frequency),
	    cmocka_unit_test(due_state_green_amber_red),
	    cmocka_unit_test(channels_and_columns_read_as_exact_names_and_show_in_words),
	    cmocka_unit_test(poster_prints_a_table_as_named_values),
	    cmocka_unit_test(every_bad_recipient_row_is_named_with_all_its_problems),
	    cmocka_unit_test(recipient_rows_are_parsed_and_refused_by_line),
	    cmocka_unit_test(recipient_lists_read_as_csv_with_every_bad_line_named),
	    cmocka_unit_test(public_record_holds_no_personal_data),
	    cmocka_unit_test(setting_record_names_roles_not_people),
	    cmocka_unit_test(poster_description_round_trips_with_masked_data_only),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
