import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database } from './database.ts';
import { migrate } from './migrate.ts';
import { DataDirInUseError, lockDataDir } from './lock.ts';
import { openTestDatabase, testEngines } from './testing.ts';

describe.each(testEngines())('database on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  test('migrations are recorded and a second run applies nothing', async () => {
    const again = await migrate(database);
    expect(again.applied).toEqual([]);
  });

  test('counts come back as numbers and dates as ISO strings on both engines', async () => {
    const row = await sql<{ n: number; d: string; t: Date }>`
      select count(*)::int8 as n, date '2026-03-01' as d, now() as t`.execute(database.db);
    expect(row.rows[0]).toMatchObject({ n: 1, d: '2026-03-01' });
    expect(row.rows[0]?.t).toBeInstanceOf(Date);
  });

  test('a failing transaction leaves nothing behind', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('settings')
          .values({ key: 'tx-test', value: JSON.stringify(1) })
          .execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await database.db.selectFrom('settings').where('key', '=', 'tx-test').selectAll().execute();
    expect(rows).toEqual([]);
  });

  test('concurrent transactions do not interleave their statements', async () => {
    await database.db
      .insertInto('settings')
      .values({ key: 'counter', value: JSON.stringify(0) })
      .execute();
    const bump = () =>
      database.db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('settings')
          .where('key', '=', 'counter')
          .select('value')
          .forUpdate()
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('settings')
          .set({ value: JSON.stringify(Number(row.value) + 1) })
          .where('key', '=', 'counter')
          .execute();
      });
    await Promise.all(Array.from({ length: 10 }, bump));
    const row = await database.db
      .selectFrom('settings')
      .where('key', '=', 'counter')
      .select('value')
      .executeTakeFirst();
    expect(row?.value).toBe(10);
  });

  test('database errors keep their SQLSTATE code', async () => {
    await database.db
      .insertInto('settings')
      .values({ key: 'dup', value: JSON.stringify(1) })
      .execute();
    await expect(
      database.db
        .insertInto('settings')
        .values({ key: 'dup', value: JSON.stringify(2) })
        .execute(),
    ).rejects.toMatchObject({ code: '23505' });
  });
});

describe('PGlite data directory', () => {
  test('a second process cannot open a directory that is in use, and the message says what to do', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-lock-'));
    // Pretend another live process (our parent) holds the lock.
    fs.writeFileSync(path.join(dir, 'kuulo.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(dir)).toThrow(/DATABASE_URL/);
    fs.rmSync(dir, { recursive: true });
  });

  test('a stale lock left by a dead process is taken over', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-lock-'));
    fs.writeFileSync(path.join(dir, 'kuulo.lock'), '999999');
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'kuulo.lock'), 'utf8')).toBe(String(process.pid));
    release();
    fs.rmSync(dir, { recursive: true });
  });

  test('rows committed in a data directory are there after reopening', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-data-'));
    const first = await openDatabase({ dataDir: dir });
    await migrate(first);
    await first.db
      .insertInto('settings')
      .values({ key: 'kept', value: JSON.stringify('yes') })
      .execute();
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    const row = await second.db
      .selectFrom('settings')
      .where('key', '=', 'kept')
      .select('value')
      .executeTakeFirst();
    expect(row?.value).toBe('yes');
    await second.close();
    fs.rmSync(dir, { recursive: true });
  });
});

describe('PGlite data directory within one process', () => {
  test('opening a directory this process already has open is refused, and allowed again after closing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-twice-'));
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirInUseError);
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await again.close();
    fs.rmSync(dir, { recursive: true });
  });
});

describe.runIf(process.env.DATABASE_URL)('prepared hot statements on PostgreSQL', () => {
  test('a statement marked /* prepare:name */ is prepared once per connection and others are not', async () => {
    const database = await openDatabase({
      databaseUrl: process.env.DATABASE_URL,
      dataDir: null,
      poolSize: 1,
    });
    try {
      for (const value of [1, 2]) {
        const row = await sql<{
          v: number;
        }>`/* prepare:kuulo_test_marked */ select ${value}::int as v`.execute(database.db);
        expect(row.rows[0]?.v).toBe(value);
      }
      await sql`select 1 as unmarked`.execute(database.db);
      const prepared = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(
        database.db,
      );
      expect(prepared.rows.map((r) => r.name)).toEqual(['kuulo_test_marked']);
    } finally {
      await database.close();
    }
  });
});

describe.each(testEngines())('prepared hot statements on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  const marked = (value: unknown) =>
    sql<{
      n: number;
      d: string;
      j: { value: unknown };
    }>`/* prepare:kuulo_test_each */ select ${value}::int8 + 1 as n, date '2026-01-31' as d,
         jsonb_build_object('value', ${value}::int) as j`.execute(database.db);

  test('a marked statement answers like an unmarked one, call after call, with the same type parsing', async () => {
    for (const value of [1, 2, 3, 4, 5, 6, 7]) {
      const { rows } = await marked(value);
      expect(rows).toEqual([{ n: value + 1, d: '2026-01-31', j: { value } }]);
    }
    // PGlite has one connection, so its prepared statements are all visible from here.
    if (engine === 'pglite') {
      const names = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(database.db);
      expect(names.rows.map((r) => r.name)).toEqual(['kuulo_test_each']);
    }
  });

  test('a marked statement keeps working after an error in it and after a rolled-back transaction', async () => {
    await expect(marked('not a number')).rejects.toMatchObject({ code: '22P02' });
    expect((await marked(10)).rows[0]?.n).toBe(11);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`/* prepare:kuulo_test_each */ select ${20}::int8 + 1 as n, date '2026-01-31' as d,
         jsonb_build_object('value', ${20}::int) as j`.execute(trx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await marked(30)).rows[0]?.n).toBe(31);
  });
});
