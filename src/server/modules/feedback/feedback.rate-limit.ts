import { RateLimitedError } from '../../errors.ts';

// Every submission decodes and re-encodes images, so a script posting in a loop costs real CPU: a token bucket per
// client (the IP address for the form, the client id for Open311) in this process's memory stops that. Per
// instance, like intake's limit; generous enough that a person correcting a form never meets it.

export const WEB_PER_MINUTE = 20;
export const API_PER_MINUTE = 300;
const MAX_KEYS = 50_000;

export interface SubmitLimiter {
  /** Takes one token or throws RateLimitedError('rate_limited') with the seconds to wait. */
  take(key: string, perMinute: number): void;
}

export function createSubmitLimiter(now: () => number = Date.now): SubmitLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, perMinute) {
      const at = now();
      const perMs = perMinute / 60_000;
      const bucket = buckets.get(key);
      const tokens = bucket ? Math.min(perMinute, bucket.tokens + (at - bucket.at) * perMs) : perMinute;
      if (tokens < 1) {
        const seconds = Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
        throw new RateLimitedError('rate_limited', 'errors.rate_limited', seconds);
      }
      // Oldest keys go first when the map is full: random keys cannot grow it without bound.
      if (!bucket && buckets.size >= MAX_KEYS) buckets.delete(buckets.keys().next().value as string);
      buckets.set(key, { tokens: tokens - 1, at });
    },
  };
}
