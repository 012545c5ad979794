import type { App } from '@slack/bolt';
import type { AppDeps } from '../app.ts';
import { registerCareChartActions } from './care-chart-actions.ts';

export function registerActions(app: App, deps: AppDeps) {
  registerCareChartActions(app, deps);
}
