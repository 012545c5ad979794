import { z } from 'zod';
import type { SlackMessage } from '../domain/outbox/outbox.ts';
import type { VoiceMessageInput, VoiceRenderer, VoiceSubscription } from '../domain/voice/voice-model.ts';
import {
  actions,
  button,
  context,
  header,
  input,
  type KnownBlock,
  type ModalView,
  modal,
  plainText,
  section,
  textInput,
} from './block-kit.ts';
import { ActionIds, BlockIds, InputIds, ViewIds } from './ids.ts';
import { escapeMrkdwn, splitText, truncate } from './mrkdwn.ts';

const stamp = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const tagList = (tags: string[]) =>
  tags.length ? tags.map((t) => `\`${escapeMrkdwn(t)}\``).join(' ') : '_no tags_';

/** The value of the "Request follow-up" button: which ticket the voice came from. */
export const FollowUpButtonValue = z.object({ t: z.string().regex(/^\d+$/) });
/** private_metadata of the follow-up modal. */
export const FollowUpMetadata = z.object({ t: z.string().regex(/^\d+$/), c: z.string().min(1) });

/**
 * A customer's message for a voice channel: verbatim (personal data already masked), never summarised or
 * trimmed. Like ticket threads, a long message becomes several messages of up to three 2,900-character
 * sections (Slack refuses much more per message). The first message of a ticket's thread carries the ticket,
 * its tags and the buttons.
 */
export function buildVoiceMessages(v: VoiceMessageInput): SlackMessage[] {
  const pieces = splitText(escapeMrkdwn(v.body || '(empty message)'), 2900);
  const total = Math.ceil(pieces.length / 3);
  const messages: SlackMessage[] = [];
  for (let i = 0; i < pieces.length; i += 3) {
    const n = i / 3 + 1;
    const part = total > 1 ? ` · part ${n} of ${total}` : '';
    const blocks: KnownBlock[] = [];
    if (v.isThreadRoot && i === 0) {
      blocks.push(
        section(`:loudspeaker: *<${v.zendeskUrl}|#${v.ticketZendeskId}> ${escapeMrkdwn(v.subject)}*`),
      );
      blocks.push(
        context(
          `${v.productName ? `*${escapeMrkdwn(v.productName)}* · ` : ''}${tagList(v.tags)} · ${stamp(v.at)}${part}`,
        ),
      );
    } else {
      blocks.push(
        context(
          `:speech_balloon: ${i === 0 ? 'The customer wrote' : 'continued'} · #${v.ticketZendeskId} · ${stamp(v.at)}${part}`,
        ),
      );
    }
    for (const text of pieces.slice(i, i + 3)) blocks.push(section(text));
    if (v.isThreadRoot && n === total) {
      blocks.push(
        actions([
          button(ActionIds.voiceOpenInZendesk, plainText('Open in Zendesk'), { url: v.zendeskUrl }),
          button(ActionIds.voiceRequestFollowUp, plainText('Request follow-up'), {
            value: JSON.stringify({ t: v.ticketZendeskId } satisfies z.input<typeof FollowUpButtonValue>),
          }),
        ]),
      );
    }
    messages.push({
      text: truncate(`Voice #${v.ticketZendeskId}${part}: ${pieces.slice(i, i + 3).join('')}`, 3000),
      blocks,
    });
  }
  return messages;
}

export const voiceRenderer: VoiceRenderer = { voice: buildVoiceMessages };

export function buildVoiceHelp(): SlackMessage {
  const text = [
    '*/voice* — the raw voice of customers in this channel, one thread per ticket, personal data masked.',
    '• `/voice subscribe product:photos tag:bug` — hear matching customer messages here. Terms: `product:` (inbox or brand), `tag:`, `form:`, `keyword:` (or bare words; "quote phrases"). Different terms must all match; repeated ones are alternatives. `/voice subscribe all` hears everything.',
    '• `/voice list` — this channel’s subscriptions',
    '• `/voice unsubscribe ID` — stop one',
    '• `/voice digest` — today’s voices by tag (a digest of each day is posted after the day ends)',
  ].join('\n');
  return { text, blocks: [section(text)] };
}

export function buildSubscribed(s: VoiceSubscription): SlackMessage {
  const text = `:loudspeaker: <#${s.channelId}> now hears customers matching \`${escapeMrkdwn(s.filterText)}\` (subscription \`${s.id}\`). Each message arrives verbatim with personal data masked, one thread per ticket.`;
  return { text, blocks: [section(text)] };
}

