import { expect, test } from 'vitest';
import type { RoleAssignment } from './index.ts';
import { hasRoleFor, holdsAnyRole, safeNextPath } from './staff.policy.ts';

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
  expect(hasRoleFor(principal([]), ['staff'], STATION)).toBe(false);
});

test('holding a role anywhere is enough to open a section', () => {
  expect(holdsAnyRole(principal([{ role: 'admin', unitId: 'x' }]), ['admin'])).toBe(true);
  expect(holdsAnyRole(principal([{ role: 'staff', unitId: null }]), ['admin'])).toBe(false);
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
