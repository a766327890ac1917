/* 志愿服务: a community's volunteers, service projects and their shifts,
 * hours and records. What other code may use: the module's table. */
#ifndef SHEQU_MODULES_VOLUNTEERS_H
#define SHEQU_MODULES_VOLUNTEERS_H
#include "http/module.h"

extern const struct module volunteers_module;

#endif
