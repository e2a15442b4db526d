import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

// The editable taxonomy. Themes are never deleted (results and corrections refer to their keys): a theme that
// is no longer wanted is made inactive, which hides it from views and corrections.

export interface Theme {
  key: string;
  names: { fi: string; sv: string; en: string };
  position: number;
  active: boolean;
}

export async function listThemes(db: Kysely<DB>, includeInactive = false): Promise<Theme[]> {
  let query = db
    .selectFrom('analysis_themes')
    .select(['key', 'name_fi', 'name_sv', 'name_en', 'position', 'active'])
    .orderBy('position')
    .orderBy('key');
  if (!includeInactive) query = query.where('active', '=', true);
  const rows = await query.execute();
  return rows.map((r) => ({
    key: r.key,
    names: { fi: r.name_fi, sv: r.name_sv, en: r.name_en },
    position: r.position,
    active: r.active,
  }));
}

export async function saveTheme(db: Kysely<DB>, theme: Theme): Promise<void> {
  await db
    .insertInto('analysis_themes')
    .values({
      key: theme.key,
      name_fi: theme.names.fi,
      name_sv: theme.names.sv,
      name_en: theme.names.en,
      position: theme.position,
      active: theme.active,
    })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        name_fi: theme.names.fi,
        name_sv: theme.names.sv,
        name_en: theme.names.en,
        position: theme.position,
        active: theme.active,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
}
