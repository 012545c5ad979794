import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIKO, inputId, openEditorFromRoot, ticketWithThread, views, viewText } from './drafting-helpers.ts';
import { startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

/**
 * views.update is tier 4 in Slack (about 100 a minute per workspace) and a 429 pauses the WebClient's
 * whole queue: the editor's live counter must not redraw the modal on every character.
 */
let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox({ drafting: { undoSeconds: 1 } });
});
afterAll(async () => {
  await s?.close();
});

const updates = async () =>
  (await s.api<{ calls: Array<{ method: string }> }>('GET', '/_sim/slack/calls?method=views.update')).body
    .calls.length;

describe('draft editor typing', () => {
  it('twenty characters typed in a burst redraw the modal a few times, not twenty, and the count ends right', async () => {
    const thread = await ticketWithThread(s, { subject: 'Typing burst' });
    const editor = await openEditorFromRoot(s, AIKO, thread);
    const before = await updates();
    const replyId = inputId(editor, 'reply_0');
    let typed = '';
    for (let i = 0; i < 20; i++) {
      typed += 'あ';
      const r = await s.api<{ acked: boolean }>('POST', '/_sim/slack/actions', {
        user: AIKO,
        view_id: editor.id,
        action_id: 'draft_typing',
        value: typed,
        values: { [replyId]: typed },
        wait_ms: 0,
      });
      expect(r.body.acked).toBe(true);
    }
    // The last state is always drawn (a trailing redraw), whatever was skipped before it.
    await waitFor('final count shown', async () =>
      (await views(s, AIKO)).find((v) => v.id === editor.id && viewText(v).includes('*20* 文字')),
    );
    expect((await updates()) - before).toBeLessThanOrEqual(5);
  }, 60_000);
});
