import { z } from 'zod';
import type { SlackMessage } from '../domain/outbox/outbox.ts';
import type { VoiceServiceRenderer } from '../domain/voice/ports.ts';
import type { VoiceMessageInput, VoiceRenderer, VoiceSubscription } from '../domain/voice/voice-model.ts';
import type { Translate } from '../i18n/index.ts';
import {
  actions,
  button,
  confirmDialog,
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
import { escapeMrkdwn, slackDate, splitText, truncate } from './mrkdwn.ts';

/** A moment in each reader's own time zone (Slack's date token). */
const stamp = (d: Date) => slackDate(d);
const tagList = (t: Translate, tags: string[]) =>
  tags.length ? tags.map((tag) => `\`${escapeMrkdwn(tag)}\``).join(' ') : t('voice.no_tags');

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
export function buildVoiceMessages(t: Translate, v: VoiceMessageInput): SlackMessage[] {
  const pieces = splitText(escapeMrkdwn(v.body || t('voice.empty_message')), 2900);
  const total = Math.ceil(pieces.length / 3);
  const messages: SlackMessage[] = [];
  for (let i = 0; i < pieces.length; i += 3) {
    const n = i / 3 + 1;
    const part = total > 1 ? t('voice.part', { n, total }) : '';
    const blocks: KnownBlock[] = [];
    if (v.isThreadRoot && i === 0) {
      blocks.push(
        section(`:loudspeaker: *<${v.zendeskUrl}|#${v.ticketZendeskId}> ${escapeMrkdwn(v.subject)}*`),
      );
      blocks.push(
        context(
          `${v.productName ? `*${escapeMrkdwn(v.productName)}* · ` : ''}${tagList(t, v.tags)} · ${stamp(v.at)}${part}`,
        ),
      );
    } else {
      blocks.push(
        context(
          `:speech_balloon: ${t(i === 0 ? 'voice.customer_wrote' : 'voice.continued')} · #${v.ticketZendeskId} · ${stamp(v.at)}${part}`,
        ),
      );
    }
    for (const text of pieces.slice(i, i + 3)) blocks.push(section(text));
    if (v.isThreadRoot && n === total) {
      blocks.push(
        actions([
          button(ActionIds.voiceOpenInZendesk, plainText(t('common.open_in_zendesk')), { url: v.zendeskUrl }),
          button(ActionIds.voiceRequestFollowUp, plainText(t('voice.request_follow_up')), {
            value: JSON.stringify({ t: v.ticketZendeskId } satisfies z.input<typeof FollowUpButtonValue>),
          }),
        ]),
      );
    }
    messages.push({
      text: truncate(
        t('voice.message_text', { id: v.ticketZendeskId, part, body: pieces.slice(i, i + 3).join('') }),
        3000,
      ),
      blocks,
    });
  }
  return messages;
}

/** Voice threads in the workspace's language (channel posts every member reads). */
export const createVoiceRenderer = (t: Translate): VoiceRenderer => ({
  voice: (v) => buildVoiceMessages(t, v),
});

/** Digests and follow-up notes in the workspace's language. */
export const createVoiceServiceRenderer = (t: Translate): VoiceServiceRenderer => ({
  digest: (input) => buildVoiceDigest(t, input),
  followUpRequest: (input) => buildFollowUpRequest(t, input),
  followUpNote: (input) => buildFollowUpNote(t, input),
});

export function buildVoiceHelp(t: Translate): SlackMessage {
  const text = t('voice.help');
  return { text, blocks: [section(text)] };
}

export function buildSubscribed(t: Translate, s: VoiceSubscription): SlackMessage {
  const text = t('voice.subscribed', {
    channel: s.channelId,
    filter: escapeMrkdwn(s.filterText),
    id: s.id,
  });
  return { text, blocks: [section(text)] };
}

/** Subscriptions listed at most per message (one section each, with its Remove button). */
export const SUBSCRIPTIONS_SHOWN = 40;

/**
 * A channel's voice subscriptions, each with a Remove button (a confirmation first), so nobody types ids.
 * `notice` (e.g. "Removed …") heads the list when it is redrawn after a removal.
 */
export function buildSubscriptionList(
  t: Translate,
  channelId: string,
  subs: VoiceSubscription[],
  notice?: string,
): SlackMessage {
  const blocks: KnownBlock[] = notice ? [context(notice)] : [];
  if (subs.length === 0) {
    const text = t('voice.list_empty', { channel: channelId });
    blocks.push(section(text));
    return { text: notice ? `${notice}\n${text}` : text, blocks };
  }
  const heading = t('voice.list_heading', { channel: channelId });
  blocks.push(section(heading));
  for (const s of subs.slice(0, SUBSCRIPTIONS_SHOWN)) {
    const filter = truncate(s.filterText, 200);
    blocks.push(
      section(
        t('voice.list_item', {
          id: s.id,
          filter: escapeMrkdwn(filter),
          who: `<@${s.createdBy}>`,
          when: slackDate(s.createdAt, '{date_short}', s.createdAt.toISOString().slice(0, 10)),
        }),
        {
          accessory: button(ActionIds.voiceUnsubscribe, plainText(t('voice.remove')), {
            value: s.id,
            style: 'danger',
            confirm: confirmDialog({
              title: t('voice.remove_confirm_title'),
              text: t('voice.remove_confirm_text', { filter: truncate(s.filterText, 150) }),
              confirm: t('voice.remove'),
              deny: t('common.cancel'),
              style: 'danger',
            }),
          }),
        },
      ),
    );
  }
  if (subs.length > SUBSCRIPTIONS_SHOWN)
    blocks.push(context(t('voice.list_more', { count: subs.length - SUBSCRIPTIONS_SHOWN })));
  const text = [
    notice,
    heading,
    ...subs
      .slice(0, SUBSCRIPTIONS_SHOWN)
      .map((s) => `• \`${s.id}\` ${escapeMrkdwn(truncate(s.filterText, 60))}`),
  ]
    .filter(Boolean)
    .join('\n');
  return { text: truncate(text, 3000), blocks };
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
export function buildVoiceDigest(
  t: Translate,
  input: {
    subscription: VoiceSubscription;
    dayLabel: string;
    voices: DigestVoice[];
  },
): SlackMessage {
  const { subscription: s, voices } = input;
  const title = t('voice.digest_title', { day: input.dayLabel, count: voices.length });
  const blocks: KnownBlock[] = [
    header(plainText(title)),
    context(t('voice.digest_subscription', { id: s.id, filter: escapeMrkdwn(s.filterText) })),
  ];
  if (voices.length === 0) {
    blocks.push(section(t('voice.digest_none')));
    return { text: title, blocks };
  }
  const byTag = new Map<string, DigestVoice[]>();
  for (const v of voices)
    for (const tag of v.tags.length ? v.tags : [t('voice.digest_no_tag')])
      byTag.set(tag, [...(byTag.get(tag) ?? []), v]);
  const tags = [...byTag.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  let omitted = 0;
  for (const [tag, list] of tags) {
    const lines = list.map((v) => {
      const link = v.slackTs
        ? `<${permalink(v.channelId, v.slackTs)}|${escapeMrkdwn(truncate(v.subject, 120))}>`
        : escapeMrkdwn(truncate(v.subject, 120));
      return `• ${link} · <${v.zendeskUrl}|#${v.ticketZendeskId}> · ${slackDate(v.at, '{time}')}`;
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
  if (omitted > 0) blocks.push(context(t('voice.digest_omitted', { count: omitted })));
  return { text: title, blocks };
}

export function buildFollowUpModal(
  t: Translate,
  meta: z.input<typeof FollowUpMetadata>,
  subject: string | null,
): ModalView {
  return modal({
    callbackId: ViewIds.voiceFollowUp,
    privateMetadata: JSON.stringify(meta),
    title: plainText(t('voice.follow_up_title')),
    submit: plainText(t('voice.follow_up_submit')),
    close: plainText(t('common.cancel')),
    blocks: [
      section(
        t('voice.follow_up_intro', { id: meta.t, subject: subject ? ` ${escapeMrkdwn(subject)}` : '' }),
      ),
      input(
        BlockIds.voiceFollowUpQuestion,
        plainText(t('voice.follow_up_label')),
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
export function buildFollowUpRequest(
  t: Translate,
  input: { userId: string; voiceChannelId: string; question: string },
): SlackMessage {
  const text = t('voice.follow_up_request', {
    user: input.userId,
    channel: input.voiceChannelId,
    question: escapeMrkdwn(input.question),
  });
  return {
    text: truncate(text, 3000),
    blocks: [section(text)],
  };
}

export function buildFollowUpNote(t: Translate, input: { userId: string; question: string }): SlackMessage {
  const text = t('voice.follow_up_note', { user: input.userId, question: escapeMrkdwn(input.question) });
  return {
    text: truncate(text, 3000),
    blocks: [context(text)],
  };
}
