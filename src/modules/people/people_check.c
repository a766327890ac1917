/* One check of a resident's fields, for the desk's form and every row of
 * an import: normalises what people type and names each problem in
 * Chinese. Pure: no database, the clock only through `now`. */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/str.h"
#include "modules/people/people_internal.h"

#define NAME_MAX_CHARS 40
#define PLACE_MAX_CHARS 40
#define NOTE_MAX_CHARS 500
#define TAG_MAX_CHARS 20
#define TAGS_MAX 20

struct check {
	struct arena *a;
	struct people_problem *p;
	int n;
};

static void problem(struct check *c, const char *field, const char *message)
{
	if (c->n < PEOPLE_MAX_PROBLEMS)
		c->p[c->n] = (struct people_problem){field, message};
	c->n++;
}

/* s normalised (str_normalize), "" for NULL or text that is not UTF-8
 * (reported), NULL when the arena fails. */
static const char *clean(struct check *c, const char *field, const char *s)
{
	if (!s || !*s)
		return "";
	size_t n = strlen(s);
	if (!utf8_valid(s, n)) {
		problem(c, field, "含有无法识别的字符");
		return "";
	}
	return str_normalize(c->a, s, n);
}

static size_t chars(const char *s)
{
	return utf8_len(s, strlen(s));
}

static int has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 1;
	return 0;
}

/* 1 if s holds a character that shows nothing or turns text around: the
 * zero-width space and joiners, the word joiner, the byte-order mark, the
 * soft hyphen, or a bidirectional control (a name that reads otherwise
 * than it sorts and matches). */
static int has_invisible(const char *s)
{
	static const char *const bad[] = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (strstr(s, bad[i]))
			return 1;
	return str_has_bidi_control(s);
}

/* A place typed as a bare number ("5", "12") named as people name it
 * ("5号楼", "2单元"), so that it meets the building the registry has. */
static const char *place_name(struct arena *a, const char *v, const char *suffix)
{
	if (!*v || strspn(v, "0123456789") != strlen(v) || strlen(v) > 6)
		return v;
	return arena_printf(a, "%s%s", v, suffix);
}

/* Whether Excel or WPS turned a long number into a float: "1.10101E+17",
 * "1.1010119900307E+17", "110101199003071000" cannot be told from a real
 * one, but the forms with an exponent can. */
static int looks_like_float(const char *s)
{
	return strchr(s, 'E') || strchr(s, 'e') || strchr(s, '.');
}

/* Copies s without white space (ASCII and U+3000) into out (cap bytes),
 * lower-case x as X. 0, or -1 when it does not fit. */
