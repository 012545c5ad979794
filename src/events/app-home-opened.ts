import type { App } from '@slack/bolt';
import { translator } from '../i18n/index.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { buildHomeView } from '../views/volume.ts';

/**
 * The App Home is published afresh each time it is opened: the agent's own home (their tickets, approvals,
 * the team's lists, today's counts) when that feature is wired, else today's counts alone.
 */
export function registerAppHomeOpened(app: App, deps: AppDeps) {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    if (deps.home) {
      await deps.home.publish(event.user);
      return;
    }
    const [today, locale] = await Promise.all([deps.volume.today(), deps.readerLocale(event.user)]);
    await client.views.publish({ user_id: event.user, view: buildHomeView(translator(locale), today) });
  });
}
