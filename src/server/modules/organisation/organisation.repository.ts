import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, OrgUnitsTable } from '../../db/schema.ts';
import type { OrgUnit, OrgUnitEvent, UnitNames, UnitSearchHit } from './index.ts';

// Every tree change takes this transaction-scoped lock first, so two instances can never interleave two moves
// into a cycle or leave the closure table half rewritten. Any constant works; it only has to be shared.
const TREE_LOCK = 7245200;

export interface NewEvent {
  unitId: string;
  kind: OrgUnitEvent['kind'];
  fromParentId?: string | null;
  toParentId?: string | null;
  mergedIntoId?: string | null;
  changes?: Record<string, unknown>;
  actorId: string | null;
  source: string;
}

function toUnit(row: Selectable<OrgUnitsTable>): OrgUnit {
  return {
    id: row.id,
    parentId: row.parent_id,
    type: row.type,
    names: { fi: row.name_fi, sv: row.name_sv, en: row.name_en },
    oid: row.oid,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    mergedIntoId: row.merged_into_id,
  };
}

/** Column arrays for unnest(): one statement writes any number of units on both engines. */
function unitColumns(units: readonly OrgUnit[]) {
  return [
    units.map((u) => u.id),
    units.map((u) => u.parentId),
    units.map((u) => u.type),
    units.map((u) => u.names.fi),
    units.map((u) => u.names.sv),
    units.map((u) => u.names.en),
    units.map((u) => u.oid),
    units.map((u) => u.validFrom),
    units.map((u) => u.validTo),
    units.map((u) => u.mergedIntoId),
  ] as const;
}

function unnestUnits(units: readonly OrgUnit[]) {
  const [ids, parents, types, fi, sv, en, oids, froms, tos, merged] = unitColumns(units);
  return sql`unnest(${ids}::text[], ${parents}::text[], ${types}::text[], ${fi}::text[], ${sv}::text[],
    ${en}::text[], ${oids}::text[], ${froms}::date[], ${tos}::date[], ${merged}::text[])
    as v(id, parent_id, type, name_fi, name_sv, name_en, oid, valid_from, valid_to, merged_into_id)`;
}

