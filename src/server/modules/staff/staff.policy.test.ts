import fs from 'node:fs';
import { expect, test } from 'vitest';
import type { RoleAssignment } from './index.ts';
import {
  PERMISSIONS,
  STAFF_ROLES,
  can,
  canSomewhere,
  hasRoleFor,
  holdsAnyRole,
  rolesWith,
  safeNextPath,
  scopeRoots,
} from './staff.policy.ts';

const principal = (roles: RoleAssignment[]) => ({ roles });
// Ancestors of a health station, root first, the unit itself last.
const STATION = ['helsinki', 'sote', 'health-services', 'station-kallio'];

test('a global role applies to every unit', () => {
  expect(hasRoleFor(principal([{ role: 'analyst', unitId: null }]), ['analyst'], STATION)).toBe(true);
  expect(hasRoleFor(principal([{ role: 'analyst', unitId: null }]), ['analyst'], [])).toBe(true);
});

test('a role at an ancestor applies to the whole subtree below it', () => {
  const manager = principal([{ role: 'manager', unitId: 'health-services' }]);
  expect(hasRoleFor(manager, ['manager'], STATION)).toBe(true);
  expect(hasRoleFor(manager, ['manager'], ['helsinki', 'sote', 'family-services', 'clinic'])).toBe(false);
  expect(hasRoleFor(manager, ['manager'], ['helsinki', 'sote'])).toBe(false);
});

test('a role only counts when it is one of the roles asked for', () => {
  const manager = principal([{ role: 'manager', unitId: null }]);
  expect(hasRoleFor(manager, ['admin', 'coordinator'], STATION)).toBe(false);
  expect(hasRoleFor(manager, ['admin', 'manager'], STATION)).toBe(true);
  expect(hasRoleFor(principal([]), ['handler'], STATION)).toBe(false);
});

test('holding a role anywhere is enough to open a section', () => {
  expect(holdsAnyRole(principal([{ role: 'admin', unitId: 'x' }]), ['admin'])).toBe(true);
  expect(holdsAnyRole(principal([{ role: 'handler', unitId: null }]), ['admin'])).toBe(false);
});

test('only a local /staff path may follow sign-in', () => {
  expect(safeNextPath('/staff/units?x=1')).toBe('/staff/units?x=1');
  expect(safeNextPath('/staff')).toBe('/staff');
  for (const bad of [
    'https://evil.example/staff',
    '//evil.example',
    '/\\evil.example',
    '/staffevil',
    '/s/abc',
    '/staff//evil',
    '/staff/%2f%2fevil',
    '/staff\\evil.example',
    '/staff/a b',
    'javascript:alert(1)',
    undefined,
    42,
  ]) {
    expect(safeNextPath(bad)).toBe('/staff');
  }
});

test('the permission table: who may read aggregates, redacted text, personal data, reply, configure, administer', () => {
  const expected = {
    admin: [
      'read_aggregates',
      'read_redacted_text',
      'read_personal_data',
      'reply',
      'configure',
      'administer',
    ],
    coordinator: ['read_aggregates', 'read_redacted_text', 'read_personal_data', 'reply', 'configure'],
    manager: ['read_aggregates', 'read_redacted_text', 'read_personal_data', 'reply'],
    handler: ['read_aggregates', 'read_redacted_text', 'read_personal_data', 'reply'],
    analyst: ['read_aggregates', 'read_redacted_text'],
    viewer: ['read_aggregates'],
  };
  for (const role of STAFF_ROLES) {
    const granted = PERMISSIONS.filter((p) => can(principal([{ role, unitId: null }]), p, STATION));
    expect(granted, role).toEqual(expected[role]);
  }
});

test('a permission holds only inside the subtree of the role that grants it', () => {
  const handler = principal([{ role: 'handler', unitId: 'health-services' }]);
  expect(can(handler, 'read_personal_data', STATION)).toBe(true);
  expect(can(handler, 'read_personal_data', ['helsinki', 'sote', 'family-services'])).toBe(false);
  expect(can(handler, 'read_personal_data', [])).toBe(false);
  const analyst = principal([{ role: 'analyst', unitId: null }]);
  expect(can(analyst, 'read_personal_data', STATION)).toBe(false);
  expect(can(null, 'read_aggregates', STATION)).toBe(false);
});

test('organisation-wide permissions need a global assignment', () => {
  expect(can(principal([{ role: 'admin', unitId: 'sote' }]), 'administer', [])).toBe(false);
  expect(can(principal([{ role: 'admin', unitId: null }]), 'administer', [])).toBe(true);
});

test('rolesWith, canSomewhere and scopeRoots answer list and menu questions', () => {
  expect(rolesWith('read_personal_data')).toEqual(['admin', 'coordinator', 'manager', 'handler']);
  expect(rolesWith('administer')).toEqual(['admin']);
  const mixed = principal([
    { role: 'handler', unitId: 'station-kallio' },
    { role: 'analyst', unitId: 'sote' },
    { role: 'viewer', unitId: null },
  ]);
  expect(canSomewhere(mixed, 'reply')).toBe(true);
  expect(canSomewhere(mixed, 'configure')).toBe(false);
  expect(scopeRoots(mixed, 'reply')).toEqual(['station-kallio']);
  expect(scopeRoots(mixed, 'read_redacted_text')).toEqual(['station-kallio', 'sote']);
  expect(scopeRoots(mixed, 'read_aggregates')).toBeNull();
  expect(scopeRoots(mixed, 'administer')).toEqual([]);
});

test('docs/access-control.md shows the same permission table as the code', () => {
  const doc = fs.readFileSync(new URL('../../../../docs/access-control.md', import.meta.url), 'utf8');
  const header = doc.split('\n').find((line) => line.startsWith('| permission'));
  const roles = (header ?? '')
    .split('|')
    .slice(3, -1)
    .map((cell) => cell.trim());
  expect(roles).toEqual([...STAFF_ROLES]);
  for (const permission of PERMISSIONS) {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${permission}\``));
    const marks = (row ?? '')
      .split('|')
      .slice(3, -1)
      .map((cell) => cell.trim() === '✓');
    const granted = STAFF_ROLES.filter((_, i) => marks[i]);
    expect(granted, permission).toEqual(rolesWith(permission));
  }
});
