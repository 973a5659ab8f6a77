import { Secret, TOTP } from 'otpauth';

// RFC 6238 defaults that every authenticator app supports: SHA-1, 6 digits, 30-second steps.
const period = 30;

function totpFor(secret: string, label = 'Stepwise'): TOTP {
  return new TOTP({
    issuer: 'Stepwise',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period,
    secret: Secret.fromBase32(secret),
  });
}

/** A new random base32 TOTP secret and its otpauth:// URI for QR codes. */
export function newTotpSecret(accountLabel: string): { secret: string; otpauthUri: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, otpauthUri: totpFor(secret, accountLabel).toString() };
}

/**
 * Checks a code, allowing one step of clock drift either way. Returns the time step the code belongs
 * to (so a code can be refused when reused), or null when it does not match.
 */
export function verifyTotp(secret: string, code: string, now = Date.now()): number | null {
  const delta = totpFor(secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / period) + delta;
}

/** The current code for a secret (tests and the CLI use it). */
export function currentTotp(secret: string, now = Date.now()): string {
  return totpFor(secret).generate({ timestamp: now });
}
