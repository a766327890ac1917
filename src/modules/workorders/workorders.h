/* 来信来访与服务热线: work orders with legal deadlines, their three rates,
 * and Open311 GeoReport v2 (DOMAIN.md area 2). What the rest of shequ may
 * use of it: the module table, listed through the top meson.build's module
 * list. Everything else is private to this folder: workorders_internal.h. */
#ifndef SHEQU_MODULES_WORKORDERS_H
#define SHEQU_MODULES_WORKORDERS_H
#include "http/module.h"

extern const struct module workorders_module;

#endif
