/* 场地与预约: rooms and equipment a community lends (活动室, 会议室, 多功能厅,
 * 健身器材, 台球桌, 乒乓球台, and rooms lent by resident units), their opening
 * hours (the service directory's engine, src/modules/services/services.h),
 * and bookings by residents, organizations and staff on their behalf (代订),
 * never two over one time. */
#ifndef SHEQU_MODULES_FACILITIES_H
#define SHEQU_MODULES_FACILITIES_H
#include "http/module.h"

extern const struct module facilities_module;

#endif
