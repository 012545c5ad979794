import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bilingual, catalogs, LOCALES, localeFromSlack, translator } from '../../src/i18n/index.ts';
import { createSimServer, type SimServer } from '../../src/sim/sim-server.ts';
import { createSlackSim } from '../../src/sim/slack/index.ts';
import { createReaderLocale } from '../../src/slack/reader-locale.ts';

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('message catalog', () => {
  const keys = new Set(LOCALES.flatMap((l) => Object.keys(catalogs[l])));

  it.each([...keys])('%s is written in every language with the same placeholders', (key) => {
    const texts = LOCALES.map((l) => (catalogs[l] as Record<string, string | undefined>)[key]);
    for (const text of texts) expect(text?.trim()).toBeTruthy();
    const [first, ...rest] = texts.map((t) => placeholders(t ?? ''));
    for (const other of rest) expect(other).toEqual(first);
  });

  it('fills placeholders and never escapes (the views escape for mrkdwn)', () => {
    expect(translator('en')('error.zendesk_rate_limited', { seconds: 30 })).toContain('about 30 seconds');
    expect(translator('ja')('error.zendesk_rate_limited', { seconds: '<&>' })).toContain('<&>');
    expect(translator('ja')('status.hold')).toBe('待機中');
    expect(bilingual('status.open')).toBe('オープン\nOpen');
  });

  it('picks the reader language from a Slack locale, else the workspace default', () => {
    expect(localeFromSlack('en-US', 'ja')).toBe('en');
    expect(localeFromSlack('ja-JP', 'en')).toBe('ja');
    expect(localeFromSlack('fr-FR', 'ja')).toBe('ja');
    expect(localeFromSlack(undefined, 'en')).toBe('en');
  });
});

describe('reader locale from Slack (users.info include_locale, through the simulator)', () => {
  let server: SimServer;
  beforeAll(async () => {
    server = createSimServer();
    const sim = createSlackSim({
      botToken: 'xoxb-locale-test',
      appToken: 'xapp-locale-test',
      signingSecret: 'locale-secret',
      teamId: 'T0LOCALE',
      mode: 'socket',
      baseUrl: () => server.baseUrl,
    });
    server.mount(sim.route, sim.upgrade);
    await server.listen();
  });
  afterAll(async () => {
    await server.close();
  });

  it('an en-US user reads English, a ja-JP user Japanese, an unknown user the default', async () => {
    const client = new WebClient('xoxb-locale-test', {
      slackApiUrl: `${server.baseUrl}/api/`,
      retryConfig: { retries: 0 },
    });
    // Slack leaves `locale` out unless include_locale is asked for.
    const plain = await client.users.info({ user: 'U0AGENT2' });
    expect((plain.user as { locale?: string }).locale).toBeUndefined();
    const readerLocale = createReaderLocale(client, 'ja');
    expect(await readerLocale('U0AGENT2')).toBe('en');
    expect(await readerLocale('U0AGENT1')).toBe('ja');
    expect(await readerLocale('U0NOBODY')).toBe('ja');
  });
});
