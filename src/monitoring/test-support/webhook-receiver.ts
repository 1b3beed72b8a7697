// A real HTTP receiver on loopback for notifier tests: records every POST, and answers the first
// `failures` of them with `failStatus` (or drops the connection) to exercise retries.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: any;
  status: number;
}

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** Answers from now on: the status for the next `failures` requests, then 200. */
  failNext(failures: number, status: number | 'drop'): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Received[] = [];
  let failures = 0;
  let failStatus: number | 'drop' = 500;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const failing = failures > 0;
      if (failing) failures--;
      if (failing && failStatus === 'drop') {
        req.socket.destroy();
        return;
      }
      const status = failing ? (failStatus as number) : 200;
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body: text ? JSON.parse(text) : undefined, status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(failing ? 'try later' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    failNext(n, status) {
      failures = n;
      failStatus = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
