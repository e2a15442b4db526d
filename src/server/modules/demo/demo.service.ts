import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { OrganisationService } from '../organisation/index.ts';
import type { SurveysService } from '../surveys/index.ts';
import type { ShortLinkService } from '../web-survey/index.ts';

export interface DemoOptions {
  db: Kysely<DB>;
  organisation: OrganisationService;
  surveys: SurveysService;
  links: ShortLinkService;
  responses: number;
  /** Fixed seed: the same demo every time. */
  seed?: number;
  now?: Date;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface DemoResult {
  units: number;
  responses: number;
}

export async function hasAnyUnits(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('org_units').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function seedDemo(_options: DemoOptions): Promise<DemoResult> {
  throw new Error('demo seeding: not implemented yet');
}
