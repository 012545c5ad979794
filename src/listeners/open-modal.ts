import type { WebClient } from '@slack/web-api';
import type { MessageKey, Translate } from '../i18n/index.ts';
import type { ModalView } from '../views/block-kit.ts';
import { buildLoadingView, buildProblemView } from '../views/loading.ts';

/** Slack's answers to views.update when the view is gone (closed, replaced) or was changed meanwhile. */
const MOVED_ON = new Set(['not_found', 'hash_conflict']);

/** A modal opened as a loading view, to be filled (or told what went wrong) with views.update. */
export interface OpenedModal {
  viewId?: string;
  /**
   * Replaces the loading view (with the hash: never over a view the user has moved on to). Answers
   * undefined, without throwing, when the user has closed it or opened another modal meanwhile (Slack:
   * not_found / hash_conflict): nobody is waiting for it any more.
   */
  fill(view: ModalView): Promise<{ hash?: string } | undefined>;
  /** Replaces the loading view with the reason in plain words; never throws. */
  fail(t: Translate, message: string, opts?: { back?: boolean }): Promise<void>;
}

/**
 * Opens — or, from inside a modal, pushes — a loading view with the click's trigger_id. Call it right after
 * the ack, before any other call (users.info for the reader's language, Zendesk, the database, the search):
 * the trigger_id expires 3 s after the click, and with Slack's own 100–600 ms per call, one call before
 * views.open is enough to miss it on a busy day. The real content follows with `fill`.
 */
export async function openLoadingModal(
  client: WebClient,
  triggerId: string,
  opts: { push?: boolean; text?: MessageKey } = {},
): Promise<OpenedModal> {
  const opened = await client.views[opts.push ? 'push' : 'open']({
    trigger_id: triggerId,
    view: buildLoadingView(opts.text),
  });
  const viewId = opened.view?.id;
  let hash = opened.view?.hash;
  const fill = async (view: ModalView) => {
    if (!viewId) return undefined;
    try {
      const r = await client.views.update({ view_id: viewId, ...(hash ? { hash } : {}), view });
      hash = r.view?.hash;
      return { hash };
    } catch (error) {
      if (MOVED_ON.has((error as { data?: { error?: string } }).data?.error ?? '')) return undefined;
      throw error;
    }
  };
  return {
    viewId,
    fill,
    async fail(t, message, failOpts = {}) {
      if (!viewId) return;
      await client.views
        .update({ view_id: viewId, view: buildProblemView(t, message, failOpts) })
        .catch(() => undefined);
    },
  };
}
