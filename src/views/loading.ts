import { bilingual, type MessageKey, type Translate } from '../i18n/index.ts';
import { type ModalView, modal, plain, section } from './block-kit.ts';
import { ViewIds } from './ids.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/**
 * The view a modal opens with while yorisoi asks Zendesk (or the search index) for its content: the trigger_id
 * lives 3 s and Zendesk may take longer, so the modal opens at once and `views.update` fills it in.
 */
export function buildLoadingView(text: MessageKey = 'ops.loading.text'): ModalView {
  // Both languages: finding the reader's own (users.info) would be one more call before views.open.
  return modal({
    callbackId: ViewIds.loading,
    title: plain(oneLine('ops.loading.title')),
    close: plain(oneLine('common.close')),
    blocks: [section(bilingual(text))],
  });
}

const oneLine = (key: MessageKey) => bilingual(key).replace('\n', ' / ');

/** What replaces a loading view when the work failed: the reason in plain words, never API details. */
export function buildProblemView(t: Translate, message: string, opts: { back?: boolean } = {}): ModalView {
  return modal({
    callbackId: ViewIds.problem,
    title: plain(t('ops.error.title')),
    close: plain(t('common.close')),
    blocks: [
      section(`:warning: ${escapeMrkdwn(message)}`),
      ...(opts.back ? [section(t('ops.error.back'))] : []),
    ],
  });
}
