import nodemailer from 'nodemailer';
import type { Logger } from '../../logger.js';
import type { RenderedMail } from './mail-templates.js';

/** Sends one e-mail; rejects when the SMTP server does not accept it. */
export interface Mailer {
  send(to: string, mail: RenderedMail): Promise<void>;
  close(): void;
}

/**
 * Creates the SMTP mailer of `smtpUrl`, or returns null, logged once, when no SMTP server is
 * configured.
 */
export function createMailer(
  smtpUrl: string | undefined,
  from: string,
  logger: Logger,
): Mailer | null {
  if (!smtpUrl) {
    logger.info('SMTP_URL is not set, so notifications are not sent by e-mail');
    return null;
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(to, mail) {
      await transport.sendMail({ from, to, ...mail });
    },
    close: () => transport.close(),
  };
}
