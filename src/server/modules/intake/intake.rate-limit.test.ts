import { expect, test } from 'vitest';
import { createRateLimiter } from './intake.rate-limit.ts';
import { RateLimitedError } from '../../errors.ts';

function limiter(perMinute: number) {
  let time = 1_000_000;
  const rl = createRateLimiter({ perMinute, now: () => time });
  return { rl, advance: (ms: number) => (time += ms) };
}

function rejection(fn: () => void): RateLimitedError | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof RateLimitedError) return error;
    throw error;
  }
  return undefined;
}

test('a client may send a minute’s worth at once, then waits for tokens to refill', () => {
  const { rl, advance } = limiter(60);
  for (let i = 0; i < 60; i++) rl.take('a');
  const error = rejection(() => rl.take('a'));
  expect(error?.code).toBe('rate_limited');
  expect(error?.retryAfterSeconds).toBe(1);
  advance(1000);
  expect(rejection(() => rl.take('a'))).toBeUndefined();
  expect(rejection(() => rl.take('a'))).toBeDefined();
});

test('retry-after tells how long until one token is back', () => {
  const { rl } = limiter(6);
  for (let i = 0; i < 6; i++) rl.take('a');
  expect(rejection(() => rl.take('a'))?.retryAfterSeconds).toBe(10);
});

test('clients are limited separately', () => {
  const { rl } = limiter(2);
  rl.take('a');
  rl.take('a');
  expect(rejection(() => rl.take('a'))).toBeDefined();
  expect(rejection(() => rl.take('b'))).toBeUndefined();
});

test('idle clients are forgotten so the table cannot grow without bound', () => {
  const { rl, advance } = limiter(10);
  for (let i = 0; i < 1000; i++) rl.take(`client-${i}`);
  expect(rl.size).toBe(1000);
  advance(61_000);
  rl.take('late');
  expect(rl.size).toBe(1);
});
