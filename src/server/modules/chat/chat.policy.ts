import type { StaffRole } from '../staff/index.ts';

/** Uploading ratings is configuration work; reading the report needs aggregates only. */
export const IMPORT_ROLES: StaffRole[] = ['admin', 'coordinator'];
export const REPORT_ROLES: StaffRole[] = ['admin', 'coordinator', 'manager', 'handler', 'analyst', 'viewer'];
