import type { App } from '@slack/bolt';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { registerAssignSubmission } from './assign-submission.ts';
import { registerCareChartEditSubmission } from './care-chart-edit.ts';
import { registerDraftEditorSubmission } from './draft-editor-submission.ts';
import { registerSendPreviewSubmission } from './send-preview-submission.ts';
import { registerSnoozeSubmission } from './snooze-submission.ts';
import { registerSplitSubmission } from './split-submission.ts';
import { registerTemplateViews } from './template-submissions.ts';
import { registerVoiceFollowUpSubmission } from './voice-follow-up-submission.ts';

/** view_submission and view_closed listeners (src/views holds the modal builders; these are the handlers). */
export function registerSubmissions(app: App, deps: AppDeps) {
  registerCareChartEditSubmission(app, deps);
  registerDraftEditorSubmission(app, deps);
  registerSendPreviewSubmission(app, deps);
  registerSnoozeSubmission(app, deps);
  registerVoiceFollowUpSubmission(app, deps);
  registerTemplateViews(app, deps);
  registerSplitSubmission(app, deps);
  registerAssignSubmission(app, deps);
}
