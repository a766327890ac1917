/* 共驻共建: the units located in a community, their co-building agreements
 * with it, what those commit them to and what was done (DOMAIN.md area 7).
 * What the rest of shequ may use of it: the module table. Everything else
 * is private to this folder: units_internal.h and units_web.h. */
#ifndef SHEQU_MODULES_UNITS_H
#define SHEQU_MODULES_UNITS_H
#include "http/module.h"

extern const struct module units_module;

#endif
