// The notifiers sluice.yaml configures, built once, plus the run log notifier that is always there.
import type { MonitoringConfig } from '../config.js';
import { emailNotifier } from './email.js';
import { logNotifier } from './log-notifier.js';
import type { Notifier } from './notifier.js';
import { webhookNotifier } from './webhook.js';

export function createNotifiers(root: string, m: Pick<MonitoringConfig, 'notifiers'>): Map<string, Notifier> {
  const out = new Map<string, Notifier>([['log', logNotifier(root)]]);
  for (const c of m.notifiers) out.set(c.name, c.kind === 'webhook' ? webhookNotifier(c) : emailNotifier(c));
  return out;
}
