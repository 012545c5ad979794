import type { App } from '@slack/bolt';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { registerKarteCommand } from './karte-command.ts';
import { registerTemplateCommand } from './template-command.ts';
import { registerVoiceCommand } from './voice-command.ts';
import { registerYorisoiCommand } from './yorisoi-command.ts';

export function registerCommands(app: App, deps: AppDeps) {
  registerYorisoiCommand(app, deps);
  registerVoiceCommand(app, deps);
  registerKarteCommand(app, deps);
  registerTemplateCommand(app, deps);
}
