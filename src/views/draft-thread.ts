import type { DraftThreadRenderer } from '../domain/drafting/ports.ts';
import type { SlackMessage } from '../domain/outbox/outbox.ts';
import { actions, button, context, plainText, section } from './block-kit.ts';
import { splitReply } from './draft-modal.ts';
import { ActionIds } from './ids.ts';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
/** Thread messages stay far below Slack's ~13k-character block budget (msg_blocks_too_long). */
const REPLY_SHOWN = 6000;

export const draftThreadRenderer: DraftThreadRenderer = {
  shared({ draft, sharedBy, needsSecondApproval }): SlackMessage {
    const policy = [
      ['User facts', draft.policy.facts],
      ['Situation', draft.policy.situation],
      ['Outline', draft.policy.outline],
      ['Other candidates', draft.policy.alternatives],
    ]
      .filter(([, v]) => v?.trim())
      .map(([k, v]) => `*${k}*\n${escapeMrkdwn(truncate(v ?? '', 600))}`)
      .join('\n');
    const reply = draft.body.trim() ? escapeMrkdwn(truncate(draft.body, REPLY_SHOWN)) : '_(empty)_';
    const value = JSON.stringify({ d: draft.draftId, v: draft.version });
    return {
      text: `Draft for review — NOT SENT: ${draft.name} v${draft.version} by <@${sharedBy}>`,
      blocks: [
        context(
          `:memo: *Draft for review — NOT SENT to the customer* · *${escapeMrkdwn(draft.name)}* v${draft.version} by <@${sharedBy}>`,
        ),
        section(`*Response policy*\n${policy || '_(none written)_'}`),
        ...splitReply(reply, 2900)
          .slice(0, 3)
          .map((piece, i) => section(i === 0 ? `*Reply (draft)*\n${piece}` : piece)),
        actions([
          button(ActionIds.draftApprove, plainText(`Approve v${draft.version}`), { style: 'primary', value }),
          button(ActionIds.copyDiscussion, plainText('Copy discussion to Zendesk')),
          button(ActionIds.draftOpenFromShare, plainText('Open draft'), {
            value: JSON.stringify({ d: draft.draftId }),
          }),
        ]),
        context(
          `Discuss it here; nothing written in this thread reaches the customer.${needsSecondApproval ? " :warning: This customer's care chart asks for a second agent's approval before sending." : ''}`,
        ),
      ],
    };
  },

  approved({ draft, approverSlackId, authorSlackId }): SlackMessage {
    const text = `:white_check_mark: <@${approverSlackId}> approved *${escapeMrkdwn(draft.name)}* v${draft.version} (by <@${authorSlackId}>)`;
    return { text, blocks: [context(text)] };
  },

  sent({ send, draftName, senderName, at }): SlackMessage {
    if (send.kind === 'note') {
      const text = `:memo: Thread discussion copied to Zendesk as an internal note by ${escapeMrkdwn(senderName)} at ${when(at)}`;
      return { text, blocks: [context(text)] };
    }
    const kind = send.public ? 'Public reply' : 'Internal note';
    const status = send.newStatus ? ` · status → *${send.newStatus}*` : '';
    const head = `:outbox_tray: *${kind} sent by ${escapeMrkdwn(senderName)}* at ${when(at)} · ${escapeMrkdwn(draftName)} v${send.version}${status}`;
    return {
      text: `${kind} sent by ${senderName} at ${when(at)}`,
      blocks: [context(head), section(escapeMrkdwn(truncate(send.body || '(empty)', 2900)))],
    };
  },

  failed({ send, draftName, error }): SlackMessage {
    const text = `:x: Sending *${escapeMrkdwn(draftName)}* v${send.version} to Zendesk failed: ${escapeMrkdwn(truncate(error, 500))}\nThe draft is kept: open it, fix what is needed and send again.`;
    return { text: `Sending failed: ${truncate(error, 300)}`, blocks: [section(text)] };
  },

  snoozeWoke({ snooze, reason }): SlackMessage {
    const why = reason === 'customer' ? 'the customer wrote' : `it is ${when(snooze.until ?? new Date())}`;
    const text = `:alarm_clock: Snooze over (${why}) — <@${snooze.createdBySlackId}>, this ticket needs you again.`;
    return { text, blocks: [context(text)] };
  },
};
