// The Slack incoming-webhook message for an alarm event: `text` for notifications and clients that
// show only text, and Block Kit blocks for the rest. Mattermost and Rocket.Chat accept the same body.
import type { AlarmEvent } from '../alarms/alarm-store.js';
import { headline } from './notifier.js';

const EMOJI = { ALARM: ':rotating_light:', OK: ':white_check_mark:', INSUFFICIENT_DATA: ':grey_question:' } as const;

/** Slack's mrkdwn treats &, < and > as markup. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function slackMessage(e: AlarmEvent): { text: string; blocks: unknown[] } {
  const text = `${EMOJI[e.state]} ${headline(e)}`;
  const fields = [
    `*Alarm*\n${esc(e.alarm)} (${e.rule})`,
    `*State*\n${e.previousState} → ${e.state}`,
    `*Subject*\n${esc(e.subject)}`,
    `*Severity*\n${e.severity}`,
  ];
  if (e.run) fields.push(`*Run*\n${esc(e.run.kind)} ${esc(e.run.id)}`);
  const blocks: unknown[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${esc(text)}*\n${esc(e.reason)}` } },
    { type: 'section', fields: fields.map((t) => ({ type: 'mrkdwn', text: t })) },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Sluice · ${e.at}` }] },
  ];
  if (e.link)
    blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Sluice' }, url: e.link }] });
  return { text, blocks };
}
