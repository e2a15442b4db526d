// Messages between the main thread and the PGlite worker. Kept tiny: SQL text, parameters, rows.
export type WorkerRequest =
  | { id: number; kind: 'query'; sql: string; params: readonly unknown[] }
  | { id: number; kind: 'exec'; sql: string }
  | { id: number; kind: 'close' };

export type WorkerResponse =
  | { id: number; ok: true; rows: Record<string, unknown>[]; affectedRows: number | undefined }
  | {
      id: number;
      ok: false;
      error: { message: string; code?: string; detail?: string; constraint?: string };
    };

export interface WorkerOptions {
  dataDir: string | null;
}
