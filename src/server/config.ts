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
  /** Headless Chromium for PDF reports (quarterly review). */
  chromiumPath: Type.String({ minLength: 1 }),
  /** Who may frame the public results embed (CSP frame-ancestors), e.g. "https://www.example.fi"; default any. */
  embedAncestors: Type.String({ minLength: 1, pattern: '^[^;,\\r\\n]+$' }),
  /** SMS gateway for visit surveys (docs/sms.md): kannel, https (a generic signed HTTPS API) or none. */
  smsGateway: Type.Union([Type.Literal('kannel'), Type.Literal('https'), Type.Literal('none')]),
  /** Kannel smsbox sendsms address. */
  smsKannelUrl: Type.String({ pattern: '^https?://' }),
  smsKannelUsername: Type.String({ minLength: 1 }),
  smsKannelPassword: Type.Optional(Type.String({ minLength: 1 })),
  /** Sender shown on phones. */
  smsSender: Type.String({ minLength: 1, maxLength: 16 }),
  /** Kuulo's address as the gateway reaches it (delivery reports); defaults to publicUrl. */
  smsCallbackBaseUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
  /** Shared token in Kannel's callback URLs; derived from the data key when unset. */
  smsCallbackToken: Type.Optional(Type.String({ minLength: 16 })),
  smsHttpsUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
  smsHttpsSecret: Type.Optional(Type.String({ minLength: 16 })),
  /** SMTP server for outgoing e-mail, e.g. smtp://user:pass@mail.example:587 or smtps://…; unset: mail is refused. */
  smtpUrl: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  /** Sender of outgoing e-mail, e.g. "Kuulo <palaute@example.fi>". */
  mailFrom: Type.String({ minLength: 3 }),
  /** Optional OpenAI-compatible endpoint (…/v1) for theme summaries; unset: off. Only redacted text is sent. */
  analysisLlmUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
  analysisLlmModel: Type.String({ minLength: 1 }),
  analysisLlmApiKey: Type.Optional(Type.String({ minLength: 1 })),
  /** Optional directory of a local ONNX sentence-embedding model (docs/text-analysis.md); unset: off. */
  analysisEmbeddingsDir: Type.Optional(Type.String({ minLength: 1 })),
  /** OpenID Connect sign-in for staff: the provider's issuer URL; unset: local accounts only. */
  oidcIssuer: Type.Optional(Type.String({ pattern: '^https?://' })),
  oidcClientId: Type.Optional(Type.String({ minLength: 1 })),
  oidcClientSecret: Type.Optional(Type.String({ minLength: 1 })),
  /** Defaults to PUBLIC_URL/staff/login/oidc/callback; register it at the provider. */
  oidcRedirectUri: Type.Optional(Type.String({ pattern: '^https?://' })),
  /** How an identity finds its staff account the first time: a verified e-mail, or only a linked subject. */
  oidcMatch: Type.Union([Type.Literal('email'), Type.Literal('subject')]),
  /** The sign-in button's label, e.g. the organisation's name for its identity service. */
  oidcLabel: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
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
    chromiumPath: env.KUULO_CHROMIUM || '/usr/bin/chromium',
    embedAncestors: env.KUULO_EMBED_ANCESTORS || '*',
    smsGateway: (env.KUULO_SMS_GATEWAY || 'none') as Config['smsGateway'],
    smsKannelUrl: env.KUULO_SMS_KANNEL_URL || 'http://127.0.0.1:13013/cgi-bin/sendsms',
    smsKannelUsername: env.KUULO_SMS_KANNEL_USERNAME || 'kuulo',
    smsKannelPassword: env.KUULO_SMS_KANNEL_PASSWORD || undefined,
    smsSender: env.KUULO_SMS_SENDER || 'Kuulo',
    smsCallbackBaseUrl: env.KUULO_SMS_CALLBACK_URL || undefined,
    smsCallbackToken: env.KUULO_SMS_CALLBACK_TOKEN || undefined,
    smsHttpsUrl: env.KUULO_SMS_HTTPS_URL || undefined,
    smsHttpsSecret: env.KUULO_SMS_HTTPS_SECRET || undefined,
    smtpUrl: env.KUULO_SMTP_URL || undefined,
    mailFrom: env.KUULO_MAIL_FROM || 'Kuulo <noreply@localhost>',
    analysisLlmUrl: env.KUULO_ANALYSIS_LLM_URL || undefined,
    analysisLlmModel: env.KUULO_ANALYSIS_LLM_MODEL || 'default',
    analysisLlmApiKey: env.KUULO_ANALYSIS_LLM_API_KEY || undefined,
    analysisEmbeddingsDir: env.KUULO_ANALYSIS_EMBEDDINGS_DIR || undefined,
    oidcIssuer: env.KUULO_OIDC_ISSUER || undefined,
    oidcClientId: env.KUULO_OIDC_CLIENT_ID || undefined,
    oidcClientSecret: env.KUULO_OIDC_CLIENT_SECRET || undefined,
    oidcRedirectUri: env.KUULO_OIDC_REDIRECT_URI || undefined,
    oidcMatch: (env.KUULO_OIDC_MATCH || 'email') as Config['oidcMatch'],
    oidcLabel: env.KUULO_OIDC_LABEL || undefined,
    ...overrides,
  };
  const errors = [...Value.Errors(ConfigSchema, candidate)];
  if (errors.length > 0) {
    const detail = errors.map((e) => `${e.path || '/'}: ${e.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${detail}`);
  }
  return candidate;
}
