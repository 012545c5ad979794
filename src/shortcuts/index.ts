import type { App } from '@slack/bolt';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { registerAddToCareChart } from './add-to-care-chart.ts';
import { registerCopyDiscussion } from './copy-discussion.ts';
import { registerDraftReplyShortcut } from './draft-reply-shortcut.ts';
import { registerSplitShortcut } from './split-ticket.ts';
import { registerTemplateShortcuts } from './template-shortcuts.ts';

export function registerShortcuts(app: App, deps: AppDeps) {
  registerAddToCareChart(app, deps);
  registerTemplateShortcuts(app, deps);
  registerDraftReplyShortcut(app, deps);
  registerCopyDiscussion(app, deps);
  registerSplitShortcut(app, deps);
}
