/* Opening hours: what staff type for a weekday, and whether a station is
 * open at a minute given the kinds of the days around it. Pure: no clock,
 * no database. services_calendar at the end is the one reader of the
 * holiday calendar (src/core/date.h): it fills the day kinds the rest is
 * handed. */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "modules/services/services.h"

#define DAY SERVICES_DAY_MINUTES

const char *services_weekday_label(int weekday)
{
	static const char *const names[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
	return weekday >= 1 && weekday <= 7 ? names[weekday - 1] : "";
}

/* ---- parsing what staff type ---- */

/* Separators between periods (and the white space around words). */
static const char *const seps[] = {" ", "\t", ",", ";", "/", "|", "、", "，", "；", "。", "　", "\n", "\r"};
/* What stands between an opening and a closing time. */
static const char *const dashes[] = {"-", "~", "–", "—", "―", "－", "～", "〜", "至", "到"};
/* Labels staff put before a period; they change nothing but the check
 * that an afternoon or evening time is written in 24-hour form. */
static const char *const am_labels[] = {"上午", "中午", "早上", "早晨", "白天"};
static const char *const pm_labels[] = {"下午", "晚上", "夜间", "傍晚"};
static const char *const closed_words[] = {"休息", "闭馆", "不开放", "关闭", "休", "无"};
static const char *const allday_words[] = {"24小时", "24 小时", "24h", "24H", "全天"};
static const char *const allday_tails[] = {"开放", "营业", "服务", "值守", "办公"};

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* Consumes one of words at *p: its length, or 0. */
static size_t take_any(const char **p, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(words[i]);
		if (!strncmp(*p, words[i], len)) {
			*p += len;
			return len;
		}
	}
	return 0;
}

static void skip_seps(const char **p)
{
	while (**p && take_any(p, seps, COUNT(seps)))
		;
}

/* Length of the piece at p worth quoting in a message: up to the next
 * separator, at most about ten characters, never cutting a character. */
static int piece_len(const char *p)
{
	size_t n = 0;
	while (p[n] && n < 30) {
		const char *q = p + n;
		if (take_any(&q, seps, COUNT(seps)))
			break;
		n++;
		while ((p[n] & 0xC0) == 0x80)
			n++;
	}
	return (int)n;
}

/* Length of the time-like run at p (digits, : . ： 点 时 半 分), for quoting. */
static int time_len(const char *p)
{
	static const char *const parts[] = {"：", "点", "时", "半", "分"};
	const char *q = p;
	while (*q && q - p < 24) {
		if ((*q >= '0' && *q <= '9') || *q == ':' || *q == '.')
			q++;
		else if (!take_any(&q, parts, COUNT(parts)))
			break;
	}
	return q > p ? (int)(q - p) : piece_len(p);
}

/* Reads a time of day: "8:30", "08:30", "8：30", "8点", "8点30", "8点半"
 * (an optional 分 after the minutes). *minute is 0..1440 (24:00 allowed
 * here, refused as an opening by the caller). 0, 1 if no time starts at
 * *p, -1 with a message if one starts but is not a time. */
