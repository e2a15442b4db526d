import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { WorkerOptions, WorkerRequest, WorkerResponse } from './pglite-protocol.ts';
import { TYPE_OIDS, parseDate, parseInt8, parseNumeric } from './pglite-types.ts';

// PGlite runs every query synchronously on its thread. Living in this worker keeps the HTTP event loop free
// while a heavy report runs (see docs/adr/0002-database.md).
const options = workerData.options as WorkerOptions;
const port = parentPort;
if (!port) throw new Error('pglite-worker must run as a worker thread');

const pg = new PGlite({
  dataDir: options.dataDir ?? undefined,
  extensions: { pg_trgm },
  parsers: {
    [TYPE_OIDS.int8]: parseInt8,
    [TYPE_OIDS.numeric]: parseNumeric,
    [TYPE_OIDS.date]: parseDate,
  },
});

function describe(error: unknown): Extract<WorkerResponse, { ok: false }>['error'] {
  const e = error as { message?: string; code?: string; detail?: string; constraint?: string };
  return { message: e.message ?? String(error), code: e.code, detail: e.detail, constraint: e.constraint };
}

async function handle(request: WorkerRequest): Promise<WorkerResponse> {
  try {
    if (request.kind === 'query') {
      const result = await pg.query<Record<string, unknown>>(request.sql, request.params as unknown[]);
      return { id: request.id, ok: true, rows: result.rows, affectedRows: result.affectedRows };
    }
    if (request.kind === 'exec') {
      const results = await pg.exec(request.sql);
      const rows = (results.at(-1)?.rows ?? []) as Record<string, unknown>[];
      return { id: request.id, ok: true, rows, affectedRows: undefined };
    }
    await pg.close();
    return { id: request.id, ok: true, rows: [], affectedRows: undefined };
  } catch (error) {
    return { id: request.id, ok: false, error: describe(error) };
  }
}

await pg.waitReady;
port.on('message', (request: WorkerRequest) => {
  void handle(request).then((response) => port.postMessage(response));
});
port.postMessage({ id: 0, ok: true, rows: [], affectedRows: undefined } satisfies WorkerResponse);
