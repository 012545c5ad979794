import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const live = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_APP_TOKEN: 'xapp-1-abc',
  SLACK_SIGNING_SECRET: 'shh-signing',
  ZENDESK_SUBDOMAIN: 'acme',
  ZENDESK_EMAIL: 'ops@acme.test',
  ZENDESK_API_TOKEN: 'tok-123456',
  ZENDESK_WEBHOOK_SECRET: 'whsec-123456',
};

function problems(env: Record<string, string>) {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs on the simulators with no credentials and SQLite by default', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('simulated');
    expect(c.databaseUrl).toBe('file:./.yorisoi/yorisoi.db');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('goes live when Slack and Zendesk are both configured', () => {
    const c = loadConfig(live);
    expect(c.mode).toBe('live');
    expect(c.zendesk?.apiUrl).toBe('https://acme.zendesk.com/api/v2');
  });

  it('times Zendesk requests out after 15 s unless ZENDESK_TIMEOUT_SECONDS says otherwise', () => {
    expect(loadConfig(live).zendesk?.timeoutSeconds).toBe(15);
    expect(loadConfig({ ...live, ZENDESK_TIMEOUT_SECONDS: '2.5' }).zendesk?.timeoutSeconds).toBe(2.5);
    expect(problems({ ...live, ZENDESK_TIMEOUT_SECONDS: '0' })).toEqual([
      'ZENDESK_TIMEOUT_SECONDS: must be a number of seconds above 0',
    ]);
  });

  it('budgets half of the Zendesk plan by default; ZENDESK_PLAN, ZENDESK_RATE_LIMIT_PER_MINUTE and YORISOI_ZENDESK_SHARE change it', () => {
    expect(loadConfig(live).zendesk?.budget).toEqual({ planPerMinute: 200, share: 0.5 });
    expect(loadConfig({ ...live, ZENDESK_PLAN: 'enterprise' }).zendesk?.budget.planPerMinute).toBe(700);
    expect(
      loadConfig({ ...live, ZENDESK_RATE_LIMIT_PER_MINUTE: '1000', YORISOI_ZENDESK_SHARE: '0.8' }).zendesk
        ?.budget,
    ).toEqual({ planPerMinute: 1000, share: 0.8 });
    expect(problems({ ...live, ZENDESK_PLAN: 'gold', YORISOI_ZENDESK_SHARE: '2' })).toEqual([
      'ZENDESK_PLAN: must be one of team, growth, professional, enterprise, enterprise_plus',
      'YORISOI_ZENDESK_SHARE: must be a share between 0.05 and 1 (e.g. 0.5 for half the plan limit)',
    ]);
  });

  it('agent links follow ZENDESK_API_URL when no subdomain is set, never a made-up local.zendesk.com', () => {
    const { ZENDESK_SUBDOMAIN: _, ...rest } = live;
    const c = loadConfig({ ...rest, ZENDESK_API_URL: 'https://zendesk-proxy.acme.test/api/v2/' });
    expect(c.zendesk?.apiUrl).toBe('https://zendesk-proxy.acme.test/api/v2');
    expect(c.zendesk?.agentUrl).toBe('https://zendesk-proxy.acme.test');
    expect(loadConfig(live).zendesk?.agentUrl).toBe('https://acme.zendesk.com');
  });

  it('names each missing variable on its own line', () => {
    const p = problems({ SLACK_BOT_TOKEN: 'xoxb-1', ZENDESK_SUBDOMAIN: 'acme' });
    expect(p.some((l) => l.startsWith('SLACK_SIGNING_SECRET: missing'))).toBe(true);
    expect(p.some((l) => l.startsWith('SLACK_APP_TOKEN: missing'))).toBe(true);
    expect(p.some((l) => l.startsWith('ZENDESK_EMAIL: missing'))).toBe(true);
    expect(p.some((l) => l.startsWith('ZENDESK_API_TOKEN: missing'))).toBe(true);
  });

  it('names a wrong variable and says what it should be', () => {
    const p = problems({
      ...live,
      SLACK_BOT_TOKEN: 'xapp-wrong',
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
    });
    expect(p.find((l) => l.startsWith('SLACK_BOT_TOKEN'))).toMatch(/xoxb-/);
    expect(p.find((l) => l.startsWith('PORT'))).toBeDefined();
    expect(p.find((l) => l.startsWith('DATABASE_URL'))).toMatch(/file:/);
  });

  it('does not need an app token in HTTP mode', () => {
    const { SLACK_APP_TOKEN: _, ...rest } = live;
    expect(loadConfig({ ...rest, SLACK_MODE: 'http' }).slack?.mode).toBe('http');
  });
});
