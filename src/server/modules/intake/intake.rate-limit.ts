import { RateLimitedError } from '../../errors.ts';

// A token bucket per client key, in this process's memory. With several instances behind a load balancer each
// keeps its own buckets, so the effective limit is the per-instance rate times the number of instances; that is
// enough to stop a runaway kiosk or a script, which is all it is for (docs/intake.md).

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface RateLimiter {
  /** Takes one token for the key or throws RateLimitedError (code rate_limited) with the seconds to wait. */
  take(key: string): void;
  readonly size: number;
}

const MAX_KEYS = 100_000;

export function createRateLimiter(options: { perMinute: number; now?: () => number }): RateLimiter {
  const now = options.now ?? Date.now;
  const capacity = options.perMinute;
  const refillPerMs = options.perMinute / 60_000;
  const buckets = new Map<string, Bucket>();
  let lastSweep = now();

  function refilled(bucket: Bucket, at: number): number {
    return Math.min(capacity, bucket.tokens + (at - bucket.updatedAt) * refillPerMs);
  }

  // A full bucket is the same as no bucket: forget those, so random keys cannot grow the map without bound.
  function sweep(at: number): void {
    for (const [key, bucket] of buckets) if (refilled(bucket, at) >= capacity) buckets.delete(key);
    for (const key of buckets.keys()) {
      if (buckets.size <= MAX_KEYS) break;
      buckets.delete(key);
    }
    lastSweep = at;
  }

  return {
    take(key) {
      const at = now();
      if (at - lastSweep > 60_000 || buckets.size > MAX_KEYS) sweep(at);
      const bucket = buckets.get(key);
      const tokens = bucket ? refilled(bucket, at) : capacity;
      if (tokens < 1) {
        const seconds = Math.max(1, Math.ceil((1 - tokens) / refillPerMs / 1000));
        throw new RateLimitedError('rate_limited', 'errors.rate_limited', seconds);
      }
      buckets.set(key, { tokens: tokens - 1, updatedAt: at });
    },
    get size() {
      return buckets.size;
    },
  };
}
