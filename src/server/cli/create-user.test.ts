import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { Command } from 'commander';
import pino from 'pino';
import type { Kuulo } from '../composition.ts';
import { createStaffTestApp, postLogin, type StaffTestApp } from '../modules/staff/staff.testing.ts';
import { PASSWORD_ENV, createUserCommand, parseRoleSpec, readNewPassword } from './create-user.ts';
import type { WithKuulo } from './index.ts';

let t: StaffTestApp;
beforeAll(async () => {
  t = await createStaffTestApp('pglite');
});
afterAll(() => t.close());

function program(): Command {
  const fakeWithKuulo = (async (_config, _logger, fn) =>
    fn({ staff: t.staff } as unknown as Kuulo)) as WithKuulo;
  const root = new Command('kuulo').exitOverride().configureOutput({ writeErr: () => undefined });
  createUserCommand(root, fakeWithKuulo, () => pino({ level: 'silent' }));
  return root;
}

test('a role may be global or scoped to a unit id that itself contains colons', () => {
  expect(parseRoleSpec('admin')).toEqual([{ role: 'admin', unitId: null }]);
  expect(parseRoleSpec('manager:1.2.246.10:x', [{ role: 'admin', unitId: null }])).toEqual([
    { role: 'admin', unitId: null },
    { role: 'manager', unitId: '1.2.246.10:x' },
  ]);
  expect(() => parseRoleSpec('root')).toThrow(/unknown role/);
  expect(() => parseRoleSpec('admin:')).toThrow(/missing unit id/);
});

test('the password is read from standard input without its final line break', async () => {
  const stdin = new PassThrough();
  stdin.end('pass phrase with spaces 1\n');
  const password = await readNewPassword({
    passwordStdin: true,
    env: {},
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: process.stderr,
  });
  expect(password).toBe('pass phrase with spaces 1');
});

test('without any password source and no terminal the command refuses', async () => {
  const stdin = Object.assign(new PassThrough(), { isTTY: false });
  await expect(
    readNewPassword({
      passwordStdin: false,
      env: {},
      stdin: stdin as unknown as NodeJS.ReadStream,
      stderr: process.stderr,
    }),
  ).rejects.toThrow(PASSWORD_ENV);
});

test('a password given as a command-line option is not accepted', async () => {
  const root = program();
  await expect(
    root.parseAsync(['create-user', '--email', 'x@example.fi', '--name', 'X', '--password', 'secret'], {
      from: 'user',
    }),
  ).rejects.toThrow(/unknown option/);
});

test('create-user prints the new id and the user can sign in with the password from the environment', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  process.env[PASSWORD_ENV] = 'first admin password 2026';
  try {
    await program().parseAsync(
      [
        'create-user',
        '--email',
        'first@example.fi',
        '--name',
        'First Admin',
        '--role',
        'admin',
        '--locale',
        'sv',
      ],
      { from: 'user' },
    );
    expect(log.mock.calls[0]?.[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(process.env[PASSWORD_ENV]).toBeUndefined();
    const login = await postLogin(t.app, {
      email: 'first@example.fi',
      password: 'first admin password 2026',
    });
    expect(login.statusCode).toBe(303);
  } finally {
    log.mockRestore();
    delete process.env[PASSWORD_ENV];
  }
});

test('a weak password is refused with every problem explained', async () => {
  process.env[PASSWORD_ENV] = 'aaaa';
  try {
    await expect(
      program().parseAsync(['create-user', '--email', 'weak@example.fi', '--name', 'Weak'], { from: 'user' }),
    ).rejects.toThrow(/at least 12 characters[\s\S]*too simple/);
  } finally {
    delete process.env[PASSWORD_ENV];
  }
});
