import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PgliteWorkerClient } from './pglite-client.ts';
import { PgliteWorkerDialect } from './pglite-dialect.ts';
import { TYPE_OIDS, parseDate, parseInt8, parseNumeric } from './pglite-types.ts';
import { preparedName } from './prepared.ts';
import { lockDataDir } from './lock.ts';
import type { DB } from './schema.ts';

export type Engine = 'pglite' | 'postgres';

/** A script runner on one connection: plain multi-statement SQL, no parameters; rows of the last statement. */
export type ScriptRunner = (sqlText: string) => Promise<Record<string, unknown>[]>;

export interface Database {
  readonly engine: Engine;
  readonly db: Kysely<DB>;
  /** Runs fn with exclusive use of one connection for multi-statement scripts. */
  withScript<T>(fn: (run: ScriptRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; null keeps the database in memory (tests). */
  dataDir: string | null;
  poolSize?: number;
  onIdleError?: (error: Error) => void;
}

function pgTypes(): pg.CustomTypesConfig {
  const parsers: Record<number, (value: string) => unknown> = {
    [TYPE_OIDS.int8]: parseInt8,
    [TYPE_OIDS.numeric]: parseNumeric,
    [TYPE_OIDS.date]: parseDate,
  };
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      parsers[oid] ?? pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
  };
}

// PostgreSQL plans a statement sent without a name every time. The intake statement is a five-CTE insert run
// thousands of times a second: preparing it once per connection saves ~30 µs of PostgreSQL CPU per stored
// response (docs/intake.md). A statement whose SQL starts with the mark is sent as a named prepared statement;
// everything else as before (prepared.ts; PGlite prepares in its worker). A name must stand for one SQL text only.
class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [text, values] = args;
    const call = super.query as (...a: unknown[]) => never;
    const name = args.length <= 2 && typeof text === 'string' ? preparedName(text) : undefined;
    return name ? call.call(this, { name, text, values }) : call.apply(this, args);
  }
}

function openPostgres(databaseUrl: string, poolSize: number, onIdleError?: (error: Error) => void): Database {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    types: pgTypes(),
    Client: PreparingClient,
  });
  // pg emits 'error' for idle clients the server closed (restart, failover); the pool drops them and the next
  // checkout reconnects. Without a listener the process would crash.
  pool.on('error', (error) => onIdleError?.(error));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'postgres',
    db,
    async withScript(fn) {
      const client = await pool.connect();
      try {
        return await fn(async (text) => {
          const result = (await client.query(text)) as pg.QueryResult | pg.QueryResult[];
          return (Array.isArray(result) ? result.at(-1)?.rows : result.rows) ?? [];
        });
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

async function openPglite(dataDir: string | null): Promise<Database> {
  const release = dataDir ? lockDataDir(dataDir) : () => undefined;
  try {
    const client = new PgliteWorkerClient({ dataDir: dataDir ? path.join(dataDir, 'pglite') : null });
    await client.ready;
    const db = new Kysely<DB>({ dialect: new PgliteWorkerDialect(client) });
    return {
      engine: 'pglite',
      db,
      // db.connection() holds the single connection's mutex, so exec never interleaves with other callers.
      withScript: (fn) => db.connection().execute(() => fn((text) => client.exec(text))),
      async close() {
        try {
          await db.destroy();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const database = openPostgres(options.databaseUrl, options.poolSize ?? 10, options.onIdleError);
    await sql`select 1`.execute(database.db);
    return database;
  }
  return openPglite(options.dataDir);
}
