import type { SlackMessage } from '../domain/outbox/outbox.ts';
import { type Translate, translator } from '../i18n/index.ts';
import { section } from './block-kit.ts';

export interface RuntimeStatus {
  inboxes: Array<{ id: string; name: string; channelId: string; isDefault: boolean }>;
  tickets: number;
  outbox: { pending: number; sending: number; sent: number; failed: number };
}

/** Every command of yorisoi, in the reader's language (`/yorisoi help`). */
export function buildHelpMessage(t: Translate = translator('ja')): SlackMessage {
  const keys = [
    'help.status',
    'help.volume',
    'help.map',
    'help.report',
    'help.template',
    'help.karte',
    'help.voice',
    'help.buttons',
    'help.help',
  ] as const;
  const text = [t('help.intro'), ...keys.map((k) => `• ${t(k)}`)].join('\n');
  return { text, blocks: [section(text)] };
}

export function buildStatusMessage(s: RuntimeStatus): SlackMessage {
  const inboxes = s.inboxes.length
    ? s.inboxes.map((i) => `• *${i.name}* → <#${i.channelId}>${i.isDefault ? ' (default)' : ''}`).join('\n')
    : '_No inboxes yet: `yorisoi inboxes add` or YORISOI_INBOXES_FILE._';
  const text = `*Inboxes*\n${inboxes}\n\n*Tickets tracked:* ${s.tickets}\n*Slack queue:* ${s.outbox.pending} pending · ${s.outbox.sending} sending · ${s.outbox.sent} sent · ${s.outbox.failed} failed`;
  return { text, blocks: [section(text)] };
}
