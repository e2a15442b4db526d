-- Issue 4 roles: today's 'staff' becomes 'handler' (handles the feedback of its own units) and 'viewer'
-- (aggregates only) is new. The check constraint is replaced around the rename so no row is ever invalid.
alter table staff_role_assignments drop constraint staff_role_assignments_role_check;
update staff_role_assignments set role = 'handler' where role = 'staff';
alter table staff_role_assignments
  add constraint staff_role_assignments_role_check
  check (role in ('admin', 'coordinator', 'manager', 'handler', 'analyst', 'viewer'));