export function buildSubscriptionList(channelId: string, subs: VoiceSubscription[]): SlackMessage {
  const text = subs.length
    ? `*Voice subscriptions of <#${channelId}>*\n${subs
        .slice(0, 40)
        .map((s) => `• \`${s.id}\` ${escapeMrkdwn(truncate(s.filterText, 200))} — by <@${s.createdBy}>`)
        .join('\n')}${subs.length > 40 ? `\n…and ${subs.length - 40} more` : ''}`
    : `<#${channelId}> has no voice subscriptions. Try \`/voice subscribe product:photos tag:bug\`.`;
  return {
    text: truncate(text, 3000),
    blocks: [section(text)],
  };
}

export interface DigestVoice {
  ticketZendeskId: string;
  subject: string;
  tags: string[];
  at: Date;
  channelId: string;
  slackTs: string | null;
  zendeskUrl: string;
}

const permalink = (channel: string, ts: string) =>
  `https://slack.com/archives/${channel}/p${ts.replace('.', '')}`;

/**
 * The day's voices of one subscription, grouped by tag (a voice with two tags is listed under both), each
 * linking to its Slack message and its ticket. At most 50 blocks: whatever does not fit is counted, not cut.
 */
export function buildVoiceDigest(input: {
  subscription: VoiceSubscription;
  dayLabel: string;
  voices: DigestVoice[];
}): SlackMessage {
  const { subscription: s, voices } = input;
  const title = `Voices of ${input.dayLabel} — ${voices.length} message${voices.length === 1 ? '' : 's'}`;
  const blocks: KnownBlock[] = [
    header(plainText(title)),
    context(`Subscription \`${s.id}\`: ${escapeMrkdwn(s.filterText)}`),
  ];
  if (voices.length === 0) {
    blocks.push(section('_No customer message matched this day._'));
    return { text: title, blocks };
  }
  const byTag = new Map<string, DigestVoice[]>();
  for (const v of voices)
    for (const tag of v.tags.length ? v.tags : ['(no tag)']) byTag.set(tag, [...(byTag.get(tag) ?? []), v]);
  const tags = [...byTag.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  let omitted = 0;
  for (const [tag, list] of tags) {
    const lines = list.map((v) => {
      const link = v.slackTs
        ? `<${permalink(v.channelId, v.slackTs)}|${escapeMrkdwn(truncate(v.subject, 120))}>`
        : escapeMrkdwn(truncate(v.subject, 120));
      return `• ${link} · <${v.zendeskUrl}|#${v.ticketZendeskId}> · ${v.at.toISOString().slice(11, 16)} UTC`;
    });
    const sections = splitText([`*${escapeMrkdwn(tag)}* (${list.length})`, ...lines].join('\n'), 2900);
    for (const text of sections) {
      if (blocks.length >= 48) {
        omitted += 1;
        continue;
      }
      blocks.push(section(text));
    }
  }
  if (omitted > 0) blocks.push(context(`…${omitted} more section(s) did not fit in one message.`));
  return { text: title, blocks };
}

export function buildFollowUpModal(
  meta: z.input<typeof FollowUpMetadata>,
  subject: string | null,
): ModalView {
  return modal({
    callbackId: ViewIds.voiceFollowUp,
    privateMetadata: JSON.stringify(meta),
    title: plainText('Request follow-up'),
    submit: plainText('Send to support'),
    close: plainText('Cancel'),
    blocks: [
      section(
        `Ticket *#${meta.t}*${subject ? ` ${escapeMrkdwn(subject)}` : ''}. Your question goes to the support team's thread for this ticket.`,
      ),
      input(
        BlockIds.voiceFollowUpQuestion,
        plainText('What should support ask or check?'),
        textInput(InputIds.voiceFollowUpQuestion, { multiline: true, minLength: 1, maxLength: 2000 }),
      ),
    ],
  });
}

/** The question typed in the follow-up modal. */
export const FollowUpState = z.object({
  [BlockIds.voiceFollowUpQuestion]: z.object({
    [InputIds.voiceFollowUpQuestion]: z.object({ value: z.string().nullable().optional() }),
  }),
});

export function parseFollowUpQuestion(values: unknown): string {
  const parsed = FollowUpState.safeParse(values);
  return parsed.success
    ? (parsed.data[BlockIds.voiceFollowUpQuestion][InputIds.voiceFollowUpQuestion].value ?? '').trim()
    : '';
}

/** The question in the support thread, and the note left in the voice thread. */
export function buildFollowUpRequest(input: {
  userId: string;
  voiceChannelId: string;
  question: string;
}): SlackMessage {
  const text = `:raising_hand: <@${input.userId}> from <#${input.voiceChannelId}> asks for a follow-up:\n${escapeMrkdwn(input.question)}`;
  return {
    text: truncate(text, 3000),
    blocks: [section(text)],
  };
}

export function buildFollowUpNote(input: { userId: string; question: string }): SlackMessage {
  const text = `:outbox_tray: <@${input.userId}> asked support to follow up: ${escapeMrkdwn(input.question)}`;
  return {
    text: truncate(text, 3000),
    blocks: [context(text)],
  };
}