static int read_time(const char **p, int *minute, char *err, size_t errlen)
{
	const char *s = *p;
	if (*s < '0' || *s > '9')
		return 1;
	int h = 0, digits = 0;
	while (*s >= '0' && *s <= '9' && digits < 3) {
		h = h * 10 + (*s++ - '0');
		digits++;
	}
	int m = 0;
	const char *sep = s;
	if (*s == ':' || *s == '.' || !strncmp(s, "：", 3) || !strncmp(s, "点", 3) || !strncmp(s, "时", 3)) {
		int word = *s != ':' && *s != '.' && strncmp(s, "：", 3);
		s += *s == ':' || *s == '.' ? 1 : 3;
		if (word && !strncmp(s, "半", 3)) {
			s += 3;
			m = 30;
		} else if (s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9') {
			m = (s[0] - '0') * 10 + (s[1] - '0');
			s += 2;
			if (word && !strncmp(s, "分", 3))
				s += 3;
		} else if (!word) {
			snprintf(err, errlen, "“%.*s”不是时间:分钟要写两位,如“08:30”", time_len(*p), *p);
			return -1;
		}
	}
	if (sep == s || digits > 2 || (s[0] >= '0' && s[0] <= '9')) {
		snprintf(err, errlen, "“%.*s”不是时间:请写成“08:30”这样的时和分", time_len(*p), *p);
		return -1;
	}
	if (h > 24 || m > 59 || (h == 24 && m)) {
		snprintf(err, errlen, "“%.*s”不是有效的时间:小时为 0–24,分钟为 00–59", time_len(*p), *p);
		return -1;
	}
	*minute = h * 60 + m;
	*p = s;
	return 0;
}

static void hhmm(char *out, size_t n, int minute)
{
	/* by hand: the facility and service pages write dozens a request */
	int h = minute / 60 % 100, m = minute % 60;
	if (n < 6) {
		if (n)
			*out = 0;
		return;
	}
	out[0] = (char)('0' + h / 10);
	out[1] = (char)('0' + h % 10);
	out[2] = ':';
	out[3] = (char)('0' + m / 10);
	out[4] = (char)('0' + m % 10);
	out[5] = 0;
}

static const char hint[] = "请写成“08:30-12:00, 14:00-17:30”,或填“24小时”“休息”";

/* A whole-day word (休息, 24小时), start..rest, must stand alone. */
static int alone(const char *rest, const char *start, char *err, size_t errlen)
{
	int n = (int)(rest - start);
	skip_seps(&rest);
	if (!*rest)
		return 0;
	snprintf(err, errlen, "“%.*s”须单独填写,不能和其他时间写在一起", n, start);
	return -1;
}

/* Reads one period "[label] HH:MM - [次日]HH:MM" at *p into *out. 0 or -1. */
static int read_period(const char **p, struct services_period *out, char *err, size_t errlen)
{
	const char *start = *p;
	int pm = 0;
	if (take_any(p, pm_labels, COUNT(pm_labels)))
		pm = 1;
	else
		take_any(p, am_labels, COUNT(am_labels));
	while (**p == ' ')
		(*p)++;
	int open, close;
	int rc = read_time(p, &open, err, errlen);
	if (rc > 0) {
		snprintf(err, errlen, "看不懂“%.*s”:%s", piece_len(start), start, hint);
		return -1;
	}
	if (rc < 0)
		return -1;
	while (**p == ' ')
		(*p)++;
	if (!take_any(p, dashes, COUNT(dashes))) {
		char t[8];
		hhmm(t, sizeof t, open);
		snprintf(err, errlen, "“%.*s”缺少结束时间:应写成“%s-17:30”这样的起止时间", (int)(*p - start), start, t);
		return -1;
	}
	while (**p == ' ')
		(*p)++;
	int next_day = 0;
	if (!strncmp(*p, "次日", 6) || !strncmp(*p, "翌日", 6)) {
		*p += 6;
		next_day = 1;
	}
	rc = read_time(p, &close, err, errlen);
	if (rc > 0) {
		snprintf(err, errlen, "“%.*s”缺少结束时间:%s", (int)(*p - start), start, hint);
		return -1;
	}
	if (rc < 0)
		return -1;
	int n = (int)(*p - start);
	if (open == DAY) {
		snprintf(err, errlen, "“%.*s”:开始时间不能是 24:00,请写成 00:00", n, start);
		return -1;
	}
	if (pm && open < 12 * 60) {
		char t[8];
		hhmm(t, sizeof t, open + 12 * 60);
		snprintf(err, errlen, "“%.*s”:下午和晚上的时间请用 24 小时制,如“%s”", n, start, t);
		return -1;
	}
	if (close == open && !next_day) {
		snprintf(err, errlen, "“%.*s”的开始和结束时间相同;全天开放请填“24小时”", n, start);
		return -1;
	}
	if (next_day) {
		if (close == DAY || close > open) {
			snprintf(err, errlen, "“%.*s”超过了 24 小时;全天开放请填“24小时”", n, start);
			return -1;
		}
		close += DAY;
	} else if (close == 0) {
		close = DAY; /* "…-00:00": until midnight, as 24:00 */
	} else if (close < open) {
		/* Past midnight without 次日 only when it reads so (22:00-02:00,
		 * an evening to a morning); 23:59-23:58 or 08:00-02:00 is more
		 * likely a slip than an 18-hour day, and is refused. */
		if (open < 12 * 60 || close > 12 * 60) {
			snprintf(err, errlen, "“%.*s”:结束时间早于开始时间;如果跨夜营业,请写成 22:00-次日02:00", n,
				 start);
			return -1;
		}
		close += DAY;
	}
	out->open = open;
	out->close = close;
	return 0;
}

