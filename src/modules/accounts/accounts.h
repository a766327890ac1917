/* People and accounts on the web: residents' accounts opened by community
 * staff, the staff of the communities under a street or district, the
 * appointed supervisors (监督员) and the two committees' members (两委). */
#ifndef SHEQU_MODULES_ACCOUNTS_H
#define SHEQU_MODULES_ACCOUNTS_H
#include "http/module.h"

extern const struct module accounts_module;

#endif
