/* Personal data (src/pii): masked projections, GB 11643 ID numbers, free
 * text scrubbed of numbers however they are written, sealing at rest, the
 * blind index and the key file; and the migration that seals what older
 * databases hold in clear (SQLite, and PostgreSQL under
 * tests/pg/with-postgres.sh). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "db/migrate.h"
#include "modules/disclosure/disclosure_internal.h"
#include "pii/pii.h"

static struct arena a;

static int setup(void **state)
{
	(void)state;
	arena_init(&a, 64 << 20);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&a);
	return 0;
}

static void names_are_masked_by_length(void **state)
{
	(void)state;
	assert_string_equal(pii_mask_name(&a, "王"), "*");
	assert_string_equal(pii_mask_name(&a, "李四"), "李*");
	assert_string_equal(pii_mask_name(&a, "张三丰"), "张*丰");
	assert_string_equal(pii_mask_name(&a, "欧阳中华"), "欧**华");
	assert_string_equal(pii_mask_name(&a, "Li"), "L*");
	assert_string_equal(pii_mask_name(&a, ""), "");
}

static void numbers_and_addresses_are_masked(void **state)
{
	(void)state;
	assert_string_equal(pii_mask_id(&a, "110101199003071234"), "110***********1234");
	assert_string_equal(pii_mask_id(&a, "11010119900307X"), "110********307X");
	assert_string_equal(pii_mask_id(&a, "110101900307123"), "110********7123");
	assert_string_equal(pii_mask_id(&a, "12345"), "*****");
	assert_string_equal(pii_mask_id(&a, ""), "");
	assert_string_equal(pii_mask_phone(&a, "13812341234"), "138****1234");
	assert_string_equal(pii_mask_phone(&a, "1234567"), "*******");
	assert_string_equal(pii_mask_phone(&a, ""), "");
	assert_string_equal(pii_mask_address(&a, "幸福里小区3号楼2单元501室"), "幸福里小区3号楼");
	assert_string_equal(pii_mask_address(&a, "和平路88号5栋302"), "和平路88号5栋");
	assert_string_equal(pii_mask_address(&a, "翠竹园一区"), "翠竹**");
	/* A unit, room or floor before any building mark is not kept. */
	assert_string_equal(pii_mask_address(&a, "幸福里5单元502室(靠近2号楼"), "幸福里**");
	assert_string_equal(pii_mask_address(&a, "和平路12号3楼301室"), "和平路12号**");
	assert_string_equal(pii_mask_address(&a, "和平路12号楼3层"), "和平路12号楼");
	assert_string_equal(pii_mask_address(&a, ""), "");
	/* A projection masked again stays as it is. */
	assert_string_equal(pii_mask_name(&a, "张*丰"), "张*丰");
	assert_string_equal(pii_mask_id(&a, "110***********1234"), "110***********1234");
	assert_string_equal(pii_mask_address(&a, "翠竹**"), "翠竹**");
	/* No building: up to the estate, the rest all stars. */
	assert_string_equal(pii_mask_address(&a, "张三家,幸福里小区平房区第十二户"), "张三家,幸福里小区**");
	assert_string_equal(pii_mask_address(&a, "幸福里小区平房区第十二户"), "幸福里小区**");
	assert_string_equal(pii_mask_address(&a, "幸福里小区**"), "幸福里小区**");
	assert_string_equal(pii_mask_address(&a, "阳光花园东区12号"), "阳光花园**");
}

static void rooms_emails_and_names_in_free_text_are_masked(void **state)
{
	(void)state;
	assert_string_equal(pii_mask_rooms(&a, "张伟家5号楼1单元302室漏水"), "张伟家5号楼*单元***室漏水");
	assert_string_equal(pii_mask_rooms(&a, "5号楼1单元302楼道灯坏了"), "5号楼*单元***楼道灯坏了");
	assert_string_equal(pii_mask_rooms(&a, "平房区第十二户,12号房,3楼301室"), "平房区第**户,**号房,3楼***室");
	assert_string_equal(pii_mask_rooms(&a, "两户人家共用一室,住户反映"), "两户人家共用一室,住户反映");
	assert_string_equal(pii_mask_rooms(&a, "５０２室"), "***室");
	assert_string_equal(pii_mask_rooms(&a, "5号楼*单元***室"), "5号楼*单元***室");
	assert_string_equal(pii_mask_email(&a, "联系 zw@example.com 或 a.b+c@mail.qq.com。"),
			    "联系 **@example.com 或 *****@mail.qq.com。");
	assert_string_equal(pii_mask_email(&a, "**@example.com"), "**@example.com");
	assert_string_equal(pii_mask_email(&a, "@某人 说 a@b"), "@某人 说 a@b");
	assert_string_equal(pii_mask_each(&a, "张伟家漏水,张伟说", "张伟", "张*"), "张*家漏水,张*说");
	assert_string_equal(pii_mask_each(&a, "无人", "张伟", "张*"), "无人");
}

