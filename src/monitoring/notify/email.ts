// The e-mail notifier: one message per transition over SMTP (nodemailer), the subject saying what
// happened and the body the reason and details. SMTP 5xx replies (a refused sender or recipient) are
// permanent; connection problems and 4xx replies are retried by the outbox.
import nodemailer from 'nodemailer';
import type { AlarmEvent } from '../alarms/alarm-store.js';
import type { NotifierConfig } from '../config.js';
import { resolveSecret } from '../../config/secrets.js';
import { DeliveryError, headline, type Notifier } from './notifier.js';

type EmailConfig = Extract<NotifierConfig, { kind: 'email' }>;

export function emailBody(e: AlarmEvent): string {
  const lines = [
    headline(e),
    '',
    e.reason,
    '',
    `Alarm:     ${e.alarm} (${e.rule}, ${e.severity})`,
    `Subject:   ${e.subject}`,
    `State:     ${e.previousState} -> ${e.state}`,
    `At:        ${e.at}`,
  ];
  if (e.value !== undefined) lines.push(`Value:     ${e.value}${e.threshold !== undefined ? ` (threshold ${e.threshold})` : ''}`);
  if (e.run) lines.push(`Run:       ${e.run.kind} ${e.run.id} (${e.run.name})`, `Logs:      sluice logs ${e.run.id}`);
  if (e.link) lines.push(`Dashboard: ${e.link}`);
  if (e.description) lines.push('', e.description);
  return `${lines.join('\n')}\n`;
}

export function emailNotifier(c: EmailConfig): Notifier {
  const what = `monitoring.notifiers.${c.name}`;
  const user = resolveSecret(c.user, `${what}.user`);
  const transport = nodemailer.createTransport({
    host: c.host,
    port: c.port,
    secure: c.secure,
    auth: user ? { user, pass: resolveSecret(c.password, `${what}.password`) ?? '' } : undefined,
    connectionTimeout: c.timeoutMs,
    greetingTimeout: c.timeoutMs,
    socketTimeout: c.timeoutMs,
  });
  return {
    name: c.name,
    kind: 'email',
    async send(event) {
      try {
        await transport.sendMail({ from: c.from, to: c.to, subject: headline(event), text: emailBody(event) });
      } catch (e) {
        const code = (e as { responseCode?: number }).responseCode;
        throw new DeliveryError(`SMTP ${c.host}:${c.port}: ${(e as Error).message}`, code !== undefined && code >= 500, { cause: e });
      }
    },
    async close() {
      transport.close();
    },
  };
}
