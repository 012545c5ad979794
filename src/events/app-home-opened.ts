import type { App } from '@slack/bolt';
import { translator } from '../i18n/index.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { buildHomeView } from '../views/volume.ts';

/** The App Home shows today's ticket counts; it is published afresh each time it is opened. */
export function registerAppHomeOpened(app: App, deps: AppDeps) {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const [today, locale] = await Promise.all([deps.volume.today(), deps.readerLocale(event.user)]);
    await client.views.publish({ user_id: event.user, view: buildHomeView(translator(locale), today) });
  });
}
