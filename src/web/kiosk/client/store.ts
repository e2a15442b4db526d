// The device's own storage: IndexedDB survives browser restarts and days offline. 'meta' holds the credential
// and the configuration, 'queue' the answers not yet confirmed by the server (keyed by their submission id, so
// storing one twice cannot duplicate it).
import type { DeviceAnswer } from '../../../server/modules/kiosk/index.ts';

const DB_NAME = 'kuulo-kiosk';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export interface KioskStore {
  getMeta<T>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
  enqueue(answer: DeviceAnswer): Promise<void>;
  peek(limit: number): Promise<DeviceAnswer[]>;
  remove(ids: string[]): Promise<void>;
  count(): Promise<number>;
}

export async function openStore(): Promise<KioskStore> {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => {
    open.result.createObjectStore('meta');
    open.result.createObjectStore('queue', { keyPath: 'submissionId' });
  };
  const db = await request(open);
  const store = (name: string, mode: IDBTransactionMode) => db.transaction(name, mode).objectStore(name);
  return {
    getMeta: (key) => request(store('meta', 'readonly').get(key)),
    async setMeta(key, value) {
      const s = store('meta', 'readwrite');
      s.put(value, key);
      await done(s.transaction);
    },
    // Resolves only when the answer is on disk: the thank-you is never shown for an answer that could be lost.
    async enqueue(answer) {
      const s = store('queue', 'readwrite');
      s.put(answer);
      await done(s.transaction);
    },
    peek: (limit) => request(store('queue', 'readonly').getAll(null, limit)) as Promise<DeviceAnswer[]>,
    async remove(ids) {
      const s = store('queue', 'readwrite');
      for (const id of ids) s.delete(id);
      await done(s.transaction);
    },
    count: () => request(store('queue', 'readonly').count()),
  };
}
