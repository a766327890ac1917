-- Who holds a role at a unit (the supervisors on a community's public page,
-- the staff a module lists) is found by the unit, not by reading every grant.
CREATE INDEX role_grant_by_unit ON role_grant (org_unit_id, role);
