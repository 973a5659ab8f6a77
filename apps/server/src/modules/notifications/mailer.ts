import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.js';

/** One email: plain text, to one address. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export type SendMail = (mail: Mail) => Promise<void>;

const transports = new Map<string, Transporter>();

/**
 * Sends through the SMTP server named by `SMTP_URL` (e.g. `smtp://user:pass@mail.example:587`;
 * `smtps://` for implicit TLS). Returns null when email is not configured. Transports are pooled per URL.
 */
export function mailerFor(config: Config): SendMail | null {
  const url = config.smtpUrl;
  if (!url) return null;
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  const sender = transport;
  return async (mail) => {
    await sender.sendMail({ from: config.smtpFrom, to: mail.to, subject: mail.subject, text: mail.text });
  };
}