static int period_cmp(const struct services_period *a, const struct services_period *b)
{
	return a->open - b->open;
}

/* Appends s to out (n bytes, *len used), cut to fit, NUL-terminated. */
static void put(char *out, size_t n, size_t *len, const char *s)
{
	size_t k = strlen(s);
	if (*len + k >= n)
		k = *len + 1 < n ? n - 1 - *len : 0;
	memcpy(out + *len, s, k);
	*len += k;
	out[*len] = 0;
}

static void period_text(char *out, size_t n, const struct services_period *p)
{
	char a[8], b[8];
	hhmm(a, sizeof a, p->open);
	hhmm(b, sizeof b, p->close > DAY ? p->close - DAY : p->close);
	size_t len = 0;
	if (!n)
		return;
	out[0] = 0;
	put(out, n, &len, a);
	put(out, n, &len, "–");
	if (p->close > DAY)
		put(out, n, &len, "次日");
	put(out, n, &len, b);
}

int services_day_parse(const char *text, struct services_day *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	const char *p = text ? text : "";
	skip_seps(&p);
	const char *start = p;
	if (!*p || take_any(&p, closed_words, COUNT(closed_words)))
		return alone(p, start, err, errlen);
	if (take_any(&p, allday_words, COUNT(allday_words))) {
		take_any(&p, allday_tails, COUNT(allday_tails));
		out->n = 1;
		out->p[0] = (struct services_period){0, DAY};
		return alone(p, start, err, errlen);
	}
	while (*p) {
		struct services_period per;
		if (out->n == SERVICES_MAX_PERIODS) {
			snprintf(err, errlen, "每天最多填写 %d 段时间", SERVICES_MAX_PERIODS);
			return -1;
		}
		if (read_period(&p, &per, err, errlen) < 0)
			return -1;
		/* Insertion keeps the periods in order of opening. */
		int i = out->n++;
		while (i > 0 && period_cmp(&out->p[i - 1], &per) > 0) {
			out->p[i] = out->p[i - 1];
			i--;
		}
		out->p[i] = per;
		skip_seps(&p);
	}
	for (int i = 0; i + 1 < out->n; i++) {
		if (out->p[i].close > out->p[i + 1].open) {
			char a[40], b[40];
			period_text(a, sizeof a, &out->p[i]);
			period_text(b, sizeof b, &out->p[i + 1]);
			snprintf(err, errlen, "“%s”和“%s”时间重叠", a, b);
			return -1;
		}
	}
	return 0;
}

char *services_day_format(const struct services_day *d, char *out, size_t n)
{
	if (!n)
		return out;
	out[0] = 0;
	if (d->n == 0) {
		snprintf(out, n, "休息");
		return out;
	}
	if (d->n == 1 && d->p[0].open == 0 && d->p[0].close == DAY) {
		snprintf(out, n, "24小时");
		return out;
	}
	size_t len = 0;
	for (int i = 0; i < d->n; i++) {
		char one[40];
		period_text(one, sizeof one, &d->p[i]);
		if (i)
			put(out, n, &len, ", ");
		put(out, n, &len, one);
	}
	return out;
}

