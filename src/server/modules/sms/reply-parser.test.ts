import { describe, expect, test } from 'vitest';
import { parseReply } from './reply-parser.ts';

describe('SMS replies', () => {
  test.each([
    ['9', 9, undefined],
    [' 9 ', 9, undefined],
    ['9 hyvä palvelu', 9, 'hyvä palvelu'],
    ['9/10', 9, undefined],
    ['10 / 10 kiitos', 10, 'kiitos'],
    ['0', 0, undefined],
    ['8, ystävällinen hoitaja', 8, 'ystävällinen hoitaja'],
    ['8\nystävällinen\nhoitaja', 8, 'ystävällinen hoitaja'],
  ])('"%s" is score %s with comment %s', (text, score, comment) => {
    expect(parseReply(text)).toEqual({ kind: 'answer', score, comment });
  });

  test.each(['stop', 'STOP', 'lopeta', ' Lopeta ', 'LOPETA.', 'sluta', 'Sluta!'])('"%s" opts out', (text) => {
    expect(parseReply(text)).toEqual({ kind: 'stop' });
  });

  test.each([
    ['hyvä palvelu', 'hyvä palvelu'],
    ['11 kertaa odotin', '11 kertaa odotin'],
    ['lopeta jonottaminen', 'lopeta jonottaminen'],
    ['95', '95'],
  ])('"%s" without a 0–10 score becomes a comment only', (text, comment) => {
    expect(parseReply(text)).toEqual({ kind: 'answer', score: undefined, comment });
  });

  test('an empty message is ignored', () => {
    expect(parseReply('  ')).toEqual({ kind: 'empty' });
  });
});