static void id_numbers_are_checked(void **state)
{
	(void)state;
	assert_true(pii_id_valid("11010519491231002X"));
	assert_true(pii_id_valid("11010519491231002x"));
	assert_int_equal(pii_id_check_char("11010519491231002"), 'X');
	assert_int_equal(pii_id_check_char("1101051949123100A"), 0);
	/* Every wrong check character is refused, the right one accepted. */
	char id[19] = "440524188001010014";
	char right = pii_id_check_char(id);
	assert_int_not_equal(right, 0);
	for (const char *c = "0123456789Xx"; *c; c++) {
		id[17] = *c;
		assert_int_equal(pii_id_valid(id), (*c == 'x' ? 'X' : *c) == right);
	}
	assert_false(pii_id_valid("110105194912310021")); /* wrong check character */
	assert_true(pii_id_valid("110105491231002"));     /* old 15-digit form */
	assert_false(pii_id_valid("11010549123100A"));
	assert_false(pii_id_valid("1101051949123100"));
	assert_false(pii_id_valid("1101051949123100X2"));
	assert_false(pii_id_valid(""));
	assert_false(pii_id_valid(NULL));
}

/* Masks, then checks that nothing is left to mask: masking the output
 * changes nothing and finds no number in it. */
static const char *mask_checked(const char *in)
{
	char *out = pii_mask_text(&a, in);
	assert_non_null(out);
	assert_string_equal(pii_mask_text(&a, out), out);
	struct pii_span *s;
	size_t n = 99;
	assert_int_equal(pii_text_find(&a, out, strlen(out), &s, &n), 0);
	assert_int_equal(n, 0);
	return out;
}

static const struct {
	const char *in, *out;
} masked_cases[] = {
    {"我的电话13812341234,身份证110101199003071234", "我的电话***********,身份证******************"},
    {"电话 138 0013 8000 谢谢", "电话 *** **** **** 谢谢"},
    {"手机138-0013-8000。", "手机***-****-****。"},
    {"138.0013.8000", "***.****.****"},
    {"138 - 0013 - 8000", "*** - **** - ****"},
    {"138\u200B0013\u200B8000", "***\u200B****\u200B****"}, /* zero-width space */
    {"138\u202E0013\u202C8000", "***\u202E****\u202C****"}, /* bidi override */
    {"138\u00A00013\u30008000", "***\u00A0****\u3000****"}, /* no-break and ideographic space */
    {"１３８００１３８０００", "***********"},              /* full-width */
    {"١٣٨٠٠١٣٨٠٠٠", "***********"},                         /* Arabic-Indic */
    {"𝟏𝟑𝟖𝟎𝟎𝟏𝟑𝟖𝟎𝟎𝟎", "***********"},                         /* mathematical bold */
    {"①③⑧⓪⓪①③⑧⓪⓪⓪", "***********"},                         /* circled */
    {"1\u03013\u03018\u03010\u03010\u03011\u03013\u03018\u03010\u03010\u03010\u0301",
     "***********"}, /* accents */
    {"电话一三八零零一三八零零零", "电话***********"},
    {"壹叁捌零零壹叁捌零零零", "***********"},
    {"幺叁捌〇〇壹叁捌○兩陸", "***********"},
    {"幺三八 两零零 一三八零", "*** *** ****"},
    {"1３8 零０1-3八0\u200D00", "*** ***-***\u200D**"}, /* all of it mixed */
    {"身份证 110105 19491231 002X", "身份证 ****** ******** ****"},
    {"身份证110105194912310０2ｘ", "身份证******************"},
    {"(010) 6488-1201", "(***) ****-****"},
    {"+86 138 0013 8000", "+** *** **** ****"},
    {"卡号 6222 0212 3456 7890 123", "卡号 **** **** **** **** ***"},
    {"1380013 8000", "******* ****"},
    {"12345678901234X567", "******************"},
    {"1913-08-01 2013-08-01", "****-**-** ****-**-**"}, /* dates, but 13080120130 inside */
    {"1,380,013,800.0", "*,***,***,***.*"},             /* an amount, but 13800138000 */
    {"校验位错的 110105194912310021 也不留", "校验位错的 ****************** 也不留"},
};

