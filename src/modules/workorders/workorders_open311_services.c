/* The Open311 catalogue: which of our types are offered as services, with
 * the attributes a client fills in for each (GET services, GET services/{code},
 * and the checks of POST requests). */
#include <string.h>

#include "modules/workorders/workorders_open311.h"

static const struct o311_value urgency_values[] = {
    {"normal", "一般"},
    {"urgent", "较急"},
    {"very_urgent", "很急"},
    {NULL, NULL},
};

static const struct o311_value facility_values[] = {
    {"elevator", "电梯"}, {"water", "供水"},    {"power", "供电"},   {"gas", "燃气"},   {"heating", "供暖"},
    {"road", "道路"},     {"greenery", "绿化"}, {"parking", "停车"}, {"other", "其他"}, {NULL, NULL},
};

static const struct o311_attr a_building = {
    "building", O311_STRING, "楼栋:事情发生在哪栋楼、哪个单元(如 3号楼2单元)", "一行文字,不超过 60 字", NULL,
    0,          60};
static const struct o311_attr a_households = {
    "households", O311_NUMBER, "涉及户数:这件事影响到多少户居民", "0 到 100000 的整数", NULL, 0, 100000};
static const struct o311_attr a_occurred = {"occurred_at",
                                            O311_DATETIME,
                                            "发生时间:事情是什么时候发生或发现的",
                                            "日期时间,如 2026-11-28T09:30:00+08:00",
                                            NULL,
                                            0,
                                            0};
static const struct o311_attr a_details = {
    "details", O311_TEXT, "详细情况:补充说明,可以分行", "多行文字,不超过 2000 字", NULL, 0, 2000};
static const struct o311_attr a_urgency = {"urgency",      O311_SINGLE, "紧急程度", "从列表中选一项",
                                           urgency_values, 0,           0};
static const struct o311_attr a_facilities = {
    "facilities", O311_MULTI, "涉及设施:可以选多项", "从列表中选一项或多项", facility_values, 0, 0};

static const struct o311_attr *const full_attrs[] = {&a_building, &a_households, &a_occurred, &a_details,
                                                     &a_urgency,  &a_facilities, NULL};
static const unsigned char request_required[] = {1, 0, 0, 0, 1, 0};
static const unsigned char complaint_required[] = {1, 0, 1, 0, 0, 0};
static const struct o311_attr *const petition_attrs[] = {&a_building, &a_households, &a_occurred, &a_details,
                                                         NULL};
static const unsigned char petition_required[] = {0, 0, 0, 0};
static const struct o311_attr *const suggestion_attrs[] = {&a_facilities, &a_details, NULL};
static const unsigned char suggestion_required[] = {0, 0};

static const struct o311_service services[] = {
    {WO_K_REQUEST, "求助/服务请求", "需要社区帮忙解决的事:设施报修、环境卫生、邻里困难等。",
     "报修,求助,维修,服务,卫生", "服务热线", "社区 24 小时内响应,7 日内办结并答复。", full_attrs,
     request_required},
    {WO_K_COMPLAINT, "投诉", "对社区服务、物业、商户或公共秩序的投诉。", "投诉,举报,物业,噪音", "服务热线",
     "社区 24 小时内响应,7 日内办结并答复。", full_attrs, complaint_required},
    {WO_K_SUGGESTION, "建议", "对社区工作和公共设施的意见建议。", "建议,意见", "服务热线",
     "社区 24 小时内响应,7 日内答复。", suggestion_attrs, suggestion_required},
    {WO_K_INQUIRY, "咨询", "政策、办事流程等问题的咨询。", "咨询,政策,办事", "服务热线",
     "社区 24 小时内响应,7 日内答复。", NULL, NULL},
    {WO_K_PETITION, "信访", "依《信访工作条例》提出的来信来访事项。", "信访,来信,来访", "来信来访",
     "社区 15 日内决定是否受理,受理后 60 日内办结并书面答复。", petition_attrs, petition_required},
};

const struct o311_service *o311_services(size_t *n)
{
	*n = sizeof services / sizeof *services;
	return services;
}

const struct o311_service *o311_service(const char *code)
{
	for (size_t i = 0; code && i < sizeof services / sizeof *services; i++)
		if (!strcmp(code, wo_kind_name(services[i].kind)))
			return &services[i];
	return NULL;
}

const char *o311_datatype_name(enum o311_datatype t)
{
	static const char *const names[O311_DT__MAX] = {"string", "number",          "datetime",
	                                                "text",   "singlevaluelist", "multivaluelist"};
	return (unsigned)t < O311_DT__MAX ? names[t] : "string";
}
