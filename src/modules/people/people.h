/* 人员: the community's registry of buildings, households and residents
 * (DOMAIN.md area 12). What other code may use. */
#ifndef SHEQU_MODULES_PEOPLE_H
#define SHEQU_MODULES_PEOPLE_H

#include "http/module.h"

extern const struct module people_module;

#endif
