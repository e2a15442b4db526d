import { expect, test } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decrypt, deriveKey, encrypt, loadDataKey } from './data-key.ts';

test('encrypted text decrypts with the same key and not with another', () => {
  const key = deriveKey('a'.repeat(40));
  const sealed = encrypt(key, 'Soita minulle 040 123 4567');
  expect(sealed.toString('utf8')).not.toContain('040');
  expect(decrypt(key, sealed)).toBe('Soita minulle 040 123 4567');
  expect(() => decrypt(deriveKey('b'.repeat(40)), sealed)).toThrow();
});

test('the same text encrypted many times never reuses an IV', () => {
  const key = deriveKey('a'.repeat(40));
  const ivs = new Set(
    Array.from({ length: 2000 }, () => encrypt(key, 'sama teksti').subarray(1, 13).toString('hex')),
  );
  expect(ivs.size).toBe(2000);
});

test('without a secret the key is created once in the data directory and reused', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-key-'));
  const first = loadDataKey({ dataDir: dir });
  const second = loadDataKey({ dataDir: dir });
  expect(first.equals(second)).toBe(true);
  expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
  fs.rmSync(dir, { recursive: true });
});
