import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

// The only reader of process.env: everything else receives a validated Config.
const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String(),
  databaseUrl: Type.Optional(Type.String({ minLength: 1 })),
  dataDir: Type.String({ minLength: 1 }),
  publicUrl: Type.String({ minLength: 1 }),
  seedDemo: Type.Boolean(),
  demoResponses: Type.Integer({ minimum: 0 }),
  logLevel: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
  ),
  secret: Type.Optional(Type.String({ minLength: 32 })),
  minGroupSize: Type.Integer({ minimum: 1 }),
  intakeRatePerMinute: Type.Integer({ minimum: 1 }),
  loginAttemptsPer15Min: Type.Integer({ minimum: 1 }),
  trustProxy: Type.Boolean(),
  secureCookies: Type.Boolean(),
  runJobs: Type.Boolean(),
  /** Where accessibility feedback goes, shown in the accessibility statement (e-mail or web address). */
  accessibilityContact: Type.Optional(Type.String({ minLength: 3 })),
});

export type Config = Static<typeof ConfigSchema>;

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  return Number(value);
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const port = int(env.PORT, 3000);
  const candidate: Config = {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.KUULO_DATA_DIR ?? './data'),
    publicUrl: (env.KUULO_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    seedDemo: bool(env.KUULO_SEED_DEMO, true),
    demoResponses: int(env.KUULO_DEMO_RESPONSES, 50_000),
    logLevel: (env.LOG_LEVEL ?? 'info') as Config['logLevel'],
    secret: env.KUULO_SECRET || undefined,
    minGroupSize: int(env.KUULO_MIN_GROUP_SIZE, 5),
    intakeRatePerMinute: int(env.KUULO_INTAKE_RATE_PER_MINUTE, 600),
    loginAttemptsPer15Min: int(env.KUULO_LOGIN_ATTEMPTS_PER_15MIN, 10),
    trustProxy: bool(env.KUULO_TRUST_PROXY, false),
    secureCookies: bool(env.KUULO_SECURE_COOKIES, (env.KUULO_PUBLIC_URL ?? '').startsWith('https:')),
    runJobs: bool(env.KUULO_RUN_JOBS, true),
    accessibilityContact: env.KUULO_ACCESSIBILITY_CONTACT || undefined,
    ...overrides,
  };
  const errors = [...Value.Errors(ConfigSchema, candidate)];
  if (errors.length > 0) {
    const detail = errors.map((e) => `${e.path || '/'}: ${e.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${detail}`);
  }
  return candidate;
}
