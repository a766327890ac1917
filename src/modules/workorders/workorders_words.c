/* The work orders' vocabularies: the stored name (ASCII, in the database
 * and the API) and the Chinese label (pages) of each channel, type, state,
 * rating and action. */
#include <sodium.h>
#include <string.h>

#include "modules/workorders/workorders_internal.h"

struct word {
	const char *name, *label;
};

static const struct word channels[WO_CH__MAX] = {
    {"visit", "来访"}, {"letter", "来信"},         {"hotline", "服务热线"},   {"emergency", "应急热线"},
    {"web", "网上"},   {"dispatch", "12345 派单"}, {"mediation", "人民调解"},
};

static const struct word kinds[WO_K__MAX] = {
    {"petition", "信访"}, {"request", "求助/服务请求"}, {"complaint", "投诉"}, {"suggestion", "建议"},
    {"inquiry", "咨询"},  {"mediation", "调解"},        {"emergency", "紧急"},
};

static const struct word states[WO_S__MAX] = {
    {"received", "已登记"}, {"accepted", "已受理"},    {"rejected", "不予受理"},
    {"assigned", "已交办"}, {"in_progress", "办理中"}, {"replied", "已答复"},
    {"closed", "已办结"},   {"merged", "已合并"},      {"transferred", "已转办"},
};

static const struct word ratings[WO_R__MAX] = {
    {"satisfied", "满意"},
    {"basic", "基本满意"},
    {"unsatisfied", "不满意"},
};

static const struct word actions[WO_A__MAX] = {
    {"receive", "登记"},
    {"accept", "受理"},
    {"reject", "不予受理"},
    {"assign", "交办"},
    {"start", "开始办理"},
    {"reply", "答复"},
    {"close", "办结"},
    {"reopen", "重新办理"},
    {"rate", "评价"},
    {"transfer", "转办"},
    {"merge", "合并"},
    {"extend_ask", "申请延期"},
    {"extend_approve", "批准延期"},
    {"extend_refuse", "不批准延期"},
    {"note", "备注"},
    {"remind", "到期提醒"},
    {"mediation", "调解记录"},
};

static const char *name_of(const struct word *w, int n, int i)
{
	return i >= 0 && i < n ? w[i].name : NULL;
}

static const char *label_of(const struct word *w, int n, int i)
{
	return i >= 0 && i < n ? w[i].label : "";
}

static int from(const struct word *w, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(s, w[i].name))
			return i;
	return -1;
}

const char *wo_channel_name(enum wo_channel c)
{
	return name_of(channels, WO_CH__MAX, (int)c);
}

const char *wo_channel_label(enum wo_channel c)
{
	return label_of(channels, WO_CH__MAX, (int)c);
}

int wo_channel_from(const char *s)
{
	return from(channels, WO_CH__MAX, s);
}

const char *wo_kind_name(enum wo_kind k)
{
	return name_of(kinds, WO_K__MAX, (int)k);
}

const char *wo_kind_label(enum wo_kind k)
{
	return label_of(kinds, WO_K__MAX, (int)k);
}

int wo_kind_from(const char *s)
{
	return from(kinds, WO_K__MAX, s);
}

const char *wo_state_name(enum wo_state s)
{
	return name_of(states, WO_S__MAX, (int)s);
}

const char *wo_state_label(enum wo_state s)
{
	return label_of(states, WO_S__MAX, (int)s);
}

int wo_state_from(const char *s)
{
	return from(states, WO_S__MAX, s);
}

int wo_state_final(enum wo_state s)
{
	return s == WO_S_REJECTED || s == WO_S_CLOSED || s == WO_S_MERGED || s == WO_S_TRANSFERRED;
}

const char *wo_rating_name(enum wo_rating r)
{
	return name_of(ratings, WO_R__MAX, (int)r);
}

/* "" for WO_R_NONE (not rated). */
const char *wo_rating_label(enum wo_rating r)
{
	return label_of(ratings, WO_R__MAX, (int)r);
}

int wo_rating_from(const char *s)
{
	return from(ratings, WO_R__MAX, s);
}

const char *wo_action_name(enum wo_action a)
{
	return name_of(actions, WO_A__MAX, (int)a);
}

const char *wo_action_label(enum wo_action a)
{
	return label_of(actions, WO_A__MAX, (int)a);
}

int wo_action_from(const char *s)
{
	return from(actions, WO_A__MAX, s);
}

static const char code_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

void wo_code_new(char out[WO_CODE_LEN + 1])
{
	for (int i = 0; i < WO_CODE_LEN; i++)
		out[i] = code_alphabet[randombytes_uniform(sizeof code_alphabet - 1)];
	out[WO_CODE_LEN] = 0;
}

int wo_code_normalize(const char *s, char out[WO_CODE_LEN + 1])
{
	char c[WO_CODE_LEN + 1];
	int n = 0;
	for (; s && *s; s++) {
		char ch = *s;
		if (ch == ' ' || ch == '-')
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (n == WO_CODE_LEN || !strchr(code_alphabet, ch) || !ch)
			return -1;
		c[n++] = ch;
	}
	if (n != WO_CODE_LEN)
		return -1;
	c[n] = 0;
	memcpy(out, c, sizeof c);
	return 0;
}

const char *wo_code_grouped(struct arena *a, const char *code)
{
	if (!code || strlen(code) != WO_CODE_LEN)
		return code;
	return arena_printf(a, "%.5s-%.5s", code, code + 5);
}