int services_schedule_empty(const struct services_schedule *s)
{
	for (int i = 0; i < 7; i++)
		if (s->week[i].n)
			return 0;
	return 1;
}

/* ---- the status engine ---- */

const struct services_day *services_day_effective(const struct services_schedule *s,
						  const struct services_day_info *d)
{
	static const struct services_day closed = {0};
	if (d->kind == SERVICES_HOLIDAY && !s->holidays_open)
		return &closed;
	int wd = d->weekday;
	if (d->kind == SERVICES_MAKEUP_WORKDAY && s->makeup_weekday >= 1 && s->makeup_weekday <= 7)
		wd = s->makeup_weekday;
	return wd >= 1 && wd <= 7 ? &s->week[wd - 1] : &closed;
}

/* Open spans in minutes from today's 00:00. */
struct span {
	int from, to;
};

int services_status(const struct services_schedule *s, const struct services_day_info *days, int ndays, int minute,
		    struct services_status *out)
{
	memset(out, 0, sizeof *out);
	out->next = -1;
	if (ndays < 2 || ndays > SERVICES_HORIZON || minute < 0 || minute >= DAY)
		return -1;
	if (services_schedule_empty(s)) {
		out->state = SERVICES_NO_HOURS;
		return 0;
	}
	/* Every period of every day as one span from today's midnight; days
	 * follow each other and periods within a day are in order, so the
	 * spans are in order of start. Touching or overlapping spans merge: a
	 * station open 24 hours every day is one span. */
	struct span sp[SERVICES_HORIZON * SERVICES_MAX_PERIODS];
	int nsp = 0;
	for (int k = 0; k < ndays; k++) {
		const struct services_day *d = services_day_effective(s, &days[k]);
		int base = (k - 1) * DAY;
		for (int i = 0; i < d->n && i < SERVICES_MAX_PERIODS; i++) {
			struct span x = {base + d->p[i].open, base + d->p[i].close};
			if (nsp && x.from <= sp[nsp - 1].to) {
				if (x.to > sp[nsp - 1].to)
					sp[nsp - 1].to = x.to;
			} else {
				sp[nsp++] = x;
			}
		}
	}
	/* Past the last day given, nothing is known: a span reaching it has no known end. */
	int horizon = (ndays - 1) * DAY;
	for (int i = 0; i < nsp; i++) {
		if (sp[i].from <= minute && minute < sp[i].to) {
			out->state = SERVICES_OPEN;
			out->next = sp[i].to >= horizon ? -1 : sp[i].to;
			out->round_the_clock = sp[i].from <= -DAY && sp[i].to >= horizon;
			return 0;
		}
		if (sp[i].from > minute && sp[i].from < horizon && out->next < 0)
			out->next = sp[i].from;
	}
	const struct services_day_info *today = &days[1];
	if (today->kind == SERVICES_HOLIDAY && !s->holidays_open) {
		out->state = SERVICES_CLOSED_HOLIDAY;
		out->holiday = today->holiday;
		return 0;
	}
	/* Closed: what today's own periods say about the moment. */
	const struct services_day *d = services_day_effective(s, today);
	int ended = -1, later = 0;
	for (int i = 0; i < d->n; i++) {
		if (d->p[i].close <= minute && d->p[i].close > ended)
			ended = d->p[i].close;
		if (d->p[i].open > minute)
			later = 1;
	}
	if (!d->n)
		out->state = SERVICES_DAY_OFF;
	else if (ended < 0)
		out->state = SERVICES_NOT_YET;
	else if (!later)
		out->state = SERVICES_AFTER;
	else
		out->state = ended >= 11 * 60 && ended < 15 * 60 ? SERVICES_LUNCH : SERVICES_BREAK;
	return 0;
}

