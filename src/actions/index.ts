import type { App } from '@slack/bolt';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { registerClickAcknowledgement } from './acknowledge-clicks.ts';
import { registerAvailabilityToggle } from './availability-toggle.ts';
import { registerCareChartActions } from './care-chart-actions.ts';
import { registerDraftEditorActions } from './draft-editor-actions.ts';
import { registerDraftReplyButton } from './draft-reply-button.ts';
import { registerDraftThreadActions } from './draft-thread-actions.ts';
import { registerTakeTicket } from './take-ticket.ts';
import { registerTemplateActions } from './template-actions.ts';
import { registerVoiceRequestFollowUp } from './voice-request-follow-up.ts';
import { registerVoiceUnsubscribe } from './voice-unsubscribe.ts';

export function registerActions(app: App, deps: AppDeps) {
  registerClickAcknowledgement(app);
  registerVoiceRequestFollowUp(app, deps);
  registerVoiceUnsubscribe(app, deps);
  registerCareChartActions(app, deps);
  registerTemplateActions(app, deps);
  registerDraftReplyButton(app, deps);
  registerDraftEditorActions(app, deps);
  registerDraftThreadActions(app, deps);
  registerTakeTicket(app, deps);
  registerAvailabilityToggle(app, deps);
}
