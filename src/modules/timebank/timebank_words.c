/* The time bank's codes as stored and their Chinese labels, and the
 * service kinds. */
#include <string.h>

#include "modules/timebank/timebank_internal.h"

static const char *const state_names[] = {"open", "frozen", "closed"};
static const char *const state_labels[] = {"正常", "冻结", "已注销"};
static const char *const kind_names[] = {"deposit", "withdraw", "transfer_out", "transfer_in", "reversal"};
static const char *const kind_labels[] = {"存入", "支取", "转赠转出", "受赠转入", "冲正"};
static const char *const rstate_names[] = {"pending", "confirmed", "refused"};
static const char *const rstate_labels[] = {"待确认", "已确认存入", "未通过"};

const char *const tb_services[] = {"助餐", "助洁", "助浴", "助医", "助行", "陪聊", "代购", "理发", "其他"};
const size_t tb_nservices = sizeof tb_services / sizeof *tb_services;

/* The index of s in names[0..n), or -1. */
static int find(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

#define WORDS(prefix, names, labels, max)                                                                    \
	const char *prefix##_name(int v)                                                                     \
	{                                                                                                    \
		return v >= 0 && v < max ? names[v] : "";                                                    \
	}                                                                                                    \
	const char *prefix##_label(int v)                                                                    \
	{                                                                                                    \
		return v >= 0 && v < max ? labels[v] : "";                                                   \
	}                                                                                                    \
	int prefix##_from(const char *s)                                                                     \
	{                                                                                                    \
		return find(names, max, s);                                                                  \
	}

WORDS(tb_state, state_names, state_labels, TS__MAX)
WORDS(tb_kind, kind_names, kind_labels, TK__MAX)
WORDS(tb_rstate, rstate_names, rstate_labels, TR__MAX)

int tb_service_known(const char *s)
{
	return find(tb_services, (int)tb_nservices, s) >= 0;
}
