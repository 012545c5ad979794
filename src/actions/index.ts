import type { App } from '@slack/bolt';
import type { AppDeps } from '../app.ts';
import { registerTemplateActions } from './template-actions.ts';
import { registerTemplateViews } from './template-views.ts';

export function registerActions(app: App, deps: AppDeps) {
  registerTemplateActions(app, deps);
  registerTemplateViews(app, deps);
}
