import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, parse, protocol, type Results } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { WorkerOptions, WorkerRequest, WorkerResponse } from './pglite-protocol.ts';
import { TYPE_OIDS, parseDate, parseInt8, parseNumeric } from './pglite-types.ts';
import { preparedName } from './prepared.ts';

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

// PGlite's query() parses and plans every statement anew. For the intake batch insert that was ~3 ms per batch
// in WebAssembly, more than the rows themselves at small batches. A statement marked for preparing (prepared.ts)
// is parsed once on this, the only, connection as a named statement and then only bound and executed: the same
// protocol messages query() sends, with a name (measured: 4-row batches ~2x the rows/s; docs/intake.md).
// Named statements survive transactions; a schema change makes PostgreSQL re-plan them by itself.
const preparedTypes = new Map<string, number[]>();
const step = (message: Uint8Array) => pg.execProtocolStream(message, { syncToFs: false });

async function prepare(name: string, sql: string): Promise<number[]> {
  const known = preparedTypes.get(name);
  if (known) return known;
  await step(protocol.serialize.parse({ name, text: sql }));
  let types: number[];
  try {
    types = parse.parseDescribeStatementResults(await step(protocol.serialize.describe({ type: 'S', name })));
  } catch (error) {
    // Not recorded as prepared, so it must not stay half-prepared either: the next call parses it again.
    await step(protocol.serialize.close({ type: 'S', name })).catch(() => undefined);
    throw error;
  }
  preparedTypes.set(name, types);
  return types;
}

async function executePrepared(
  name: string,
  sql: string,
  params: unknown[],
): Promise<Results<Record<string, unknown>>> {
  const messages = await pg.runExclusive(async () => {
    const received = [];
    try {
      const types = await prepare(name, sql);
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const serializer = pg.serializers[types[i] ?? 0];
        return serializer ? serializer(value) : String(value);
      });
      received.push(...(await step(protocol.serialize.bind({ statement: name, values }))));
      received.push(...(await step(protocol.serialize.describe({ type: 'P' }))));
      received.push(...(await step(protocol.serialize.execute({}))));
    } finally {
      // After an error PostgreSQL skips everything up to Sync; without one the connection would stay stuck.
      received.push(...(await step(protocol.serialize.sync())));
    }
    return received;
  });
  await pg.syncToFs();
  const [result] = parse.parseResults(messages, pg.parsers);
  return (result ?? { rows: [], fields: [] }) as Results<Record<string, unknown>>;
}

function query(sql: string, params: unknown[]): Promise<Results<Record<string, unknown>>> {
  const name = preparedName(sql);
  return name ? executePrepared(name, sql, params) : pg.query<Record<string, unknown>>(sql, params);
}

async function handle(request: WorkerRequest): Promise<WorkerResponse> {
  try {
    if (request.kind === 'query') {
      const result = await query(request.sql, request.params as unknown[]);
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