const char *services_state_label(enum services_state s)
{
	static const char *const labels[SERVICES_STATE__MAX] = {
	    [SERVICES_OPEN] = "正在办公",    [SERVICES_LUNCH] = "午休中",	    [SERVICES_BREAK] = "暂停办公",
	    [SERVICES_NOT_YET] = "尚未开门", [SERVICES_AFTER] = "已下班",	    [SERVICES_DAY_OFF] = "今天休息",
	    [SERVICES_CLOSED_HOLIDAY] = "节假日休息", [SERVICES_NO_HOURS] = "暂无办公时间",
	};
	return (unsigned)s < SERVICES_STATE__MAX ? labels[s] : "";
}

/* "今天 17:30", "明天 08:30", "10月8日 08:30" for a minute counted from
 * today's 00:00; a closing at midnight reads as the day before's 24:00. */
static void when(char *out, size_t n, int at, const struct services_day_info *days, int ndays, int closing,
		 int say_today)
{
	int k = at / DAY, m = at % DAY;
	if (closing && m == 0 && k >= 1) {
		k--;
		m = DAY;
	}
	char t[8];
	hhmm(t, sizeof t, m);
	if (k == 0)
		snprintf(out, n, "%s%s", say_today ? "今天 " : "", t);
	else if (k == 1)
		snprintf(out, n, "明天 %s", t);
	else if (k + 1 < ndays)
		snprintf(out, n, "%d月%d日 %s", days[k + 1].month, days[k + 1].mday, t);
	else
		snprintf(out, n, "%s", t);
}

char *services_status_text(const struct services_status *st, const struct services_day_info *days, int ndays,
			   char *out, size_t n)
{
	const char *label = services_state_label(st->state);
	char w[48];
	if (st->state == SERVICES_NO_HOURS) {
		snprintf(out, n, "%s", label);
		return out;
	}
	if (st->state == SERVICES_OPEN) {
		if (st->next < 0) {
			snprintf(out, n, "%s", st->round_the_clock ? "24 小时开放" : label);
			return out;
		}
		when(w, sizeof w, st->next, days, ndays, 1, 1);
		snprintf(out, n, "%s · %s 下班", label, w);
		return out;
	}
	char head[96];
	if (st->state == SERVICES_CLOSED_HOLIDAY && st->holiday && *st->holiday)
		snprintf(head, sizeof head, "%s(%s)·", label, st->holiday);
	else
		snprintf(head, sizeof head, "%s ·", label);
	if (st->next < 0) {
		snprintf(out, n, "%s 近期不开放", head);
		return out;
	}
	when(w, sizeof w, st->next, days, ndays, 0, st->state != SERVICES_LUNCH && st->state != SERVICES_BREAK);
	/* The holiday form reads "节假日休息(国庆节)· 10月8日 08:30 开门". */
	snprintf(out, n, "%s %s 开门", head, w);
	return out;
}

/* ---- the calendar the engine is fed from ---- */

void services_calendar(int64_t now, struct services_day_info *days, int ndays, int *minute)
{
	static const enum services_day_kind kinds[] = {
	    [DATE_WORKDAY] = SERVICES_WORKDAY, [DATE_WEEKEND] = SERVICES_WEEKEND,
	    [DATE_HOLIDAY] = SERVICES_HOLIDAY, [DATE_MAKEUP_WORKDAY] = SERVICES_MAKEUP_WORKDAY};
	struct ymd today = date_from_time(now);
	*minute = date_minute_of_day(now);
	for (int k = 0; k < ndays && k < SERVICES_HORIZON; k++) {
		struct ymd d = date_add_days(today, k - 1);
		enum date_kind kind = date_kind(d);
		days[k] = (struct services_day_info){date_weekday(d), kinds[kind],
						     kind == DATE_HOLIDAY ? date_holiday_name(d) : NULL, d.m, d.d};
	}
}
