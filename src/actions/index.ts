import type { App } from '@slack/bolt';
import type { AppDeps } from '../app.ts';
import { registerCopyDiscussion } from './copy-discussion.ts';
import { registerDraftEditorActions } from './draft-editor-actions.ts';
import { registerDraftReplyButton } from './draft-reply-button.ts';
import { registerDraftThreadActions } from './draft-thread-actions.ts';

export function registerActions(app: App, deps: AppDeps) {
  registerDraftReplyButton(app, deps);
  registerDraftEditorActions(app, deps);
  registerDraftThreadActions(app, deps);
  registerCopyDiscussion(app, deps);
}
