// Tables of the access feature (migrations 20261122010000–20261122010099).
import type { NullableTimestamp, Timestamp } from '../column-types.ts';

/** OpenID Connect identities linked to staff accounts (20261122010100_staff_identities.sql). */
export interface StaffIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Timestamp;
  last_login_at: NullableTimestamp;
}

export interface AccessTables {
  staff_identities: StaffIdentitiesTable;
}
