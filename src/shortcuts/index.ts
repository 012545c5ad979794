import type { App } from '@slack/bolt';
import type { AppDeps } from '../app.ts';
import { registerAddToCareChart } from './add-to-care-chart.ts';

export function registerShortcuts(app: App, deps: AppDeps) {
  registerAddToCareChart(app, deps);
}
