import type { App } from '@slack/bolt';
import type { AppDeps } from '../app.ts';
import { registerCareChartEditSubmission } from './care-chart-edit.ts';

/** view_submission listeners (modals being saved). */
export function registerSubmissions(app: App, deps: AppDeps) {
  registerCareChartEditSubmission(app, deps);
}
