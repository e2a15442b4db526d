import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any constant works; it only has to be the same in every Kuulo instance sharing a PostgreSQL.
const MIGRATION_LOCK = 7245001;

export interface MigrationResult {
  applied: string[];
}

export async function listMigrations(): Promise<string[]> {
  const files = await fs.readdir(MIGRATIONS_DIR);
  return files.filter((f) => /^\d{14}_[a-z0-9_]+\.sql$/.test(f)).sort();
}

/** Forward-only: applies every migration not yet recorded, each in its own transaction, under a lock. */
export async function migrate(
  database: Database,
  onApplied?: (name: string) => void,
): Promise<MigrationResult> {
  const files = await listMigrations();
  return database.withScript(async (run) => {
    await run(`select pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await run(`create table if not exists schema_migrations (
        name text primary key, applied_at timestamptz not null default now())`);
      const applied: string[] = [];
      const done = new Set((await run('select name from schema_migrations')).map((r) => String(r.name)));
      for (const file of files) {
        if (done.has(file)) continue;
        const text = await fs.readFile(path.join(MIGRATIONS_DIR, file), 'utf8');
        try {
          await run(`begin;\n${text}\n;insert into schema_migrations (name) values ('${file}');\ncommit;`);
        } catch (error) {
          await run('rollback');
          throw new Error(`migration ${file} failed: ${(error as Error).message}`, { cause: error });
        }
        applied.push(file);
        onApplied?.(file);
      }
      return { applied };
    } finally {
      await run(`select pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  });
}
