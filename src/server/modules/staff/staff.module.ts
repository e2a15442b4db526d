import type { StaffDeps, StaffModule } from './index.ts';

export function createStaffModule(_deps: StaffDeps): StaffModule {
  throw new Error('staff module: not implemented yet');
}
