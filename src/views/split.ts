import { z } from 'zod';
import type { SplitOutcome, SplitRefusal } from '../domain/split/split-service.ts';
import type { Translate } from '../i18n/index.ts';
import { context, type KnownBlock, type ModalView, modal, plain, section } from './block-kit.ts';
import { ViewIds } from './ids.ts';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';

/** Where the split message is: channel, message ts, thread ts (the modal's private_metadata). */
export const zSplitMeta = z.object({ c: z.string(), ts: z.string(), th: z.string().nullable() });
export type SplitMeta = z.infer<typeof zSplitMeta>;

/** "Split into a new ticket?": the message quoted, what will happen, Split / Cancel. */
export function buildSplitConfirmModal(
  input: { ticketZendeskId: string; requesterName: string | null; body: string; meta: SplitMeta },
  t: Translate,
): ModalView & { blocks: KnownBlock[] } {
  const quote = truncate(input.body, 2500)
    .split('\n')
    .map((line) => `> ${escapeMrkdwn(line)}`)
    .join('\n');
  return modal({
    callbackId: ViewIds.splitConfirm,
    privateMetadata: JSON.stringify(input.meta),
    title: plain(t('split.modal.title'), 24),
    submit: plain(t('split.modal.submit'), 24),
    close: plain(t('split.modal.close'), 24),
    blocks: [
      section(
        escapeMrkdwn(
          t('split.modal.intro', { requester: input.requesterName ?? '—', ticket: input.ticketZendeskId }),
        ),
      ),
      section(quote),
      context(escapeMrkdwn(t('split.modal.after'))),
    ],
  });
}

/** The ephemeral answer after a split (or a refused one), in the reader's language. */
export function splitAnswerText(
  outcome: SplitOutcome | { kind: 'refused'; reason: SplitRefusal },
  t: Translate,
  ticketUrl: (id: string) => string,
): string {
  switch (outcome.kind) {
    case 'created':
      return t('split.done', {
        ticket: outcome.sourceZendeskId,
        new: outcome.newZendeskId,
        url: ticketUrl(outcome.newZendeskId),
      });
    case 'already':
      return t('split.already', { new: outcome.newZendeskId, url: ticketUrl(outcome.newZendeskId) });
    case 'in_progress':
      return t('split.in_progress');
    case 'in_doubt':
      return t('split.in_doubt');
    case 'failed':
      return t('split.failed', { reason: escapeMrkdwn(outcome.reason) });
    case 'refused':
      return t(`split.${outcome.reason}`);
  }
}
