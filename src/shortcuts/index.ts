import type { App } from '@slack/bolt';
import type { AppDeps } from '../app.ts';
import { registerTemplateShortcuts } from './template-shortcuts.ts';

export function registerShortcuts(app: App, deps: AppDeps) {
  registerTemplateShortcuts(app, deps);
}
