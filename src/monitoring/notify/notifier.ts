// The Notifier seam: where an alarm's transition is told. The run log (always), a webhook (generic
// JSON or a Slack message) or e-mail over SMTP. Notifiers are called by the outbox (outbox.ts), never
// by a run, so a slow or broken receiver cannot hold a run up.
import type { AlarmEvent } from '../alarms/alarm-store.js';

export interface Notifier {
  readonly name: string;
  readonly kind: 'log' | 'webhook' | 'email';
  /**
   * Delivers one event. Throws DeliveryError when the receiver refused or could not be reached;
   * `permanent` says that trying again would not help (a 4xx answer, a rejected address).
   */
  send(event: AlarmEvent): Promise<void>;
  close?(): Promise<void>;
}

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}

/** One line that says what happened, for subjects, Slack text and the run log. */
export function headline(e: AlarmEvent): string {
  const mark = e.state === 'ALARM' ? (e.severity === 'critical' ? 'CRITICAL' : 'WARNING') : e.state === 'OK' ? 'RESOLVED' : 'NO DATA';
  return `[${mark}] ${e.alarm} is ${e.state} for ${e.subject}`;
}
