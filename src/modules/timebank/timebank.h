/* 时间银行 (time bank) for elderly care (DOMAIN.md area 6, issue 15): people
 * who serve elderly residents deposit hours and draw them later, or donate
 * them. What the rest of shequ may use of it: the module table. Everything
 * else is private to this folder: timebank_internal.h and timebank_web.h. */
#ifndef SHEQU_MODULES_TIMEBANK_H
#define SHEQU_MODULES_TIMEBANK_H
#include "http/module.h"

extern const struct module timebank_module;

#endif
