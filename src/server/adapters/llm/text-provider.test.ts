import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createOpenAiCompatibleProvider, TextProviderError } from './text-provider.ts';

// A real HTTP server implementing the chat-completions endpoint; the test asserts on what it received.
const received: {
  path: string;
  auth: string | undefined;
  body: { model: string; messages: { role: string; content: string }[] };
}[] = [];
let server: http.Server;
let baseUrl: string;
let status = 200;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let data = '';
    request.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ path: request.url ?? '', auth: request.headers.authorization, body: JSON.parse(data) });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          choices: [{ message: { role: 'assistant', content: ' Pitkät odotusajat puhelimessa. ' } }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('a theme summary is asked from the endpoint with redacted comments only', async () => {
  const provider = createOpenAiCompatibleProvider({ baseUrl, model: 'local-small', apiKey: 'k-123' });
  const summary = await provider.summariseTheme({
    theme: 'Puhelinpalvelu',
    language: 'fi',
    comments: [
      'Soitin numeroon 040 123 4567 monta kertaa',
      'Hetuni 010190-123A, lääkäri Virtanen ei soittanut takaisin',
      'mail: matti@example.fi',
    ],
  });
  expect(summary).toBe('Pitkät odotusajat puhelimessa.');
  const request = received.at(-1);
  expect(request?.path).toBe('/v1/chat/completions');
  expect(request?.auth).toBe('Bearer k-123');
  expect(request?.body.model).toBe('local-small');
  const sent = JSON.stringify(request?.body);
  for (const secret of ['040 123 4567', '010190-123A', 'Virtanen', 'matti@example.fi'])
    expect(sent).not.toContain(secret);
  expect(sent).toContain('[phone]');
  expect(sent).toContain('[personal-id]');
  expect(sent).toContain('Finnish');
});

test('cluster names come from the same endpoint; an error status is a TextProviderError', async () => {
  const provider = createOpenAiCompatibleProvider({ baseUrl, model: 'm' });
  expect(await provider.nameCluster({ language: 'sv', comments: ['ingen svarade'] })).toBe(
    'Pitkät odotusajat puhelimessa.',
  );
  expect(received.at(-1)?.auth).toBeUndefined();
  status = 500;
  await expect(provider.nameCluster({ language: 'en', comments: ['x'] })).rejects.toThrow(TextProviderError);
  status = 200;
  const unreachable = createOpenAiCompatibleProvider({
    baseUrl: 'http://127.0.0.1:1/v1',
    model: 'm',
    timeoutMs: 2000,
  });
  await expect(unreachable.nameCluster({ language: 'en', comments: ['x'] })).rejects.toThrow(
    /could not be reached/,
  );
});
