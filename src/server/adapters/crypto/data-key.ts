import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { pooledRandomBytes } from '../../ids.ts';
import fs from 'node:fs';
import path from 'node:path';

// Original free text (before redaction) and "contact me" details are encrypted at rest with AES-256-GCM.
// The key comes from KUULO_SECRET (required when several instances share a PostgreSQL) or, on the embedded
// default, from a key file created once in the data directory.
const VERSION = 1;

export function deriveKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'kuulo', 'data-key-v1', 32));
}

export function loadDataKey(options: { secret?: string | undefined; dataDir: string }): Buffer {
  if (options.secret) return deriveKey(options.secret);
  const file = path.join(options.dataDir, 'secret.key');
  fs.mkdirSync(options.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(48).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return deriveKey(fs.readFileSync(file, 'utf8').trim());
}

/** version (1) ‖ iv (12) ‖ tag (16) ‖ ciphertext */
export function encrypt(key: Buffer, plaintext: string): Buffer {
  // A random 96-bit IV per message, as GCM needs; drawn from the pool, not a syscall each (bench/intake.ts profile).
  const iv = pooledRandomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

export function decrypt(key: Buffer, sealed: Uint8Array): string {
  const data = Buffer.from(sealed);
  if (data[0] !== VERSION) throw new Error('unknown ciphertext version');
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(1, 13));
  decipher.setAuthTag(data.subarray(13, 29));
  return Buffer.concat([decipher.update(data.subarray(29)), decipher.final()]).toString('utf8');
}
