import type { SlackMessage } from '../domain/outbox/outbox.ts';
import { section } from './block-kit.ts';

export interface RuntimeStatus {
  inboxes: Array<{ id: string; name: string; channelId: string; isDefault: boolean }>;
  tickets: number;
  outbox: { pending: number; sending: number; sent: number; failed: number };
}

export function buildHelpMessage(): SlackMessage {
  const text = [
    '*yorisoi* puts every Zendesk ticket into a Slack thread.',
    '• `/yorisoi status` — inboxes, tickets and the Slack delivery queue',
    '• `/yorisoi help` — this message',
    '• `/yorisoi map @user agent@company.com` — send replies as that Zendesk agent (`off` to stop)',
    '• `/yorisoi report [2026-W48]` — the team weekly report (response times, reopens, satisfaction), only to you',
    "• *Draft reply* — the button on a ticket's root message, or the message shortcut in its thread",
  ].join('\n');
  return { text, blocks: [section(text)] };
}

export function buildStatusMessage(s: RuntimeStatus): SlackMessage {
  const inboxes = s.inboxes.length
    ? s.inboxes.map((i) => `• *${i.name}* → <#${i.channelId}>${i.isDefault ? ' (default)' : ''}`).join('\n')
    : '_No inboxes yet: `yorisoi inboxes add` or YORISOI_INBOXES_FILE._';
  const text = `*Inboxes*\n${inboxes}\n\n*Tickets tracked:* ${s.tickets}\n*Slack queue:* ${s.outbox.pending} pending · ${s.outbox.sending} sending · ${s.outbox.sent} sent · ${s.outbox.failed} failed`;
  return { text, blocks: [section(text)] };
}
