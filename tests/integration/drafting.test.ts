import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AIKO,
  act,
  initialValue,
  KENJI,
  nextVersionOf,
  openEditorFromRoot,
  ticketWithThread,
  viewOf,
  views,
  viewText,
} from './drafting-helpers.ts';
import { repliesTo, startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox({ drafting: { undoSeconds: 1 } });
});
afterAll(async () => {
  await s?.close();
});

describe('draft reply modal', () => {
  it('open → write → close → reopen (by someone else) restores the draft; each save is a version', async () => {
    const thread = await ticketWithThread(s);
    const editor = await openEditorFromRoot(s, AIKO, thread);
    expect(viewText(editor)).toContain('Uploading a photo fails');
    const typed = {
      policy_facts: 'Account active, Android 15, app 3.2.1',
      policy_outline: 'Apologise, ask to update the app',
      reply_0: 'Taro様\nご不便をおかけして申し訳ございません。',
    };
    // Typing in the reply updates the live count (dispatch action) and autosaves the working copy.
    await act(s, AIKO, editor, 'draft_typing', { typed, value: typed.reply_0 });
    const counted = await nextVersionOf(s, AIKO, editor);
    expect(viewText(counted)).toMatch(/\*2\* lines · \*\d+\* characters/);

    const closed = await s.api('POST', `/_sim/slack/views/${editor.id}/close`, {
      user: AIKO,
      values: { [`${'policy_situation'}__r0`]: 'Probably the old app version' },
    });
    expect(closed.status).toBe(200);
    await waitFor(
      'closed draft saved as v1',
      async () => (await s.runtime.db.draftVersion.count({ where: { reason: 'close' } })) >= 1,
    );

    const reopened = await openEditorFromRoot(s, KENJI, thread);
    expect(initialValue(reopened, 'reply_0')).toBe(typed.reply_0);
    expect(initialValue(reopened, 'policy_facts')).toBe(typed.policy_facts);
    expect(initialValue(reopened, 'policy_situation')).toBe('Probably the old app version');
    expect(viewText(reopened)).toContain('v1');
    expect((await views(s, KENJI)).length).toBe(1);
  });
});
