import type { App } from '@slack/bolt';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { registerAppHomeOpened } from './app-home-opened.ts';

export function registerEvents(app: App, deps: AppDeps) {
  registerAppHomeOpened(app, deps);
}
