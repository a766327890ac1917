/* 活动与报名: a community's activities and the residents' sign-ups. What
 * other code may use: the module's table. */
#ifndef SHEQU_MODULES_ACTIVITIES_H
#define SHEQU_MODULES_ACTIVITIES_H
#include "http/module.h"

extern const struct module activities_module;

#endif
