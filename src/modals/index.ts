import type { App } from '@slack/bolt';
import type { AppDeps } from '../app.ts';
import { registerDraftEditorSubmission } from './draft-editor-submission.ts';
import { registerSendPreviewSubmission } from './send-preview-submission.ts';
import { registerSnoozeSubmission } from './snooze-submission.ts';

/** view_submission and view_closed listeners (src/views holds the builders; these are the handlers). */
export function registerModals(app: App, deps: AppDeps) {
  registerDraftEditorSubmission(app, deps);
  registerSendPreviewSubmission(app, deps);
  registerSnoozeSubmission(app, deps);
}