static int squeeze(const char *s, char *out, size_t cap)
{
	size_t k = 0;
	for (const char *p = s; *p;) {
		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		if (!strncmp(p, "\xe3\x80\x80", 3)) {
			p += 3;
			continue;
		}
		if (k + 1 >= cap)
			return -1;
		out[k++] = *p == 'x' ? 'X' : *p;
		p++;
	}
	out[k] = 0;
	return 0;
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* The date of birth in an ID number (18: YYYYMMDD at 6; 15: YYMMDD at 6,
 * born 19YY): 0 with *d, -1 when it is no real date. */
static int id_birth(const char *id, struct ymd *d)
{
	size_t n = strlen(id);
	if (n == 18)
		*d = (struct ymd){num(id + 6, 4), num(id + 10, 2), num(id + 12, 2)};
	else
		*d = (struct ymd){1900 + num(id + 6, 2), num(id + 8, 2), num(id + 10, 2)};
	if (d->m < 1 || d->m > 12 || d->d < 1 || d->d > date_days_in_month(d->y, d->m))
		return -1;
	return 0;
}

void people_id_18(const char *id, char out[19])
{
	if (strlen(id) != 15) {
		snprintf(out, 19, "%s", id);
		return;
	}
	memcpy(out, id, 6);
	memcpy(out + 6, "19", 2);
	memcpy(out + 8, id + 6, 9);
	out[17] = 0;
	out[17] = pii_id_check_char(out);
	out[18] = 0;
}

static void check_id(struct check *c, const char *typed, struct people_record *r, struct ymd today)
{
	char id[24];
	if (squeeze(typed, id, sizeof id) < 0) {
		problem(c, "id_number", "身份证号太长:应为 18 位(旧式为 15 位)");
		return;
	}
	size_t n = strlen(id);
	if (looks_like_float(id)) {
		problem(c, "id_number", "身份证号被表格存成了数字,末几位已经丢失;请把这一列设为“文本”后重新填写");
		return;
	}
	if (n == 18 && all_digits(id, 17) && ((id[17] >= '0' && id[17] <= '9') || id[17] == 'X')) {
		char want = pii_id_check_char(id);
		if (want != id[17]) {
			problem(c, "id_number",
			        arena_printf(c->a, "身份证号校验位不对:按前 17 位,最后一位应为 %c,请核对是否有数字填错", want));
			return;
		}
	} else if (n == 15 && all_digits(id, 15)) {
		/* the old form: no check character */
	} else {
		problem(c, "id_number",
		        n == 18 || n == 15 ? "身份证号只能是数字(18 位的最后一位可以是 X)" : "身份证号应为 18 位(旧式为 15 位)");
		return;
	}
	struct ymd b;
	if (id_birth(id, &b) < 0 || b.y < 1900) {
		problem(c, "id_number", "身份证号中的出生日期不是有效日期,请核对");
		return;
	}
	if (date_cmp(b, today) > 0) {
		problem(c, "id_number", "身份证号中的出生日期晚于今天,请核对");
		return;
	}
	memcpy(r->id_number, id, n + 1);
	date_format(b, r->birth);
	r->birth_year = b.y;
	int sex = n == 18 ? id[16] - '0' : id[14] - '0';
	r->gender = sex % 2 ? "m" : "f";
}

int people_check(struct arena *a, const struct people_input *in, int64_t now, struct people_record *out,
                 struct people_problem problems[PEOPLE_MAX_PROBLEMS])
{
	struct check c = {a, problems, 0};
	memset(out, 0, sizeof *out);
	out->gender = "";
	struct ymd today = date_from_time(now);

	const char *name = clean(&c, "name", in->name);
	if (!name)
		return -1;
	if (!*name)
		problem(&c, "name", "请填写姓名");
	else if (chars(name) > NAME_MAX_CHARS)
		problem(&c, "name", "姓名太长:最多 40 个字");
	else if (has_control(name) || strpbrk(name, "0123456789<>\"&"))
		problem(&c, "name", "姓名不能含有数字或符号 < > \" &");
	else if (has_invisible(name))
		problem(&c, "name", "姓名中有看不见的字符(零宽字符或文字方向控制符),请删去后重新输入");
	out->name = name;

	const char *id = clean(&c, "id_number", in->id_number);
	if (id && *id)
		check_id(&c, id, out, today);

	const char *g = clean(&c, "gender", in->gender);
	if (g && *g) {
		const char *want = NULL;
		if (!strcmp(g, "男") || !strcmp(g, "男性") || !strcmp(g, "m") || !strcmp(g, "M"))
			want = "m";
		else if (!strcmp(g, "女") || !strcmp(g, "女性") || !strcmp(g, "f") || !strcmp(g, "F"))
			want = "f";
		if (!want)
			problem(&c, "gender", "性别请填 男 或 女");
		else if (*out->gender && strcmp(want, out->gender))
			problem(&c, "gender",
			        !strcmp(out->gender, "m") ? "性别与身份证号不符:身份证号是男性的" : "性别与身份证号不符:身份证号是女性的");
		else
			out->gender = want;
	}

	const char *birth = clean(&c, "birth", in->birth);
	if (birth && *birth) {
		struct ymd b;
		char text[11];
		if (looks_like_float(birth) && !strchr(birth, '.'))
			problem(&c, "birth", "出生日期请写成 1956-03-08 这样的日期");
		else if (date_parse_typed(birth, &b) < 0)
			problem(&c, "birth", "出生日期不是有效日期:请写成 1956-03-08 这样");
		else if (date_cmp(b, today) > 0)
			problem(&c, "birth", "出生日期晚于今天,请核对");
		else if (date_format(b, text), *out->birth && strcmp(text, out->birth))
			problem(&c, "birth", arena_printf(a, "出生日期与身份证号不符:身份证号中是 %s", out->birth));
		else {
			memcpy(out->birth, text, sizeof text);
			out->birth_year = b.y;
		}
	}

	const char *phone = clean(&c, "phone", in->phone);
	if (phone && *phone) {
		if (looks_like_float(phone) && (strchr(phone, 'E') || strchr(phone, 'e')))
			problem(&c, "phone", "手机号码被表格存成了数字,末几位已经丢失;请把这一列设为“文本”后重新填写");
		else if (str_mobile_normalize(phone, out->phone) < 0)
			problem(&c, "phone", "手机号码应为 11 位数字,以 1 开头");
	}

	static const struct {
		const char *field;
		size_t off;
		size_t max;
		const char *label;
	} places[] = {
	    {"building", offsetof(struct people_input, building), PLACE_MAX_CHARS, "楼栋"},
	    {"unit", offsetof(struct people_input, unit), 20, "单元"},
	    {"room", offsetof(struct people_input, room), 20, "房号"},
	    {"household", offsetof(struct people_input, household), 20, "户号"},
	    {"relation", offsetof(struct people_input, relation), 20, "与户主关系"},
	    {"grid", offsetof(struct people_input, grid), PLACE_MAX_CHARS, "网格"},
	    {"note", offsetof(struct people_input, note), NOTE_MAX_CHARS, "备注"},
	};
	const char *place[7];
	for (size_t i = 0; i < 7; i++) {
		const char *v = clean(&c, places[i].field, *(const char *const *)((const char *)in + places[i].off));
		if (!v)
			return -1;
		if (chars(v) > places[i].max) {
			problem(&c, places[i].field, arena_printf(a, "%s太长:最多 %zu 个字", places[i].label, places[i].max));
			v = "";
		} else if (i < 6 && has_control(v)) {
			problem(&c, places[i].field, arena_printf(a, "%s不能含有换行或控制字符", places[i].label));
			v = "";
		}
		place[i] = v;
	}
	out->building = place_name(a, place[0], "号楼");
	out->unit = place_name(a, place[1], "单元");
	out->room = place[2];
	out->household = place[3];
	out->relation = place[4];
	out->grid = place[5];
	out->note = place[6];
	if (!*out->building && (*out->unit || *out->room))
		problem(&c, "building", "填了单元或房号时,请同时填写楼栋");
	if (*out->building && !*out->room && (*out->household || *out->relation))
		problem(&c, "room", "填了户号或与户主关系时,请同时填写房号");

	const char *tags = clean(&c, "tags", in->tags);
	if (!tags)
		return -1;
	if (*tags) {
		const char **list = arena_alloc(a, TAGS_MAX * sizeof *list);
		if (!list)
			return -1;
		int n = 0;
		const char *p = tags;
		while (*p) {
			/* separators: 、 , ， ; ； / and white space */
			size_t skip = 0;
			if (*p == ',' || *p == ';' || *p == '/' || *p == ' ' || *p == '\n')
				skip = 1;
			else if (!strncmp(p, "、", 3) || !strncmp(p, "，", 3) || !strncmp(p, "；", 3))
				skip = 3;
			if (skip) {
				p += skip;
				continue;
			}
			const char *start = p;
			while (*p && !(*p == ',' || *p == ';' || *p == '/' || *p == ' ' || *p == '\n' ||
			               !strncmp(p, "、", 3) || !strncmp(p, "，", 3) || !strncmp(p, "；", 3)))
				p++;
			char *t = arena_strndup(a, start, (size_t)(p - start));
			if (!t)
				return -1;
			if (chars(t) > TAG_MAX_CHARS || has_control(t)) {
				problem(&c, "tags", "人员类别中每一项最多 20 个字");
				break;
			}
			int dup = 0;
			for (int i = 0; i < n; i++)
				dup |= !strcmp(list[i], t);
			if (dup)
				continue;
			if (n == TAGS_MAX) {
				problem(&c, "tags", "人员类别最多 20 项");
				break;
			}
			list[n++] = t;
		}
		out->tags = list;
		out->ntags = n;
	}
	return c.n < PEOPLE_MAX_PROBLEMS ? c.n : PEOPLE_MAX_PROBLEMS;
}

int people_blind_index(const char *field, const char *value, unsigned char out[PII_INDEX_BYTES])
{
	const struct pii_key *k = pii_key_current();
	if (!k)
		return -1;
	char id18[19];
	if (!strcmp(field, "people.id")) {
		people_id_18(value, id18);
		value = id18;
	}
	pii_blind_index(k, field, value, strlen(value), out);
	return 0;
}
