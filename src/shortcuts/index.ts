import type { App } from '@slack/bolt';
import type { AppDeps } from '../app.ts';
import { registerDraftReplyShortcut } from './draft-reply-shortcut.ts';

export function registerShortcuts(app: App, deps: AppDeps) {
  registerDraftReplyShortcut(app, deps);
}
