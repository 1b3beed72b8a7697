// The webhook notifier: POSTs the event as JSON (format json) or as a Slack message (format slack).
// A 2xx answer is delivered; 408, 429 and 5xx answers and network errors are retried by the outbox;
// any other 4xx is permanent, since sending the same body again would be refused again.
import type { NotifierConfig } from '../config.js';
import { resolveSecret } from '../../config/secrets.js';
import { DeliveryError, type Notifier } from './notifier.js';
import { slackMessage } from './slack-format.js';

type WebhookConfig = Extract<NotifierConfig, { kind: 'webhook' }>;

export function webhookNotifier(c: WebhookConfig): Notifier {
  const url = resolveSecret(c.url, `monitoring.notifiers.${c.name}.url`)!;
  if (!URL.canParse(url)) throw new Error(`monitoring.notifiers.${c.name}.url is not a URL`);
  // A URL from the environment is a secret (Slack's path is the key): errors name only its origin.
  const shown = typeof c.url === 'string' ? url : `${new URL(url).origin}/… (${c.url.env})`;
  return {
    name: c.name,
    kind: 'webhook',
    async send(event) {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'sluice-monitoring' };
      for (const [k, v] of Object.entries(c.headers)) headers[k] = resolveSecret(v, `monitoring.notifiers.${c.name}.headers.${k}`)!;
      const body = JSON.stringify(c.format === 'slack' ? slackMessage(event) : event);
      let res: Response;
      try {
        res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(c.timeoutMs) });
      } catch (e) {
        const why =
          e instanceof Error && e.name === 'TimeoutError'
            ? `no answer within ${c.timeoutMs} ms`
            : (((e as Error).cause as Error | undefined)?.message ?? (e as Error).message);
        throw new DeliveryError(`POST ${shown} failed: ${why}`, false, { cause: e });
      }
      const text = await res.text().catch(() => '');
      if (res.ok) return;
      const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
      throw new DeliveryError(`POST ${shown} answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`, permanent);
    },
  };
}
