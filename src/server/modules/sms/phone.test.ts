import { describe, expect, test } from 'vitest';
import { normalisePhone, personHash } from './phone.ts';

describe('phone numbers', () => {
  test.each([
    ['040 123 4567', '+358401234567'],
    ['+358 40 123 4567', '+358401234567'],
    ['00358401234567', '+358401234567'],
    ['358401234567', '+358401234567'],
    ['(040) 123-4567', '+358401234567'],
    ['+46 70 123 45 67', '+46701234567'],
  ])('%s is %s', (raw, e164) => {
    expect(normalisePhone(raw)).toBe(e164);
  });

  test.each(['', 'abc', '123', '+0401234567'])('"%s" is not a phone number', (raw) => {
    expect(normalisePhone(raw)).toBeUndefined();
  });

  test('the person hash depends on the key, not only on the number', () => {
    const a = personHash(Buffer.alloc(32, 1), '+358401234567');
    expect(a.equals(personHash(Buffer.alloc(32, 1), '+358401234567'))).toBe(true);
    expect(a.equals(personHash(Buffer.alloc(32, 2), '+358401234567'))).toBe(false);
    expect(a.toString('hex')).not.toContain('358401234567');
  });
});
