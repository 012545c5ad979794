import type { App } from '@slack/bolt';
import { registerActions } from '../actions/index.ts';
import { registerCommands } from '../commands/index.ts';
import { registerEvents } from '../events/index.ts';
import { registerShortcuts } from '../shortcuts/index.ts';
import { registerSubmissions } from '../submissions/index.ts';
import type { AppDeps } from './listener-deps.ts';

/** Every listener of every folder, registered on one Bolt app. */
export function registerListeners(app: App, deps: AppDeps): void {
  registerCommands(app, deps);
  registerActions(app, deps);
  registerEvents(app, deps);
  registerShortcuts(app, deps);
  registerSubmissions(app, deps);
}
