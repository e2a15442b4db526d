import { Worker } from 'node:worker_threads';
import type { WorkerOptions, WorkerRequest, WorkerResponse } from './pglite-protocol.ts';

/** An error from the database with PostgreSQL's SQLSTATE, shaped like pg's DatabaseError. */
export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly detail?: string,
    readonly constraint?: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

type Pending = { resolve: (r: Extract<WorkerResponse, { ok: true }>) => void; reject: (e: Error) => void };
type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

/** The main thread's handle on the PGlite worker: posts SQL, awaits rows. */
export class PgliteWorkerClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;
  readonly ready: Promise<void>;

  constructor(options: WorkerOptions) {
    this.worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./pglite-worker.ts', import.meta.url).href, options },
    });
    this.ready = new Promise((resolve, reject) => {
      this.pending.set(0, { resolve: () => resolve(), reject });
    });
    this.worker.on('message', (response: WorkerResponse) => this.settle(response));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`PGlite worker exited with code ${code}`)));
  }

  private settle(response: WorkerResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    if (response.ok) pending.resolve(response);
    else {
      const { message, code, detail, constraint } = response.error;
      pending.reject(new DatabaseError(message, code, detail, constraint));
    }
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  private send(request: Distribute<WorkerRequest>): Promise<Extract<WorkerResponse, { ok: true }>> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  async query(sql: string, params: readonly unknown[] = []) {
    const { rows, affectedRows } = await this.send({ kind: 'query', sql, params });
    return { rows, affectedRows };
  }

  async exec(sql: string): Promise<Record<string, unknown>[]> {
    return (await this.send({ kind: 'exec', sql })).rows;
  }

  async close(): Promise<void> {
    if (!this.failure) await this.send({ kind: 'close' }).catch(() => undefined);
    this.failure ??= new Error('database closed');
    await this.worker.terminate();
  }
}
