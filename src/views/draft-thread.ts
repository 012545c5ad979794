import type { DraftVersion } from '../domain/drafting/draft.ts';
import type { DraftThreadRenderer } from '../domain/drafting/ports.ts';
import type { SlackMessage } from '../domain/outbox/outbox.ts';
import { type Locale, translator } from '../i18n/index.ts';
import { actions, button, context, plainText, section } from './block-kit.ts';
import { splitReply } from './draft-modal.ts';
import { ActionIds } from './ids.ts';
import { escapeMrkdwn, slackDate, truncate } from './mrkdwn.ts';

/** A draft's name as a thread message shows it (names are short; a long one is cut). */
const nm = (name: string) => escapeMrkdwn(truncate(name, 100));
/** Thread messages stay far below Slack's ~13k-character block budget (msg_blocks_too_long). */
const REPLY_SHOWN = 6000;

/**
 * Drafting's messages in the ticket's thread: channel posts, so in the workspace language
 * (`YORISOI_LOCALE`, default ja); times as Slack date tokens, so each reader sees their own local time.
 */
export function createDraftThreadRenderer(locale: Locale = 'ja'): DraftThreadRenderer {
  const t = translator(locale);
  const status = (s: string) => {
    const key = `status.${s}` as Parameters<typeof t>[0];
    const word = t(key);
    return word === key ? s : word;
  };

  /** The response policy, one line per field written: compact, and the reply below stays the focus. */
  function policyBlock(draft: DraftVersion) {
    const policy = (
      [
        ['dthread.policy_facts', draft.policy.facts],
        ['dthread.policy_situation', draft.policy.situation],
        ['dthread.policy_outline', draft.policy.outline],
        ['dthread.policy_alternatives', draft.policy.alternatives],
      ] as const
    )
      .filter(([, v]) => v?.trim())
      .map(([k, v]) =>
        t('dthread.policy_line', {
          label: t(k),
          value: escapeMrkdwn(truncate((v ?? '').replace(/\s*\n\s*/g, ' / '), 600)),
        }),
      )
      .join('\n');
    return section(`${t('dthread.policy')}\n${policy || t('dthread.policy_none')}`);
  }

  function replyBlocks(draft: DraftVersion, heading: string) {
    const reply = draft.body.trim() ? escapeMrkdwn(truncate(draft.body, REPLY_SHOWN)) : t('dthread.empty');
    return splitReply(reply, 2900)
      .slice(0, 3)
      .map((piece, i) => section(i === 0 ? `${heading}\n${piece}` : piece));
  }

  const openDraftButton = (draftId: string) =>
    button(ActionIds.draftOpenFromShare, plainText(t('dthread.open_draft')), {
      value: JSON.stringify({ d: draftId }),
    });

  return {
    shared({ draft, sharedBy, needsSecondApproval }): SlackMessage {
      const vars = { name: draft.name, version: draft.version, by: sharedBy };
      const value = JSON.stringify({ d: draft.draftId, v: draft.version });
      return {
        text: t('dthread.shared_text', { ...vars, name: nm(draft.name) }),
        blocks: [
          section(t('dthread.shared_header', { ...vars, name: nm(draft.name) })),
          policyBlock(draft),
          ...replyBlocks(draft, t('dthread.reply')),
          actions([
            button(ActionIds.draftApprove, plainText(t('dthread.approve', { version: draft.version })), {
              style: 'primary',
              value,
            }),
            button(ActionIds.copyDiscussion, plainText(t('dthread.copy_discussion'))),
            openDraftButton(draft.draftId),
          ]),
          context(t(needsSecondApproval ? 'dthread.shared_footer_second' : 'dthread.shared_footer')),
        ],
      };
    },

    sharedSent({ draft, send, at }): SlackMessage {
      const same = draft.version === send.version;
      const vars = {
        name: nm(draft.name),
        version: draft.version,
        sent: send.version,
        by: send.senderSlackId,
        when: slackDate(at),
      };
      return {
        text: t('dthread.shared_sent_text', {
          name: nm(draft.name),
          version: send.version,
          by: send.senderSlackId,
        }),
        blocks: [
          section(t(same ? 'dthread.shared_sent_header' : 'dthread.shared_sent_other', vars)),
          policyBlock(draft),
          ...replyBlocks(
            draft,
            same
              ? t('dthread.reply_sent')
              : t('dthread.reply_this_version', { version: draft.version, sent: send.version }),
          ),
          // Copying the discussion still makes sense after the send; approving and editing no longer do.
          actions([button(ActionIds.copyDiscussion, plainText(t('dthread.copy_discussion')))]),
          context(t('dthread.shared_sent_footer')),
        ],
      };
    },

    approved({ draft, approverSlackId, authorSlackId }): SlackMessage {
      const vars = { approver: approverSlackId, author: authorSlackId, version: draft.version };
      const text = t('dthread.approved', { ...vars, name: nm(draft.name) });
      return { text, blocks: [context(text)] };
    },

    sent({ send, draftName, senderName, at }): SlackMessage {
      if (send.kind === 'note') {
        const text = t('dthread.note_copied', { sender: escapeMrkdwn(senderName), when: slackDate(at) });
        return {
          text: t('dthread.note_copied_text', { sender: escapeMrkdwn(senderName) }),
          blocks: [context(text)],
        };
      }
      const what = t(send.public ? 'dthread.sent_public' : 'dthread.sent_internal', {
        sender: escapeMrkdwn(senderName),
      });
      const head = t('dthread.sent_header', {
        what,
        when: slackDate(at),
        name: nm(draftName),
        version: send.version,
        status: send.newStatus ? t('dthread.sent_status', { status: status(send.newStatus) }) : '',
      });
      return {
        text: what,
        blocks: [context(head), section(escapeMrkdwn(truncate(send.body || '(empty)', 2900)))],
      };
    },

    failed({ send, draftName, reason }): SlackMessage {
      const key =
        reason === 'not_found'
          ? 'dthread.failed_not_found'
          : reason === 'gave_up'
            ? 'dthread.failed_gave_up'
            : 'dthread.failed_rejected';
      const words = t(key, { name: nm(draftName), version: send.version });
      // The kept draft is one click away (not for a missing ticket: there is nothing to send it to).
      const button = send.draftId && reason !== 'not_found' ? [actions([openDraftButton(send.draftId)])] : [];
      return { text: t('dthread.failed_text'), blocks: [section(words), ...button] };
    },

    retrying({ send, draftName }): SlackMessage {
      const words = t('dthread.retrying', { name: nm(draftName), version: send.version });
      return { text: t('dthread.retrying_text'), blocks: [context(words)] };
    },

    snoozeWoke({ snooze, reason }): SlackMessage {
      const text =
        reason === 'customer'
          ? t('dthread.snooze_customer', { who: snooze.createdBySlackId })
          : t('dthread.snooze_time', {
              who: snooze.createdBySlackId,
              when: slackDate(snooze.until ?? new Date()),
            });
      return { text, blocks: [context(text)] };
    },
  };
}

/** The thread messages in the workspace default (Japanese). */
export const draftThreadRenderer: DraftThreadRenderer = createDraftThreadRenderer('ja');
