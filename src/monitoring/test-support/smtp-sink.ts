// A real SMTP server on loopback (smtp-server) that keeps the messages it accepts, for e-mail notifier
// tests. It can refuse the next messages with a transient (4xx) or permanent (5xx) reply.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Mail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpSink {
  port: number;
  mails: Mail[];
  /** Refuses the next `n` messages with this SMTP reply code (e.g. 451 or 550). */
  refuseNext(n: number, code: number): void;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: Mail[] = [];
  let refusals = 0;
  let code = 451;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals--;
          const err = Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: code });
          return callback(err);
        }
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        mails.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    mails,
    refuseNext(n, c) {
      refusals = n;
      code = c;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