static void numbers_are_masked_however_written(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof masked_cases / sizeof *masked_cases; i++) {
		const char *out = mask_checked(masked_cases[i].in);
		if (strcmp(out, masked_cases[i].out))
			fail_msg("case %zu: %s -> %s, wanted %s", i, masked_cases[i].in, out,
			         masked_cases[i].out);
	}
}

/* What a second attack found still readable, each now masked: CJK and
 * other punctuation between the groups, four or more separators, markup and
 * words between the groups of a mobile or an ID, digits in other numeric
 * forms (negative and double circled, Hangzhou numerals),
 * 洞 for zero. No digit of the number may survive. */
static void numbers_parted_by_anything_are_masked(void **state)
{
	(void)state;
	static const char *const cases[] = {
	    "138、0013、8000",
	    "138。0013。8000",
	    "138:0013:8000",
	    "110105、194912、31002X",
	    "138a0013a8000",
	    "138=0013=8000",
	    "138;0013;8000",
	    "138!0013!8000",
	    "138\"0013\"8000",
	    "138%0013%8000",
	    "138~0013~8000",
	    "138→0013→8000",
	    "138<b>0013</b>8000",
	    "138<!-- -->0013<br>8000",
	    "138加0013加8000",
	    "身份证110105出生1949年12月31日后四位002X",
	    "138    0013    8000",
	    "138\t\t\t\t0013\t\t\t\t8000",
	    "138\r\n\r\n0013\r\n\r\n8000",
	    "138----0013----8000",
	    "138\u3000\u3000\u3000\u30000013 8000",
	    "❶❸❽⓿⓿❶❸❽⓿⓿⓿",
	    "⓵⓷⓼⓪⓪⓵⓷⓼⓪⓪⓪",
	    "〡〣〨〇〇〡〣〨〇〇〇",
	    "幺三八洞洞幺三八洞洞洞",
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *out = mask_checked(cases[i]);
		/* Every digit (of any script) is gone: no mobile or ID can be read back. */
		struct pii_span *sp;
		size_t n;
		assert_int_equal(pii_text_find(&a, out, strlen(out), &sp, &n), 0);
		int left = 0;
		for (const char *p = out; *p; p++)
			left += *p >= '0' && *p <= '9';
		if (n || left > 3 || !strchr(out, '*'))
			fail_msg("case %zu: %s -> %s", i, cases[i], out);
	}
	/* Dates and times with words between them stay. */
	const char *kept[] = {"2026年11月28日 13:00 来访", "第1栋2单元1302室,家中3人", "14:30-16:00"};
	for (size_t i = 0; i < sizeof kept / sizeof *kept; i++)
		assert_string_equal(mask_checked(kept[i]), kept[i]);
}

static void dates_amounts_and_short_numbers_stay(void **state)
{
	(void)state;
	static const char *const kept[] = {
	    "第3季度共12户",
	    "2024-01-15 的名单有误",
	    "2024.1.5 入户",
	    "2024/01/15 14:30 来访",
	    "2024.1.1-2024.3.31 期间",
	    "补助 1,280,000.50 元",
	    "合计 123456.78 元",
	    "幸福里3号楼2单元501室",
	    "14:30:00",
	    "No. 12 34 5",
	    "138       0013", /* seven spaces apart: two numbers */
	    "一五一十,七七八八",
	    "ill-formed \xff\xfe 123 \xe4\xb8",
	    "",
	};
	for (size_t i = 0; i < sizeof kept / sizeof *kept; i++)
		assert_string_equal(mask_checked(kept[i]), kept[i]);
}

