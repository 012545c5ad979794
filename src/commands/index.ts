import type { App } from '@slack/bolt';
import type { AppDeps } from '../app.ts';
import { registerTemplateCommand } from './template-command.ts';
import { registerYorisoiCommand } from './yorisoi-command.ts';

export function registerCommands(app: App, deps: AppDeps) {
  registerYorisoiCommand(app, deps);
  registerTemplateCommand(app, deps);
}
