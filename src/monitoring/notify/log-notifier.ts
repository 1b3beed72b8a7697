// The run log notifier: a transition is written into the log of the run that caused it (so
// `sluice logs RUN_ID` shows the alarm beside the failure) and into the monitor's own log
// (.sluice/logs/monitoring/alarms.jsonl), which keeps every transition.
import { appendRunLogLine, type LogLevel } from '../logs/run-logger.js';
import { headline, type Notifier } from './notifier.js';

export const ALARMS_LOG_ID = 'alarms';

export function logNotifier(root: string): Notifier {
  return {
    name: 'log',
    kind: 'log',
    async send(event) {
      const level: LogLevel = event.state !== 'ALARM' ? 'info' : event.severity === 'critical' ? 'error' : 'warn';
      const msg = `${headline(event)}: ${event.reason}`;
      if (event.run)
        appendRunLogLine(root, event.run.kind, event.run.id, level, msg, {
          alarm: event.alarm,
          state: event.state,
          subject: event.subject,
        });
      appendRunLogLine(root, 'monitoring', ALARMS_LOG_ID, level, msg, { event });
    },
  };
}
