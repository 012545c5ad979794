import type { App } from '@slack/bolt';
import type { AppDeps } from '../app.ts';
import { registerAddToCareChart } from './add-to-care-chart.ts';
import { registerDraftReplyShortcut } from './draft-reply-shortcut.ts';
import { registerTemplateShortcuts } from './template-shortcuts.ts';

export function registerShortcuts(app: App, deps: AppDeps) {
  registerAddToCareChart(app, deps);
  registerTemplateShortcuts(app, deps);
  registerDraftReplyShortcut(app, deps);
}