/** A hidden-by-closure filter: the unit or one of its ancestors is merged or past its last day. */
function closedAbove(unitColumn: string, today: string) {
  return sql<boolean>`exists (select 1 from org_unit_closure cc join org_units ca on ca.id = cc.ancestor_id
    where cc.descendant_id = ${sql.ref(unitColumn)}
      and (ca.merged_into_id is not null or ca.valid_to < ${today}::date))`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface OrganisationRepository {
  /** The executor under this repository, for writes (audit) that must share its transaction. */
  readonly executor: Kysely<DB>;
  transaction<T>(fn: (repo: OrganisationRepository) => Promise<T>): Promise<T>;
  lockTree(): Promise<void>;
  getUnit(id: string): Promise<OrgUnit | undefined>;
  getUnitByOid(oid: string): Promise<OrgUnit | undefined>;
  listAll(): Promise<OrgUnit[]>;
  listSubtree(rootId: string): Promise<OrgUnit[]>;
  /** openOn: only units open on that date; null: all. */
  listChildren(id: string, openOn: string | null): Promise<OrgUnit[]>;
  search(text: string, limit: number, openOn: string | null): Promise<UnitSearchHit[]>;
  subtreeIds(rootId: string): Promise<string[]>;
  subtreeIdsOf(rootIds: readonly string[]): Promise<string[]>;
  ancestors(unitId: string): Promise<OrgUnit[]>;
  isWithin(unitId: string, ancestorId: string): Promise<boolean>;
  insertUnits(units: readonly OrgUnit[]): Promise<void>;
  updateUnits(units: readonly OrgUnit[]): Promise<void>;
  rebuildClosure(unitIds: readonly string[]): Promise<void>;
  insertEvents(events: readonly NewEvent[]): Promise<void>;
  listEvents(unitId: string): Promise<OrgUnitEvent[]>;
}

export function createOrganisationRepository(db: Kysely<DB>): OrganisationRepository {
  return {
    executor: db,

    transaction<T>(fn: (repo: OrganisationRepository) => Promise<T>): Promise<T> {
      return db.transaction().execute((trx) => fn(createOrganisationRepository(trx)));
    },

    async lockTree(): Promise<void> {
      await sql`select pg_advisory_xact_lock(${TREE_LOCK})`.execute(db);
    },

    async getUnit(id: string): Promise<OrgUnit | undefined> {
      const row = await db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toUnit(row);
    },

    async getUnitByOid(oid: string): Promise<OrgUnit | undefined> {
      const row = await db.selectFrom('org_units').selectAll().where('oid', '=', oid).executeTakeFirst();
      return row && toUnit(row);
    },

    async listAll(): Promise<OrgUnit[]> {
      return (await db.selectFrom('org_units').selectAll().execute()).map(toUnit);
    },

    async listSubtree(rootId: string): Promise<OrgUnit[]> {
      const rows = await db
        .selectFrom('org_unit_closure as c')
        .innerJoin('org_units as u', 'u.id', 'c.descendant_id')
        .selectAll('u')
        .where('c.ancestor_id', '=', rootId)
        .execute();
      return rows.map(toUnit);
    },

    async listChildren(id: string, openOn: string | null): Promise<OrgUnit[]> {
      let query = db.selectFrom('org_units').selectAll().where('parent_id', '=', id);
      if (openOn) {
        query = query
          .where('merged_into_id', 'is', null)
          .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', openOn)]));
      }
      return (await query.orderBy('name_fi').orderBy('id').execute()).map(toUnit);
    },

    async search(text: string, limit: number, openOn: string | null): Promise<UnitSearchHit[]> {
      const pattern = `%${escapeLike(text)}%`;
      const rows = await db
        .selectFrom('org_units as u')
        .selectAll('u')
        .select(
          sql<{ id: string; fi: string; sv: string | null; en: string | null }[] | null>`(
            select json_agg(json_build_object('id', a.id, 'fi', a.name_fi, 'sv', a.name_sv, 'en', a.name_en)
              order by c.depth desc)
            from org_unit_closure c join org_units a on a.id = c.ancestor_id
            where c.descendant_id = u.id and c.depth > 0)`.as('path'),
        )
        .where((eb) =>
          eb.or([
            eb('u.name_fi', 'ilike', pattern),
            eb('u.name_sv', 'ilike', pattern),
            eb('u.name_en', 'ilike', pattern),
            eb('u.id', 'ilike', pattern),
            eb('u.oid', '=', text),
          ]),
        )
        .$if(openOn !== null, (q) => q.where(sql<boolean>`not ${closedAbove('u.id', openOn ?? '')}`))
        .orderBy('u.name_fi')
        .orderBy('u.id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        unit: toUnit(row),
        path: (row.path ?? []).map((p) => ({
          id: p.id,
          names: { fi: p.fi, sv: p.sv, en: p.en } as UnitNames,
        })),
      }));
    },

    async subtreeIds(rootId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('org_unit_closure')
        .select('descendant_id')
        .where('ancestor_id', '=', rootId)
        .execute();
      return rows.map((r) => r.descendant_id);
    },

    /** Every unit below any of the roots (roots included), in one query. */
    async subtreeIdsOf(rootIds: readonly string[]): Promise<string[]> {
      if (rootIds.length === 0) return [];
      const result = await sql<{ id: string }>`select distinct descendant_id as id from org_unit_closure
        where ancestor_id = any(${rootIds}::text[])`.execute(db);
      return result.rows.map((r) => r.id);
    },

    async ancestors(unitId: string): Promise<OrgUnit[]> {
      const rows = await db
        .selectFrom('org_unit_closure as c')
        .innerJoin('org_units as u', 'u.id', 'c.ancestor_id')
        .selectAll('u')
        .where('c.descendant_id', '=', unitId)
        .orderBy('c.depth', 'desc')
        .execute();
      return rows.map(toUnit);
    },

    async isWithin(unitId: string, ancestorId: string): Promise<boolean> {
      const row = await db
        .selectFrom('org_unit_closure')
        .select('depth')
        .where('ancestor_id', '=', ancestorId)
        .where('descendant_id', '=', unitId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async insertUnits(units: readonly OrgUnit[]): Promise<void> {
      if (units.length === 0) return;
      // Parent foreign keys are checked at the end of the statement, so row order inside one insert is free.
      await sql`insert into org_units
          (id, parent_id, type, name_fi, name_sv, name_en, oid, valid_from, valid_to, merged_into_id)
        select * from ${unnestUnits(units)}`.execute(db);
    },

    /** Writes every column of each given unit. OIDs that change are cleared first so two units may swap. */
    async updateUnits(units: readonly OrgUnit[]): Promise<void> {
      if (units.length === 0) return;
      await sql`update org_units u set oid = null from ${unnestUnits(units)}
        where u.id = v.id and u.oid is distinct from v.oid and u.oid is not null`.execute(db);
      await sql`update org_units u set parent_id = v.parent_id, type = v.type, name_fi = v.name_fi,
          name_sv = v.name_sv, name_en = v.name_en, oid = v.oid, valid_from = v.valid_from,
          valid_to = v.valid_to, merged_into_id = v.merged_into_id, updated_at = now()
        from ${unnestUnits(units)} where u.id = v.id`.execute(db);
    },

    /**
     * Recomputes the closure rows of the given units from parent_id (after creating or moving them). The caller
     * passes whole moved subtrees, since a move changes the ancestors of everything below.
     */
    async rebuildClosure(unitIds: readonly string[]): Promise<void> {
      if (unitIds.length === 0) return;
      await sql`delete from org_unit_closure where descendant_id = any(${unitIds}::text[])`.execute(db);
      // depth < 1000 only guards against a cycle that validation failed to refuse: never loop forever.
      await sql`insert into org_unit_closure (ancestor_id, descendant_id, depth)
        with recursive up (descendant_id, ancestor_id, depth) as (
          select id, id, 0 from org_units where id = any(${unitIds}::text[])
          union all
          select up.descendant_id, u.parent_id, up.depth + 1
          from up join org_units u on u.id = up.ancestor_id
          where u.parent_id is not null and up.depth < 1000
        )
        select ancestor_id, descendant_id, depth from up`.execute(db);
    },

    async insertEvents(events: readonly NewEvent[]): Promise<void> {
      if (events.length === 0) return;
      const col = <T>(f: (e: NewEvent) => T) => events.map(f);
      await sql`insert into org_unit_events
          (unit_id, kind, from_parent_id, to_parent_id, merged_into_id, changes, actor_id, source)
        select unit_id, kind, from_parent_id, to_parent_id, merged_into_id, changes::jsonb, actor_id::uuid, source
        from unnest(${col((e) => e.unitId)}::text[], ${col((e) => e.kind)}::text[],
          ${col((e) => e.fromParentId ?? null)}::text[], ${col((e) => e.toParentId ?? null)}::text[],
          ${col((e) => e.mergedIntoId ?? null)}::text[], ${col((e) => JSON.stringify(e.changes ?? {}))}::text[],
          ${col((e) => e.actorId)}::text[], ${col((e) => e.source)}::text[])
          with ordinality as e(unit_id, kind, from_parent_id, to_parent_id, merged_into_id, changes, actor_id,
            source, n)
        order by n`.execute(db);
    },

    async listEvents(unitId: string): Promise<OrgUnitEvent[]> {
      const rows = await db
        .selectFrom('org_unit_events')
        .selectAll()
        .where('unit_id', '=', unitId)
        .orderBy('id', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        unitId: r.unit_id,
        kind: r.kind,
        fromParentId: r.from_parent_id,
        toParentId: r.to_parent_id,
        mergedIntoId: r.merged_into_id,
        changes: r.changes,
        actorId: r.actor_id,
        source: r.source,
        createdAt: r.created_at,
      }));
    },
  };
}
