import { describe, expect, it } from 'vitest';
import { liveConnections, settingsFromConfig } from '../../src/composition/settings.ts';
import { loadConfig } from '../../src/config.ts';

const live = {
  SLACK_BOT_TOKEN: 'xoxb-1',
  SLACK_APP_TOKEN: 'xapp-1',
  SLACK_SIGNING_SECRET: 'sign',
  ZENDESK_SUBDOMAIN: 'acme',
  ZENDESK_EMAIL: 'api@example.com',
  ZENDESK_API_TOKEN: 'zd-token',
  ZENDESK_WEBHOOK_SECRET: 'hook-secret',
};

describe('settingsFromConfig (the one Config → runtime settings mapping)', () => {
  it('maps every runtime setting the environment decides', () => {
    const settings = settingsFromConfig(
      loadConfig({
        ...live,
        DATABASE_URL: 'file:./x.db',
        PORT: '4000',
        YORISOI_POLL_SECONDS: '15',
        YORISOI_SLACK_POSTS_PER_SECOND: '2',
        YORISOI_SLACK_BURST: '5',
        YORISOI_UNDO_SECONDS: '20',
        YORISOI_SUPPORT_GROUP: 'Tier 1',
        YORISOI_SERVICE_USER_ID_FIELD: 'user_field:member_no',
        YORISOI_TEMPLATE_EDITORS: 'U1,S2',
        YORISOI_ALERT_CHANNEL: 'C0ALERTS',
        YORISOI_ALERT_THRESHOLD_PER_HOUR: '50',
        YORISOI_TZ_OFFSET_MINUTES: '540',
        YORISOI_VOICE_MASK_NAMES: '山田, 佐藤',
      }),
    );
    expect(settings).toMatchObject({
      databaseUrl: 'file:./x.db',
      port: 4000,
      pollSeconds: 15,
      slackRate: { perSecond: 2, burst: 5 },
      drafting: { undoSeconds: 20, supportGroup: 'Tier 1' },
      serviceUserId: { kind: 'user_field', key: 'member_no' },
      templateEditors: ['U1', 'S2'],
      tzOffsetMinutes: 540,
      voiceMaskNames: ['山田', '佐藤'],
    });
    expect(settings.alertRules?.map((r) => [r.id, r.channelId])).toEqual([
      ['all-baseline', 'C0ALERTS'],
      ['all-threshold', 'C0ALERTS'],
    ]);
    expect(settings.alertRules?.find((r) => r.kind === 'threshold')).toMatchObject({ threshold: 50 });
  });

  it('without an alert channel there are no alert rules; the support group defaults to any agent', () => {
    const settings = settingsFromConfig(loadConfig(live));
    expect(settings.alertRules).toEqual([]);
    expect(settings.drafting).toEqual({ undoSeconds: 10, supportGroup: null });
  });

  it('live connections point at the configured workspace and Zendesk account', () => {
    expect(liveConnections(loadConfig(live))).toEqual({
      slack: {
        mode: 'socket',
        botToken: 'xoxb-1',
        appToken: 'xapp-1',
        signingSecret: 'sign',
        apiUrl: undefined,
      },
      zendesk: {
        apiUrl: 'https://acme.zendesk.com/api/v2',
        email: 'api@example.com',
        apiToken: 'zd-token',
        webhookSecret: 'hook-secret',
        timeoutSeconds: 15,
        // Team plan (200/min) by default; yorisoi uses half.
        budget: { planPerMinute: 200, share: 0.5 },
        agentUrl: 'https://acme.zendesk.com',
      },
    });
  });
});