static void spans_say_what_and_where(void **state)
{
	(void)state;
	struct pii_span *s;
	size_t n;
	const char *t = "电话 138 0013 8000,身份证 110105 19491231 002X,座机 (010) 6488-1201;手机 +86 139 "
	                "1234 5678;卡 6222021234567890123";
	assert_int_equal(pii_text_find(&a, t, strlen(t), &s, &n), 0);
	assert_int_equal(n, 5);
	assert_int_equal(s[0].kind, PII_MOBILE);
	assert_int_equal(s[0].start, strlen("电话 "));
	assert_int_equal(s[0].end - s[0].start, strlen("138 0013 8000"));
	assert_int_equal(s[0].digits, 11);
	assert_int_equal(s[1].kind, PII_ID);
	assert_int_equal(s[1].digits, 18);
	assert_memory_equal(t + s[1].end - 4, "002X", 4);
	assert_int_equal(s[2].kind, PII_LANDLINE);
	assert_memory_equal(t + s[2].start, "010", 3); /* the bracket before is not part of it */
	assert_int_equal(s[3].kind, PII_MOBILE);
	assert_int_equal(s[4].kind, PII_NUMBER);
	const char *bad = "110105194912310021";
	assert_int_equal(pii_text_find(&a, bad, strlen(bad), &s, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(s[0].kind, PII_NUMBER); /* a wrong check character is no ID, but still masked */
}

/* The masker before separators and other scripts were read: runs of 7 or
 * more ASCII digits (and an X after 14) starred. Text written that way is
 * masked byte for byte as before, so public records stay the same. */
static char *old_mask(const char *text)
{
	char *out = arena_strdup(&a, text);
	for (char *p = out; *p;) {
		size_t run = 0;
		while ((p[run] >= '0' && p[run] <= '9') || ((p[run] == 'X' || p[run] == 'x') && run >= 14))
			run++;
		if (run >= 7) {
			memset(p, '*', run);
			p += run;
		} else {
			p += run ? run : 1;
		}
	}
	return out;
}

static void public_text_holding_a_personal_number_is_told(void **state)
{
	(void)state;
	static const char *const personal[] = {
	    "联系张三13912345678",      "联系王五:13912345678", "热线一13912345678", "联系王五:139-1234-5678",
	    "电话 138 0013 8000",       "身份证11010519491231002X", "请拨13800138000",
	};
	static const char *const fine[] = {
	    "每周六 9:00-11:30 开放", "2026年12月31日前完成", "捐款 20000 元", "办公电话 027-86651208",
	    "第三季度 12 次",          "",
	};
	for (size_t i = 0; i < sizeof personal / sizeof *personal; i++)
		if (!pii_text_holds_personal(&a, personal[i]))
			fail_msg("missed \"%s\"", personal[i]);
	for (size_t i = 0; i < sizeof fine / sizeof *fine; i++)
		if (pii_text_holds_personal(&a, fine[i]))
			fail_msg("refused \"%s\"", fine[i]);
}

static void plain_numbers_are_masked_as_before(void **state)
{
	(void)state;
	static const char *const texts[] = {
	    "我的电话13812341234,身份证110101199003071234",
	    "张三丰家有车,电话13812341234",
	    "第4户家里开了一家小超市,收入应该不低,请核实。",
	    "经入户复核,该户超市已于今年 3 月转让,现无经营收入,符合条件。",
	    "身份证11010519491231002x号",
	    "编号12345678901234X567后",
	    "共3户,每户1280元,电话010-",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		assert_string_equal(mask_checked(texts[i]), old_mask(texts[i]));
}

static void key_of(struct pii_key *k, unsigned char fill)
{
	unsigned char master[PII_KEY_BYTES];
	memset(master, fill, sizeof master);
	pii_key_derive(k, master);
}

static void sealed_values_open_only_unchanged_under_their_key(void **state)
{
	(void)state;
	struct pii_key k, other;
	key_of(&k, 1);
	key_of(&other, 2);
	const char *id = "11010519491231002X";
	size_t len, len2;
	unsigned char *c = pii_seal_text(&a, &k, id, &len);
	unsigned char *c2 = pii_seal_text(&a, &k, id, &len2);
	assert_non_null(c);
	assert_int_equal(len, strlen(id) + PII_SEAL_OVERHEAD);
	assert_int_equal(len2, len);
	assert_memory_not_equal(c, c2, len); /* a fresh nonce each time */
	assert_null(memmem(c, len, "1101", 4));
	assert_string_equal(pii_open_text(&a, &k, c, len), id);
	assert_string_equal(pii_open_text(&a, &k, c2, len2), id);
	assert_null(pii_open_text(&a, &other, c, len)); /* wrong key */
	assert_null(pii_open_text(&a, NULL, c, len));   /* no key */
	assert_null(pii_open_text(&a, &k, c, len - 1)); /* truncated */
	assert_null(pii_open_text(&a, &k, c, PII_SEAL_OVERHEAD - 1));
	/* A change to any byte (version, nonce, tag, text) is refused. */
	for (size_t i = 0; i < len; i++) {
		c[i] ^= 0x01;
		assert_null(pii_open_text(&a, &k, c, len));
		c[i] ^= 0x01;
	}
	assert_string_equal(pii_open_text(&a, &k, c, len), id);
	assert_null(pii_seal_text(&a, NULL, id, &len));
	/* The empty string seals and opens too. */
	c = pii_seal_text(&a, &k, "", &len);
	assert_string_equal(pii_open_text(&a, &k, c, len), "");
	/* Raw bytes with a NUL open with pii_open, not as text. */
	unsigned char raw[PII_SEAL_OVERHEAD + 3], back[3];
	pii_seal(&k, "a\0b", 3, raw);
	assert_int_equal(pii_open(&k, raw, sizeof raw, back), 0);
	assert_memory_equal(back, "a\0b", 3);
	assert_null(pii_open_text(&a, &k, raw, sizeof raw));
}

/* Nonces come from a buffer of random bytes: a forked child must not hand
 * out the bytes its parent hands out next, and no two seals share one. */
static void nonces_differ_across_seals_and_forks(void **state)
{
	(void)state;
	struct pii_key k;
	key_of(&k, 7);
	unsigned char c[4][1 + PII_SEAL_OVERHEAD];
	pii_seal(&k, "x", 1, c[0]); /* the parent's buffer is filled now */
	int fd[2];
	assert_int_equal(pipe(fd), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		pii_seal(&k, "x", 1, c[1]);
		_exit(write(fd[1], c[1], sizeof c[1]) == (ssize_t)sizeof c[1] ? 0 : 1);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(status, 0);
	assert_int_equal(read(fd[0], c[1], sizeof c[1]), (ssize_t)sizeof c[1]);
	close(fd[0]);
	close(fd[1]);
	pii_seal(&k, "x", 1, c[2]);
	pii_seal(&k, "x", 1, c[3]);
	for (int i = 0; i < 4; i++)
		for (int j = i + 1; j < 4; j++)
			assert_memory_not_equal(c[i] + 1, c[j] + 1, 24);
	unsigned char m[2];
	assert_int_equal(pii_open(&k, c[1], sizeof c[1], m), 0);
	assert_int_equal(m[0], 'x');
}

static void blind_index_is_stable_keyed_and_per_field(void **state)
{
	(void)state;
	struct pii_key k, other;
	key_of(&k, 1);
	key_of(&other, 2);
	unsigned char x[PII_INDEX_BYTES], y[PII_INDEX_BYTES], z[PII_INDEX_BYTES], w[PII_INDEX_BYTES],
	    v[PII_INDEX_BYTES];
	const char *id = "11010519491231002X";
	pii_blind_index(&k, "id_number", id, strlen(id), x);
	pii_blind_index(&k, "id_number", id, strlen(id), y);
	assert_memory_equal(x, y, sizeof x); /* the same value finds the same row */
	pii_blind_index(&other, "id_number", id, strlen(id), z);
	assert_memory_not_equal(x, z, sizeof x); /* another deployment cannot match it */
	pii_blind_index(&k, "phone", id, strlen(id), w);
	assert_memory_not_equal(x, w, sizeof x); /* nor another field */
	pii_blind_index(&k, "id_number", "11010519491231002x", 18, v);
	assert_memory_not_equal(x, v, sizeof x); /* exact: callers normalise */
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)id, strlen(id), NULL, 0);
	assert_memory_not_equal(x, h, sizeof x); /* not the plain hash */
	/* The key check tells keys apart and is not any subkey. */
	unsigned char c1[PII_CHECK_BYTES], c2[PII_CHECK_BYTES];
	pii_key_check(&k, c1);
	pii_key_check(&other, c2);
	assert_memory_not_equal(c1, c2, sizeof c1);
	assert_memory_not_equal(c1, k.box, sizeof c1);
	assert_memory_not_equal(k.box, k.index, sizeof k.box);
}

static void key_files_are_private_and_read_back(void **state)
{
	(void)state;
	char dir[] = "/tmp/shequ-pii-XXXXXX", path[128], err[256];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.db.key", dir);
	assert_int_equal(pii_key_file_create(path, err, sizeof err), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(pii_key_file_create(path, err, sizeof err), -1); /* never replaced */
	assert_non_null(strstr(err, "cannot create"));
	struct pii_key k, again;
	assert_int_equal(pii_key_file_read(path, &k, err, sizeof err), 0);
	assert_int_equal(pii_key_file_read(path, &again, err, sizeof err), 0);
	assert_memory_equal(&k, &again, sizeof k);
	/* The file is a comment and 64 hex digits, which derive the same key. */
	FILE *f = fopen(path, "r");
	char line[256], hex[256] = "";
	while (fgets(line, sizeof line, f))
		if (*line != '#')
			snprintf(hex, sizeof hex, "%s", line);
	fclose(f);
	assert_int_equal(strlen(hex), 65);
	unsigned char master[PII_KEY_BYTES];
	assert_int_equal(sodium_hex2bin(master, sizeof master, hex, 64, NULL, NULL, NULL), 0);
	struct pii_key derived;
	pii_key_derive(&derived, master);
	assert_memory_equal(&derived, &k, sizeof k);
	/* Readable by others: refused. */
	chmod(path, 0644);
	assert_int_equal(pii_key_file_read(path, &k, err, sizeof err), -1);
	assert_non_null(strstr(err, "chmod 600"));
	/* Missing, or not a key: refused with the reason. */
	snprintf(path, sizeof path, "%s/none.key", dir);
	assert_int_equal(pii_key_file_read(path, &k, err, sizeof err), -1);
	assert_non_null(strstr(err, "No such file"));
	f = fopen(path, "w");
	fputs("# comment\nnot-a-key\n", f);
	fclose(f);
	chmod(path, 0600);
	assert_int_equal(pii_key_file_read(path, &k, err, sizeof err), -1);
	assert_non_null(strstr(err, "does not hold a key"));
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* A database at the schema before 0007_pii, with personal data in clear
 * and the id counters 0005_id_counters keeps. */
static struct db *legacy_db(char *dir, char *url, size_t n)
{
	const char *pg = getenv("SHEQU_TEST_PG");
	assert_non_null(mkdtemp(dir));
	snprintf(url, n, "%s/t.db", dir);
	if (pg && *pg)
		snprintf(url, n, "%s", pg);
	struct db *db;
	char err[512];
	assert_int_equal(db_open(url, &db, err, sizeof err), 0);
	struct migration_set sets[8], old[8];
	static struct embedded_file files[8][64];
	size_t ns = app_migration_sets(sets, 8);
	for (size_t i = 0; i < ns; i++) {
		size_t k = 0;
		for (const struct embedded_file *f = sets[i].files; f->name && !strstr(f->name, "_pii.sql");
		     f++)
			files[i][k++] = *f;
		memset(&files[i][k], 0, sizeof files[i][k]);
		old[i] = (struct migration_set){sets[i].module, files[i], sets[i].after};
	}
	assert_true(migrate_apply(db, old, ns, NULL, err, sizeof err) > 0);
	assert_int_equal(
	    db_exec_script(db,
	                   "INSERT INTO org_unit (id, kind, slug, name, created_at) VALUES (1, 'community', "
	                   "'c', '社区', 0);"
	                   "INSERT INTO users (id, display_name, pw_hash, created_at, pw_changed_at) VALUES "
	                   "(1, 'x', 'x', 0, 0);"
	                   "INSERT INTO disclosure_item (community_id, id, code, category, title, frequency, "
	                   "personal_data,"
	                   " public_columns, created_at, updated_at) VALUES (1, 1, 'dibao', 'residents', "
	                   "'低保', 'monthly', 1,"
	                   " 'name,household_size,amount', 0, 0);"
	                   "INSERT INTO disclosure_post (community_id, id, item_id, title, body, status, "
	                   "author_id, created_at)"
	                   " VALUES (1, 1, 1, 't', 'b', 'draft', 1, 0);"
	                   "INSERT INTO disclosure_recipient (community_id, post_id, row_no, name, "
	                   "id_number, phone, address,"
	                   " household_size, amount_fen, note) VALUES (1, 1, 1, '张三丰', "
	                   "'11010519491231002X', '13812341234',"
	                   " '幸福里3号楼2单元501', 3, 128050, '电话 139 1234 5678'), (1, 1, 2, '李四', '', "
	                   "'', '', 1, 64000, '');"
	                   "INSERT INTO tlog_leaf (community_id, idx, data, hash, created_at) VALUES (1, 0,"
	                   " '{\"answer\":\"已核实\",\"question\":\"当时公开的问题\"}', 'h', 0);"
	                   "INSERT INTO disclosure_thread (community_id, id, kind, post_id, contact_phone, "
	                   "body, created_at, answer,"
	                   " answered_at, answer_leaf) VALUES (1, 1, 'objection', 1, '13700000000', '电话 "
	                   "138 0013 8000', 0,"
	                   " '已核实', 5, 0);"
	                   "INSERT INTO disclosure_thread (community_id, id, kind, post_id, contact_phone, "
	                   "body, created_at)"
	                   " VALUES (1, 2, 'objection', 1, '', '请核实 137 0000 0000', 0);"
	                   /* A published list whose record masked its note the old way. */
	                   "INSERT INTO disclosure_post (community_id, id, item_id, title, body, status, author_id,"
	                   " created_at, published_at, leaf_index, item_title, public_columns, personal_data)"
	                   " VALUES (1, 3, 1, 't', 'b', 'published', 1, 0, 0, 1, '低保', 'name,note', 1);"
	                   "INSERT INTO disclosure_recipient (community_id, post_id, row_no, name, household_size,"
	                   " amount_fen, note) VALUES (1, 3, 1, '王小明', 1, 100, '电话 139 1234 5678');"
	                   "INSERT INTO tlog_leaf (community_id, idx, data, hash, created_at) VALUES (1, 1,"
	                   " '{\"recipients\":[{\"name\":\"王*明\",\"note\":\"电话 139 1234 5678\"}]}', 'h', 0);"
	                   "INSERT INTO id_counter (scope, name, last) VALUES (1, 'disclosure_item', 1),"
	                   " (1, 'disclosure_post', 3), (1, 'disclosure_thread', 2);"),
	    0);
	return db;
}

static void older_databases_are_sealed_by_the_migration(void **state)
{
	(void)state;
	char dir[] = "/tmp/shequ-pii-db-XXXXXX", url[512], err[512];
	struct db *db = legacy_db(dir, url, sizeof url);
	struct migration_set sets[8];
	size_t ns = app_migration_sets(sets, 8);
	/* Without the key nothing is sealed, nothing changes. */
	assert_null(pii_key_current());
	assert_int_equal(migrate_apply(db, sets, ns, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "0007_pii.sql"));
	assert_non_null(strstr(err, "3 recipient rows and 2 objections hold personal data in clear"));
	struct db_stmt *st = db_prepare_adhoc(
	    db, "SELECT COUNT(*) FROM disclosure_recipient WHERE id_number = '11010519491231002X'");
	int64_t n = -1;
	assert_non_null(st);
	assert_int_equal(db_one_int(st, &n), 0);
	assert_int_equal(n, 1);
	db_finalize(st);
	/* With it: sealed, masked, and the clear columns gone. */
	struct pii_key k, other;
	key_of(&k, 7);
	key_of(&other, 8);
	pii_key_install(&k);
	/* 0007_pii and the module's later migrations, which waited behind it. */
	assert_true(migrate_apply(db, sets, ns, NULL, err, sizeof err) >= 1);
	assert_int_equal(migrate_check(db, sets, ns, err, sizeof err), 0);
	assert_null(db_prepare_adhoc(db, "SELECT id_number FROM disclosure_recipient"));
	assert_null(db_prepare_adhoc(db, "SELECT contact_phone FROM disclosure_thread"));
	struct disclosure_recipient *r;
	size_t nr;
	assert_int_equal(disclosure_recipients_public(db, &a, 1, 1, &r, &nr), 0);
	assert_int_equal(nr, 2);
	assert_null(r[0].full.name);
	assert_string_equal(r[0].masked.name, "张*丰");
	assert_string_equal(r[0].masked.id_number, "110***********002X");
	assert_string_equal(r[0].masked.phone, "138****1234");
	assert_string_equal(r[0].masked.address, "幸福里3号楼");
	assert_string_equal(r[0].masked.note, "电话 *** **** ****");
	assert_string_equal(r[1].masked.id_number, "");
	assert_int_equal(disclosure_recipients_full(db, &a, 1, 1, &r, &nr), 0);
	assert_string_equal(r[0].full.name, "张三丰");
	assert_string_equal(r[0].full.id_number, "11010519491231002X");
	assert_string_equal(r[0].full.phone, "13812341234");
	assert_string_equal(r[0].full.address, "幸福里3号楼2单元501");
	assert_string_equal(r[0].full.note, "电话 139 1234 5678");
	assert_string_equal(r[1].full.phone, "");
	assert_int_equal(r[1].amount_fen, 64000);
	/* A published list keeps what its public record holds; the full note still opens. */
	assert_int_equal(disclosure_recipients_full(db, &a, 1, 3, &r, &nr), 0);
	assert_int_equal(nr, 1);
	assert_string_equal(r[0].masked.name, "王*明");
	assert_string_equal(r[0].masked.note, "电话 139 1234 5678");
	assert_string_equal(r[0].full.note, "电话 139 1234 5678");
	assert_string_equal(r[0].full.name, "王小明");
	/* An answered thread keeps the question its public record holds; an open one is masked now. */
	struct disclosure_thread *t;
	size_t nt;
	assert_int_equal(disclosure_threads(db, &a, 1, 1, &t, &nt), 0);
	assert_int_equal(nt, 2);
	assert_string_equal(t[0].body_masked, "当时公开的问题");
	assert_string_equal(t[0].answer_masked, "已核实");
	assert_string_equal(t[0].contact_masked, "137****0000");
	assert_null(t[0].body);
	assert_string_equal(t[1].body_masked, "请核实 *** **** ****");
	assert_string_equal(t[1].answer_masked, "");
	assert_int_equal(disclosure_threads_full(db, &a, 1, 1, &t, &nt), 0);
	assert_string_equal(t[0].body, "电话 138 0013 8000");
	assert_string_equal(t[0].contact_phone, "13700000000");
	assert_string_equal(t[1].contact_phone, "");
	/* Under another key the fields do not open, and nothing is shown instead. */
	pii_key_install(&other);
	assert_int_equal(disclosure_recipients_full(db, &a, 1, 1, &r, &nr), -1);
	assert_int_equal(disclosure_threads_full(db, &a, 1, 1, &t, &nt), -1);
	assert_int_equal(disclosure_recipients_public(db, &a, 1, 1, &r, &nr),
	                 0); /* the public view needs no key */
	/* Writing needs the key too: without it nothing is written. */
	assert_int_equal(
	    db_exec_script(db, "INSERT INTO disclosure_post (community_id, id, item_id, title, body, status,"
	                       " author_id, created_at) VALUES (1, 2, 1, 't', 'b', 'draft', 1, 0)"),
	    0);
	struct disclosure_recipient row = {
	    .row = 1, .full = {"王五", "", "", "", ""}, .household_size = 1, .amount_fen = 1};
	struct disclosure_thread th = {.kind = THREAD_OBJECTION, .post_id = 2, .body = "有异议"};
	int64_t id;
	pii_key_install(NULL);
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(disclosure_recipients_put(db, &a, 1, 2, &row, 1), -1);
	assert_int_equal(disclosure_thread_add(db, &a, 1, &th, 0, &id), -1);
	db_rollback(db);
	assert_int_equal(disclosure_recipients_public(db, &a, 1, 2, &r, &nr), 0);
	assert_int_equal(nr, 0);
	pii_key_install(&k);
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(disclosure_recipients_put(db, &a, 1, 2, &row, 1), 0);
	assert_int_equal(disclosure_thread_add(db, &a, 1, &th, 0, &id), 0);
	assert_int_equal(id, 3);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(disclosure_recipients_full(db, &a, 1, 2, &r, &nr), 0);
	assert_int_equal(nr, 1);
	assert_string_equal(r[0].full.name, "王五");
	assert_string_equal(r[0].masked.name, "王*");
	pii_key_install(NULL);
	db_close(db);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(names_are_masked_by_length),
	    cmocka_unit_test(numbers_and_addresses_are_masked),
	    cmocka_unit_test(rooms_emails_and_names_in_free_text_are_masked),
	    cmocka_unit_test(id_numbers_are_checked),
	    cmocka_unit_test(numbers_are_masked_however_written),
	    cmocka_unit_test(dates_amounts_and_short_numbers_stay),
	    cmocka_unit_test(numbers_parted_by_anything_are_masked),
	    cmocka_unit_test(spans_say_what_and_where),
	    cmocka_unit_test(plain_numbers_are_masked_as_before),
	    cmocka_unit_test(sealed_values_open_only_unchanged_under_their_key),
	    cmocka_unit_test(nonces_differ_across_seals_and_forks),
	    cmocka_unit_test(blind_index_is_stable_keyed_and_per_field),
	    cmocka_unit_test(public_text_holding_a_personal_number_is_told),
	    cmocka_unit_test(key_files_are_private_and_read_back),
	    cmocka_unit_test(older_databases_are_sealed_by_the_migration),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
