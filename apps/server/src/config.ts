import path from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable Stepwise reads, parsed once at start-up. README's configuration table
 * documents the same list; keep them together.
 */
const envSchema = z.object({
  /** Port the HTTP server listens on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address to bind. */
  HOST: z.string().default('0.0.0.0'),
  /** Folder for the embedded database (used when DATABASE_URL is not set). */
  STEPWISE_DATA_DIR: z.string().default('./data'),
  /** PostgreSQL server connection string; when set, the embedded database is not used. */
  DATABASE_URL: z.string().url().optional(),
  /** Connections in the pool when DATABASE_URL is set. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Minutes of inactivity after which a session ends (fractions allowed, e.g. 0.5). */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .min(0.05)
    .max(24 * 60)
    .default(15),
  /** Milliseconds a resolved session is reused before it is looked up again (0 turns the cache off). */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  /** Hours after sign-in at which a session ends however active it is. */
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Set when served behind HTTPS (directly or through a proxy): cookies get the Secure flag. */
  STEPWISE_SECURE_COOKIES: z.enum(['true', 'false', 'auto']).default('auto'),
  /** Trust X-Forwarded-* headers from a reverse proxy (for client addresses and HTTPS detection). */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** Failed sign-ins per account within 15 minutes before further attempts get 429. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  /** Failed sign-ins per client address within 15 minutes before further attempts get 429. */
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  /** Seed the demo organisations on first start of an embedded database: auto (default), or never. */
  STEPWISE_DEMO: z.enum(['auto', 'never']).default('auto'),
  /** Log level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Milliseconds between job queue polls when idle. */
  JOB_POLL_MS: z.coerce.number().int().min(50).default(1000),
  /** SMTP server for email notifications, e.g. smtp://user:pass@mail.example:587; unset: no email. */
  SMTP_URL: z
    .string()
    .url()
    .refine((url) => /^smtps?:/.test(url), 'must start with smtp:// or smtps://')
    .optional(),
  /** Sender of email notifications. */
  SMTP_FROM: z.string().min(3).default('Stepwise <no-reply@stepwise.invalid>'),
  /** The address staff open Stepwise at, used for links in emails (e.g. https://stepwise.clinic.example). */
  PUBLIC_URL: z.string().url().optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  sessionCacheMs: number;
  secureCookies: 'true' | 'false' | 'auto';
  trustProxy: boolean;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerAddress: number;
  demo: 'auto' | 'never';
  logLevel: string;
  jobPollMs: number;
  smtpUrl: string | undefined;
  smtpFrom: string;
  publicUrl: string | undefined;
  /** Folder of the built web app, served at `/` when it exists. */
  webDistDir: string;
}

export class ConfigError extends Error {}

/** Parses the environment into a Config; throws ConfigError naming the variable that is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`configuration: ${issue?.path.join('.') ?? 'environment'} ${issue?.message ?? ''}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.STEPWISE_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    sessionCacheMs: e.SESSION_CACHE_MS,
    secureCookies: e.STEPWISE_SECURE_COOKIES,
    trustProxy: e.TRUST_PROXY === 'true',
    loginMaxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    loginMaxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
    demo: e.STEPWISE_DEMO,
    logLevel: e.LOG_LEVEL,
    jobPollMs: e.JOB_POLL_MS,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    webDistDir: path.resolve(import.meta.dirname, '../../web/dist'),
  };
}
