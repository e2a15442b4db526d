import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../db/database.ts';
import { openTestDatabase, testEngines } from '../../db/testing.ts';

const MIGRATION = fileURLToPath(
  new URL('../../db/migrations/20261122010000_access_roles.sql', import.meta.url),
);

describe.each(testEngines())('roles migration on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });

  test("turns a database's 'staff' assignments into 'handler' and then refuses 'staff'", async () => {
    await database.withScript(async (run) => {
      // Put the database back to the core schema's constraint, with a row that uses the old role name.
      await run(`alter table staff_role_assignments drop constraint staff_role_assignments_role_check;
        alter table staff_role_assignments add constraint staff_role_assignments_role_check
          check (role in ('admin', 'coordinator', 'analyst', 'manager', 'staff'));
        insert into staff_users (id, email, display_name, password_hash)
          values ('00000000-0000-4000-8000-000000000001', 'old@example.fi', 'Old', 'x');
        insert into staff_role_assignments (user_id, role)
          values ('00000000-0000-4000-8000-000000000001', 'staff');`);
      await run(fs.readFileSync(MIGRATION, 'utf8'));
      const rows = await run('select role from staff_role_assignments');
      expect(rows.map((r) => r.role)).toEqual(['handler']);
      await run(`insert into staff_role_assignments (user_id, role)
        values ('00000000-0000-4000-8000-000000000001', 'viewer')`);
      await expect(
        run(`insert into staff_role_assignments (user_id, role)
          values ('00000000-0000-4000-8000-000000000001', 'staff')`),
      ).rejects.toThrow(/check constraint/);
    });
  });
});
