import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { TemplateEditorPolicy } from '../domain/templates/template-editors.ts';
import { asYorisoiError } from '../errors.ts';
import { bilingual, type Translate, translator } from '../i18n/index.ts';
import type { ModalView } from '../views/block-kit.ts';
import { buildTemplateNoticeModal } from '../views/templates.ts';
import { type OpenedModal, openLoadingModal } from './open-modal.ts';

/** The parts of a block_actions payload template listeners read; zod at the boundary. */
export const blockActionBody = z.object({
  user: z.object({ id: z.string() }),
  trigger_id: z.string(),
  channel: z.object({ id: z.string() }).optional(),
  message: z.looseObject({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  container: z
    .looseObject({
      type: z.string(),
      thread_ts: z.string().optional(),
      channel_id: z.string().optional(),
      message_ts: z.string().optional(),
    })
    .optional(),
  view: z
    .looseObject({ id: z.string(), hash: z.string().optional(), private_metadata: z.string().optional() })
    .optional(),
  actions: z.array(z.looseObject({ action_id: z.string(), value: z.string().optional() })).min(1),
});
export type BlockActionBody = z.infer<typeof blockActionBody>;

export const editorsOnly = (policy: TemplateEditorPolicy, tr: Translate = translator('ja')) =>
  buildTemplateNoticeModal(
    tr('tpl.editors_only_title'),
    tr(policy.empty ? 'tpl.editors_only_empty' : 'tpl.editors_only'),
    tr,
  );

const pushLimit = (error: unknown) =>
  (error as { data?: { error?: string } }).data?.error === 'push_limit_reached';

/**
 * Inside a modal, stack the new view (or replace the top one when Slack's three-view stack is full); else
 * open one. A view still to be read (`() => Promise<ModalView>`: the catalog, the editors' user group)
 * opens as a loading view first — the first call after the ack, as the trigger_id lives 3 s — and is
 * filled in when read; a failure then says so in the modal (both languages: the reader's is not known
 * without asking Slack) and is thrown on for the listener's log.
 */
export async function showView(
  client: WebClient,
  body: BlockActionBody,
  view: ModalView | (() => Promise<ModalView>),
): Promise<void> {
  if (typeof view === 'function') {
    let opened: OpenedModal | undefined;
    try {
      opened = await openLoadingModal(client, body.trigger_id, { push: Boolean(body.view) });
    } catch (error) {
      if (!body.view || !pushLimit(error)) throw error;
    }
    try {
      const built = await view();
      if (opened) await opened.fill(built);
      else if (body.view) await client.views.update({ view_id: body.view.id, view: built });
    } catch (error) {
      await opened?.fail(bilingual, asYorisoiError(error).userMessageIn(bilingual));
      throw error;
    }
    return;
  }
  if (body.view) {
    try {
      await client.views.push({ trigger_id: body.trigger_id, view });
    } catch (error) {
      if (!pushLimit(error)) throw error;
      await client.views.update({ view_id: body.view.id, view });
    }
    return;
  }
  await client.views.open({ trigger_id: body.trigger_id, view });
}

/** Replaces the modal the action came from (or opens one when it came from a message). */
export async function replaceView(client: WebClient, body: BlockActionBody, view: ModalView): Promise<void> {
  if (body.view)
    await client.views.update({
      view_id: body.view.id,
      ...(body.view.hash ? { hash: body.view.hash } : {}),
      view,
    });
  else await client.views.open({ trigger_id: body.trigger_id, view });
}

const zTextSection = z.object({ type: z.literal('section'), text: z.object({ text: z.string() }) });

/** Bot thread messages carry the customer's words in section blocks, escaped for mrkdwn. */
export function messageWords(message: { text?: string; blocks?: unknown }): string {
  const blocks = Array.isArray(message.blocks) ? message.blocks : [];
  const sections = blocks.flatMap((b) => {
    const section = zTextSection.safeParse(b);
    return section.success ? [section.data.text.text] : [];
  });
  const text = sections.length ? sections.join('\n') : (message.text ?? '');
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
