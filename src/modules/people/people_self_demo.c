/* Demo data of the residents' side, in 幸福里 only: a household whose head
 * is the record of a demo resident account of its own (liujh, 刘建华:
 * linked, with a staff view of it on record and a pending correction; not
 * 张三, whose initials the registry's own tests search for), a resident with
 * no account yet (孙桂兰: registering with her name and ID number links at
 * once), a 居民代表, two party members, training records, and a pending
 * link request of a new account. */
#include <string.h>

#include "modules/people/people_self.h"

struct demo_person {
	const char *name, *id, *phone, *building, *unit, *room, *household, *relation, *tags;
};

static const struct demo_person persons[] = {
    {"刘建华", "110105196503120021", "13800138100", "5号楼", "1单元", "302", "0502", "户主", "党员"},
    {"李梅", "110105196807200047", "", "5号楼", "1单元", "302", "0502", "配偶", ""},
    {"赵德明", "110105195201050019", "13700137002", "6号楼", "2单元", "101", "0601", "户主",
     "居民代表、党员"},
    {"孙桂兰", "110105194809180060", "", "6号楼", "2单元", "402", "0604", "户主", "独居老人"},
};

static int add_person(struct db *db, struct arena *a, int64_t community_id, const struct demo_person *d,
                      int64_t now, int64_t *id)
{
	struct people_input in = {.name = d->name,
	                          .gender = "",
	                          .id_number = d->id,
	                          .birth = "",
	                          .phone = d->phone,
	                          .building = d->building,
	                          .unit = d->unit,
	                          .room = d->room,
	                          .household = d->household,
	                          .relation = d->relation,
	                          .tags = d->tags,
	                          .grid = "",
	                          .note = ""};
	struct people_record rec;
	struct people_problem p[PEOPLE_MAX_PROBLEMS];
	if (people_check(a, &in, now, &rec, p) != 0)
		return -1;
	return people_person_add(db, a, community_id, &rec, 0, now, id);
}

int people_self_demo(struct db *db, struct arena *a, const struct community *c, int64_t now)
{
	if (strcmp(c->slug, "xingfuli"))
		return 0;
	int64_t ids[sizeof persons / sizeof *persons];
	for (size_t i = 0; i < sizeof persons / sizeof *persons; i++)
		if (add_person(db, a, c->id, &persons[i], now - 200 * 86400, &ids[i]) < 0)
			return -1;
	/* liujh's account is his record's, linked by the census check. */
	struct auth_user staff;
	char *hash, pw[128];
	int64_t lid, kid, uid, own;
	if (auth_password_hash("demo-pass-2026", pw) < 0 ||
	    auth_user_add(db, "liujh", "13800138100", "刘建华", pw, now - 100 * 86400, &own) != 0 ||
	    auth_grant_add(db, own, c->id, ROLE_RESIDENT, now - 100 * 86400) != 0 ||
	    auth_user_by_login(db, a, "wangjg", &staff, &hash) != 0 ||
	    people_self_person_link(db, c->id, ids[0], own, now - 100 * 86400) != 0 ||
	    people_self_link_add(db, a, c->id, own, "刘建华", "13800138100", "110105196503120021", "linked",
	                         ids[0], now - 100 * 86400, &lid) < 0 ||
	    people_view_add(db, c->id, ids[0], staff.id, staff.display_name, "核实居家养老服务申请材料",
	                    now - 30 * 86400) < 0 ||
	    people_self_correction_add(db, a, c->id, ids[0], own, "phone", "13800138109",
	                               pii_mask_phone(a, "13800138109"), "换了新号码", now - 2 * 86400,
	                               &kid) < 0)
		return -1;
	/* Party members and training records. */
	struct people_party pm[2] = {
	    {.person_id = ids[0],
	     .branch = "幸福里社区第一党支部",
	     .joined_on = "1996-07-01",
	     .status = "full"},
	    {.person_id = ids[2],
	     .branch = "幸福里社区第二党支部",
	     .joined_on = "2025-06-20",
	     .status = "probationary",
	     .transfer_in_on = "2025-09-01",
	     .transfer_in_from = "东湖街道机关党支部"},
	};
	struct people_training tr[2] = {
	    {.person_id = ids[2],
	     .kind = "pre_job",
	     .course = "社区工作者岗前培训",
	     .hours_tenths = 160,
	     .taken_on = "2026-03-12",
	     .certificate = "结业证书"},
	    {.person_id = ids[2],
	     .kind = "professional",
	     .course = "人民调解实务",
	     .hours_tenths = 85,
	     .taken_on = "2026-09-05",
	     .certificate = ""},
	};
	int64_t tid;
	for (int i = 0; i < 2; i++)
		if (people_party_save(db, c->id, &pm[i], now - 150 * 86400) < 0 ||
		    people_training_add(db, c->id, &tr[i], staff.id, now - 60 * 86400, &tid) < 0)
			return -1;
	/* A new account waiting for staff: no ID number given. */
	if (auth_user_add(db, "chenxiao", "13700137001", "陈晓", pw, now - 86400, &uid) != 0 ||
	    people_self_link_add(db, a, c->id, uid, "陈晓", "13700137001", "", "pending", 0, now - 86400,
	                         &lid) < 0)
		return -1;
	return 0;
}
