/* 财务收支 and 党费: the community's accounts, kept in the open (DOMAIN.md
 * area 3). What other code may use. */
#ifndef SHEQU_MODULES_LEDGER_H
#define SHEQU_MODULES_LEDGER_H

#include "http/module.h"

extern const struct module ledger_module;

#endif
