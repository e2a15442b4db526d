import { expect, test } from 'vitest';
import { emailHash } from './tokens.ts';

test('an e-mail hash groups the same address however it is typed', () => {
  const key = Buffer.alloc(32, 7);
  expect(emailHash(' Admin@Example.fi ', key)).toBe(emailHash('admin@example.fi', key));
  expect(emailHash('admin@example.fi', key)).not.toContain('admin');
});

test("one installation's e-mail hashes cannot be matched against another's", () => {
  expect(emailHash('admin@example.fi', Buffer.alloc(32, 1))).not.toBe(
    emailHash('admin@example.fi', Buffer.alloc(32, 2)),
  );
});
