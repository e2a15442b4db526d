import { randomFillSync } from 'node:crypto';

// Random bytes are drawn in blocks, as crypto.randomUUID does, so a busy intake does not pay a syscall per id or
// per IV. The block comes from the operating system's CSPRNG (randomFillSync); each caller gets its own copy.
const POOL_SIZE = 16 * 256;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;

/** `size` (≤ 4096) cryptographically random bytes, from a pool refilled in blocks. */
export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_SIZE) throw new RangeError(`at most ${POOL_SIZE} pooled random bytes at a time`);
  if (offset + size > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return bytes;
}

/**
 * A time-ordered UUID (RFC 9562 version 7). New rows land at the right edge of the primary-key index instead of
 * on random pages, which keeps bulk and batched inserts cheap on large tables.
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = pooledRandomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
