import { expect, test } from 'vitest';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.ts';

test('the embedded default needs no configuration at all', () => {
  const config = loadConfig({});
  expect(config.port).toBe(3000);
  expect(config.databaseUrl).toBeUndefined();
  expect(config.dataDir).toBe(path.resolve('./data'));
  expect(config.publicUrl).toBe('http://localhost:3000');
  expect(config.seedDemo).toBe(true);
  expect(config.minGroupSize).toBe(5);
});

test('DATABASE_URL switches to PostgreSQL and PORT moves the public URL with it', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://x@db/kuulo', PORT: '8080' });
  expect(config.databaseUrl).toBe('postgres://x@db/kuulo');
  expect(config.publicUrl).toBe('http://localhost:8080');
});

test('invalid settings stop the start with a message naming each of them', () => {
  expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
  expect(() => loadConfig({ PORT: '70000', KUULO_SECRET: 'short' })).toThrow(/port.*secret|secret.*port/s);
});

test('https public URLs turn on secure cookies unless told otherwise', () => {
  expect(loadConfig({ KUULO_PUBLIC_URL: 'https://palaute.example.fi/' }).secureCookies).toBe(true);
  expect(loadConfig({ KUULO_PUBLIC_URL: 'https://palaute.example.fi/' }).publicUrl).toBe(
    'https://palaute.example.fi',
  );
  expect(loadConfig({ KUULO_PUBLIC_URL: 'https://x.fi', KUULO_SECURE_COOKIES: 'false' }).secureCookies).toBe(
    false,
  );
});
